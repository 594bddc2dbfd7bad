/**
 * Exact 2-D loss-landscape slices of the toy (the paper's closed-form loss; the slice algebra is derived here): A is linear and B
 * quadratic in w, so on the plane w = w_c + a·u + b·v
 *   A(a,b) = A(w_c) + a A(u) + b A(v),
 *   B(a,b) = B(w_c) + 2a⟨w_c,u⟩_p + 2b⟨w_c,v⟩_p + a² B(u) + 2ab⟨u,v⟩_p + b² B(v),
 * and L = ½(B^k − 2A^k + 1) costs O(1) per grid point after O(d) set-up — no sampling. Directions:
 * w⋆, a seeded random direction p-orthogonalised against the first, or the top-2 PCA directions of
 * consecutive checkpoint differences of a trajectory (the construction of the paper's S5 loss-landscape figure).
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { Rng } from "../../src/core/rng";
import { ParameterError, requireInteger, requireNumber } from "../../src/core/validate";
import { gradient, lossFromAB, type SkillModel } from "./model";
import type { ResourceEstimate } from "../../src/core/resources";
import { requireObject, requireOneOf, requireVector } from "../../src/core/validate";
import { explainNonFinite, requireArrayLike } from "../../src/core/validateShape";
import { requireSkillModel, requireSliceCoefficients } from "./checkModel";

const ip = (p: ArrayLike<number> | null, x: ArrayLike<number>, y: ArrayLike<number>): number => {
  let s = 0;
  if (p) for (let i = 0; i < x.length; i++) s += p[i] * x[i] * y[i];
  else {
    for (let i = 0; i < x.length; i++) s += x[i] * y[i];
    s /= x.length;
  }
  return s;
};

/** Which loss a slice shows: the training loss (weights p) or the uniform-test loss. */
export type SliceLoss = "train" | "uniform";

/** Coefficients of A and B on the plane w_c + a u + b v (weights p, or uniform 1/d). */
export interface SliceCoefficients {
  k: number;
  A0: number;
  Au: number;
  Av: number;
  B0: number;
  Bcu: number;
  Bcv: number;
  Buu: number;
  Buv: number;
  Bvv: number;
}

/** Set up the O(1)-per-point slice of the training or uniform-test loss. */
export function sliceCoefficients(m: SkillModel, wc: ArrayLike<number>, u: ArrayLike<number>, v: ArrayLike<number>, which: SliceLoss = "train"): SliceCoefficients {
  requireSkillModel("m", m);
  requireOneOf("which", which, ["train", "uniform"]);
  for (const [n, x] of [["wc", wc], ["u", u], ["v", v]] as const) if (requireArrayLike(n, x).length !== m.d) throw new ParameterError(`${n}.length`, x.length, `= d = ${m.d}`);
  const p = which === "train" ? m.p : null;
  const out = {
    k: m.k,
    A0: ip(p, wc, m.wstar),
    Au: ip(p, u, m.wstar),
    Av: ip(p, v, m.wstar),
    B0: ip(p, wc, wc),
    Bcu: ip(p, wc, u),
    Bcv: ip(p, wc, v),
    Buu: ip(p, u, u),
    Buv: ip(p, u, v),
    Bvv: ip(p, v, v),
  };
  const sum = out.A0 + out.Au + out.Av + out.B0 + out.Bcu + out.Bcv + out.Buu + out.Buv + out.Bvv;
  if (!Number.isFinite(sum)) explainNonFinite(sum, [["wc", wc], ["u", u], ["v", v]]);
  return out;
}

/** Loss at (a, b) on a slice. */
export function sliceLoss(c: SliceCoefficients, a: number, b: number): number {
  requireSliceCoefficients("c", c);
  requireNumber("a", a);
  requireNumber("b", b);
  const A = c.A0 + a * c.Au + b * c.Av;
  const B = c.B0 + 2 * a * c.Bcu + 2 * b * c.Bcv + a * a * c.Buu + 2 * a * b * c.Buv + b * b * c.Bvv;
  return lossFromAB(c.k, A, B);
}

/** A loss grid on a slice: z[j][i] = L(w_c + a_i u + b_j v). */
export interface LandscapeGrid {
  a: number[];
  b: number[];
  z: number[][];
}

