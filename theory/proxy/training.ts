/**
 * Training the RF model on a recipe with squared loss, θ_0 = 0 (this toolkit's RF formalisation):
 *
 *   GD (exact, full batch on the population moments), in the eigenbasis H_k = UΛUᵀ, z = Uᵀb_k:
 *     θ̄_T = U diag((1 − (1 − ηλ_i)^T)/λ_i) z              (also the mean path of online SGD)
 *   gradient flow:  θ̄(τ) = U diag((1 − e^{−λ_i τ})/λ_i) z,  τ = ηT
 *   online minibatch SGD (Monte Carlo): θ_{t+1} = θ_t − (η/B) Σ_i φ(x_i)(φ(x_i)ᵀθ_t − y_i), fresh
 *     corruption and label noise at every draw (single epoch, no repetition of noise).
 *
 * Two regimes over a log learning-rate grid: fixed steps T, and fixed training time τ = ηT (T = τ/η,
 * approaching gradient flow as η → 0). Diverged runs have loss +∞.
 * Wang et al., arXiv 2512.24503 (the regimes and the RF formalisation are this toolkit's).
 */
import { Rng } from "../../src/core/rng";
import { requireInteger, requireNumber, requireOneOf } from "../../src/core/validate";
import { eigenLoss, fromEigen, quadraticLoss, type QuadraticLoss, type RecipeModel } from "./problem";
import { logGrid } from "../../src/core/grid";
import { ParameterError, requireObject } from "../../src/core/validate";
import { requireQuadraticLoss, requireRecipeModel } from "./checkModel";

/** Training regime: fixed step budget, or fixed training time η·T. */
export type Regime = "fixed-time" | "fixed-steps";
export const REGIMES: readonly Regime[] = ["fixed-time", "fixed-steps"];
/** Optimiser: exact GD on the population loss, or Monte Carlo online SGD. */
export type Optimizer = "sgd" | "gd";
export const OPTIMIZERS: readonly Optimizer[] = ["sgd", "gd"];

/** A loss above DIVERGENCE_FACTOR·(1 + ℓ_val(0)) (or non-finite) marks a diverged run. */
export const DIVERGENCE_FACTOR = 1e6;

export { logGrid }; // n log-spaced points from lo to hi inclusive (src/core/grid.ts)

/** Learning-rate grid with `perDecade` points per decade from lo to hi (≥ 3 decades by default: 1e-2 … 10). */
export function lrGrid(lo = 1e-2, hi = 10, perDecade = 4): number[] {
  requireNumber("lr", lo, { gt: 0 });
  requireNumber("lr", hi, { gt: lo });
  const n = Math.round(Math.log10(hi / lo) * perDecade) + 1;
  return logGrid(lo, hi, n);
}

/** Options that fix the step count of a regime. */
export interface RegimeOptions {
  regime: Regime;
  /** steps T of the fixed-steps regime */
  steps?: number;
  /** training time τ = ηT of the fixed-time regime */
  time?: number;
  /** cap on T in the fixed-time regime (the cap is reported) */
  maxSteps?: number;
}

/** Steps T for learning rate η: T = steps (fixed-steps) or max(1, round(τ/η)) capped at maxSteps (fixed-time). */
export function stepsFor(eta: number, o: RegimeOptions): number {
  requireNumber("lr", eta, { gt: 0 });
  requireOneOf("regime", o.regime, REGIMES);
  if (o.regime === "fixed-steps") return requireInteger("steps", o.steps ?? 1000, { min: 1 });
  const tau = requireNumber("time", o.time ?? 1000, { gt: 0 });
  const cap = requireInteger("maxSteps", o.maxSteps ?? 1e6, { min: 1 });
  return Math.min(cap, Math.max(1, Math.round(tau / eta)));
}

/** Loss at θ = 0: ½ c_v. */
export const initialLoss = (val: QuadraticLoss): number => 0.5 * requireQuadraticLoss("val", val).c;

/**
 * Eigen-coordinates of the GD mean path θ̄_T: w_i = z_i (1 − (1 − ηλ_i)^T)/λ_i (λ_i → 0: ηT z_i). With
 * weight decay ω (θ ← θ − η(∇ℓ_k(θ) + ωθ)) the curvature of every direction is λ_i + ω.
 */
