/**
 * One-dimensional optimisation and root finding, in the style of scipy.optimize: every solver
 * takes a function and options and returns a result record (never a bare number).
 */
import { ParameterError, requireFunction, requireInteger, requireNumber } from "./validate";

/** Validate the tolerances of a solver: positive finite tolerances, a positive integer iteration cap. */
function checkOpts(opts: { xtol?: number; rtol?: number; lntol?: number; maxIterations?: number }): void {
  if (opts === null || typeof opts !== "object") throw new ParameterError("opts", opts, "an options object");
  if (opts.xtol !== undefined) requireNumber("xtol", opts.xtol, { gt: 0 });
  if (opts.rtol !== undefined) requireNumber("rtol", opts.rtol, { min: 0 });
  if (opts.lntol !== undefined) requireNumber("lntol", opts.lntol, { gt: 0 });
  if (opts.maxIterations !== undefined) requireInteger("maxIterations", opts.maxIterations, { min: 1 });
}

/** Result of a 1-D minimisation. */
export interface MinimizeResult {
  /** argmin */
  x: number;
  /** f(x) */
  fun: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /** true if the minimum lies on (within tolerance of) the lower or upper bound */
  atBound: "lower" | "upper" | null;
}

/** Result of a 1-D root solve. */
export interface RootResult {
  x: number;
  fun: number;
  iterations: number;
  converged: boolean;
}

const GOLD = 0.3819660112501051; // (3 − √5)/2

/**
 * Brent's method (golden section + parabolic interpolation) for min f on [lo, hi].
 * Tolerance is absolute in x: stops when the bracket is below `xtol` (+ relative rtol·|x|).
 */
