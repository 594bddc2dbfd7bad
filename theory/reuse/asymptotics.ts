/**
 * Leading-order formulas of Yan et al., "Larger Datasets Can Be Repeated More" (arXiv 2511.13421),
 * and Muennighoff et al.'s data-constrained fit, "Scaling Data-Constrained Language Models" (arXiv
 * 2305.16264). The Theorem 4.1/4.2 constants are those reported for the paper by secondary summaries;
 * the Zipf constants are derived here for this toolkit's reconstruction of the Section 5 model.
 */
import { gamma } from "../../src/core/special";
import { minEigen, requireZipfModel, trace, type ZipfModel } from "../../src/core/spectra";
import { ParameterError, requireNumber } from "../../src/core/validate";
import { requireLinearProblem, type LinearProblem } from "./problem";

/** A finite result, or an error naming the argument that drove it out of the doubles. */
function finite(value: number, name: string, arg: number): number {
  if (!Number.isFinite(value)) throw new ParameterError(name, arg, `small enough for the formula to stay finite in doubles (got ${value})`);
  return value;
}

/** Thm 4.1, K = o(log N): R̄*(K,N) ≈ σ² tr H/(8 λ_d) · ln(KN)/(KN). */
export function thm41RiskSmallK(problem: LinearProblem, K: number, N: number): number {
  requireLinearProblem(problem);
  requireNumber("K", K, { min: 1 });
  requireNumber("N", N, { min: 1 });
  if (!(K * N > 1)) throw new ParameterError("N", N, "such that K·N > 1 (ln(KN)/(KN) is the leading order for large KN)");
  const s2 = problem.sigma ** 2;
  return ((s2 * trace(problem.lambda)) / (8 * minEigen(problem.lambda))) * (Math.log(K * N) / (K * N));
}

/** Thm 4.1, K = ω(log N): R̄*(K,N) ≈ σ² d/(2N). */
export function thm41RiskLargeK(problem: LinearProblem, N: number): number {
  requireLinearProblem(problem);
  requireNumber("N", N, { min: 1 });
  return (problem.sigma ** 2 * problem.lambda.length) / (2 * N);
}

/** Thm 4.2 plateau slope: E(K,N) ≈ tr H/(4 λ_d d) · ln N for K = ω(log N). */
export function thm42PlateauSlope(problem: LinearProblem): number {
  requireLinearProblem(problem);
  return trace(problem.lambda) / (4 * minEigen(problem.lambda) * problem.lambda.length);
}

/** Thm 4.2: E(K,N) ≈ min(K, tr H/(4 λ_d d) · ln N) (leading order; the two regimes joined at K*). */
export function thm42ReuseRate(problem: LinearProblem, K: number, N: number): number {
  requireNumber("K", K, { min: 1, allowInfinity: true });
  requireNumber("N", N, { gt: 1 });
  return Math.min(K, thm42PlateauSlope(problem) * Math.log(N));
}

/** Thm 5.2 plateau exponent b/(a − b): E(∞,N) = Θ(N^{b/(a−b)}). */
export function thm52PlateauExponent(a: number, b: number): number {
  requireNumber("b", b, { min: 0 });
  requireNumber("a", a, { gt: b + 1 });
  return b / (a - b);
}

/** Thm 5.1 exponents: small K, R̄* ≍ (KN)^{−(a−1)/a}; large K, R̄* ≍ N^{−(a−1)/(a−b)}. */
export function thm51Exponents(a: number, b: number): { smallK: number; largeK: number } {
  requireNumber("b", b, { min: 0 });
  requireNumber("a", a, { gt: b + 1 });
  return { smallK: -(a - 1) / a, largeK: -(a - 1) / (a - b) };
}

/** Zipf one-pass asymptote (w* = 1, derived): R̄*(1,T) ≈ Γ((a−1)/a)/(2a) · Z^{−1/a} · (2T)^{−(a−1)/a}. */
export function zipfOnePassAsymptote(model: ZipfModel, T: number): number {
  requireZipfModel(model);
  requireNumber("T", T, { gt: 0 });
  const { a, Z } = model;
  return finite((gamma((a - 1) / a) / (2 * a)) * Math.pow(Z, -1 / a) * Math.pow(2 * T, -(a - 1) / a), "T", T);
}

