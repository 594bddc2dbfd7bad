/**
 * The exact two-dimensional gradient-flow ODE of the toy for uniform p (derived here, not in the paper):
 *   dA/dt = (ηk/d)(A^{k−1} − B^{k−1} A),   dB/dt = (2ηk/d)(A^k − B^k),   A² ≤ B,
 * t counted in gradient-descent steps at rate η. Integrated by classical RK4 in the rescaled time
 * τ = ηk t/d with an adaptive step (a fixed fraction of the state's own timescale), so escape times of
 * 10¹² steps cost a few hundred steps. Fixed points: (0,0) (a high-order saddle), (1,1), and (−1,1) for
 * even k; the line A = 0 is invariant.
 */
import { ParameterError, requireInteger, requireNumber, requireObject } from "../../src/core/validate";
import { requireArrayLike } from "../../src/core/validateShape";
import { lossFromAB } from "./model";

/** Right-hand side in rescaled time τ = ηk t/d: (dA/dτ, dB/dτ). */
export function uniformOdeRhs(k: number, A: number, B: number): [number, number] {
  if (!Number.isInteger(k) || k < 2) requireInteger("k", k, { min: 2 });
  const bk1 = Math.pow(B, k - 1);
  const out: [number, number] = [Math.pow(A, k - 1) - bk1 * A, 2 * (Math.pow(A, k) - bk1 * B)];
  if (out[0] === out[0] && out[1] === out[1]) return out;
  requireNumber("A", A);
  requireNumber("B", B);
  throw new ParameterError("B", B, `small enough that B^${k - 1} A and A^${k} do not overflow`);
}

/** Options of `uniformOde`. */
export interface UniformOdeOptions {
  /** composition order k ≥ 2 */
  k: number;
  /** number of skills d (≥ k) */
  d: number;
  /** learning rate η > 0 (time is in GD steps at this rate) */
  eta: number;
  /** initial alignment A(0) (default r/√d, the typical |A(w₀)|) */
  A0?: number;
  /** initial weighted norm B(0) (default r²) */
  B0?: number;
  /** init scale r (default 0.5), used for the A0 and B0 defaults */
  r?: number;
  /** stop at this many GD steps (default: when solved, or 1e30) */
  maxSteps?: number;
  /** escape threshold on A (default 0.5, this toolkit's default) */
  escapeA?: number;
  /** solve threshold on the loss (default 0.05, this toolkit's default) */
  solveLoss?: number;
  /** step as a fraction of the local timescale (default 0.01) */
  h?: number;
  /** keep the trajectory (default true) */
  trajectory?: boolean;
}

/** Result of `uniformOde`: escape and solve times in GD steps (null if not reached) and the trajectory. */
export interface UniformOdeResult {
  k: number;
  d: number;
  eta: number;
  A0: number;
  B0: number;
  /** GD steps until A > escapeA (|A| for even k), null if not reached */
  escapeSteps: number | null;
  /** GD steps until L < solveLoss, null if not reached */
  solveSteps: number | null;
  /** trajectory: GD steps t, A, B, loss */
  t: number[];
  A: number[];
  B: number[];
  loss: number[];
  rkSteps: number;
}