export function minimizeBounded(
  f: (x: number) => number,
  lo: number,
  hi: number,
  opts: { xtol?: number; rtol?: number; maxIterations?: number } = {},
): MinimizeResult {
  requireFunction("f", f);
  requireNumber("lo", lo);
  requireNumber("hi", hi, { gt: lo });
  checkOpts(opts);
  const xtol = opts.xtol ?? 1e-10;
  const rtol = opts.rtol ?? 1e-12;
  const maxIt = opts.maxIterations ?? 200;
  let a = lo;
  let b = hi;
  let x = a + GOLD * (b - a);
  let w = x;
  let v = x;
  let fx = f(x);
  let fw = fx;
  let fv = fx;
  let evals = 1;
  let d = 0;
  let e = 0;
  let it = 0;
  let converged = false;
  for (; it < maxIt; it++) {
    const m = 0.5 * (a + b);
    const tol1 = rtol * Math.abs(x) + xtol / 3;
    const tol2 = 2 * tol1;
    if (Math.abs(x - m) <= tol2 - 0.5 * (b - a)) {
      converged = true;
      break;
    }
    let useGolden = true;
    if (Math.abs(e) > tol1) {
      // parabolic step through x, w, v
      let r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      const etemp = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * etemp) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = x < m ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) {
      e = x >= m ? a - x : b - x;
      d = GOLD * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = f(u);
    evals++;
    if (fu <= fx) {
      if (u >= x) a = x;
      else b = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  // Brent never evaluates the bounds themselves: compare with them explicitly.
  let atBound: MinimizeResult["atBound"] = null;
  const edge = 4 * (rtol * Math.abs(x) + xtol);
  if (x - lo <= edge || hi - x <= edge) {
    const flo = f(lo);
    const fhi = f(hi);
    evals += 2;
    if (flo <= fx && flo <= fhi) {
      x = lo;
      fx = flo;
      atBound = "lower";
    } else if (fhi <= fx) {
      x = hi;
      fx = fhi;
      atBound = "upper";
    } else {
      atBound = x - lo <= edge ? "lower" : "upper";
    }
  }
  // a minimum is only converged if f is a number there (NaN compares false: the search was blind)
  if (Number.isNaN(fx)) converged = false;
  return { x, fun: fx, iterations: it, evaluations: evals, converged, atBound };
}

/**
 * Minimise f over x > 0 in log space: Brent on ln x ∈ [ln lo, ln hi].
 * `xtol` is relative (a tolerance on ln x).
 */
export function minimizeLog(
  f: (x: number) => number,
  lo: number,
  hi: number,
  opts: { lntol?: number; maxIterations?: number } = {},
): MinimizeResult {
  requireFunction("f", f);
  requireNumber("lo", lo, { gt: 0 });
  requireNumber("hi", hi, { gt: lo });
  checkOpts(opts);
  const r = minimizeBounded((u) => f(Math.exp(u)), Math.log(lo), Math.log(hi), {
    xtol: opts.lntol ?? 1e-8,
    rtol: 0,
    maxIterations: opts.maxIterations,
  });
  return { ...r, x: Math.exp(r.x) };
}

/**
 * Find a root of f in [lo, hi] (f(lo) and f(hi) of opposite signs) by Brent–Dekker
 * (bisection + secant + inverse quadratic interpolation).
 */
export function findRoot(
  f: (x: number) => number,
  lo: number,
  hi: number,
  opts: { xtol?: number; rtol?: number; maxIterations?: number } = {},
): RootResult {
  requireFunction("f", f);
  requireNumber("lo", lo);
  requireNumber("hi", hi, { gt: lo });
  checkOpts(opts);
  const xtol = opts.xtol ?? 1e-12;
  const rtol = opts.rtol ?? 4 * Number.EPSILON;
  const maxIt = opts.maxIterations ?? 200;
  let a = lo;
  let b = hi;
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return { x: a, fun: 0, iterations: 0, converged: true };
  if (fb === 0) return { x: b, fun: 0, iterations: 0, converged: true };
  if (Number.isNaN(fa)) throw new ParameterError("f(lo)", fa, `a number (f is undefined at lo = ${lo})`);
  if (Number.isNaN(fb)) throw new ParameterError("f(hi)", fb, `a number (f is undefined at hi = ${hi})`);
  if (!(fa * fb < 0)) {
    throw new ParameterError(
      "[lo, hi]",
      `[${lo}, ${hi}]`,
      `a bracket of a root: f(lo) = ${fa} and f(hi) = ${fb} do not bracket a root (need opposite signs)`,
    );
  }
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let it = 1; it <= maxIt; it++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * rtol * Math.abs(b) + 0.5 * xtol;
    const m = 0.5 * (c - b);
    if (Number.isNaN(fb)) return { x: b, fun: fb, iterations: it, converged: false };
    if (Math.abs(m) <= tol || fb === 0) return { x: b, fun: fb, iterations: it, converged: true };
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      let p: number;
      let q: number;
      const s = fb / fa;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  return { x: b, fun: fb, iterations: maxIt, converged: false };
}

/** Root of f over x > 0 in log space: Brent–Dekker on ln x ∈ [ln lo, ln hi]; `lntol` is relative. */
export function findRootLog(
  f: (x: number) => number,
  lo: number,
  hi: number,
  opts: { lntol?: number; maxIterations?: number } = {},
): RootResult {
  requireFunction("f", f);
  requireNumber("lo", lo, { gt: 0 });
  requireNumber("hi", hi, { gt: lo });
  checkOpts(opts);
  const r = findRoot((u) => f(Math.exp(u)), Math.log(lo), Math.log(hi), {
    xtol: opts.lntol ?? 1e-12,
    maxIterations: opts.maxIterations,
  });
  return { ...r, x: Math.exp(r.x) };
}

/** Result of bracketing a minimum. */
export interface BracketResult {
  a: number;
  b: number;
  c: number;
  fa: number;
  fb: number;
  fc: number;
  found: boolean;
}

/**
 * Bracket a minimum of f on a log-spaced grid of `n` points between lo and hi:
 * returns a < b < c with f(b) ≤ f(a), f(c) (found = false when the grid minimum is at an end).
 */
export function bracketMinimumLog(f: (x: number) => number, lo: number, hi: number, n = 24): BracketResult {
  requireFunction("f", f);
  requireNumber("lo", lo, { gt: 0 });
  requireNumber("hi", hi, { gt: lo });
  requireInteger("n", n, { min: 3 });
  const xs: number[] = [];
  const fs: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = Math.exp(Math.log(lo) + ((Math.log(hi) - Math.log(lo)) * i) / (n - 1));
    xs.push(x);
    fs.push(f(x));
  }
  let k = 0;
  // NaN values never win (a NaN at the start would otherwise stick)
  for (let i = 0; i < n; i++) if (!Number.isNaN(fs[i]) && (Number.isNaN(fs[k]) || fs[i] < fs[k])) k = i;
  if (Number.isNaN(fs[k])) throw new ParameterError("f", "NaN at every grid point", `a function with a number somewhere on [${lo}, ${hi}]`);
  const i0 = Math.max(0, Math.min(n - 3, k - 1));
  return {
    a: xs[i0],
    b: xs[i0 + 1],
    c: xs[i0 + 2],
    fa: fs[i0],
    fb: fs[i0 + 1],
    fc: fs[i0 + 2],
    found: k > 0 && k < n - 1,
  };
}

/** Vertex of the parabola through (x0,f0), (x1,f1), (x2,f2) with x0 < x1 < x2; null if not convex. */
export function parabolaVertex(
  x0: number,
  f0: number,
  x1: number,
  f1: number,
  x2: number,
  f2: number,
): { x: number; f: number } | null {
  requireNumber("x0", x0);
  requireNumber("f0", f0);
  requireNumber("x1", x1, { gt: x0 });
  requireNumber("f1", f1);
  requireNumber("x2", x2, { gt: x1 });
  requireNumber("f2", f2);
  const d01 = (f1 - f0) / (x1 - x0);
  const d12 = (f2 - f1) / (x2 - x1);
  const curv = (d12 - d01) / (x2 - x0); // = leading coefficient
  if (!(curv > 0)) return null;
  const x = 0.5 * (x0 + x1) - d01 / (2 * curv);
  const L =
    (f0 * (x - x1) * (x - x2)) / ((x0 - x1) * (x0 - x2)) +
    (f1 * (x - x0) * (x - x2)) / ((x1 - x0) * (x1 - x2)) +
    (f2 * (x - x0) * (x - x1)) / ((x2 - x0) * (x2 - x1));
  return { x, f: L };
}
