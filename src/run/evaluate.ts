/**
 * Claims and figures through a runner: each asks for the results it declared (computed once per
 * run, whoever asks first) and is judged or drawn from them. Failures are values: a result that
 * cannot be computed makes an `error` outcome naming it, and the others go on.
 */
import type { Claim, ClaimOutcome } from "../core/claim";
import type { FigureDef, PlotlyFigure } from "../core/figure";
import { ParameterError } from "../core/validate";
import type { Runner } from "./runner";

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split("\n")[0];

/** Judge a claim on its results (its premises, if any, are judged first: see `Claim.premises`). */
export async function evaluateClaim(claim: Claim, runner: Runner, judged: Map<Claim, ClaimOutcome> = new Map()): Promise<ClaimOutcome> {
  const done = judged.get(claim);
  if (done) return done;
  const premises: ClaimOutcome[] = [];
  for (const p of claim.premises ?? []) premises.push(await evaluateClaim(p, runner, judged));
  const t0 = Date.now();
  const head = { id: claim.id, paper: claim.paper, statement: claim.statement };
  let out: ClaimOutcome;
  try {
    const results = await runner.results(claim.needs);
    const ev = claim.evidence(results, runner.scale);
    out = { ...head, ...ev, seconds: (Date.now() - t0) / 1000 };
    const failed = premises.find((p) => p.verdict !== "pass");
    if (failed) out = { ...out, verdict: "inconclusive", premise: { id: failed.id, verdict: failed.verdict, statement: failed.statement, withheld: ev.verdict } };
  } catch (e) {
    out = { ...head, verdict: "error", error: message(e), seconds: (Date.now() - t0) / 1000 };
  }
  judged.set(claim, out);
  return out;
}

/**
 * Judge claims one after the other (`onEach` as each finishes). A premise is judged once, before the
 * claims that rest on it, and reported where the selection lists it.
 */
export async function evaluateClaims(claims: readonly Claim[], runner: Runner, onEach?: (o: ClaimOutcome) => void): Promise<ClaimOutcome[]> {
  const judged = new Map<Claim, ClaimOutcome>();
  const out: ClaimOutcome[] = [];
  for (const c of claims) {
    const o = await evaluateClaim(c, runner, judged);
    onEach?.(o);
    out.push(o);
  }
  return out;
}

/** A drawn figure, or the error that prevented it. */
export type FigureOutcome = { def: FigureDef; figure: PlotlyFigure; seconds: number } | { def: FigureDef; error: string; seconds: number };

/**
 * Parameter overrides of a figure, spread over its results: each field goes to every result the figure
 * needs whose config has it (`{N: [...]}` redraws an E-vs-K figure at other N). A field that none of
 * them has is an error listing the fields there are.
 */
export function figureOverrides(def: FigureDef, scale: Runner["scale"], overrides: Record<string, unknown>): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const fields = new Set<string>();
  for (const [k, v] of Object.entries(overrides)) {
    let used = false;
    for (const r of def.needs) {
      const config = r.config(scale) as Record<string, unknown>;
      for (const f of Object.keys(config)) fields.add(f);
      if (!Object.hasOwn(config, k)) continue;
      out.set(r.id, { ...(out.get(r.id) ?? {}), [k]: v });
      used = true;
    }
    if (!used) throw new ParameterError(`${def.id} parameter`, k, `one of the fields of its results' configs: ${[...fields].sort().join(", ")}`);
  }
  return out;
}

/** Draw a figure from its results (with `overrides`, from results at those parameters: see `figureOverrides`). */
export async function drawFigure(def: FigureDef, runner: Runner, overrides?: Record<string, unknown>): Promise<FigureOutcome> {
  const t0 = Date.now();
  try {
    const perResult = overrides ? figureOverrides(def, runner.scale, overrides) : undefined;
    const results = await runner.results(def.needs, perResult ? (d) => perResult.get(d.id) : undefined);
    return { def, figure: def.build(results, runner.scale), seconds: (Date.now() - t0) / 1000 };
  } catch (e) {
    return { def, error: message(e), seconds: (Date.now() - t0) / 1000 };
  }
}
