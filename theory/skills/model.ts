/**
 * The k-fold multiplicative skill-composition toy of Wang, Dang, Lee, Lyu, "The Power of Power Law:
 * Asymmetry Enables Compositional Reasoning" (arXiv 2604.22951), as described in the first author's
 * write-up; per-sample gradient, Hessian, stability limit and uniform-test loss are derived here.
 *
 * d skills with hidden signs w⋆ ∈ {±1}^d; an example draws k skills I₁…I_k i.i.d. from p, its label is
 * y = ∏ w⋆_{I_t}; the matched learner predicts f_w = ∏ w_{I_t}. With A(w) = Σ p_i w_i w⋆_i and
 * B(w) = Σ p_i w_i², the population square loss is L(w) = ½(B^k − 2A^k + 1) and
 * ∇L = k D (B^{k−1} w − A^{k−1} w⋆), D = diag(p).
 */
import { Rng } from "../../src/core/rng";
import { findRoot } from "../../src/core/optimize";
import { ParameterError, requireInteger, requireNumber, requireObject, requireVector } from "../../src/core/validate";
import { explainNonFinite, requireArrayLike } from "../../src/core/validateShape";
import type { SkillDistribution } from "./distributions";
import { requireSkillDistribution, requireSkillModel } from "./checkModel";

/** A toy problem: composition order k, skill distribution p and hidden signs w⋆. */
export interface SkillModel {
  /** number of composed skills per example (k ≥ 2; k = 1 is memorisation) */
  k: number;
  /** number of skills */
  d: number;
  /** training distribution over skills */
  p: Float64Array;
  /** hidden signs w⋆ ∈ {±1}^d */
  wstar: Float64Array;
}

/** Validate k against d (2 ≤ k ≤ d; d < k is a bad input). */
export function validateK(k: number, d: number): void {
  requireInteger("k", k, { min: 2 });
  requireInteger("d", d, { min: 1 });
  if (d < k) throw new ParameterError("d", d, `≥ k = ${k}`);
}

/** Hidden signs w⋆ ∈ {±1}^d from the stream (seed, 0x57a2). */
export function hiddenSigns(d: number, seed: number): Float64Array {
  requireInteger("d", d, { min: 1 });
  const rng = new Rng(seed, 0x57a2);
  const w = new Float64Array(d);
  for (let i = 0; i < d; i++) w[i] = rng.sign();
  return w;
}

/** The toy problem for a distribution: k, p and w⋆ (seeded signs unless given). */
export function skillModel(k: number, dist: SkillDistribution, opts: { seed?: number; wstar?: ArrayLike<number> } = {}): SkillModel {
  requireSkillDistribution("dist", dist);
  requireObject("opts", opts);
  validateK(k, dist.d);
  let wstar: Float64Array;
  if (opts.wstar) {
    if (opts.wstar.length !== dist.d) throw new ParameterError("wstar.length", opts.wstar.length, `= d = ${dist.d}`);
    wstar = Float64Array.from(opts.wstar);
    for (let i = 0; i < wstar.length; i++) if (wstar[i] !== 1 && wstar[i] !== -1) throw new ParameterError(`wstar[${i}]`, wstar[i], "±1");
  } else wstar = hiddenSigns(dist.d, requireInteger("seed", opts.seed ?? 0, { min: 0 }));
  return { k, d: dist.d, p: Float64Array.from(dist.p), wstar };
}

/** The same problem with the training distribution replaced by uniform p = 1/d (for uniform-test quantities). */
export function uniformTestModel(m: SkillModel): SkillModel {
  requireSkillModel("m", m);
  return { ...m, p: new Float64Array(m.d).fill(1 / m.d) };
}

function checkW(m: SkillModel, w: ArrayLike<number>): void {
  requireSkillModel("m", m);
  requireArrayLike("w", w);
  if (w.length !== m.d) throw new ParameterError("w.length", w.length, `= d = ${m.d}`);
}

/** Weighted alignment A(w) = Σ p_i w_i w⋆_i. */
export function alignment(m: SkillModel, w: ArrayLike<number>): number {
  checkW(m, w);
  let a = 0;
  for (let i = 0; i < m.d; i++) a += m.p[i] * w[i] * m.wstar[i];
  return Number.isFinite(a) ? a : explainOrOverflow(a, m, w);
}

/** Weighted norm B(w) = Σ p_i w_i². */
export function weightedNorm(m: SkillModel, w: ArrayLike<number>): number {
  checkW(m, w);
  let b = 0;
  for (let i = 0; i < m.d; i++) b += m.p[i] * w[i] * w[i];
  return Number.isFinite(b) ? b : explainOrOverflow(b, m, w);
}

