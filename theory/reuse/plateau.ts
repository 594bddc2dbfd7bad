/**
 * The K → ∞ plateau of E(K,N) for linear regression (derived here; it reproduces the large-K line of
 * Yan et al., arXiv 2511.13421, Theorems 4.1–4.2): for large K the best K-epoch run approaches the
 * least-squares fit, whose risk is ½σ² E tr(H (XᵀX)⁻¹).
 */
import { ParameterError, requireInteger } from "../../src/core/validate";
import { invertOnePass } from "./optimalRate";
import { requireLinearProblem, type LinearProblem } from "./problem";

/**
 * Least-squares (OLS) excess risk on N samples: σ² d/(2(N − d − 1)) exactly for Gaussian features
 * (needs N > d + 1); σ² d/(2N) to leading order otherwise (needs N ≥ d).
 */
export function olsRisk(problem: LinearProblem, N: number): number {
  requireLinearProblem(problem);
  const d = problem.lambda.length;
  const s2 = problem.sigma * problem.sigma;
  if (problem.features === "gaussian") {
    requireInteger("N", N, { min: d + 2 });
    return (s2 * d) / (2 * (N - d - 1));
  }
  requireInteger("N", N, { min: d });
  return (s2 * d) / (2 * N);
}

/** E(∞,N) by the shortcut: the root N′ of R̄*(1,N′) = OLS risk, divided by N. */
export function plateauReuseRate(problem: LinearProblem, N: number): { E: number; risk: number; Nprime: number; eta: number } {
  requireLinearProblem(problem);
  if (problem.sigma === 0) {
    throw new ParameterError("sigma", 0, "> 0 for the plateau shortcut (with σ = 0 the OLS risk is 0 and E(∞,N) = ∞)");
  }
  const risk = olsRisk(problem, N);
  const inv = invertOnePass(problem, risk);
  return { E: inv.N / N, risk, Nprime: inv.N, eta: inv.eta };
}