export function gdEigenPath(r: RecipeModel, eta: number, T: number, weightDecay = 0): Float64Array {
  requireNumber("lr", eta, { gt: 0 });
  requireInteger("steps", T, { min: 0 });
  requireRecipeModel("r", r);
  const wd = requireNumber("weightDecay", weightDecay, { min: 0 });
  const w = new Float64Array(r.m);
  const floor = 1e-13 * (r.lambda[0] || 1);
  for (let i = 0; i < r.m; i++) {
    const l = r.lambda[i] + wd;
    if (l <= floor) {
      w[i] = eta * T * r.z[i];
      continue;
    }
    const x = eta * l;
    const oneMinusPow = x < 1 ? -Math.expm1(T * Math.log1p(-x)) : 1 - Math.pow(1 - x, T);
    w[i] = (r.z[i] * oneMinusPow) / l;
  }
  return w;
}

/** Eigen-coordinates of the gradient-flow path θ̄(τ): w_i = z_i (1 − e^{−λ_i τ})/λ_i. */
export function flowEigenPath(r: RecipeModel, tau: number): Float64Array {
  requireNumber("time", tau, { min: 0, allowInfinity: true });
  requireRecipeModel("r", r);
  const w = new Float64Array(r.m);
  const floor = 1e-13 * (r.lambda[0] || 1);
  for (let i = 0; i < r.m; i++) {
    const l = r.lambda[i];
    if (l <= floor) w[i] = tau === Infinity ? 0 : tau * r.z[i];
    else w[i] = tau === Infinity ? r.z[i] / l : (-Math.expm1(-l * tau) * r.z[i]) / l;
  }
  return w;
}

/** A training outcome: validation loss (+∞ if diverged) and the flag. */
export interface TrainResult {
  loss: number;
  diverged: boolean;
}

function divergence(loss: number, val: QuadraticLoss): TrainResult {
  const bad = !Number.isFinite(loss) || loss > DIVERGENCE_FACTOR * (1 + initialLoss(val));
  return bad ? { loss: Infinity, diverged: true } : { loss, diverged: false };
}

/** Exact validation loss after T full-batch GD steps at lr η (weight decay ω, default 0) on recipe r (closed form in the eigenbasis). */
export function gdLoss(r: RecipeModel, val: QuadraticLoss, eta: number, T: number, weightDecay = 0): TrainResult {
  requireQuadraticLoss("val", val);
  return divergence(eigenLoss(r, val.c, gdEigenPath(r, eta, T, weightDecay)), val);
}

/** Exact validation loss of gradient flow at time τ (τ = ∞: the converged least-squares solution H⁺b). */
export function flowLoss(r: RecipeModel, val: QuadraticLoss, tau: number): number {
  requireQuadraticLoss("val", val);
  return eigenLoss(r, val.c, flowEigenPath(r, tau));
}

/** θ̄_T in the original coordinates. */
export function gdParameters(r: RecipeModel, eta: number, T: number, weightDecay = 0): Float64Array {
  return fromEigen(r, gdEigenPath(r, eta, T, weightDecay));
}

/** GD by iterating θ ← θ − η(H_kθ − b_k + ωθ) (for checking the closed form). */
export function gdByRecursion(r: RecipeModel, eta: number, T: number, weightDecay = 0): Float64Array {
  requireRecipeModel("r", r);
  requireNumber("lr", eta, { gt: 0 });
  requireInteger("steps", T, { min: 0 });
  const m = r.m;
  let th = new Float64Array(m);
  for (let t = 0; t < T; t++) {
    const nx = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let s = -r.b[i] + weightDecay * th[i];
      for (let j = 0; j < m; j++) s += r.H[i * m + j] * th[j];
      nx[i] = th[i] - eta * s;
    }
    th = nx;
  }
  return th;
}

/** Pool features in compressed sparse rows (ReLU features are about half zeros). */
export interface SparseRows {
  start: Int32Array;
  idx: Int32Array;
  vals: Float64Array;
}

const sparseCache = new WeakMap<Float64Array, SparseRows>();