/** A non-finite sum over w: the entry of w (or of the model) that is not finite; an overflow of finite entries is returned as is (±∞). */
function explainOrOverflow(x: number, m: SkillModel, w: ArrayLike<number>): number {
  if (Number.isNaN(x) || [w, m.p, m.wstar].some((v) => Array.prototype.some.call(v, (e: unknown) => typeof e !== "number" || !Number.isFinite(e)))) {
    explainNonFinite(x, [["w", w], ["m.p", m.p], ["m.wstar", m.wstar]]);
  }
  return x;
}

/** L from (A, B): ½(B^k − 2A^k + 1) (B = ∞ with any A gives +∞: B ≥ A² for every w, so the B^k term dominates). */
export function lossFromAB(k: number, A: number, B: number): number {
  if (!Number.isInteger(k) || k < 1) requireInteger("k", k, { min: 1 });
  const L = 0.5 * (Math.pow(B, k) - 2 * Math.pow(A, k) + 1);
  if (L === L) return L;
  if (Number.isNaN(A)) throw new ParameterError("A", A, "a number");
  requireNumber("B", B, { min: 0, allowInfinity: true });
  return Infinity; // ∞ − ∞ with B = ∞
}

/** Population square loss L(w) = ½(B(w)^k − 2A(w)^k + 1) under the training distribution (the paper's closed form). */
export function loss(m: SkillModel, w: ArrayLike<number>): number {
  const A = alignment(m, w); // checks m and w first
  return lossFromAB(m.k, A, weightedNorm(m, w));
}

/** Loss under the uniform test distribution: ½(B_u^k − 2A_u^k + 1), A_u = mean(w⊙w⋆), B_u = mean(w²) (derived here). */
export function uniformTestLoss(m: SkillModel, w: ArrayLike<number>): number {
  checkW(m, w);
  let a = 0;
  let b = 0;
  for (let i = 0; i < m.d; i++) {
    a += w[i] * m.wstar[i];
    b += w[i] * w[i];
  }
  if (!Number.isFinite(a + b)) explainOrOverflow(a + b, m, w);
  return lossFromAB(m.k, a / m.d, b / m.d);
}

/** Gradient ∇L(w) = k D (B^{k−1} w − A^{k−1} w⋆), written into `out` if given (the paper's closed form). */
export function gradient(m: SkillModel, w: ArrayLike<number>, out?: Float64Array): Float64Array {
  if (out !== undefined) requireArrayLike("out", out, (requireSkillModel("m", m), m.d), `d = ${m.d}`);
  const A = alignment(m, w);
  const B = weightedNorm(m, w);
  const g = out ?? new Float64Array(m.d);
  const bk = Math.pow(B, m.k - 1);
  const ak = Math.pow(A, m.k - 1);
  for (let i = 0; i < m.d; i++) g[i] = m.k * m.p[i] * (bk * w[i] - ak * m.wstar[i]);
  return g;
}

/**
 * Per-sample gradient of ℓ = ½(f_w(X) − y)² for the skill indices I (length k):
 * ∂ℓ/∂w_j = (f_w − y) Σ_{t: I_t = j} ∏_{s≠t} w_{I_s} (derived here); returned dense.
 */
export function sampleGradient(m: SkillModel, w: ArrayLike<number>, I: ArrayLike<number>, out?: Float64Array): Float64Array {
  checkW(m, w);
  if (requireArrayLike("I", I).length !== m.k) throw new ParameterError("I.length", I.length, `= k = ${m.k}`);
  if (out !== undefined) requireArrayLike("out", out, m.d, `d = ${m.d}`);
  const g = out ?? new Float64Array(m.d);
  g.fill(0);
  let f = 1;
  let y = 1;
  for (let t = 0; t < m.k; t++) {
    const j = I[t];
    if (!Number.isInteger(j) || j < 0 || j >= m.d) throw new ParameterError(`I[${t}]`, j, `an integer in [0, ${m.d - 1}]`);
    f *= w[j];
    y *= m.wstar[j];
  }
  const r = f - y;
  if (!Number.isFinite(r)) explainNonFinite(r, [["w", w]]);
  for (let t = 0; t < m.k; t++) {
    let prod = 1;
    for (let s = 0; s < m.k; s++) if (s !== t) prod *= w[I[s]];
    g[I[t]] += r * prod;
  }
  return g;
}

