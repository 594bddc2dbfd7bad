/**
 * Why fixed-lr rankings flip (Wang et al., arXiv 2512.24503, the one-step Taylor argument, as summarised;
 * the multi-step mechanisms — SGD-noise floor and stability edges — are this toolkit's derivations).
 *
 * One full-batch step from θ on recipe k changes the validation loss by exactly (the loss is quadratic)
 *   Δℓ_val = −η a_k + η² c_k / 2,   a_k = ∇ℓ_val·∇ℓ_k (alignment),  c_k = ∇ℓ_kᵀ H_v ∇ℓ_k (curvature),
 * so if a_A > a_B and c_A > c_B the one-step order flips at η_flip = 2 (a_A − a_B)/(c_A − c_B).
 * At θ_0 = 0: a_k = b_vᵀb_k, c_k = b_kᵀH_v b_k; with T fixed and η → 0, ℓ_val(θ_T) ≈ ℓ_val(0) − ηT a_k.
 *
 * SGD-noise floor: online SGD at constant η, batch B, fluctuates around the mean path with covariance
 * ≈ (η σ²_eff,k/(2B)) I on the equilibrated directions, so E ℓ_val ≈ D_k + η σ²_eff,k tr(H_v)/(4B)
 * (½-loss convention), σ²_eff,k = label-noise variance + E_k[(g_k − θ̄ᵀφ)²], D_k the drift (mean-path) loss;
 * a recipe with the better drift but noisier labels loses above
 *   η_flip = 4B (D_B − D_A) / ((σ²_eff,A − σ²_eff,B) tr(H_v)).
 * Stability: full-batch GD diverges above 2/λ_max(H_k).
 */
import { requireInteger, requireNumber, requireVector } from "../../src/core/validate";
import { quadraticGradient, quadraticLoss, type QuadraticLoss, type RecipeModel } from "./problem";
import { flowEigenPath } from "./training";
import { ParameterError, requireObject } from "../../src/core/validate";
import { explainNonFinite, requireArrayLike } from "../../src/core/validateShape";
import { requireQuadraticLoss, requireRecipeModel, requireTaylorTerms } from "./checkModel";

/** The one-step terms of recipe k at θ: alignment a_k, curvature c_k, and ℓ_val(θ). */
export interface TaylorTerms {
  a: number;
  c: number;
  loss0: number;
}

/** a_k = ∇ℓ_val(θ)·∇ℓ_k(θ) and c_k = ∇ℓ_k(θ)ᵀ H_v ∇ℓ_k(θ) (θ = 0 by default: a_k = b_vᵀb_k). */
export function taylorTerms(r: QuadraticLoss, val: QuadraticLoss, theta?: ArrayLike<number>): TaylorTerms {
  requireQuadraticLoss("r", r);
  if (requireQuadraticLoss("val", val).m !== r.m) throw new ParameterError("val.m", val.m, `= r.m = ${r.m}`);
  const th = theta ?? new Float64Array(r.m);
  const gk = quadraticGradient(r, th);
  const gv = quadraticGradient(val, th);
  let a = 0;
  for (let i = 0; i < r.m; i++) a += gv[i] * gk[i];
  const Hg = quadraticGradient({ ...val, b: new Float64Array(val.m) }, gk); // H_v ∇ℓ_k
  let c = 0;
  for (let i = 0; i < r.m; i++) c += gk[i] * Hg[i];
  return { a, c, loss0: quadraticLoss(val, th) };
}

/** The one-step prediction ℓ_val(θ) − η a + η² c/2 (exact for one full-batch step on a quadratic loss). */
export const oneStepTaylor = (t: TaylorTerms, eta: number): number => {
  requireTaylorTerms("t", t);
  requireNumber("eta", eta, { min: 0 });
  const L = t.loss0 - eta * t.a + 0.5 * eta * eta * t.c;
  return Number.isFinite(L) ? L : explainNonFinite(L, [["eta", eta]], "small enough that η² c does not overflow");
};

