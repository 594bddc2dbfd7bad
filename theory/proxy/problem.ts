/**
 * The RF problem of one recipe set at one width: exact population moments of every recipe pool and of
 * the validation pool, and the eigendecomposition H_k = U Λ Uᵀ that makes GD / gradient flow closed form.
 *
 *   ℓ_val(θ) = ½ θᵀH_vθ − θᵀb_v + ½ c_v          (exact quadratic)
 *   H_k = E_k[φφᵀ], b_k = E_k[φ g_k], with g_k the conditional mean (clean of noise and corruption).
 *
 * Wang et al., "Can Small Training Runs Reliably Guide Data Curation? Rethinking Proxy-Model Practice",
 * arXiv 2512.24503 (the RF formalisation is this toolkit's; the paper's Theorem 1 concerns RF models).
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { Rng } from "../../src/core/rng";
import { requireInteger, requireNumber, requireVector } from "../../src/core/validate";
import { explainNonFinite, nanOrDiverged, requireArrayLike } from "../../src/core/validateShape";
import { requireQuadraticLoss, requireRecipeModel, requireRecipePool } from "./checkModel";
import { featureMatrix, randomFeatureMap, type RandomFeatureMap } from "./randomFeatures";
import { recipePool, validateRecipes, validationPool, type ProxyWorld, type RecipeAxis, type RecipePool, type RecipeSpec } from "./recipes";

/** A quadratic loss ½θᵀHθ − θᵀb + ½c over θ ∈ ℝ^m (H row-major m × m). */
export interface QuadraticLoss {
  m: number;
  H: Float64Array;
  b: Float64Array;
  c: number;
}

/** One recipe at one width: moments, spectral data, and (optionally) its pool features for SGD. */
export interface RecipeModel extends QuadraticLoss {
  name: string;
  axis: RecipeAxis;
  /** eigenvalues of H_k, descending, clamped at 0 */
  lambda: Float64Array;
  /** eigenvectors: U[r·m + i] is component r of eigenvector i */
  U: Float64Array;
  /** z = Uᵀ b_k */
  z: Float64Array;
  /** UᵀH_vU (row-major) and Uᵀb_v: the validation loss in this recipe's eigenbasis */
  HvE: Float64Array;
  bvE: Float64Array;
  /** mean label-noise variance of the recipe: E_k[σ² + keep(1 − keep)·clean²] (noise and corruption) */
  noiseVar: number;
  /** the pool and its features Φ (n × m), kept for SGD (absent when `keepFeatures` is false) */
  pool?: RecipePool;
  Phi?: Float64Array;
}

/** The problem at one width: validation loss and every recipe's model. */
export interface ProxyProblem {
  width: number;
  featureSeed: number;
  map: RandomFeatureMap;
  val: QuadraticLoss;
  recipes: RecipeModel[];
}

/** Moments ½θᵀHθ − θᵀb + ½c of the squared loss against targets g over features Φ (n × m): H = ΦᵀΦ/n, b = Φᵀg/n, c = mean g². */
export function poolMoments(Phi: Float64Array, g: ArrayLike<number>, n: number, m: number): QuadraticLoss {
  requireInteger("n", n, { min: 1 });
  requireInteger("m", m, { min: 1 });
  requireArrayLike("Phi", Phi, n * m, `n·m = ${n * m}`);
  requireArrayLike("g", g, n, `n = ${n}`);
  const H = new Float64Array(m * m);
  const b = new Float64Array(m);
  let c = 0;
  for (let r = 0; r < n; r++) {
    const o = r * m;
    const gr = g[r];
    c += gr * gr;
    for (let i = 0; i < m; i++) {
      const pi = Phi[o + i];
      if (pi === 0) continue; // ReLU features are sparse
      b[i] += pi * gr;
      const row = i * m;
      for (let j = i; j < m; j++) H[row + j] += pi * Phi[o + j];
    }
  }
  for (let i = 0; i < m; i++) {
    b[i] /= n;
    for (let j = i; j < m; j++) {
      H[i * m + j] /= n;
      H[j * m + i] = H[i * m + j];
    }
  }
  let check = c;
  for (let i = 0; i < m; i++) check += b[i] + H[i * m + i];
  if (!Number.isFinite(check)) explainNonFinite(check, [["g", g], ["Phi", Phi]]);
  return { m, H, b, c: c / n };
}

