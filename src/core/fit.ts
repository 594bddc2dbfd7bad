/**
 * Least-squares fits with standard errors: linear y = a + b x, log-linear y = a + b ln x,
 * power law y = c x^p (linear fit of ln y on ln x).
 */
import { ParameterError } from "./validate";

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