/** CSR form of a recipe's pool features Φ (cached per feature matrix). */
export function sparseRows(r: RecipeModel): SparseRows {
  requireRecipeModel("r", r);
  if (!r.Phi || !r.pool) throw new ParameterError("r", `${r.name} without features`, "a recipe model built with its pool features (keepFeatures: true)");
  const hit = sparseCache.get(r.Phi);
  if (hit) return hit;
  const { Phi } = r;
  const n = r.pool.n;
  const m = r.m;
  let nnz = 0;
  for (let i = 0; i < Phi.length; i++) if (Phi[i] !== 0) nnz++;
  const start = new Int32Array(n + 1);
  const idx = new Int32Array(nnz);
  const vals = new Float64Array(nnz);
  let q = 0;
  for (let row = 0; row < n; row++) {
    start[row] = q;
    for (let j = 0; j < m; j++) {
      const v = Phi[row * m + j];
      if (v !== 0) {
        idx[q] = j;
        vals[q++] = v;
      }
    }
  }
  start[n] = q;
  const sp = { start, idx, vals };
  sparseCache.set(Phi, sp);
  return sp;
}

/** Options of one SGD run. */
export interface SgdOptions {
  eta: number;
  steps: number;
  /** minibatch size B (default 8) */
  batch?: number;
  /** weight decay ω ≥ 0 (default 0): θ ← θ − η(ĝ + ωθ) */
  weightDecay?: number;
  rng: Rng;
}

/**
 * One online minibatch SGD run on recipe r (needs its pool features), θ_0 = 0: each step draws B inputs
 * uniformly from the pool, with fresh corruption (label → 0 w.p. 1 − keep) and fresh N(0, σ²) noise;
 * weight decay ω shrinks θ by (1 − ηω) before the gradient step.
 * Returns the exact validation loss of the last iterate (+∞ if the iterate blew up).
 */
export function sgdRun(r: RecipeModel, val: QuadraticLoss, o: SgdOptions): TrainResult & { theta: Float64Array } {
  requireRecipeModel("r", r);
  if (requireQuadraticLoss("val", val).m !== r.m) throw new ParameterError("val.m", val.m, `= r.m = ${r.m}`);
  requireObject("o", o, "SGD options {eta, steps, batch, rng}");
  if (!(o.rng instanceof Rng)) throw new ParameterError("rng", typeof o.rng, "an Rng (a seeded stream)");
  const eta = requireNumber("lr", o.eta, { gt: 0 });
  const T = requireInteger("steps", o.steps, { min: 1 });
  const B = requireInteger("batch", o.batch ?? 8, { min: 1 });
  const shrink = 1 - eta * requireNumber("weightDecay", o.weightDecay ?? 0, { min: 0 });
  if (!r.Phi || !r.pool) throw new ParameterError("r", `${r.name} without features`, "a recipe model built with its pool features (keepFeatures: true)");
  const { pool } = r;
  const sp = sparseRows(r);
  const m = r.m;
  const n = pool.n;
  const rng = o.rng;
  const th = new Float64Array(m);
  const g = new Float64Array(m);
  const scale = eta / B;
  const limit = 1e12 * (1 + val.c);
  const { start, idx, vals } = sp;
  for (let t = 0; t < T; t++) {
    g.fill(0);
    for (let k = 0; k < B; k++) {
      const i = rng.int(n);
      const a = start[i];
      const e = start[i + 1];
      let pred = 0;
      for (let q = a; q < e; q++) pred += vals[q] * th[idx[q]];
      const kept = rng.uniform() < pool.keep[i];
      const sd = pool.sd[i];
      const y = (kept ? pool.clean[i] : 0) + (sd > 0 ? sd * rng.normal() : 0);
      const res = pred - y;
      if (res !== 0) for (let q = a; q < e; q++) g[idx[q]] += res * vals[q];
    }
    let norm = 0;
    for (let j = 0; j < m; j++) {
      th[j] = shrink * th[j] - scale * g[j];
      norm += th[j] * th[j];
    }
    if (!(norm < limit)) return { loss: Infinity, diverged: true, theta: th };
  }
  return { ...divergence(quadraticLoss(val, th), val), theta: th };
}