/** ℓ_val(θ − η ∇ℓ_k(θ)) computed by taking the step. */
export function oneStepLoss(r: QuadraticLoss, val: QuadraticLoss, eta: number, theta?: ArrayLike<number>): number {
  requireNumber("lr", eta, { gt: 0 });
  if (requireQuadraticLoss("val", val).m !== requireQuadraticLoss("r", r).m) throw new ParameterError("val.m", val.m, `= r.m = ${r.m}`);
  const th = theta ?? new Float64Array(r.m);
  const g = quadraticGradient(r, th);
  const next = new Float64Array(r.m);
  for (let i = 0; i < r.m; i++) next[i] = th[i] - eta * g[i];
  return quadraticLoss(val, next);
}

/** A predicted flip of a pair: the recipe that wins at small η, and the η above which the other wins (∞: never). */
export interface FlipPrediction {
  i: number;
  j: number;
  /** index of the recipe better at small η */
  smallLrWinner: number;
  eta: number;
}

/**
 * One-step flip lr of a pair: with a_A > a_B, the order flips at η = 2(a_A − a_B)/(c_A − c_B) if c_A > c_B
 * (also when both ℓ_0 differ: here both start from the same θ, so only a and c matter); ∞ otherwise.
 */
export function oneStepFlip(tA: TaylorTerms, tB: TaylorTerms, i = 0, j = 1): FlipPrediction {
  requireTaylorTerms("tA", tA);
  requireTaylorTerms("tB", tB);
  requireInteger("i", i, { min: 0 });
  requireInteger("j", j, { min: 0 });
  const [w, l, wi] = tA.a >= tB.a ? [tA, tB, i] : [tB, tA, j];
  const eta = w.c > l.c && w.a > l.a ? (2 * (w.a - l.a)) / (w.c - l.c) : Infinity;
  return { i, j, smallLrWinner: wi, eta };
}

/** One-step flip predictions for every pair of recipes (from their Taylor terms). */
export function allOneStepFlips(terms: TaylorTerms[]): FlipPrediction[] {
  if (!Array.isArray(terms)) throw new ParameterError("terms", typeof terms, "an array of Taylor terms");
  terms.forEach((t, i) => requireTaylorTerms(`terms[${i}]`, t));
  const out: FlipPrediction[] = [];
  for (let i = 0; i < terms.length; i++) for (let j = i + 1; j < terms.length; j++) out.push(oneStepFlip(terms[i], terms[j], i, j));
  return out;
}

/** σ²_eff,k(θ) = label-noise variance + E_k[(g_k − θᵀφ)²] = noiseVar + θᵀH_kθ − 2θᵀb_k + c_k. */
export function effectiveNoise(r: RecipeModel, theta: ArrayLike<number>): number {
  requireRecipeModel("r", r);
  return r.noiseVar + 2 * quadraticLoss(r, theta);
}

/** Trace of H_v restricted to the directions of H_k equilibrated by time τ: Σ_i (UᵀH_vU)_ii (1 − e^{−2λ_iτ}) (τ = ∞: tr H_v on the range of H_k). */
export function equilibratedTrace(r: RecipeModel, tau: number): number {
  requireRecipeModel("r", r);
  requireNumber("tau", tau, { min: 0, allowInfinity: true });
  let s = 0;
  for (let i = 0; i < r.m; i++) s += r.HvE[i * r.m + i] * (tau === Infinity ? (r.lambda[i] > 0 ? 1 : 0) : -Math.expm1(-2 * r.lambda[i] * tau));
  return s;
}

/** Trace of a quadratic loss's Hessian. */
export function hessianTrace(q: QuadraticLoss): number {
  requireQuadraticLoss("q", q);
  let s = 0;
  for (let i = 0; i < q.m; i++) s += q.H[i * q.m + i];
  return Number.isFinite(s) ? s : explainNonFinite(s, [["q.H", q.H]]);
}

/** The SGD-noise model of a recipe at training time τ: drift loss D_k and excess slope n_k (E ℓ ≈ D_k + η n_k). */
export interface NoiseModel {
  drift: number;
  sigma2: number;
  /** excess per unit η with the full tr(H_v): σ²_eff tr(H_v)/(4B) */
  slope: number;
  /** excess per unit η counting only equilibrated directions: σ²_eff Σ_i (UᵀH_vU)_ii(1 − e^{−2λ_iτ})/(4B) */
  slopeEquilibrated: number;
}

