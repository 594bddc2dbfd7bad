/**
 * The linear-regression problem of Yan et al., "Larger Datasets Can Be Repeated More" (arXiv 2511.13421):
 * x with diagonal covariance H = diag(λ), y = ⟨w*, x⟩ + ξ, E ξ² = σ², excess risk R(w) = ½ (w−w*)ᵀH(w−w*).
 */
import { requireNumber, requireOneOf, requireVector, ParameterError } from "../../src/core/validate";
import type { ResourceEstimate } from "../../src/core/resources";

/** Feature law: Gaussian x ~ N(0,H) (fourth-moment κ = 2) or x = H^{1/2} z with Rademacher z (κ = 0). */
export type Features = "gaussian" | "rademacher";
export const FEATURES: readonly Features[] = ["gaussian", "rademacher"];

/** A diagonal linear-regression problem. */
export interface LinearProblem {
  /** eigenvalues λ_i of H */
  lambda: Float64Array;
  /** target w*_i in the eigenbasis */
  wstar: Float64Array;
  /** label-noise standard deviation σ */
  sigma: number;
  features: Features;
}

/** κ of the feature law: the diagonal recursion's ρ_i = 1 − 2ηλ_i + κη²λ_i². */
export function kappa(features: Features): number {
  return features === "gaussian" ? 2 : 0;
}

const checked = new WeakSet<object>();

/**
 * Validate a problem built by hand (not by `linearProblem`): a non-empty positive finite spectrum,
 * w* finite and as long as it, σ ≥ 0 finite, a known feature law. Checked once per object.
 */
export function requireLinearProblem(problem: LinearProblem, name = "problem"): LinearProblem {
  if (problem === null || typeof problem !== "object") throw new ParameterError(name, problem, "a linear problem { lambda, wstar, sigma, features }");
  if (checked.has(problem)) return problem;
  requireVector(`${name}.lambda`, problem.lambda, { gt: 0 });
  requireVector(`${name}.wstar`, problem.wstar);
  if (problem.wstar.length !== problem.lambda.length) {
    throw new ParameterError(`${name}.wstar.length`, problem.wstar.length, `equal to d = ${problem.lambda.length}`);
  }
  requireNumber(`${name}.sigma`, problem.sigma, { min: 0 });
  requireOneOf(`${name}.features`, problem.features, FEATURES);
  checked.add(problem);
  return problem;
}

/** Validate and build a problem; w* defaults to all ones. */
export function linearProblem(
  lambda: Float64Array,
  opts: { sigma: number; wstar?: Float64Array | number; features?: Features },
): LinearProblem {
  requireVector("lambda", lambda, { gt: 0 });
  const sigma = requireNumber("sigma", opts.sigma, { min: 0 });
  const features = requireOneOf("features", opts.features ?? "gaussian", FEATURES);
  let wstar: Float64Array;
  if (opts.wstar === undefined || typeof opts.wstar === "number") {
    wstar = new Float64Array(lambda.length).fill(requireNumber("wstar", opts.wstar ?? 1));
  } else {
    if (opts.wstar.length !== lambda.length) {
      throw new ParameterError("wstar.length", opts.wstar.length, `equal to d = ${lambda.length}`);
    }
    requireVector("wstar", opts.wstar);
    wstar = opts.wstar;
  }
  const problem = { lambda, wstar, sigma, features };
  checked.add(problem);
  return problem;
}

/**
 * Memory and work of the closed forms on a d-dimensional problem, pure: λ and w* plus up to six
 * working d-vectors (the one-pass modes of a η evaluation, copies for worker threads), and about 300
 * evaluations of O(d) each per (N, K) cell (η search and inversion).
 */
export function linearProblemCost(d: number, cells = 1): ResourceEstimate {
  return { bytes: 8 * 8 * d, largestArray: 8 * d, ops: cells * 300 * 10 * d };
}
