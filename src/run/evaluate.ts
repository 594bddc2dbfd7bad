/**
 * Claims and figures through a runner: each asks for the results it declared (computed once per
 * run, whoever asks first) and is judged or drawn from them. Failures are values: a result that
 * cannot be computed makes an `error` outcome naming it, and the others go on.
 */
import type { Claim, ClaimOutcome } from "../core/claim";
import type { FigureDef, PlotlyFigure } from "../core/figure";
import type { Runner } from "./runner";

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split("\n")[0];

/** Judge a claim on its results. */
export async function evaluateClaim(claim: Claim, runner: Runner): Promise<ClaimOutcome> {
  const t0 = Date.now();
  const head = { id: claim.id, paper: claim.paper, statement: claim.statement };
  try {
    const results = await runner.results(claim.needs);
    const ev = claim.evidence(results, runner.scale);
    return { ...head, ...ev, seconds: (Date.now() - t0) / 1000 };
  } catch (e) {
    return { ...head, verdict: "error", error: message(e), seconds: (Date.now() - t0) / 1000 };
  }
}

/** Judge claims one after the other (`onEach` as each finishes). */
export async function evaluateClaims(claims: readonly Claim[], runner: Runner, onEach?: (o: ClaimOutcome) => void): Promise<ClaimOutcome[]> {
  const out: ClaimOutcome[] = [];
  for (const c of claims) {
    const o = await evaluateClaim(c, runner);
    onEach?.(o);
    out.push(o);
  }
  return out;
}

/** A drawn figure, or the error that prevented it. */
export type FigureOutcome = { def: FigureDef; figure: PlotlyFigure; seconds: number } | { def: FigureDef; error: string; seconds: number };

/** Draw a figure from its results. */
export async function drawFigure(def: FigureDef, runner: Runner): Promise<FigureOutcome> {
  const t0 = Date.now();
  try {
    const results = await runner.results(def.needs);
    return { def, figure: def.build(results, runner.scale), seconds: (Date.now() - t0) / 1000 };
  } catch (e) {
    return { def, error: message(e), seconds: (Date.now() - t0) / 1000 };
  }
}
