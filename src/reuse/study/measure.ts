/**
 * Measuring E(K,N) from loss curves (Yan et al., arXiv 2511.13421, Section 6.3): the validation loss of a K-epoch run on
 * N unique tokens is located on the one-pass loss curve L₁(t) (t = fresh tokens seen), N′ solves
 * L₁(N′) = L(K,N), and E(K,N) = N′/N; the saturation point K(λ,N) is the first K with E ≤ λK.
 *
 * The one-pass curve of a constant-learning-rate run is noisy and need not be monotone, so it is
 * first made non-increasing by isotonic regression (pool-adjacent-violators, in order of t), then
 * interpolated linearly in log t through the pooled blocks (each block at its mean log t). Where no
 * block was pooled the curve passes through the measured points, so a K = 1 loss equal to the
 * one-pass value at t = N gives E = 1 exactly. Pure functions; no training here.
 */
import { ParameterError, requireNumber } from "../../core/validate";

/** A non-increasing piecewise-linear curve in log t: knots (t, loss), loss strictly decreasing. */
export interface MonotoneCurve {
  /** token counts of the knots (increasing) */
  t: number[];
  /** losses at the knots (strictly decreasing) */
  loss: number[];
}

/**
 * Isotonic (non-increasing) least-squares fit of y over increasing x by pool-adjacent-violators;
 * returns the blocks with their mean x and mean y (block means strictly decrease).
 */
export function isotonicDecreasing(x: ArrayLike<number>, y: ArrayLike<number>, w?: ArrayLike<number>): { x: number[]; y: number[]; weight: number[]; size: number[] } {
  const n = x.length;
  if (y.length !== n) throw new ParameterError("y.length", y.length, `= x.length = ${n}`);
  const bx: number[] = [];
  const by: number[] = [];
  const bw: number[] = [];
  const bn: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new ParameterError(`point ${i}`, `(${x[i]}, ${y[i]})`, "finite");
    if (i > 0 && !(x[i] > x[i - 1])) throw new ParameterError(`x[${i}]`, x[i], `> x[${i - 1}] = ${x[i - 1]} (increasing)`);
    const wi = w ? requireNumber(`w[${i}]`, w[i], { gt: 0 }) : 1;
    bx.push(x[i] * wi);
    by.push(y[i] * wi);
    bw.push(wi);
    bn.push(1);
    // pool while the last block's mean is not below the previous block's mean
    while (bw.length > 1) {
      const k = bw.length - 1;
      if (by[k] / bw[k] < by[k - 1] / bw[k - 1]) break;
      bx[k - 1] += bx[k];
      by[k - 1] += by[k];
      bw[k - 1] += bw[k];
      bn[k - 1] += bn[k];
      bx.pop();
      by.pop();
      bw.pop();
      bn.pop();
    }
  }
  return { x: bx.map((v, i) => v / bw[i]), y: by.map((v, i) => v / bw[i]), weight: bw, size: bn };
}

/** The monotone one-pass curve from measured (tokens, loss) points (t > 0, increasing). */
export function monotoneCurve(t: ArrayLike<number>, loss: ArrayLike<number>): MonotoneCurve {
  const logT = Array.from(t, (v, i) => {
    if (!(v > 0)) throw new ParameterError(`t[${i}]`, v, "> 0");
    return Math.log(v);
  });
  const iso = isotonicDecreasing(logT, loss);
  return { t: iso.x.map(Math.exp), loss: iso.y };
}

/** Where a loss lies on a monotone curve: N′ (interpolated in log t), or censored outside the curve's range. */
export interface Location {
  /** N′: tokens of one pass reaching the loss (NaN when censored) */
  tokens: number;
  /** "below": the loss is lower than the curve's last knot (N′ > last t); "above": higher than its first knot (N′ < first t) */
  censored?: "below" | "above";
}

/** Locate `loss` on the curve: the t with curve(t) = loss, linear in log t between knots. */
export function locateOnCurve(curve: MonotoneCurve, loss: number): Location {
  const { t, loss: L } = curve;
  const n = t.length;
  if (n === 0) throw new ParameterError("curve", "empty", "at least one knot");
  if (!Number.isFinite(loss)) return { tokens: NaN, censored: loss > 0 ? "above" : "below" };
  if (loss > L[0]) return { tokens: NaN, censored: "above" };
  if (loss < L[n - 1]) return { tokens: NaN, censored: "below" };
  if (loss === L[0]) return { tokens: t[0] };
  // first knot k with L[k] ≤ loss (L strictly decreasing)
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (L[mid] <= loss) hi = mid;
    else lo = mid + 1;
  }
  const k = lo;
  if (L[k] === loss) return { tokens: t[k] };
  const f = (L[k - 1] - loss) / (L[k - 1] - L[k]);
  return { tokens: Math.exp(Math.log(t[k - 1]) + f * (Math.log(t[k]) - Math.log(t[k - 1]))) };
}

/** E(K,N) for K = 1…K_max from the validation losses after each epoch: N′/N (NaN where censored). */
export function reuseRatesFromLosses(curve: MonotoneCurve, N: number, epochLoss: ArrayLike<number>): { E: number[]; censored: (string | null)[] } {
  requireNumber("N", N, { gt: 0 });
  const E: number[] = [];
  const censored: (string | null)[] = [];
  for (let k = 0; k < epochLoss.length; k++) {
    const loc = locateOnCurve(curve, epochLoss[k]);
    E.push(loc.tokens / N);
    censored.push(loc.censored ?? null);
  }
  return { E, censored };
}

/**
 * Saturation point K(λ,N): the first K at which E(K,N) ≤ λK (the paper's tie-breaking is
 * unknown — here the crossing of E/K with λ is interpolated linearly in K between the last epoch above
 * and the first at or below). Infinity if E/K stays above λ for every measured K; NaN where E is censored
 * before the crossing.
 */
export function saturationPoint(E: ArrayLike<number>, lambda: number): number {
  requireNumber("lambda", lambda, { gt: 0 });
  let prev = NaN;
  for (let k = 0; k < E.length; k++) {
    const K = k + 1;
    const r = E[k] / K;
    if (Number.isNaN(r)) return NaN;
    if (r <= lambda) {
      if (k === 0 || !Number.isFinite(prev)) return K;
      return K - 1 + (prev - lambda) / (prev - r);
    }
    prev = r;
  }
  return Infinity;
}

/** The log-spaced one-pass evaluation steps: `perOctave` per doubling from step 1 to `steps`, plus every step in `extra`. */
export function logSteps(steps: number, perOctave: number, extra: number[] = []): number[] {
  const set = new Set<number>(extra.filter((s) => s >= 1 && s <= steps));
  const n = Math.ceil(Math.log2(Math.max(steps, 1)) * perOctave);
  for (let i = 0; i <= n; i++) set.add(Math.min(steps, Math.round(Math.pow(2, i / perOctave))));
  set.add(steps);
  return [...set].sort((a, b) => a - b);
}