/** Integrate the uniform (A,B) ODE by adaptive RK4 until solved (or maxSteps); record escape/solve times. */
export function uniformOde(opts: UniformOdeOptions): UniformOdeResult {
  requireObject("opts", opts);
  const k = requireInteger("k", opts.k, { min: 2 });
  const d = requireInteger("d", opts.d, { min: 1 });
  if (d < k) throw new ParameterError("d", d, `≥ k = ${k}`);
  const eta = requireNumber("eta", opts.eta, { gt: 0 });
  const r = requireNumber("r", opts.r ?? 0.5, { gt: 0 });
  let A = requireNumber("A0", opts.A0 ?? r / Math.sqrt(d));
  let B = requireNumber("B0", opts.B0 ?? r * r, { gt: 0 });
  if (A * A > B * (1 + 1e-12)) throw new ParameterError("A0", A, `with A0² ≤ B0 = ${B} (Cauchy–Schwarz)`);
  const maxSteps = requireNumber("maxSteps", opts.maxSteps ?? 1e30, { gt: 0 });
  const escapeA = requireNumber("escapeA", opts.escapeA ?? 0.5, { gt: 0 });
  const solveLoss = requireNumber("solveLoss", opts.solveLoss ?? 0.05, { gt: 0 });
  const h = requireNumber("h", opts.h ?? 0.01, { gt: 0, max: 0.5 });
  const keep = opts.trajectory ?? true;
  const scale = d / (eta * k); // GD steps per unit τ
  const tauMax = maxSteps / scale;
  const A0 = A;
  const B0 = B;
  const out: UniformOdeResult = { k, d, eta, A0, B0, escapeSteps: null, solveSteps: null, t: [], A: [], B: [], loss: [], rkSteps: 0 };
  const rec = (tau: number): void => {
    if (!keep) return;
    out.t.push(tau * scale);
    out.A.push(A);
    out.B.push(B);
    out.loss.push(lossFromAB(k, A, B));
  };
  const escaped = (a: number): boolean => (k % 2 === 0 ? Math.abs(a) : a) > escapeA;
  let tau = 0;
  rec(0);
  if (escaped(A)) out.escapeSteps = 0;
  if (lossFromAB(k, A, B) < solveLoss) out.solveSteps = 0;
  for (let it = 0; it < 1e6 && tau < tauMax && out.solveSteps === null; it++) {
    const [fa, fb] = uniformOdeRhs(k, A, B);
    // local timescale: the time for a relative change of order one in either coordinate (or in 1 − A, 1 − B near the optimum)
    const sA = Math.max(Math.min(Math.abs(A), Math.abs(Math.abs(A) - 1)), 1e-12) / Math.max(Math.abs(fa), 1e-300);
    const sB = Math.max(Math.min(B, Math.abs(B - 1)), 1e-12) / Math.max(Math.abs(fb), 1e-300);
    let dt = h * Math.min(sA, sB);
    if (!Number.isFinite(dt) || dt <= 0) dt = h;
    dt = Math.min(dt, tauMax - tau);
    const [k1a, k1b] = [fa, fb];
    const [k2a, k2b] = uniformOdeRhs(k, A + 0.5 * dt * k1a, B + 0.5 * dt * k1b);
    const [k3a, k3b] = uniformOdeRhs(k, A + 0.5 * dt * k2a, B + 0.5 * dt * k2b);
    const [k4a, k4b] = uniformOdeRhs(k, A + dt * k3a, B + dt * k3b);
    const An = A + (dt / 6) * (k1a + 2 * k2a + 2 * k3a + k4a);
    const Bn = B + (dt / 6) * (k1b + 2 * k2b + 2 * k3b + k4b);
    const L0 = lossFromAB(k, A, B);
    const L1 = lossFromAB(k, An, Bn);
    if (out.escapeSteps === null && escaped(An)) {
      const a0 = k % 2 === 0 ? Math.abs(A) : A;
      const a1 = k % 2 === 0 ? Math.abs(An) : An;
      out.escapeSteps = (tau + (dt * (escapeA - a0)) / (a1 - a0)) * scale;
    }
    if (out.solveSteps === null && L1 < solveLoss) out.solveSteps = (tau + (dt * (L0 - solveLoss)) / (L0 - L1)) * scale;
    A = An;
    B = Bn;
    tau += dt;
    out.rkSteps++;
    rec(tau);
  }
  return out;
}

/** The (A,B) vector field on a grid (A ∈ [aMin,aMax], B ∈ [0,bMax]) restricted to A² ≤ B, in rescaled time. */
export function phaseField(k: number, opts: { aRange?: [number, number]; bMax?: number; n?: number } = {}): Array<{ A: number; B: number; dA: number; dB: number }> {
  requireInteger("k", k, { min: 2 });
  requireObject("opts", opts);
  const aRange = requireArrayLike("aRange", opts.aRange ?? [-1.2, 1.2], 2);
  const [a0, a1] = [aRange[0], aRange[1]];
  requireNumber("aRange[0]", a0);
  requireNumber("aRange[1]", a1);
  const bMax = requireNumber("bMax", opts.bMax ?? 1.5, { gt: 0 });
  const n = requireInteger("n", opts.n ?? 15, { min: 2 });
  const out: Array<{ A: number; B: number; dA: number; dB: number }> = [];
  for (let i = 0; i < n; i++)
    for (let j = 1; j <= n; j++) {
      const A = a0 + ((a1 - a0) * i) / (n - 1);
      const B = (bMax * j) / n;
      if (A * A > B) continue;
      const [dA, dB] = uniformOdeRhs(k, A, B);
      out.push({ A, B, dA, dB });
    }
  return out;
}

/** Fixed points of the uniform ODE: the origin, (1,1), and (−1,1) for even k. */
export function uniformFixedPoints(k: number): Array<[number, number]> {
  requireInteger("k", k, { min: 2 });
  return k % 2 === 0 ? [[0, 0], [1, 1], [-1, 1]] : [[0, 0], [1, 1]];
}
