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
 * E(∞,N) over a grid of N, each η search warm-started: the one-pass η that reaches the OLS risk falls
 * roughly like 1/N, so the guess is the previous η·N_prev/N, corrected by the drift of η·N over the two
 * previous N (extrapolated in ln N). A guess that does not bracket the optimum falls back to the full search.
 */
export function plateauReuseRates(problem: LinearProblem, Ns: readonly number[]): PlateauRate[] {
  const seen: Array<{ N: number; eta: number }> = [];
  return Ns.map((N) => {
    let guess: number | undefined;
    const k = seen.length;
    if (k >= 1) {
      const p1 = seen[k - 1];
      guess = (p1.eta * p1.N) / N;
      if (k >= 2) {
        const p2 = seen[k - 2];
        const step = Math.log(p1.N / p2.N);
        if (step > 0 && N > p1.N) guess *= Math.pow((p1.eta * p1.N) / (p2.eta * p2.N), Math.log(N / p1.N) / step);
      }
    }
    const r = plateauReuseRate(problem, N, { etaGuess: guess });
    seen.push({ N, eta: r.eta });
    return r;
  });
}
