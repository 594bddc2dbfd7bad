/**
 * E(K,N) = N′/N from a K-epoch risk (the effective reuse rate of Yan et al., arXiv 2511.13421): N′ solves R̄*(1,N′) = R̄*(K,N),
 * the one-pass side at its own optimal η.
 */
import { mergeEtaCurves, optimalOverEta } from "./etaOptimum";
import type { McSummary } from "./monteCarlo";
import { invertOnePass } from "./optimalRate";
import type { LinearProblem } from "./problem";
import { ParameterError, requireInteger, requireNumber } from "../../src/core/validate";

/** E = N′/N for a K-epoch risk `risk` on N samples. */
export function effectiveReuseRate(problem: LinearProblem, risk: number, N: number): number {
  requireNumber("risk", risk, { gt: 0 });
  requireInteger("N", N, { min: 1 });
  return invertOnePass(problem, risk).N / N;
}

/** E(K,N) from a Monte Carlo summary: optimal η (etaOptimum.ts), E, and its standard error. */
export interface McReuseRate {
  K: number;
  E: number;
  /**
   * standard error of E, by the delta method through the inversion (risk ± s) with s² = se² + interpolation
   * error² (se: Monte Carlo standard error of the risk at the optimum; interpolation error: `EtaOptimum`)
   */
  se: number;
  /** R̄*(K,N) estimated at the optimal η */
  risk: number;
  eta: number;
  /** true if the grid was refined around the minimum (`refinement` given); without it E is biased by the grid (several %) */
  refined: boolean;
  /** the grid minimum is at an end of the η grid (widen the grid) */
  atEdge: boolean;
}

/**
 * E(K,N) at epoch K from a multi-epoch Monte Carlo summary over N samples. `refinement` is the summary of
 * the same runs (same seed and runs: common random numbers) at the η of `refinementEtas` for this K's
 * column, simulated to at least K epochs; it is merged with the grid before the minimum is taken.
 */
export function mcReuseRate(problem: LinearProblem, summary: McSummary, K: number, N: number, refinement?: McSummary): McReuseRate {
  const isSummary = (s: unknown): s is McSummary =>
    s !== null && typeof s === "object" && Array.isArray((s as McSummary).mean) && Array.isArray((s as McSummary).se) && Array.isArray((s as McSummary).etas);
  if (!isSummary(summary)) throw new ParameterError("summary", summary, "a Monte Carlo summary (summarizeMc) { etas, Kmax, runs, mean, se }");
  requireInteger("K", K, { min: 1, max: summary.Kmax });
  requireInteger("N", N, { min: 1 });
  let curve = { etas: summary.etas, mean: summary.mean.map((row) => row[K - 1]), se: summary.se.map((row) => row[K - 1]) };
  if (refinement !== undefined) {
    if (!isSummary(refinement)) throw new ParameterError("refinement", refinement, "a Monte Carlo summary (summarizeMc) { etas, Kmax, runs, mean, se }");
    requireInteger("refinement.Kmax", refinement.Kmax, { min: K });
    if (refinement.runs !== summary.runs) throw new ParameterError("refinement.runs", refinement.runs, `equal to summary.runs = ${summary.runs} (the same runs)`);
    curve = mergeEtaCurves(curve, { etas: refinement.etas, mean: refinement.mean.map((row) => row[K - 1]), se: refinement.se.map((row) => row[K - 1]) });
  }
  const best = optimalOverEta(curve.mean, curve.se, curve.etas);
  const s = Math.hypot(best.se, best.interpolationError);
  const E = effectiveReuseRate(problem, best.risk, N);
  const lo = effectiveReuseRate(problem, best.risk + s, N);
  const hi = effectiveReuseRate(problem, Math.max(best.risk - s, best.risk * 1e-3), N);
  return { K, E, se: Math.abs(hi - lo) / 2, risk: best.risk, eta: best.eta, refined: refinement !== undefined && best.refined, atEdge: best.atEdge };
}
