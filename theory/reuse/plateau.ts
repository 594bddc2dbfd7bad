/**
 * The K → ∞ plateau E(∞,N) of Yan et al., arXiv 2511.13421 (Theorems 4.1–4.2, large-K line; the
 * shortcut is derived here): for large K the best K-epoch run converges to the least-squares (OLS) fit
 * on the N samples, whose excess risk is ½σ² E tr(H(XᵀX)⁻¹) = ½σ² E tr((ZᵀZ)⁻¹) (olsTrace.ts), and
 * E(∞,N) = N′/N with R̄*(1,N′) equal to that risk.
 */
import { ParameterError } from "../../src/core/validate";
import { expectedInverseGramTrace } from "./olsTrace";
import { invertOnePass } from "./optimalRate";
import { requireLinearProblem, type LinearProblem } from "./problem";

/** How the OLS risk was obtained: exact (Gaussian features) or the third-order expansion (Rademacher). */
export type OlsMethod = "exact" | "expansion";

/** Least-squares (OLS) excess risk on N samples, ½σ² E tr((ZᵀZ)⁻¹), and how it was obtained. */
export function olsRiskWithMethod(problem: LinearProblem, N: number): { risk: number; method: OlsMethod } {
  requireLinearProblem(problem);
  const t = expectedInverseGramTrace(problem.lambda.length, N, problem.features);
  return { risk: 0.5 * problem.sigma * problem.sigma * t.value, method: t.method };
}

/**
 * Least-squares (OLS) excess risk on N samples: σ² d/(2(N − d − 1)) exactly for Gaussian features
 * (N ≥ d + 2); for Rademacher features ½σ² times the expansion of E tr((ZᵀZ)⁻¹) in olsTrace.ts
 * (N ≥ 2d and N − d + 1 ≥ 30).
 */
export function olsRisk(problem: LinearProblem, N: number): number {
  return olsRiskWithMethod(problem, N).risk;
}

/** E(∞,N) with the OLS risk it matches, the one-pass N′ and η that reach it, and how the OLS risk was obtained. */
export interface PlateauRate {
  E: number;
  risk: number;
  Nprime: number;
  eta: number;
  olsMethod: OlsMethod;
}

/**
 * E(∞,N) by the shortcut: the root N′ of R̄*(1,N′) = OLS risk, divided by N. `etaGuess` (the one-pass
 * η of a nearby N) narrows the η search; the answer is the same to the search tolerance.
 */
export function plateauReuseRate(problem: LinearProblem, N: number, opts: { etaGuess?: number } = {}): PlateauRate {
  requireLinearProblem(problem);
  if (problem.sigma === 0) {
    throw new ParameterError("sigma", 0, "> 0 for the plateau shortcut (with σ = 0 the OLS risk is 0 and E(∞,N) = ∞)");
  }
  const ols = olsRiskWithMethod(problem, N);
  const inv = invertOnePass(problem, ols.risk, { etaGuess: opts.etaGuess });
  return { E: inv.N / N, risk: ols.risk, Nprime: inv.N, eta: inv.eta, olsMethod: ols.method };
}

/**
 * E(∞,N) over a grid of N, each η search warm-started from the previous N's η scaled by N_prev/N
 * (the one-pass η that reaches the OLS risk falls roughly like 1/N); a guess that does not bracket the
 * optimum falls back to the full search.
 */
export function plateauReuseRates(problem: LinearProblem, Ns: readonly number[]): PlateauRate[] {
  let prev: { N: number; eta: number } | undefined;
  return Ns.map((N) => {
    const r = plateauReuseRate(problem, N, { etaGuess: prev ? (prev.eta * prev.N) / N : undefined });
    prev = { N, eta: r.eta };
    return r;
  });
}
