/**
 * Learning-rate-optimised one-pass risk R̄*(1,T) = min_η R̄(1,T;η) and its inverse
 * (Yan et al., arXiv 2511.13421, definition of the effective reuse rate: each side gets its own optimal η;
 * the search and the inversion are this toolkit's numerics).
 */
import { bracketMinimumLog, findRootLog, minimizeBounded } from "../../src/core/optimize";
import { maxEigen } from "../../src/core/spectra";
import { ParameterError, requireNumber } from "../../src/core/validate";
import { maxEta, onePassModes, riskFromModes, stationaryRisk, type OnePassModes } from "./onePass";
import { requireLinearProblem, type LinearProblem } from "./problem";

/** Largest step count of the optimal one-pass risk (checked against Thm 4.1's ln T/T up to here; near 1e100 the search for η* ≈ ln T/(2λ_d T) loses the risk to rounding). */
export const MAX_ONE_PASS_T = 1e50;

/** R̄*(1,T) with its optimal η. */
export interface OptimalRisk {
  risk: number;
  eta: number;
  /** number of eigen-decompositions (η evaluations) used */
  evaluations: number;
  converged: boolean;
  /** the optimum sits on the upper end of the allowed η range (e.g. tiny T) */
  atUpperBound: boolean;
}

/** Minimise g(ln η) over [lo, hi]: a coarse log grid, then Brent inside the bracket. */
function minimizeOverEta(g: (eta: number) => number, lo: number, hi: number, lntol: number, gridPoints = 10) {
  const br = bracketMinimumLog(g, lo, hi, gridPoints);
  let evaluations = gridPoints;
  if (!br.found) {
    const atUpper = br.fc <= br.fa;
    // the minimum is at an end of the grid: refine between the last two grid points on that side
    const a = atUpper ? br.b : br.a;
    const c = atUpper ? br.c : br.b;
    const r = minimizeBounded((u) => g(Math.exp(u)), Math.log(a), Math.log(c), { xtol: lntol, rtol: 0 });
    evaluations += r.evaluations;
    return { eta: Math.exp(r.x), value: r.fun, evaluations, converged: r.converged, atUpperBound: atUpper && r.atBound === "upper" };
  }
  const r = minimizeBounded((u) => g(Math.exp(u)), Math.log(br.a), Math.log(br.c), { xtol: lntol, rtol: 0 });
  evaluations += r.evaluations;
  return { eta: Math.exp(r.x), value: r.fun, evaluations, converged: r.converged, atUpperBound: false };
}

/**
 * Minimise g(ln η) near a guess: g at guess/1.04, guess, 1.04·guess (moved inside [lo, hi]), walking on
 * by steps of 1.04 toward the lower end while that end is the lowest (at most 12 steps); then Brent inside the
 * three-point bracket. null when no bracket is found that way (the caller then searches the whole range).
 */
function warmMinimizeOverEta(g: (eta: number) => number, lo: number, hi: number, guess: number, lntol: number) {
  const f = 1.04;
  if (!(hi > lo * f * f)) return null;
  // keep the three points inside [lo, hi] (the optimum often sits just below hi, where the stationary risk reaches the target)
  const centre = Math.min(Math.max(guess, lo * f), hi / f);
  let x = [centre / f, centre, Math.min(hi, centre * f)];
  let y = x.map(g);
  let evaluations = 3;
  for (let step = 0; step < 12 && !(y[1] <= y[0] && y[1] <= y[2]); step++) {
    const down = y[0] < y[2];
    const nx = down ? Math.max(lo, x[0] / f) : Math.min(hi, x[2] * f);
    if (nx === x[0] || nx === x[2]) return null;
    const ny = g(nx);
    evaluations++;
    if (down) {
      x = [nx, x[0], x[1]];
      y = [ny, y[0], y[1]];
    } else {
      x = [x[1], x[2], nx];
      y = [y[1], y[2], ny];
    }
  }
  if (!(y[1] <= y[0] && y[1] <= y[2])) return null;
  const r = minimizeBounded((u) => g(Math.exp(u)), Math.log(x[0]), Math.log(x[2]), { xtol: lntol, rtol: 0 });
  // Brent never evaluates its bracket's middle point: keep it if it is lower still
  const better = y[1] < r.fun;
  return { eta: better ? x[1] : Math.exp(r.x), value: better ? y[1] : r.fun, evaluations: evaluations + r.evaluations, converged: r.converged, atUpperBound: false };
}