/** Drift and SGD-noise excess slope of recipe k with batch B at flow time τ (the mean path's θ̄(τ)). */
export function noiseModel(r: RecipeModel, val: QuadraticLoss, batch: number, tau: number): NoiseModel {
  requireRecipeModel("r", r);
  if (requireQuadraticLoss("val", val).m !== r.m) throw new ParameterError("val.m", val.m, `= r.m = ${r.m}`);
  requireInteger("batch", batch, { min: 1 });
  requireNumber("time", tau, { gt: 0, allowInfinity: true });
  const w = flowEigenPath(r, tau);
  const theta = new Float64Array(r.m);
  for (let rr = 0; rr < r.m; rr++) {
    let s = 0;
    for (let i = 0; i < r.m; i++) s += r.U[rr * r.m + i] * w[i];
    theta[rr] = s;
  }
  const drift = quadraticLoss(val, theta);
  const sigma2 = effectiveNoise(r, theta);
  return {
    drift,
    sigma2,
    slope: (sigma2 * hessianTrace(val)) / (4 * batch),
    slopeEquilibrated: (sigma2 * equilibratedTrace(r, tau)) / (4 * batch),
  };
}

/**
 * SGD-noise flip lr of a pair: the recipe with the lower drift wins at small η; if it also has the larger
 * noise slope, E ℓ_A(η) = E ℓ_B(η) at η_flip = (D_B − D_A)/(n_A − n_B) (∞ otherwise).
 */
export function noiseFlip(A: { drift: number; slope: number }, B: { drift: number; slope: number }, i = 0, j = 1): FlipPrediction {
  for (const [n, x] of [["A", A], ["B", B]] as const) {
    requireObject(n, x, "{drift, slope} (see noiseModel)");
    requireNumber(`${n}.drift`, x.drift);
    requireNumber(`${n}.slope`, x.slope);
  }
  requireInteger("i", i, { min: 0 });
  requireInteger("j", j, { min: 0 });
  const [w, l, wi] = A.drift <= B.drift ? [A, B, i] : [B, A, j];
  const eta = w.slope > l.slope ? (l.drift - w.drift) / (w.slope - l.slope) : Infinity;
  return { i, j, smallLrWinner: wi, eta };
}

/** Stability edges of recipe k: full-batch GD 2/λ_max(H_k); SGD (batch B), the rough estimate B/tr(H_k) (derived here). */
export function stabilityEdges(r: RecipeModel, batch = 8): { gd: number; sgd: number; lambdaMax: number; trace: number } {
  requireRecipeModel("r", r);
  requireInteger("batch", batch, { min: 1 });
  requireNumber("r.lambda[0]", r.lambda[0], { min: 0 });
  const tr = hessianTrace(r);
  return { gd: 2 / r.lambda[0], sgd: batch / tr, lambdaMax: r.lambda[0], trace: tr };
}

/**
 * Observed flip from loss curves on an lr grid: the first η (interpolated linearly in ln η) at which the
 * sign of L_i(η) − L_j(η) differs from its sign at the smallest η; null if it never does.
 */
export function observedFlip(etas: number[], li: number[], lj: number[]): number | null {
  requireVector("etas", requireArrayLike("etas", etas), { gt: 0 });
  requireArrayLike("li", li, etas.length, `etas.length = ${etas.length}`);
  requireArrayLike("lj", lj, etas.length, `etas.length = ${etas.length}`);
  for (let k = 0; k < etas.length; k++) {
    requireNumber(`li[${k}]`, li[k], { allowInfinity: true }); // +∞: a diverged run
    requireNumber(`lj[${k}]`, lj[k], { allowInfinity: true });
  }
  const diff = li.map((v, k) => (v === Infinity && lj[k] === Infinity ? NaN : v - lj[k]));
  const s0 = Math.sign(diff[0]);
  if (!(s0 !== 0) || Number.isNaN(s0)) return null;
  for (let k = 1; k < etas.length; k++) {
    const dk = diff[k];
    if (Number.isNaN(dk)) return null;
    if (Math.sign(dk) !== s0) {
      const d0 = diff[k - 1];
      if (!Number.isFinite(dk) || !Number.isFinite(d0)) return etas[k];
      const f = d0 / (d0 - dk);
      return Math.exp(Math.log(etas[k - 1]) + f * (Math.log(etas[k]) - Math.log(etas[k - 1])));
    }
  }
  return null;
}
