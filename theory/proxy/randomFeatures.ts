/**
 * Random-feature (RF) model of the proxy-ordering result: frozen ReLU features of a Gaussian-initialised
 * first layer, φ_m(x) = max(Wx + b, 0)/√m with W_ij ~ N(0, 1/d), b_j ~ N(0, s_b²), and the model
 * f_θ(x) = θᵀφ_m(x). The model is linear in θ, so the kernel regime is exact; m → ∞ is kernel regression
 * with the arc-cosine kernel (Cho & Saul 2009).
 *
 * Wang, Wu, Lyu, Zou, Song, Jia, Mittal, "Can Small Training Runs Reliably Guide Data Curation?
 * Rethinking Proxy-Model Practice", arXiv 2512.24503 — Theorem 1 is stated for RF models; the exact
 * feature map (ReLU, s_b = 0.5, θ_0 = 0) is this toolkit's default (the paper does not state it).
 */
import { Rng } from "../../src/core/rng";
import { requireInteger, requireNumber, requireVector, ParameterError } from "../../src/core/validate";
import { requireArrayLike, throwIfNonFinite } from "../../src/core/validateShape";
import { requireFeatureMap } from "./checkModel";

/** A frozen random first layer: W (width × d, row-major), biases b, and the bias scale s_b. */
export interface RandomFeatureMap {
  d: number;
  width: number;
  sb: number;
  W: Float64Array;
  bias: Float64Array;
}

/** Draw W_ij ~ N(0, 1/d), b_j ~ N(0, s_b²) (default s_b = 0.5) from `rng`. */
export function randomFeatureMap(d: number, width: number, rng: Rng, opts: { sb?: number } = {}): RandomFeatureMap {
  requireInteger("d", d, { min: 1 });
  requireInteger("width", width, { min: 1 });
  const sb = requireNumber("sb", opts.sb ?? 0.5, { min: 0 });
  const W = new Float64Array(width * d);
  const bias = new Float64Array(width);
  const s = 1 / Math.sqrt(d);
  for (let j = 0; j < width; j++) {
    for (let i = 0; i < d; i++) W[j * d + i] = s * rng.normal();
    bias[j] = sb * rng.normal();
  }
  return { d, width, sb, W, bias };
}

/** φ_m(x) = max(Wx + b, 0)/√m for one input x (length d); writes into `out` if given. */
export function featureVector(map: RandomFeatureMap, x: ArrayLike<number>, out?: Float64Array): Float64Array {
  requireFeatureMap("map", map);
  if (requireArrayLike("x", x).length !== map.d) throw new ParameterError("x.length", x.length, `equal to d = ${map.d}`);
  if (out !== undefined && requireArrayLike("out", out).length < map.width) throw new ParameterError("out.length", out.length, `≥ width = ${map.width}`);
  throwIfNonFinite("x", x); // O(d) against the O(width·d) product: a NaN input would silently become a 0 feature
  const { d, width, W, bias } = map;
  const phi = out ?? new Float64Array(width);
  const inv = 1 / Math.sqrt(width);
  for (let j = 0; j < width; j++) {
    let s = bias[j];
    const o = j * d;
    for (let i = 0; i < d; i++) s += W[o + i] * x[i];
    phi[j] = s > 0 ? s * inv : 0;
  }
  return phi;
}

/** Features of n inputs X (n × d, row-major): Φ (n × width, row-major). */
export function featureMatrix(map: RandomFeatureMap, X: Float64Array, n: number): Float64Array {
  requireInteger("n", n, { min: 1 });
  if (X.length !== n * map.d) throw new ParameterError("X.length", X.length, `equal to n·d = ${n * map.d}`);
  const Phi = new Float64Array(n * map.width);
  for (let r = 0; r < n; r++) featureVector(map, X.subarray(r * map.d, (r + 1) * map.d), Phi.subarray(r * map.width, (r + 1) * map.width));
  return Phi;
}

/** Finite-width kernel K_m(x,x') = φ_m(x)·φ_m(x'). */
export function finiteWidthKernel(map: RandomFeatureMap, x: ArrayLike<number>, x2: ArrayLike<number>): number {
  requireFeatureMap("map", map);
  requireArrayLike("x", x, map.d, `d = ${map.d}`);
  requireArrayLike("x2", x2, map.d, `d = ${map.d}`);
  throwIfNonFinite("x2", x2);
  const a = featureVector(map, x);
  const b = featureVector(map, x2);
  let s = 0;
  for (let j = 0; j < map.width; j++) s += a[j] * b[j];
  return s;
}

/**
 * Infinite-width kernel K_∞(x,x') = E_{w,b}[relu(wᵀx+b) relu(wᵀx'+b)], w ~ N(0, I/d), b ~ N(0, s_b²):
 * with u = (x/√d, s_b), u' = (x'/√d, s_b) and θ = angle(u,u'),
 * K_∞ = |u||u'|/(2π) · (sin θ + (π − θ) cos θ) (arc-cosine kernel of degree 1, Cho & Saul 2009).
 */
export function arcCosineKernel(x: ArrayLike<number>, x2: ArrayLike<number>, opts: { sb?: number } = {}): number {
  requireVector("x", x);
  requireVector("x2", x2);
  if (x.length !== x2.length) throw new ParameterError("x2.length", x2.length, `equal to x.length = ${x.length}`);
  const sb = requireNumber("sb", opts.sb ?? 0.5, { min: 0 });
  const d = x.length;
  let uu = sb * sb;
  let vv = sb * sb;
  let uv = sb * sb;
  for (let i = 0; i < d; i++) {
    uu += (x[i] * x[i]) / d;
    vv += (x2[i] * x2[i]) / d;
    uv += (x[i] * x2[i]) / d;
  }
  const nu = Math.sqrt(uu);
  const nv = Math.sqrt(vv);
  if (nu === 0 || nv === 0) return 0;
  const cos = Math.max(-1, Math.min(1, uv / (nu * nv)));
  const th = Math.acos(cos);
  return ((nu * nv) / (2 * Math.PI)) * (Math.sin(th) + (Math.PI - th) * cos);
}
