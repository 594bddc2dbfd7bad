/**
 * Helpers that keep notebooks thin: the scale from the environment, one shared runner per scale
 * (each result computed or loaded once per notebook session), results, figures and claims by id.
 */
import type { ClaimOutcome } from "./core/claim";
import type { PlotlyFigure } from "./core/figure";
import type { ResultDef } from "./core/result";
import { SCALES, type Scale } from "./core/scale";
import { ParameterError } from "./core/validate";
import { show, showMarkdown, showTable } from "./plot/notebook";
import { formatValue } from "./plot/report";
import { FOLDERS, findFigure, findResult, selectClaims } from "./registry";
import { evaluateClaims } from "./run/evaluate";
import { Runner } from "./run/runner";

/** The scale notebooks run at: DATALAWS_SCALE (ci | small | paper), default `small`. */
export function notebookScale(): Scale {
  const s = process.env.DATALAWS_SCALE ?? "small";
  if (!(SCALES as readonly string[]).includes(s)) throw new ParameterError("DATALAWS_SCALE", s, `one of ${SCALES.join(", ")}`);
  return s as Scale;
}

const runners = new Map<Scale, Runner>();

/** The runner shared by every helper at a scale (created on first use). */
export function notebookRunner(scale: Scale = notebookScale()): Runner {
  let r = runners.get(scale);
  if (!r) {
    // in a notebook, say what is computed (with its progress), not what is merely loaded
    r = new Runner({ scale, log: (line) => (line.endsWith(": loaded") ? undefined : process.stderr.write(line + "\n")) });
    runners.set(scale, r);
  }
  return r;
}

/**
 * The value of a result (by id or definition) at the notebook scale, computed once per session and
 * stored; `overrides` replace fields of its config (e.g. `{ seeds: 6 }`), an unknown field is an error.
 */
export async function result<V = any>(idOrDef: string | ResultDef<any, V>, overrides?: Record<string, unknown>, scale: Scale = notebookScale()): Promise<V> {
  const def = typeof idOrDef === "string" ? findResult(idOrDef) : idOrDef;
  return notebookRunner(scale).get(def, overrides) as Promise<V>;
}

/** Draw a registered figure by id at a scale (its results computed or loaded once). */
export async function buildFigure(id: string, scale: Scale = notebookScale()): Promise<PlotlyFigure> {
  const def = findFigure(id);
  return def.build(await notebookRunner(scale).results(def.needs), scale);
}

/** Draw and display a registered figure in the notebook, with its caption underneath. */
export async function showFigure(id: string, scale: Scale = notebookScale()): Promise<void> {
  const def = findFigure(id);
  await show(await buildFigure(id, scale));
  showMarkdown(`*${def.caption}*`);
}

/** True if a claim needs a transformer study. */
function needsStudy(needs: readonly ResultDef<any, any>[]): boolean {
  return needs.some((n) => FOLDERS.some((f) => f.study === n));
}

/**
 * Judge the claims of a folder (or id prefix) and return their outcomes. `includeStudies: false`
 * leaves out the claims that need a transformer study.
 */
export async function checkClaims(only: string, scale: Scale = notebookScale(), opts: { includeStudies?: boolean } = {}): Promise<ClaimOutcome[]> {
  const claims = selectClaims(only).filter((c) => opts.includeStudies !== false || !needsStudy(c.needs));
  return evaluateClaims(claims, notebookRunner(scale));
}

/** Display claim outcomes as a table: verdict, id, measured, predicted, tolerance, seconds. */
export function showClaims(outcomes: ClaimOutcome[]): void {
  showTable(
    outcomes.map((o) => ({
      verdict: o.verdict,
      claim: o.id,
      statement: o.error ? `${o.statement} (error: ${o.error})` : o.statement,
      measured: formatValue(o.measured ?? "—"),
      predicted: formatValue(o.predicted ?? "—"),
      tolerance: formatValue(o.tolerance ?? "—"),
      seconds: o.seconds.toFixed(1),
    })),
  );
}