/** The loss on an n×n grid over [aMin,aMax] × [bMin,bMax]. */
export function landscapeGrid(c: SliceCoefficients, aRange: [number, number], bRange: [number, number], n = 41): LandscapeGrid {
  requireInteger("n", n, { min: 2 });
  requireSliceCoefficients("c", c);
  requireVector("aRange", requireArrayLike("aRange", aRange, 2));
  requireVector("bRange", requireArrayLike("bRange", bRange, 2));
  const a = Array.from({ length: n }, (_, i) => aRange[0] + ((aRange[1] - aRange[0]) * i) / (n - 1));
  const b = Array.from({ length: n }, (_, i) => bRange[0] + ((bRange[1] - bRange[0]) * i) / (n - 1));
  return { a, b, z: b.map((bj) => a.map((ai) => sliceLoss(c, ai, bj))) };
}

/** A seeded Gaussian direction, p-orthogonalised against `u` and scaled to the p-norm of u. */
export function randomOrthogonalDirection(m: SkillModel, u: ArrayLike<number>, seed: number): Float64Array {
  requireSkillModel("m", m);
  requireArrayLike("u", u, m.d, `d = ${m.d}`);
  const rng = new Rng(requireInteger("seed", seed, { min: 0 }), 0x1a9d);
  const v = new Float64Array(m.d);
  for (let i = 0; i < m.d; i++) v[i] = rng.normal();
  const uu = ip(m.p, u, u);
  if (!(uu > 0) || !Number.isFinite(uu)) {
    requireVector("u", u);
    throw new ParameterError("u", "a zero direction", "a direction with Σ p_i u_i² > 0");
  }
  const proj = ip(m.p, u, v) / uu;
  for (let i = 0; i < m.d; i++) v[i] -= proj * u[i];
  const s = Math.sqrt(uu / ip(m.p, v, v));
  for (let i = 0; i < m.d; i++) v[i] *= s;
  return v;
}

/**
 * Top-2 PCA directions (Euclidean unit vectors) of consecutive differences δ_t = θ_{t+1} − θ_t of a
 * trajectory, from the eigenvectors of the small Gram matrix of the δ's (ml-matrix's symmetric
 * eigensolver), with the fraction of Σ‖δ‖² each explains. Signs are fixed so that the result does not
 * depend on the solver: v1 points along the net displacement, v2 has a positive largest component.
 */
