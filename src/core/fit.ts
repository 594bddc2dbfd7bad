/**
 * Least-squares fits with standard errors: linear y = a + b x, log-linear y = a + b ln x,
 * power law y = c x^p (linear fit of ln y on ln x).
 */
import { ParameterError, requireInteger } from "./validate";

/** Result of a straight-line least-squares fit y = intercept + slope·x. */
export interface LinearFit {
  intercept: number;
  slope: number;
  /** standard error of the intercept (OLS, homoscedastic residuals); NaN by definition with n = 2 (no residual degree of freedom) */
  interceptSe: number;
  /** standard error of the slope; NaN by definition with n = 2 */
  slopeSe: number;
  /** coefficient of determination */
  r2: number;
  /** Pearson correlation of x and y */
  r: number;
  n: number;
}

/** Ordinary least squares y = a + b·x with standard errors (needs n ≥ 3 for the errors). */
export function linearFit(x: ArrayLike<number>, y: ArrayLike<number>): LinearFit {
  for (const [name, v] of [["x", x], ["y", y]] as const) {
    if (v === null || typeof v !== "object" || typeof v.length !== "number") throw new ParameterError(name, v, "an array of numbers");
  }
  const n = x.length;
  if (n !== y.length) throw new ParameterError("y.length", y.length, `equal to x.length = ${n}`);
  if (n < 2) throw new ParameterError("n", n, "≥ 2 points");
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) {
      throw new ParameterError(`point ${i}`, `(${x[i]}, ${y[i]})`, "finite");
    }
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
    syy += (y[i] - my) ** 2;
  }
  if (sxx === 0) throw new ParameterError("x", "constant", "at least two distinct values");
  if (!Number.isFinite(sxx) || !Number.isFinite(syy)) throw new ParameterError(!Number.isFinite(sxx) ? "x" : "y", "with an overflowing spread", "values whose squares stay finite");
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (y[i] - intercept - slope * x[i]) ** 2;
  const s2 = n > 2 ? rss / (n - 2) : NaN;
  const slopeSe = Math.sqrt(s2 / sxx);
  let sumx2 = 0;
  for (let i = 0; i < n; i++) sumx2 += x[i] * x[i];
  const interceptSe = Math.sqrt((s2 * sumx2) / (n * sxx));
  const r2 = syy === 0 ? 1 : 1 - rss / syy;
  const r = syy === 0 ? 1 : sxy / Math.sqrt(sxx * syy);
  return { intercept, slope, interceptSe, slopeSe, r2, r, n };
}

/** y = a + b ln x (x > 0). */
export function logLinearFit(x: ArrayLike<number>, y: ArrayLike<number>): LinearFit {
  if (x === null || typeof x !== "object" || typeof x.length !== "number") throw new ParameterError("x", x, "an array of numbers");
  const lx = Array.from(x, (v, i) => {
    if (!(v > 0) || !Number.isFinite(v)) throw new ParameterError(`x[${i}]`, v, "finite and > 0 for a log-linear fit");
    return Math.log(v);
  });
  return linearFit(lx, y);
}

/** Power law y = coefficient · x^exponent, fitted as ln y = ln c + p ln x (x, y > 0). */
export interface PowerLawFit {
  coefficient: number;
  exponent: number;
  exponentSe: number;
  /** standard error of ln(coefficient) */
  logCoefficientSe: number;
  r2: number;
  n: number;
}

/** Fit y = c·x^p by least squares in log–log space. */
export function powerLawFit(x: ArrayLike<number>, y: ArrayLike<number>): PowerLawFit {
  for (const [name, v] of [["x", x], ["y", y]] as const) {
    if (v === null || typeof v !== "object" || typeof v.length !== "number") throw new ParameterError(name, v, "an array of numbers");
  }
  if (x.length !== y.length) throw new ParameterError("y.length", y.length, `equal to x.length = ${x.length}`);
  const lx = Array.from(x, (v, i) => {
    if (!(v > 0) || !Number.isFinite(v)) throw new ParameterError(`x[${i}]`, v, "finite and > 0 for a power-law fit");
    return Math.log(v);
  });
  const ly = Array.from(y, (v, i) => {
    if (!(v > 0) || !Number.isFinite(v)) throw new ParameterError(`y[${i}]`, v, "finite and > 0 for a power-law fit");
    return Math.log(v);
  });
  const f = linearFit(lx, ly);
  return {
    coefficient: Math.exp(f.intercept),
    exponent: f.slope,
    exponentSe: f.slopeSe,
    logCoefficientSe: f.interceptSe,
    r2: f.r2,
    n: f.n,
  };
}

/** Saturating power law y = floor + coefficient · x^exponent (exponent < 0 for a falling curve). */
export interface FloorPowerLawFit {
  floor: number;
  coefficient: number;
  exponent: number;
  /** root-mean-square residual of ln y */
  rmsLogResidual: number;
  n: number;
}

/**
 * Fit y = L∞ + c·x^p (x, y > 0) by least squares in ln y: for each floor L∞ on a grid over
 * [0, min y) (`grid` points, denser near min y), (c, p) come from the log–log fit of y − L∞, and the
 * floor with the smallest residual of ln y is refined by golden-section search between its grid
 * neighbours. The floor is constrained to [0, min y): a fitted floor of 0 means the data show none.
 */
export function floorPowerLawFit(x: ArrayLike<number>, y: ArrayLike<number>, grid = 200): FloorPowerLawFit {
  const n = x.length;
  if (y.length !== n) throw new ParameterError("y.length", y.length, `equal to x.length = ${n}`);
  if (n < 3) throw new ParameterError("x.length", n, "≥ 3 points for a power law with a floor");
  requireInteger("grid", grid, { min: 2 });
  const lx = Array.from(x, (v, i) => {
    if (!(v > 0) || !Number.isFinite(v)) throw new ParameterError(`x[${i}]`, v, "finite and > 0");
    return Math.log(v);
  });
  const ys = Array.from(y, (v, i) => {
    if (!(v > 0) || !Number.isFinite(v)) throw new ParameterError(`y[${i}]`, v, "finite and > 0");
    return v;
  });
  const ymin = Math.min(...ys);
  const at = (floor: number) => {
    const f = linearFit(lx, ys.map((v) => Math.log(v - floor)));
    const c = Math.exp(f.intercept);
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (Math.log(ys[i]) - Math.log(floor + c * Math.exp(f.slope * lx[i]))) ** 2;
    return { floor, coefficient: c, exponent: f.slope, rms: Math.sqrt(ss / n) };
  };
  // floors ymin·(1 − u²), u from 1 to ~0: dense near ymin where the objective bends fastest
  const floors = Array.from({ length: grid }, (_, k) => ymin * (1 - ((grid - k) / grid) ** 2));
  let best = 0;
  const fits = floors.map(at);
  fits.forEach((f, k) => {
    if (f.rms < fits[best].rms) best = k;
  });
  let lo = floors[Math.max(0, best - 1)];
  let hi = best + 1 < grid ? floors[best + 1] : ymin * (1 - 1e-9);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 60; it++) {
    const a = hi - g * (hi - lo);
    const b = lo + g * (hi - lo);
    if (at(a).rms <= at(b).rms) hi = b;
    else lo = a;
  }
  const refined = at((lo + hi) / 2);
  const pick = refined.rms <= fits[best].rms ? refined : fits[best];
  return { floor: pick.floor, coefficient: pick.coefficient, exponent: pick.exponent, rmsLogResidual: pick.rms, n };
}