/** Per-sample loss ½(f_w(X) − y)² for skill indices I. */
export function sampleLoss(m: SkillModel, w: ArrayLike<number>, I: ArrayLike<number>): number {
  checkW(m, w);
  if (requireArrayLike("I", I).length !== m.k) throw new ParameterError("I.length", I.length, `= k = ${m.k}`);
  let f = 1;
  let y = 1;
  for (let t = 0; t < I.length; t++) {
    f *= w[I[t]];
    y *= m.wstar[I[t]];
  }
  const L = 0.5 * (f - y) ** 2;
  if (Number.isFinite(L)) return L;
  for (let t = 0; t < I.length; t++) if (!Number.isInteger(I[t]) || I[t] < 0 || I[t] >= m.d) throw new ParameterError(`I[${t}]`, I[t], `an integer in [0, ${m.d - 1}]`);
  return explainNonFinite(L, [["w", w]]);
}

/** Hessian at w⋆ as a dense matrix: H = k D (I + (k−1) w⋆ w⋆ᵀ D) = k D + k(k−1)(Dw⋆)(Dw⋆)ᵀ (derived here). */
export function hessianAtOptimum(m: SkillModel): Float64Array[] {
  requireSkillModel("m", m);
  const H: Float64Array[] = [];
  for (let i = 0; i < m.d; i++) {
    const row = new Float64Array(m.d);
    const ui = m.p[i] * m.wstar[i];
    for (let j = 0; j < m.d; j++) row[j] = m.k * (m.k - 1) * ui * m.p[j] * m.wstar[j];
    row[i] += m.k * m.p[i];
    H.push(row);
  }
  return H;
}

/**
 * Largest eigenvalue of the Hessian at w⋆, exactly: H = k D + k(k−1) u uᵀ with u = D w⋆ is diagonal
 * plus rank one, so λ_max is the root above k·p_max of the secular equation
 * 1 = k(k−1) Σ_i p_i² / (λ − k p_i) (using w⋆_i² = 1). ≈ k(p₁ + (k−1)Σp²) (derived here).
 */
export function hessianTopEigenvalue(m: SkillModel): number {
  requireSkillModel("m", m);
  requireVector("m.p", m.p, { min: 0 });
  const { k, p } = m;
  let pmax = 0;
  let s2 = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] > pmax) pmax = p[i];
    s2 += p[i] * p[i];
  }
  const c = k * (k - 1);
  const sec = (lam: number): number => {
    let s = 0;
    for (let i = 0; i < p.length; i++) s += (p[i] * p[i]) / (lam - k * p[i]);
    return 1 - c * s;
  };
  // sec → −∞ just above k·pmax and → 1 at ∞; λ ≤ k pmax + c Σp² (Weyl)
  const lo = k * pmax * (1 + 1e-15) + 1e-300;
  const hi = k * pmax + c * s2 + 1e-12;
  if (sec(lo) >= 0) return lo; // degenerate (the rank-one part is orthogonal to the top mode)
  return findRoot(sec, lo, hi, { xtol: 1e-15 * hi }).x;
}

/** Gradient-descent stability limit η_max = 2/λ_max(H(w⋆)) (uniform: 2d/k²; derived here). */
export function gdStabilityLimit(m: SkillModel): number {
  return 2 / hessianTopEigenvalue(m);
}

/** Validate a learning rate: 0 < η < 2/λ_max(H(w⋆)) (beyond the limit GD cannot converge to w⋆). */
export function requireStableEta(m: SkillModel, eta: number, name = "eta"): number {
  requireNumber(name, eta, { gt: 0 });
  const lim = gdStabilityLimit(m);
  if (!(eta < lim)) throw new ParameterError(name, eta, `> 0 and below the stability limit 2/λ_max(H(w⋆)) = ${lim.toPrecision(4)}`);
  return eta;
}

/** Gaussian initialisation w(0) ~ 𝒩(0, r² I_d) from the stream (seed, 0x1417). */
export function gaussianInit(d: number, r: number, seed: number): Float64Array {
  requireInteger("d", d, { min: 1 });
  requireNumber("r", r, { gt: 0 });
  const rng = new Rng(seed, 0x1417);
  const w = new Float64Array(d);
  for (let i = 0; i < d; i++) w[i] = r * rng.normal();
  return w;
}

/** Sign accuracy of w against w⋆: fraction of matching signs; for even k the better of w and −w (w⋆ is recoverable only up to a global sign). */
export function signAccuracy(m: SkillModel, w: ArrayLike<number>): number {
  checkW(m, w);
  let ok = 0;
  for (let i = 0; i < m.d; i++) if (w[i] * m.wstar[i] > 0) ok++;
  const acc = ok / m.d;
  return m.k % 2 === 0 ? Math.max(acc, 1 - acc) : acc;
}