/** R̄*(1,T): exact one-pass risk at the best constant η ∈ (0, min(1/tr H, stability)]. */
export function optimalOnePassRisk(problem: LinearProblem, T: number, opts: { lntol?: number } = {}): OptimalRisk {
  requireLinearProblem(problem);
  requireNumber("T", T, { min: 1, max: MAX_ONE_PASS_T });
  if (opts.lntol !== undefined) requireNumber("lntol", opts.lntol, { gt: 0 });
  const hi = maxEta(problem);
  // η* ≈ ln T/(2 λ_d T) for large T; search well below 1/(λ_1 T) up to the bound
  const lo = Math.min(hi * 1e-3, 0.05 / (maxEigen(problem.lambda) * T));
  const r = minimizeOverEta((eta) => riskFromModes(onePassModes(problem, eta), T), lo, hi, opts.lntol ?? 1e-7, 14);
  if (!Number.isFinite(r.value) || !Number.isFinite(r.eta) || (problem.sigma > 0 && !(r.value > 0))) {
    throw new ParameterError("T", T, `small enough for the optimal one-pass risk to be computed in doubles (got risk = ${r.value})`);
  }
  return { risk: r.value, eta: r.eta, evaluations: r.evaluations, converged: r.converged, atUpperBound: r.atUpperBound };
}

/** Steps T at which one-pass SGD at fixed η first reaches `target` (real T; Infinity if never). */
export function stepsToReach(modes: OnePassModes, target: number): number {
  requireNumber("target", target, { gt: 0 });
  if (!(target > modes.stationaryRisk)) return Infinity;
  if (riskFromModes(modes, 0) <= target) return 0;
  let hi = 1;
  while (riskFromModes(modes, hi) > target) {
    hi *= 16;
    if (hi > 1e300) return Infinity;
  }
  const lo = hi / 16;
  if (lo < 1 && riskFromModes(modes, lo) <= target) {
    return findRootLog((T) => riskFromModes(modes, T) - target, 1e-12, hi, { lntol: 1e-13 }).x;
  }
  return findRootLog((T) => riskFromModes(modes, T) - target, Math.max(lo, 1e-12), hi, { lntol: 1e-13 }).x;
}

/** Result of inverting the optimal one-pass risk. */
export interface InverseResult {
  /** N′ (real) with R̄*(1,N′) = target */
  N: number;
  /** the one-pass η that reaches the target first (0 when the untrained model already reaches it, N = 0) */
  eta: number;
  evaluations: number;
  converged: boolean;
}

/**
 * Invert R̄*(1,N′) = target for real N′: N′ = min_η T_η(target), where T_η is the step
 * count at which constant-η SGD reaches the target; η ranges below the stationary-risk limit.
 */
export function invertOnePass(problem: LinearProblem, target: number, opts: { lntol?: number; etaGuess?: number } = {}): InverseResult {
  requireLinearProblem(problem);
  requireNumber("target", target, { gt: 0 });
  if (opts.lntol !== undefined) requireNumber("lntol", opts.lntol, { gt: 0 });
  if (opts.etaGuess !== undefined) requireNumber("etaGuess", opts.etaGuess, { gt: 0 });
  const r0 = riskOfZero(problem);
  if (r0 === 0) {
    // w* = 0: never training is optimal, R̄*(1,N′) = 0 for every N′, so N′ (and E) is undefined
    throw new ParameterError("wstar", 0, "non-zero (with w* = 0 the untrained model is optimal and the effective reuse rate is undefined)");
  }
  if (target >= r0) return { N: 0, eta: 0, evaluations: 0, converged: true };
  const top = maxEta(problem);
  // the stationary risk ½σ² s/(1−s) rises with η: η must stay below where it equals the target
  let etaFeasible = top;
  if (stationaryRisk(problem, top) >= target) {
    const floor = top * 1e-30;
    if (stationaryRisk(problem, floor) >= target) {
      throw new ParameterError("target", target, `> ${stationaryRisk(problem, floor)} (unreachable by one-pass SGD)`);
    }
    etaFeasible = findRootLog((eta) => stationaryRisk(problem, eta) - target, floor, top, { lntol: 1e-12 }).x;
  }
  const hi = etaFeasible * (1 - 1e-9);
  const lo = hi * 1e-5;
  const g = (eta: number): number => {
    const T = stepsToReach(onePassModes(problem, eta), target);
    return Number.isFinite(T) ? Math.log(Math.max(T, 1e-300)) : 1e300;
  };
  const r = (opts.etaGuess !== undefined ? warmMinimizeOverEta(g, lo, hi, opts.etaGuess, opts.lntol ?? 1e-7) : null) ?? minimizeOverEta(g, lo, hi, opts.lntol ?? 1e-7, 10);
  const N = Math.exp(r.value);
  if (!Number.isFinite(N) || r.value >= 1e299) {
    throw new ParameterError("target", target, `reachable by one-pass SGD (above its limit for this problem)`);
  }
  return { N, eta: r.eta, evaluations: r.evaluations, converged: r.converged };
}

/** R(w0 = 0) = ½ Σ λ_i (w*_i)². */
export function riskOfZero(problem: LinearProblem): number {
  requireLinearProblem(problem);
  let r = 0;
  for (let i = 0; i < problem.lambda.length; i++) r += problem.lambda[i] * problem.wstar[i] * problem.wstar[i];
  return 0.5 * r;
}
