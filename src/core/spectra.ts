/**
 * Spectra of diagonal covariances H = diag(λ_1 ≥ … ≥ λ_d), and the Zipf one-hot model.
 */
import { ParameterError, requireInteger, requireNumber, requireVector } from "./validate";

/** λ_i = 1 for i = 1…d (isotropic H = I). */
export function isotropicSpectrum(d: number): Float64Array {
  requireInteger("d", d, { min: 1 });
  return new Float64Array(d).fill(1);
}

/** d eigenvalues evenly spaced in [lo, hi], sorted descending (λ_1 = hi, λ_d = lo). */
export function evenSpectrum(d: number, lo: number, hi: number): Float64Array {
  requireInteger("d", d, { min: 1 });
  requireNumber("lo", lo, { gt: 0 });
  requireNumber("hi", hi, { min: lo });
  const out = new Float64Array(d);
  for (let i = 0; i < d; i++) out[i] = d === 1 ? hi : hi - ((hi - lo) * i) / (d - 1);
  if (!Number.isFinite(hi - lo)) throw new ParameterError("hi", hi, `such that hi − lo is finite`);
  return out;
}

/** Power-law spectrum λ_i = i^{−a}, i = 1…d. */
export function powerSpectrum(d: number, a: number): Float64Array {
  requireInteger("d", d, { min: 1 });
  requireNumber("a", a, { gt: 0 });
  const out = new Float64Array(d);
  for (let i = 0; i < d; i++) out[i] = Math.pow(i + 1, -a);
  if (!(out[d - 1] > 0)) throw new ParameterError("a", a, `small enough that λ_d = d^−a stays above the smallest double (d = ${d})`);
  return out;
}

/**
 * The Zipf one-hot model (this toolkit's reconstruction of the Section 5 model of Yan et al., arXiv
 * 2511.13421): token i drawn with p_i ∝ i^{−(a−b)},
 * input x = √Λ_i e_i with Λ_i = i^{−b}; Hessian H = diag(p_i Λ_i) ∝ i^{−a}. Requires a > b + 1.
 */
export interface ZipfModel {
  a: number;
  b: number;
  d: number;
  /** p_i, normalised over i ≤ d */
  p: Float64Array;
  /** Λ_i = i^{−b} */
  Lambda: Float64Array;
  /** normaliser Z = Σ_{i≤d} i^{−(a−b)} */
  Z: number;
}

/** Build the Zipf one-hot model with exponents a > b + 1, b ≥ 0, over d tokens. */
export function zipfModel(a: number, b: number, d: number): ZipfModel {
  requireNumber("b", b, { min: 0 });
  requireNumber("a", a, { gt: b + 1 });
  requireInteger("d", d, { min: 1 });
  if (!(a - b > 1)) throw new ParameterError("a", a, `> b + 1 = ${b + 1}`);
  const p = new Float64Array(d);
  const Lambda = new Float64Array(d);
  let Z = 0;
  // sum smallest terms first for accuracy
  for (let i = d; i >= 1; i--) Z += Math.pow(i, -(a - b));
  for (let i = 0; i < d; i++) {
    p[i] = Math.pow(i + 1, -(a - b)) / Z;
    Lambda[i] = Math.pow(i + 1, -b);
  }
  const model = { a, b, d, p, Lambda, Z };
  checkedModels.add(model);
  return model;
}

const checkedModels = new WeakSet<object>();

/** Validate a Zipf model built by hand: p a probability vector, Λ positive, both of length d. Checked once per object. */
export function requireZipfModel(model: ZipfModel, name = "model"): ZipfModel {
  if (model === null || typeof model !== "object") throw new ParameterError(name, model, "a Zipf model (zipfModel(a, b, d))");
  if (checkedModels.has(model)) return model;
  requireNumber(`${name}.a`, model.a, { gt: 1 });
  requireNumber(`${name}.b`, model.b, { min: 0 });
  requireInteger(`${name}.d`, model.d, { min: 1 });
  requireVector(`${name}.p`, model.p, { min: 0, max: 1 });
  requireVector(`${name}.Lambda`, model.Lambda, { gt: 0, max: 1 });
  requireNumber(`${name}.Z`, model.Z, { gt: 0 });
  if (model.p.length !== model.d) throw new ParameterError(`${name}.p.length`, model.p.length, `equal to d = ${model.d}`);
  if (model.Lambda.length !== model.d) throw new ParameterError(`${name}.Lambda.length`, model.Lambda.length, `equal to d = ${model.d}`);
  checkedModels.add(model);
  return model;
}

/** Σ λ_i. */
export function trace(lambda: ArrayLike<number>): number {
  requireVector("lambda", lambda);
  let s = 0;
  for (let i = 0; i < lambda.length; i++) s += lambda[i];
  return s;
}

/** Smallest eigenvalue λ_d. */
export function minEigen(lambda: ArrayLike<number>): number {
  requireVector("lambda", lambda);
  let m = Infinity;
  for (let i = 0; i < lambda.length; i++) m = Math.min(m, lambda[i]);
  return m;
}

/** Largest eigenvalue λ_1. */
export function maxEigen(lambda: ArrayLike<number>): number {
  requireVector("lambda", lambda);
  let m = -Infinity;
  for (let i = 0; i < lambda.length; i++) m = Math.max(m, lambda[i]);
  return m;
}
