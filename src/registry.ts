/**
 * The registry: every folder of results, and through them every result, claim and figure of the
 * toolkit. Adding a result folder is one line in FOLDERS.
 */
import { isPremiseId } from "./core/claim";
import type { Claim } from "./core/claim";
import type { FigureDef } from "./core/figure";
import type { ResultFolder } from "./core/folder";
import { folderOf, ID_PATTERN, type ResultDef } from "./core/result";
import { ParameterError } from "./core/validate";
import { reuse } from "./reuse";
import { skills } from "./skills";
import { proxy } from "./proxy";

/** The result folders, in report order. */
export const FOLDERS: readonly ResultFolder[] = [reuse, skills, proxy];

/** Every claim, in report order. */
export const claims: readonly Claim[] = FOLDERS.flatMap((f) => f.claims);
/** Every figure, in report order. */
export const figures: readonly FigureDef[] = FOLDERS.flatMap((f) => f.figures);
/** Every declared result, and every result a claim or figure needs. */
export const results: readonly ResultDef<any, any>[] = [...new Set([...FOLDERS.flatMap((f) => [...f.results, ...(f.study ? [f.study] : [])]), ...claims.flatMap((c) => c.needs), ...figures.flatMap((f) => f.needs)])];

/** Problems with the registry (ids not `<folder>.<slug>`, ids in the wrong folder, duplicates); empty when sound. */
export function registryProblems(): string[] {
  const out: string[] = [];
  for (const f of FOLDERS) {
    const items: Array<[string, string]> = [...f.results.map((r) => ["result", r.id] as [string, string]), ...f.claims.map((c) => ["claim", c.id] as [string, string]), ...f.figures.map((g) => ["figure", g.id] as [string, string])];
    if (f.study) items.push(["study", f.study.id]);
    for (const [kind, id] of items) {
      if (!ID_PATTERN.test(id)) out.push(`${kind} id "${id}" is not <folder>.<slug>`);
      if (folderOf(id) !== f.name) out.push(`${kind} id "${id}" is registered in folder ${f.name}`);
    }
  }
  for (const [kind, list] of [["result", results], ["claim", claims], ["figure", figures]] as const) {
    const seen = new Set<string>();
    for (const x of list) {
      if (seen.has(x.id)) out.push(`${kind} id "${x.id}" is declared twice`);
      seen.add(x.id);
    }
  }
  // a premise is a registered claim named as one, and no premise rests on another premise's failure silently
  for (const c of claims) {
    for (const p of c.premises ?? []) {
      if (!claims.includes(p)) out.push(`claim "${c.id}" rests on premise "${p.id}", which is not registered`);
      if (!isPremiseId(p.id)) out.push(`claim "${c.id}" rests on "${p.id}", whose id does not contain "premise"`);
      if (p.premises?.length) out.push(`premise "${p.id}" has premises of its own`);
    }
  }
  return out;
}

/** Does selection item `k` (a folder, an id or an id prefix) pick `x`? */
const picks = (k: string) => (x: { id: string }): boolean => x.id === k || folderOf(x.id) === k || x.id.startsWith(k);

/**
 * The items of a comma-separated selection, each checked: none may be empty (an empty selection is
 * a mistake, not "everything") and each must pick something in one of `lists` (else the error says
 * which item matches `nothingText`).
 */
function selectionKeys(only: string, name: string, what: string, nothingText: string, lists: ReadonlyArray<readonly { id: string }[]>): string[] {
  const want = `comma-separated folders (${FOLDERS.map((f) => f.name).join(", ")}), ${what}`;
  const keys = only.split(",").map((s) => s.trim());
  if (keys.some((k) => k === "")) throw new ParameterError(name, only, `${want}, none of them empty`);
  for (const k of keys) if (!lists.some((l) => l.some(picks(k)))) throw new ParameterError(name, only, `${want}; "${k}" matches ${nothingText}`);
  return keys;
}

function select<T extends { id: string }>(kind: string, list: readonly T[], only: string | undefined, name: string): T[] {
  if (only === undefined) return [...list];
  const keys = selectionKeys(only, name, `${kind} ids or id prefixes`, `no ${kind}`, [list]);
  return list.filter((x) => keys.some((k) => picks(k)(x)));
}

/**
 * Claims by folder, id or id prefix (comma-separated; all when absent). Every item must match a claim
 * and none may be empty; `name` is the parameter named in errors.
 */
export function selectClaims(only?: string, name = "only"): Claim[] {
  return select("claim", claims, only, name);
}

/** Figures by folder, id or id prefix (comma-separated; all when absent). */
export function selectFigures(only?: string, name = "only"): FigureDef[] {
  return select("figure", figures, only, name);
}

/**
 * Claims and figures by folder, id or id prefix (comma-separated; all when absent): each item must
 * match a claim or a figure, and none may be empty.
 */
export function selectClaimsAndFigures(only?: string, name = "only"): { claims: Claim[]; figures: FigureDef[] } {
  if (only === undefined) return { claims: [...claims], figures: [...figures] };
  const keys = selectionKeys(only, name, "claim or figure ids, or id prefixes", "nothing", [claims, figures]);
  return { claims: claims.filter((c) => keys.some((k) => picks(k)(c))), figures: figures.filter((f) => keys.some((k) => picks(k)(f))) };
}

/** A figure by id. */
export function findFigure(id: string): FigureDef {
  const f = figures.find((x) => x.id === id);
  if (!f) throw new ParameterError("figure id", id, `one of ${figures.map((x) => x.id).join(", ")}`);
  return f;
}

/** A result by id. */
export function findResult(id: string): ResultDef<any, any> {
  const r = results.find((x) => x.id === id);
  if (!r) throw new ParameterError("result id", id, `one of ${results.map((x) => x.id).join(", ")}`);
  return r;
}

/** The folders that have a transformer study. */
export function studyFolders(): ResultFolder[] {
  return FOLDERS.filter((f) => f.study);
}

/** The transformer study of a folder. */
export function findStudy(name: string): ResultDef<any, any> {
  const f = FOLDERS.find((x) => x.name === name && x.study);
  if (!f) throw new ParameterError("study", name, `one of ${studyFolders().map((x) => x.name).join(", ")}`);
  return f.study!;
}