/** Value of the quadratic loss at θ. */
export function quadraticLoss(q: QuadraticLoss, theta: ArrayLike<number>): number {
  requireQuadraticLoss("q", q);
  requireArrayLike("theta", theta, q.m, `m = ${q.m}`);
  const { m, H, b } = q;
  let quad = 0;
  let lin = 0;
  for (let i = 0; i < m; i++) {
    const ti = theta[i];
    if (ti === 0) continue;
    let s = 0;
    const row = i * m;
    for (let j = 0; j < m; j++) s += H[row + j] * theta[j];
    quad += ti * s;
    lin += ti * b[i];
  }
  const L = 0.5 * quad - lin + 0.5 * q.c;
  return L === L ? L : nanOrDiverged(L, [["theta", theta], ["q.H", H], ["q.b", b]]);
}

/** Gradient Hθ − b of the quadratic loss. */
export function quadraticGradient(q: QuadraticLoss, theta: ArrayLike<number>): Float64Array {
  requireQuadraticLoss("q", q);
  requireArrayLike("theta", theta, q.m, `m = ${q.m}`);
  const { m, H, b } = q;
  const g = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = -b[i];
    const row = i * m;
    for (let j = 0; j < m; j++) s += H[row + j] * theta[j];
    g[i] = s;
  }
  let sum = 0;
  for (let i = 0; i < m; i++) sum += g[i];
  if (!Number.isFinite(sum)) explainNonFinite(sum, [["theta", theta], ["q.H", H], ["q.b", b]]);
  return g;
}

/** Symmetric eigendecomposition (ml-matrix): eigenvalues descending (clamped at 0), U[r·m + i] = eigenvector i. */
export function symmetricEigen(H: Float64Array, m: number): { lambda: Float64Array; U: Float64Array } {
  requireInteger("m", m, { min: 1 });
  requireVector("H", requireArrayLike("H", H, m * m, `m·m = ${m * m}`));
  const M = Matrix.from1DArray(m, m, Array.from(H));
  const e = new EigenvalueDecomposition(M, { assumeSymmetric: true });
  const vals = e.realEigenvalues;
  const V = e.eigenvectorMatrix;
  const order = vals.map((_, i) => i).sort((a, b) => vals[b] - vals[a]);
  const lambda = new Float64Array(m);
  const U = new Float64Array(m * m);
  order.forEach((src, i) => {
    lambda[i] = Math.max(0, vals[src]);
    for (let r = 0; r < m; r++) U[r * m + i] = V.get(r, src);
  });
  return { lambda, U };
}

/** UᵀAU and Uᵀv for a symmetric A (row-major), U as from `symmetricEigen`. */
export function rotate(A: Float64Array, v: Float64Array, U: Float64Array, m: number): { AE: Float64Array; vE: Float64Array } {
  requireInteger("m", m, { min: 1 });
  requireVector("A", requireArrayLike("A", A, m * m, `m·m = ${m * m}`));
  requireVector("v", requireArrayLike("v", v, m, `m = ${m}`));
  requireVector("U", requireArrayLike("U", U, m * m, `m·m = ${m * m}`));
  const AU = new Float64Array(m * m); // A U
  for (let r = 0; r < m; r++) {
    for (let k = 0; k < m; k++) {
      const a = A[r * m + k];
      if (a === 0) continue;
      const uo = k * m;
      const ro = r * m;
      for (let i = 0; i < m; i++) AU[ro + i] += a * U[uo + i];
    }
  }
  const AE = new Float64Array(m * m);
  for (let r = 0; r < m; r++) {
    const uo = r * m;
    for (let i = 0; i < m; i++) {
      const u = U[uo + i];
      if (u === 0) continue;
      const ro = r * m;
      for (let j = 0; j < m; j++) AE[i * m + j] += u * AU[ro + j];
    }
  }
  const vE = new Float64Array(m);
  for (let r = 0; r < m; r++) for (let i = 0; i < m; i++) vE[i] += U[r * m + i] * v[r];
  return { AE, vE };
}

/** Conditional means g_i = keep_i · clean_i of a pool. */
export function conditionalMean(p: RecipePool): Float64Array {
  requireRecipePool("p", p);
  return p.clean.map((v, i) => v * p.keep[i]);
}

