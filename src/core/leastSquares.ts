/**
 * Nonlinear least squares by Levenberg–Marquardt: minimise ½ Σ r_j(x)² over x ∈ ℝⁿ, the Jacobian by
 * forward differences (step √ε·max(1,|x_k|)), the damped normal equations (JᵀJ + μ·diag(JᵀJ)) δ = −Jᵀr
 * solved by Cholesky. Small problems only (a few parameters, tens to hundreds of residuals). A
 * residual function that returns a non-finite value at a trial point rejects the step (raises μ).
 */
import { ParameterError, requireFunction } from "./validate";

/** The outcome of a least-squares fit. */
export interface LeastSquaresResult {
  x: number[];
  /** ½ Σ r_j² at x */
  cost: number;
  /** residuals at x */
  residuals: number[];
  iterations: number;
  /** true if the relative decrease of the cost or the step fell below tolerance */
  converged: boolean;
}

/** Solve the symmetric positive definite system A y = b (Cholesky); undefined if A is not positive definite. */
function solveSpd(A: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  const L = A.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      if (i === j) {
        if (!(s > 0)) return undefined;
        L[i][i] = Math.sqrt(s);
      } else L[i][j] = s / L[j][j];
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i][k] * y[k];
    y[i] = s / L[i][i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k][i] * y[k];
    y[i] = s / L[i][i];
  }
  return y;
}

const half2 = (r: readonly number[]): number => 0.5 * r.reduce((s, v) => s + v * v, 0);
const allFinite = (r: readonly number[]): boolean => r.every(Number.isFinite);

/** Forward-difference Jacobian J[j][k] = ∂r_j/∂x_k. */
export function jacobian(f: (x: number[]) => number[], x: readonly number[], r0: readonly number[]): number[][] {
  const J = r0.map(() => new Array<number>(x.length).fill(0));
  for (let k = 0; k < x.length; k++) {
    const h = Math.sqrt(Number.EPSILON) * Math.max(1, Math.abs(x[k]));
    const xp = x.slice();
    xp[k] += h;
    const rp = f(xp);
    for (let j = 0; j < r0.length; j++) J[j][k] = (rp[j] - r0[j]) / h;
  }
  return J;
}

/** Levenberg–Marquardt from x0. Throws if the residuals are not finite at x0. */
export function levenbergMarquardt(
  residuals: (x: number[]) => number[],
  x0: readonly number[],
  opts: { maxIterations?: number; ftol?: number; xtol?: number } = {},
): LeastSquaresResult {
  requireFunction("residuals", residuals);
  if (!Array.isArray(x0) || x0.length === 0 || !x0.every(Number.isFinite)) throw new ParameterError("x0", x0, "a non-empty array of finite numbers");
  const maxIt = opts.maxIterations ?? 100;
  const ftol = opts.ftol ?? 1e-12;
  const xtol = opts.xtol ?? 1e-10;
  let x = x0.slice();
  let r = residuals(x);
  if (!allFinite(r)) throw new ParameterError("x0", x0, "a point where every residual is finite");
  let cost = half2(r);
  let mu = 1e-3;
  let converged = false;
  let it = 0;
  for (; it < maxIt && !converged; it++) {
    const J = jacobian(residuals, x, r);
    const n = x.length;
    const JtJ = Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => J.reduce((s, row) => s + row[a] * row[b], 0)));
    const g = Array.from({ length: n }, (_, a) => J.reduce((s, row, j) => s + row[a] * r[j], 0));
    let accepted = false;
    for (let tries = 0; tries < 30 && !accepted; tries++) {
      const A = JtJ.map((row, a) => row.map((v, b) => (a === b ? v + mu * Math.max(v, 1e-12) : v)));
      const step = solveSpd(A, g.map((v) => -v));
      if (!step) {
        mu *= 10;
        continue;
      }
      const xn = x.map((v, k) => v + step[k]);
      const rn = residuals(xn);
      const cn = allFinite(rn) ? half2(rn) : Infinity;
      if (cn < cost) {
        const small = Math.sqrt(step.reduce((s, v) => s + v * v, 0)) <= xtol * (Math.sqrt(x.reduce((s, v) => s + v * v, 0)) + xtol);
        converged = cost - cn <= ftol * cost || small;
        x = xn;
        r = rn;
        cost = cn;
        mu = Math.max(mu / 3, 1e-12);
        accepted = true;
      } else mu *= 4;
    }
    if (!accepted) {
      converged = true; // no descent direction left at this precision: a (local) minimum
      break;
    }
  }
  return { x, cost, residuals: r, iterations: it, converged };
}
