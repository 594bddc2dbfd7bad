/**
 * E(K,N) = N′/N from a K-epoch risk (the effective reuse rate of Yan et al., arXiv 2511.13421): N′ solves R̄*(1,N′) = R̄*(K,N),
 * the one-pass side at its own optimal η.
 */
import { optimalOverEta, type McSummary } from "./monteCarlo";
import { invertOnePass } from "./optimalRate";
import type { LinearProblem } from "./problem";
import { ParameterError, requireInteger, requireNumber } from "../../src/core/validate";

/** E = N′/N for a K-epoch risk `risk` on N samples. */
export function effectiveReuseRate(problem: LinearProblem, risk: number, N: number): number {
  requireNumber("risk", risk, { gt: 0 });
  requireInteger("N", N, { min: 1 });
  return invertOnePass(problem, risk).N / N;
}

/** E(K,N) from a Monte Carlo summary: optimal η over the grid (parabolic refinement), E, and its standard error. */
export interface McReuseRate {
  K: number;
  E: number;
  /** standard error of E, by the delta method through the inversion (risk ± se) */
  se: number;
  /** R̄*(K,N) estimated at the refined optimal η */
  risk: number;
  eta: number;
}

/** E(K,N) at epoch K from a multi-epoch Monte Carlo summary over N samples. */
export function mcReuseRate(problem: LinearProblem, summary: McSummary, K: number, N: number): McReuseRate {
  if (summary === null || typeof summary !== "object" || !Array.isArray(summary.mean) || !Array.isArray(summary.se)) {
    throw new ParameterError("summary", summary, "a Monte Carlo summary (summarizeMc) { etas, Kmax, runs, mean, se }");
  }
  requireInteger("K", K, { min: 1, max: summary.Kmax });
  requireInteger("N", N, { min: 1 });
  const best = optimalOverEta(
    summary.mean.map((row) => row[K - 1]),
    summary.se.map((row) => row[K - 1]),
    summary.etas,
  );
  const E = effectiveReuseRate(problem, best.risk, N);
  const lo = effectiveReuseRate(problem, best.risk + best.se, N);
  const hi = effectiveReuseRate(problem, Math.max(best.risk - best.se, best.risk * 1e-3), N);
  return { K, E, se: Math.abs(hi - lo) / 2, risk: best.risk, eta: best.eta };
}