/** Mean label-noise variance E[σ_i² + keep_i(1 − keep_i) clean_i²] of a pool (noise plus corruption). */
export function poolNoiseVariance(p: RecipePool): number {
  requireRecipePool("p", p);
  let s = 0;
  for (let i = 0; i < p.n; i++) s += p.sd[i] ** 2 + p.keep[i] * (1 - p.keep[i]) * p.clean[i] ** 2;
  return Number.isFinite(s) ? s / p.n : explainNonFinite(s, [["p.sd", p.sd], ["p.keep", p.keep], ["p.clean", p.clean]]);
}

/** Options of `proxyProblem`. */
export interface ProblemOptions {
  /** feature seed: W and b are drawn from stream (world seed, 2, width, featureSeed); default 0 */
  featureSeed?: number;
  /** bias scale s_b, default 0.5 */
  sb?: number;
  /** keep pools and their features for SGD (default true) */
  keepFeatures?: boolean;
  /** pools already realised (saves rebuilding them per width) */
  pools?: { val: RecipePool; recipes: RecipePool[] };
}

/** Realise the validation pool and every recipe pool of `specs` in world `w`. */
export function realisePools(w: ProxyWorld, specs: RecipeSpec[]): { val: RecipePool; recipes: RecipePool[] } {
  const list = validateRecipes(specs);
  return { val: validationPool(w), recipes: list.map((s) => recipePool(w, s)) };
}

/** Build the RF problem of a recipe set at one width: features, exact moments, eigendecompositions. */
export function proxyProblem(w: ProxyWorld, specs: RecipeSpec[], width: number, opts: ProblemOptions = {}): ProxyProblem {
  requireInteger("width", width, { min: 1 });
  const featureSeed = requireInteger("featureSeed", opts.featureSeed ?? 0, { min: 0 });
  const pools = opts.pools ?? realisePools(w, specs);
  const map = randomFeatureMap(w.d, width, new Rng(w.seed, 2, width, featureSeed), { sb: opts.sb });
  const m = width;
  const PhiV = featureMatrix(map, pools.val.X, pools.val.n);
  const val = poolMoments(PhiV, pools.val.clean, pools.val.n, m);
  const keep = opts.keepFeatures ?? true;
  const recipes = pools.recipes.map((p): RecipeModel => {
    const Phi = featureMatrix(map, p.X, p.n);
    const mom = poolMoments(Phi, conditionalMean(p), p.n, m);
    const { lambda, U } = symmetricEigen(mom.H, m);
    const { AE: HvE, vE: bvE } = rotate(val.H, val.b, U, m);
    const z = new Float64Array(m);
    for (let r = 0; r < m; r++) for (let i = 0; i < m; i++) z[i] += U[r * m + i] * mom.b[r];
    return {
      ...mom,
      name: p.name,
      axis: p.axis,
      lambda,
      U,
      z,
      HvE,
      bvE,
      noiseVar: poolNoiseVariance(p),
      ...(keep ? { pool: p, Phi } : {}),
    };
  });
  return { width, featureSeed, map, val, recipes };
}

/** Validation loss of the eigen-coordinates w (θ = U w) of recipe model `r`. */
export function eigenLoss(r: RecipeModel, valC: number, w: ArrayLike<number>): number {
  requireRecipeModel("r", r);
  requireNumber("valC", valC);
  requireArrayLike("w", w, r.m, `m = ${r.m}`);
  const m = r.m;
  let quad = 0;
  let lin = 0;
  for (let i = 0; i < m; i++) {
    const wi = w[i];
    if (wi === 0) continue;
    const row = i * m;
    let s = 0;
    for (let j = 0; j < m; j++) s += r.HvE[row + j] * w[j];
    quad += wi * s;
    lin += wi * r.bvE[i];
  }
  const L = 0.5 * quad - lin + 0.5 * valC;
  return L === L ? L : nanOrDiverged(L, [["w", w], ["r.HvE", r.HvE], ["r.bvE", r.bvE]]);
}

/** θ = U w. */
export function fromEigen(r: RecipeModel, w: ArrayLike<number>): Float64Array {
  requireRecipeModel("r", r);
  requireArrayLike("w", w, r.m, `m = ${r.m}`);
  const m = r.m;
  const th = new Float64Array(m);
  for (let rr = 0; rr < m; rr++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += r.U[rr * m + i] * w[i];
    th[rr] = s;
  }
  return th;
}