/** Zipf K = ∞ asymptote (w* = 1, derived): R̄(∞,N) ≈ Γ((a−1)/α)/(2αZ) · (N/Z)^{−(a−1)/α}, α = a − b. */
export function zipfInfiniteKAsymptote(model: ZipfModel, N: number): number {
  requireZipfModel(model);
  requireNumber("N", N, { gt: 0 });
  const { a, b, Z } = model;
  const al = a - b;
  if (!(al > 1)) throw new ParameterError("model.a", a, `> b + 1 = ${b + 1} for the K = ∞ asymptote`);
  return finite((gamma((a - 1) / al) / (2 * al * Z)) * Math.pow(N / Z, -(a - 1) / al), "N", N);
}

/** Zipf plateau asymptote (derived): E_sat ≈ ½ C^{a/(a−1)} N^{b/(a−b)}, C = (α/a) Z^{1−1/a−(a−1)/α} Γ((a−1)/a)/Γ((a−1)/α). */
export function zipfPlateauAsymptote(model: ZipfModel, N: number): number {
  requireZipfModel(model);
  requireNumber("N", N, { min: 1 });
  const { a, b, Z } = model;
  const al = a - b;
  if (!(al > 1)) throw new ParameterError("model.a", a, `> b + 1 = ${b + 1} for the plateau asymptote`);
  const C = (al / a) * Math.pow(Z, 1 - 1 / a - (a - 1) / al) * (gamma((a - 1) / a) / gamma((a - 1) / al));
  return finite(0.5 * Math.pow(C, a / (a - 1)) * Math.pow(N, b / al), "N", N);
}

/** The paper's fit of the Zipf plateau at a = 4.5, b = 1 (secondary): E ≈ 0.245 · N^0.279. */
export const PAPER_ZIPF_PLATEAU_FIT = { coefficient: 0.245, exponent: 0.279, a: 4.5, b: 1 } as const;

/** Muennighoff et al.'s R*_D for repeated data (quoted as 15.39 by Yan et al.). */
export const MUENNIGHOFF_RSTAR = 15.39;

/** Muennighoff et al.'s implied reuse rate E_M(K) = 1 + R*(1 − e^{−(K−1)/R*}), independent of N. */
export function muennighoffReuseRate(K: number, Rstar = MUENNIGHOFF_RSTAR): number {
  requireNumber("K", K, { min: 1, allowInfinity: true });
  requireNumber("Rstar", Rstar, { gt: 0 });
  if (K === Infinity) return 1 + Rstar;
  return 1 + Rstar * -Math.expm1(-(K - 1) / Rstar);
}

/** The paper's LLM fit of the saturation point (secondary; unit of N and log base unknown): K(0.75,N) ≈ 0.80 ln N + 5.21. */
export const PAPER_LLM_SATURATION_FIT = { slope: 0.8, intercept: 5.21, r: 0.97 } as const;

/**
 * Slope of E(∞,N)^{1/b} against ln N in the log-power-law Zipf model (`logPowerZipfModel`: p_i ∝ i^{−α},
 * Λ_i = (1 + ln i)^{−b}), derived here for Yan et al.'s Thm 5.3 (E(∞,N) = Θ(log^b N)): the tokens that
 * matter after N samples have ln i ≈ ln N/α, one pass learns them at rate ≈ 2Λ_i p_i and K = ∞ at
 * rate p_i, so E(∞,N) ≈ 1/(2Λ_i) ≈ ½ (ln N/α)^b, i.e. E^{1/b} ≈ ln N/(2^{1/b} α) + O(1).
 */
export function thm53PlateauSlope(alpha: number, b: number): number {
  requireNumber("alpha", alpha, { gt: 1 });
  requireNumber("b", b, { gt: 0 });
  return 1 / (Math.pow(2, 1 / b) * alpha);
}