export function trajectoryPca(thetas: ReadonlyArray<ArrayLike<number>>): { v1: Float64Array; v2: Float64Array; explained: [number, number] } {
  if (!Array.isArray(thetas)) throw new ParameterError("thetas", typeof thetas, "an array of checkpoints (arrays of numbers)");
  if (thetas.length < 3) throw new ParameterError("trajectory length", thetas.length, "≥ 3 checkpoints");
  thetas.forEach((th, t) => {
    requireVector(`thetas[${t}]`, th);
    if (th.length !== thetas[0].length) throw new ParameterError(`thetas[${t}].length`, th.length, `= thetas[0].length = ${thetas[0].length}`);
  });
  const d = thetas[0].length;
  const deltas = thetas.slice(1).map((th, t) => Float64Array.from({ length: d }, (_, i) => th[i] - thetas[t][i]));
  const T = deltas.length;
  const G = Array.from({ length: T }, (_, i) => Float64Array.from({ length: T }, (_, j) => {
    let s = 0;
    for (let q = 0; q < d; q++) s += deltas[i][q] * deltas[j][q];
    return s;
  }));
  const eig = new EigenvalueDecomposition(new Matrix(G.map((r) => Array.from(r))), { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  const V = eig.eigenvectorMatrix;
  const order = [...values.keys()].sort((x, y) => values[y] - values[x]);
  const total = values.reduce((s, x) => s + Math.max(0, x), 0) || 1;
  const dir = (e: number): Float64Array => {
    const v = new Float64Array(d);
    for (let t = 0; t < T; t++) for (let q = 0; q < d; q++) v[q] += V.get(t, e) * deltas[t][q];
    let n = 0;
    for (let q = 0; q < d; q++) n += v[q] * v[q];
    n = Math.sqrt(n) || 1;
    for (let q = 0; q < d; q++) v[q] /= n;
    return v;
  };
  const v1 = dir(order[0]);
  const v2 = dir(order[1]);
  // orient v1 so that the net displacement projects positively
  let s = 0;
  for (let q = 0; q < d; q++) s += v1[q] * (thetas[thetas.length - 1][q] - thetas[0][q]);
  if (s < 0) for (let q = 0; q < d; q++) v1[q] = -v1[q];
  let big = 0;
  for (let q = 1; q < d; q++) if (Math.abs(v2[q]) > Math.abs(v2[big])) big = q;
  if (v2[big] < 0) for (let q = 0; q < d; q++) v2[q] = -v2[q];
  return { v1, v2, explained: [Math.max(0, values[order[0]]) / total, Math.max(0, values[order[1]]) / total] };
}

/** Project θ − θ_ref on orthonormal directions v1, v2 (Euclidean). */
export function projectTrajectory(thetas: ReadonlyArray<ArrayLike<number>>, ref: ArrayLike<number>, v1: ArrayLike<number>, v2: ArrayLike<number>): { a: number[]; b: number[] } {
  if (!Array.isArray(thetas)) throw new ParameterError("thetas", typeof thetas, "an array of checkpoints (arrays of numbers)");
  const d = requireArrayLike("ref", ref).length;
  requireArrayLike("v1", v1, d, `ref.length = ${d}`);
  requireArrayLike("v2", v2, d, `ref.length = ${d}`);
  thetas.forEach((th, t) => requireArrayLike(`thetas[${t}]`, th, d, `ref.length = ${d}`));
  const a: number[] = [];
  const b: number[] = [];
  for (const th of thetas) {
    let x = 0;
    let y = 0;
    for (let q = 0; q < th.length; q++) {
      const dq = th[q] - ref[q];
      x += dq * v1[q];
      y += dq * v2[q];
    }
    if (!Number.isFinite(x + y)) explainNonFinite(x + y, [[`thetas[${a.length}]`, th], ["ref", ref], ["v1", v1], ["v2", v2]]);
    a.push(x);
    b.push(y);
  }
  return { a, b };
}

/** Slope of L along the ray w₀ + s w⋆ at s = 0: −k(A₀^{k−1} − B₀^{k−1} A₀), split into its signal part −kA₀^{k−1} and self part (derived here). */
export function raySlope(m: SkillModel, w0: ArrayLike<number>): { slope: number; signal: number; self: number } {
  requireSkillModel("m", m);
  const c = sliceCoefficients(m, w0, m.wstar, m.wstar);
  const signal = -m.k * Math.pow(c.A0, m.k - 1);
  const self = m.k * Math.pow(c.B0, m.k - 1) * c.A0;
  return { slope: signal + self, signal, self };
}

/** Euclidean norm of ∇L(w) and of its signal part k A^{k−1} D w⋆. */
export function gradientNorms(m: SkillModel, w: ArrayLike<number>): { total: number; signal: number } {
  requireSkillModel("m", m);
  requireNumber("d", m.d, { min: 1 });
  const g = gradient(m, w);
  let t = 0;
  let s2 = 0;
  let A = 0;
  for (let i = 0; i < m.d; i++) {
    t += g[i] * g[i];
    s2 += m.p[i] * m.p[i];
    A += m.p[i] * w[i] * m.wstar[i];
  }
  return { total: Math.sqrt(t), signal: m.k * Math.abs(Math.pow(A, m.k - 1)) * Math.sqrt(s2) };
}

/**
 * Memory and work of a landscape slice, pure: the model, w0, u, v and the slice coefficients (about 10
 * d-vectors), with `pcaSteps` of GD the 60 recorded snapshots (60 d-vectors, copied twice as plain arrays into the PCA's matrices) and steps·d·k updates;
 * the grid is n² points of O(k) each.
 */
export function landscapeCost(o: { k: number; d: number; n: number; pcaSteps?: number }): ResourceEstimate {
  requireObject("o", o);
  const k = requireInteger("k", o.k, { min: 1 });
  const d = requireInteger("d", o.d, { min: 1 });
  const n = requireInteger("n", o.n, { min: 1 });
  if (o.pcaSteps !== undefined) requireInteger("pcaSteps", o.pcaSteps, { min: 0 });
  const snaps = o.pcaSteps ? 60 : 0;
  return { bytes: 8 * d * (10 + 3 * snaps) + 8 * n * n * 4, heapBytes: 16 * snaps * d + 8 * n * n * 4, largestArray: 8 * Math.max(d, n * n), ops: 10 * k * d + (o.pcaSteps ?? 0) * d * (k + 4) + 60 * 60 * d + n * n * k * 4 };
}
