/**
 * Local slopes of a sampled curve and the extrapolation of a slowly converging sequence to its limit.
 *
 * `localSlopes` gives the finite-difference slope dy/dx between consecutive points (with x = ln N and
 * y = ln E it is the local exponent of a power law). `extrapolatePowerApproach` fits
 * s(x) = limit − c·x^{−γ} by least squares (for each γ a linear fit in (limit, c); γ by Brent on
 * ln γ), the model of a sequence approaching its limit like a power of x.
 */
import { linearFit } from "./fit";
import { minimizeBounded } from "./optimize";
import { ParameterError, requireNumber } from "./validate";

function requireSeries(name: string, v: ArrayLike<number>, opts: { positive?: boolean } = {}): number[] {
  if (v === null || typeof v !== "object" || typeof v.length !== "number") throw new ParameterError(name, v, "an array of numbers");
  return Array.from(v, (x, i) => requireNumber(`${name}[${i}]`, x, opts.positive ? { gt: 0 } : {}));
}

/** Finite-difference slopes (y_{i+1} − y_i)/(x_{i+1} − x_i) at the midpoints (x_i + x_{i+1})/2; x strictly increasing. */
export function localSlopes(x: ArrayLike<number>, y: ArrayLike<number>): { x: number[]; slope: number[] } {
  const xs = requireSeries("x", x);
  const ys = requireSeries("y", y);
  if (ys.length !== xs.length) throw new ParameterError("y.length", ys.length, `equal to x.length = ${xs.length}`);
  if (xs.length < 2) throw new ParameterError("x.length", xs.length, "≥ 2 points");
  const mid: number[] = [];
  const slope: number[] = [];
  for (let i = 1; i < xs.length; i++) {
    if (!(xs[i] > xs[i - 1])) throw new ParameterError(`x[${i}]`, xs[i], `> x[${i - 1}] = ${xs[i - 1]} (strictly increasing)`);
    mid.push(0.5 * (xs[i] + xs[i - 1]));
    slope.push((ys[i] - ys[i - 1]) / (xs[i] - xs[i - 1]));
  }
  return { x: mid, slope };
}

/** Local exponents d ln y/d ln x of positive samples, at the geometric midpoints √(x_i x_{i+1}). */
export function localExponents(x: ArrayLike<number>, y: ArrayLike<number>): { x: number[]; exponent: number[] } {
  const xs = requireSeries("x", x, { positive: true });
  const ys = requireSeries("y", y, { positive: true });
  const r = localSlopes(xs.map(Math.log), ys.map(Math.log));
  return { x: r.x.map(Math.exp), exponent: r.slope };
}

/** Fit of s(x) = limit − c·x^{−γ}. */
export interface PowerApproachFit {
  limit: number;
  c: number;
  gamma: number;
  /** root-mean-square residual of the fit */
  rms: number;
  n: number;
}

/**
 * Least-squares fit of s(x) = limit − c·x^{−γ} (x > 0, at least 4 points), γ searched on
 * [gammaRange[0], gammaRange[1]] (default [1e-3, 5]) by Brent on ln γ.
 */
export function extrapolatePowerApproach(x: ArrayLike<number>, s: ArrayLike<number>, gammaRange: [number, number] = [1e-3, 5]): PowerApproachFit {
  const xs = requireSeries("x", x, { positive: true });
  const ss = requireSeries("s", s);
  if (ss.length !== xs.length) throw new ParameterError("s.length", ss.length, `equal to x.length = ${xs.length}`);
  if (xs.length < 4) throw new ParameterError("x.length", xs.length, "≥ 4 points (three parameters and a residual)");
  if (!Array.isArray(gammaRange) || gammaRange.length !== 2) throw new ParameterError("gammaRange", gammaRange, "[lo, hi]");
  requireNumber("gammaRange[0]", gammaRange[0], { gt: 0 });
  requireNumber("gammaRange[1]", gammaRange[1], { gt: gammaRange[0] });
  // scale x so that x^{−γ} stays in range
  const x0 = xs[0];
  const fitAt = (gamma: number) => {
    const f = linearFit(
      xs.map((v) => Math.pow(v / x0, -gamma)),
      ss,
    );
    let rss = 0;
    xs.forEach((v, i) => {
      const r = ss[i] - (f.intercept + f.slope * Math.pow(v / x0, -gamma));
      rss += r * r;
    });
    return { f, rss };
  };
  // coarse scan in ln γ, then Brent around the best point
  const lo = Math.log(gammaRange[0]);
  const hi = Math.log(gammaRange[1]);
  const n = 40;
  let best = 0;
  let bestRss = Infinity;
  for (let i = 0; i <= n; i++) {
    const r = fitAt(Math.exp(lo + ((hi - lo) * i) / n)).rss;
    if (r < bestRss) {
      bestRss = r;
      best = i;
    }
  }
  const a = lo + ((hi - lo) * Math.max(0, best - 1)) / n;
  const b = lo + ((hi - lo) * Math.min(n, best + 1)) / n;
  const m = minimizeBounded((u) => fitAt(Math.exp(u)).rss, a, b, { xtol: 1e-10, rtol: 0 });
  const gamma = Math.exp(m.x);
  const { f, rss } = fitAt(gamma);
  return { limit: f.intercept, c: -f.slope * Math.pow(x0, gamma), gamma, rms: Math.sqrt(rss / xs.length), n: xs.length };
}
