/**
 * Fit the planner's model (model.ts) to a one-pass curve: weighted least squares on ln L,
 *   min Σ_j w_j [ln L_j − ln(L∞ + A·R̄(1, t_j/c))]²,
 * over a, c, A and L∞ ∈ [0, min L) with β, η and d held fixed (β and η are not identifiable from
 * one pass: see model.ts). Weights w_j are the half-gaps of ln t around each point (normalised to mean 1), so
 * every decade of tokens counts the same however densely it was logged. Parametrised without
 * bounds (a = 1 + e^u, c = e^v, A = e^w, L∞ = min L · logistic(z)) and solved by Levenberg–Marquardt
 * from the best of a few starts (a power-law fit for a and L∞, a scan of c). Deterministic.
 */
import { levenbergMarquardt } from "../../core/leastSquares";
import { requireNumber } from "../../core/validate";
import type { OnePassCurve } from "./csv";
import { requireOnePassCurve } from "./checkCurve";
import { DEFAULT_D, DEFAULT_ETA, plannerRisk, type PlannerParams } from "./model";

/** A fitted one-pass curve. */
export interface OnePassFit {
  params: PlannerParams;
  /** residual standard deviation of ln L (unweighted residuals, n − 4 degrees of freedom) */
  sigma: number;
  /** fitted ln L residuals, per point (measured − fitted) */
  residuals: number[];
  /** weights of the points */
  weights: number[];
  /** token range of the curve */
  tokenRange: [number, number];
  iterations: number;
  converged: boolean;
}

/** Options of the fit. */
export interface FitOptions {
  /** β = b/(a − 1) (fixed; default DEFAULT_BETA via the caller) */
  beta: number;
  /** per-visit learning rate η (fixed; default DEFAULT_ETA) */
  eta?: number;
  /** items of the Zipf model (default DEFAULT_D) */
  d?: number;
  /** a start point (e.g. the fit of the same curve before resampling): the fit starts there alone */
  start?: PlannerParams;
  /** skip `requireOnePassCurve` (for resampled curves of a curve already checked) */
  checked?: boolean;
}

const logistic = (z: number): number => 1 / (1 + Math.exp(-z));
const logit = (p: number): number => Math.log(p / (1 - p));

/** Weights: half the ln t gap on each side, normalised to mean 1. */
export function logSpacingWeights(tokens: readonly number[]): number[] {
  const x = tokens.map(Math.log);
  const n = x.length;
  const w = x.map((_, j) => 0.5 * ((j + 1 < n ? x[j + 1] - x[j] : 0) + (j > 0 ? x[j] - x[j - 1] : 0)));
  const mean = w.reduce((s, v) => s + v, 0) / n;
  return w.map((v) => v / mean);
}

/** Fit with β fixed. Throws a CurveError for an unusable curve. */
export function fitOnePass(curve: OnePassCurve, opts: FitOptions): OnePassFit {
  if (!opts.checked) requireOnePassCurve(curve);
  const beta = requireNumber("beta", opts.beta, { gt: 0, lt: 1 });
  const d = opts.d ?? DEFAULT_D;
  requireNumber("d", d, { min: 2 });
  const eta = requireNumber("eta", opts.eta ?? DEFAULT_ETA, { gt: 0, max: 1 });
  const { tokens, loss } = curve;
  const n = tokens.length;
  const lnL = loss.map(Math.log);
  const w = logSpacingWeights(tokens);
  const sw = w.map(Math.sqrt);
  const Lmin = Math.min(...loss);
  const toParams = (x: number[]): PlannerParams => ({ a: 1 + Math.exp(x[0]), beta, eta, c: Math.exp(x[1]), A: Math.exp(x[2]), Linf: Lmin * logistic(x[3]), d });
  const residuals = (x: number[]): number[] => {
    const p = toParams(x);
    if (!(p.a < 60 && p.a - 1 > 1e-6 && p.c > 0 && p.c < Infinity && p.A < Infinity)) return tokens.map(() => NaN);
    return tokens.map((t, j) => sw[j] * (lnL[j] - Math.log(p.Linf + p.A * plannerRisk(p, 1, t / p.c))));
  };
  const cost = (x: number[]): number => residuals(x).reduce((s, r) => s + r * r, 0);

  // starts: for each L∞ on a grid, a power law ln(L − L∞) = ln B − α ln t gives a = 1/(1 − α); then c on a
  // grid (A matched at the middle point)
  const starts: Array<{ x: number[]; cost: number }> = [];
  const lnT = tokens.map(Math.log);
  const jMid = Math.floor(n / 2);
  for (const f of opts.start ? [] : [0, 0.5, 0.8, 0.9, 0.95, 0.99]) {
    const Linf = f * Lmin;
    const y = loss.map((l) => Math.log(l - Linf));
    const mx = lnT.reduce((s, v, j) => s + w[j] * v, 0) / n;
    const my = y.reduce((s, v, j) => s + w[j] * v, 0) / n;
    let sxy = 0;
    let sxx = 0;
    lnT.forEach((v, j) => ((sxy += w[j] * (v - mx) * (y[j] - my)), (sxx += w[j] * (v - mx) ** 2)));
    const alpha = Math.min(0.95, Math.max(0.02, -sxy / sxx));
    const a = 1 / (1 - alpha);
    for (let e = -4; e <= 1; e++) {
      const c = tokens[0] * Math.pow(10, e);
      const R = plannerRisk({ a, beta, d, eta }, 1, tokens[jMid] / c);
      const A = (loss[jMid] - Linf) / R;
      if (!(A > 0 && Number.isFinite(A))) continue;
      const x = [Math.log(a - 1), Math.log(c), Math.log(A), logit(Math.min(Math.max(f, 1e-3), 1 - 1e-3))];
      const cst = cost(x);
      if (Number.isFinite(cst)) starts.push({ x, cost: cst });
    }
  }
  if (opts.start) {
    const s = opts.start;
    const x = [Math.log(s.a - 1), Math.log(s.c), Math.log(s.A), logit(Math.min(Math.max(s.Linf / Lmin, 1e-3), 1 - 1e-3))];
    const cst = cost(x);
    if (Number.isFinite(cst)) starts.push({ x, cost: cst });
  }
  starts.sort((u, v) => u.cost - v.cost);
  let best: ReturnType<typeof levenbergMarquardt> | undefined;
  for (const s of starts.slice(0, opts.start ? 1 : 3)) {
    const r = levenbergMarquardt(residuals, s.x, { maxIterations: 200, ftol: 1e-10 });
    if (!best || r.cost < best.cost) best = r;
  }
  if (!best) throw new Error("internal: no finite start for the one-pass fit");
  const params = toParams(best.x);
  const res = best.residuals.map((r, j) => r / sw[j]);
  const sigma = Math.sqrt(res.reduce((s, r) => s + r * r, 0) / Math.max(1, n - 4));
  return { params, sigma, residuals: res, weights: w, tokenRange: [tokens[0], tokens[n - 1]], iterations: best.iterations, converged: best.converged };
}
