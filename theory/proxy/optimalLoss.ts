/**
 * The "optimal achievable loss" of a recipe (the objective of Wang et al., arXiv 2512.24503; its RF versions
 * below are this toolkit's): the validation loss reachable once
 * the training hyperparameters are tuned for that recipe. Three versions:
 *
 *   L*_k(m)     = min_{τ ≥ 0} ℓ_val(θ̄_k(τ))          tuned over lr × steps, no SGD noise (gradient flow)
 *   L*conv_k(m) = ℓ_val(H_k⁺ b_k)                      η → 0 trained to convergence (ridgeless limit)
 *   L*emp_k(m)  = min_{η, T ∈ grid} E ℓ_val(θ_T)        literal tuning over a grid (exact GD here; SGD in src/run)
 *
 * plus the ridge path ℓ_val((H_k + ρI)⁻¹ b_k) (kernel ridge regression in the RF span) tuned over ρ.
 * Which version the paper's Theorem 1 uses is not stated; L*_k at the target width is this
 * toolkit's default.
 */
import { bracketMinimumLog, minimizeLog } from "../../src/core/optimize";
import { ParameterError, requireInteger, requireNumber, requireObject, requireVector } from "../../src/core/validate";
import { requireQuadraticLoss, requireRecipeModel } from "./checkModel";
import { eigenLoss, type QuadraticLoss, type RecipeModel } from "./problem";
import { flowLoss, gdLoss } from "./training";

/** Result of tuning: the best loss, where it was reached, and whether it sits at the search bound. */
export interface OptimalLoss {
  loss: number;
  /** the argmin (training time τ, or ridge ρ) */
  at: number;
  atBound: "lower" | "upper" | null;
}

/** L*_k = min over τ ∈ [tauMin, tauMax] of the gradient-flow validation loss (log grid, then Brent). */
export function optimalFlowLoss(r: RecipeModel, val: QuadraticLoss, opts: { tauMin?: number; tauMax?: number; grid?: number } = {}): OptimalLoss {
  checkPair(r, val);
  requireObject("opts", opts);
  if (opts.grid !== undefined) requireInteger("grid", opts.grid, { min: 3 });
  const lo = requireNumber("tauMin", opts.tauMin ?? 0.1, { gt: 0 });
  const hi = requireNumber("tauMax", opts.tauMax ?? 1e6, { gt: lo });
  const f = (tau: number) => flowLoss(r, val, tau);
  const br = bracketMinimumLog(f, lo, hi, opts.grid ?? 200);
  if (!br.found) {
    const lower = br.fa <= br.fc && br.a === lo;
    const x = lower ? lo : hi;
    return { loss: Math.min(f(lo), f(hi)), at: x, atBound: lower ? "lower" : "upper" };
  }
  const res = minimizeLog(f, br.a, br.c, { lntol: 1e-6 });
  return res.fun <= br.fb ? { loss: res.fun, at: res.x, atBound: null } : { loss: br.fb, at: br.b, atBound: null };
}

/** r and val: a recipe model and a validation loss of the same dimension. */
function checkPair(r: RecipeModel, val: QuadraticLoss): void {
  requireRecipeModel("r", r);
  if (requireQuadraticLoss("val", val).m !== r.m) throw new ParameterError("val.m", val.m, `= r.m = ${r.m}`);
}

/** L*conv_k = ℓ_val(H_k⁺ b_k): eigen-directions with λ_i ≤ rcond·λ_max are dropped (pseudo-inverse). */
export function convergedLoss(r: RecipeModel, val: QuadraticLoss, rcond = 1e-10): number {
  checkPair(r, val);
  requireNumber("rcond", rcond, { min: 0, lt: 1 });
  const w = new Float64Array(r.m);
  const cut = rcond * r.lambda[0];
  for (let i = 0; i < r.m; i++) w[i] = r.lambda[i] > cut ? r.z[i] / r.lambda[i] : 0;
  return eigenLoss(r, val.c, w);
}

/** Ridge solution's validation loss ℓ_val((H_k + ρI)⁻¹ b_k). */
export function ridgeLoss(r: RecipeModel, val: QuadraticLoss, rho: number): number {
  requireNumber("rho", rho, { min: 0 });
  checkPair(r, val);
  const w = new Float64Array(r.m);
  for (let i = 0; i < r.m; i++) w[i] = r.lambda[i] + rho > 0 ? r.z[i] / (r.lambda[i] + rho) : 0;
  return eigenLoss(r, val.c, w);
}

/** min over ρ ∈ [rhoMin, rhoMax] of the ridge loss (kernel ridge in the RF span, tuned). */
export function optimalRidgeLoss(r: RecipeModel, val: QuadraticLoss, opts: { rhoMin?: number; rhoMax?: number } = {}): OptimalLoss {
  checkPair(r, val);
  requireObject("opts", opts);
  const lo = requireNumber("rhoMin", opts.rhoMin ?? 1e-8, { gt: 0 });
  const hi = requireNumber("rhoMax", opts.rhoMax ?? 10, { gt: lo });
  const f = (rho: number) => ridgeLoss(r, val, rho);
  const br = bracketMinimumLog(f, lo, hi, 120);
  if (!br.found) return { loss: Math.min(f(lo), f(hi)), at: f(lo) <= f(hi) ? lo : hi, atBound: f(lo) <= f(hi) ? "lower" : "upper" };
  const res = minimizeLog(f, br.a, br.c, { lntol: 1e-6 });
  return { loss: Math.min(res.fun, br.fb), at: res.fun <= br.fb ? res.x : br.b, atBound: null };
}

/** L*emp_k with exact GD: min over a grid of learning rates × step counts (diverged runs excluded). */
export function tunedGdLoss(r: RecipeModel, val: QuadraticLoss, etas: number[], steps: number[]): { loss: number; eta: number; steps: number } {
  checkPair(r, val);
  requireVector("etas", etas, { gt: 0 });
  requireVector("steps", steps, { min: 0 });
  let best = { loss: Infinity, eta: NaN, steps: NaN };
  for (const eta of etas) {
    for (const T of steps) {
      const res = gdLoss(r, val, eta, T);
      if (res.loss < best.loss) best = { loss: res.loss, eta, steps: T };
    }
  }
  if (!Number.isFinite(best.loss)) throw new ParameterError("etas", etas, "a grid with at least one learning rate whose GD run does not diverge");
  return best;
}
