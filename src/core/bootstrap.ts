/**
 * Exact bootstrap over a few seeds. With n seeds there are nⁿ equally likely ordered resamples with
 * replacement; with several independent groups (e.g. the proxy seeds and the target seeds of a
 * study) the resamples are their product. When that product is small, enumerating every resample
 * gives the bootstrap distribution exactly — no random numbers, no resampling error — and its
 * standard deviation is the bootstrap standard error of the statistic.
 *
 * Closed form for the mean of one group: the exact bootstrap variance is Σ(x − x̄)²/n² (the plug-in
 * variance over n), which `test/core/bootstrap.test.ts` checks.
 */
import { ParameterError, requireInteger } from "./validate";

/** The most resamples `exactBootstrap` enumerates (nⁿ grows fast: 4 seeds → 256, 5 → 3125, 6 → 46 656). */
export const MAX_EXACT_RESAMPLES = 250_000;

/** Bootstrap distribution summary of a statistic. */
export interface BootstrapSummary {
  /** the statistic on the data as they are (every group's identity resample) */
  value: number;
  /** mean and standard deviation of the statistic over every resample (sd = bootstrap standard error) */
  mean: number;
  se: number;
  /** number of resamples enumerated */
  resamples: number;
}

/**
 * Every resample of every group (group g has `sizes[g]` members, resampled with replacement): Π nⁿ
 * resamples, each giving per group the member indices (length sizes[g]), in odometer order (the first
 * group's first index turns fastest).
 */
export function exactResamples(sizes: readonly number[]): number[][][] {
  if (!Array.isArray(sizes) || sizes.length < 1) throw new ParameterError("sizes", JSON.stringify(sizes), "a non-empty array of group sizes");
  sizes.forEach((n, g) => requireInteger(`sizes[${g}]`, n, { min: 1, max: 12 }));
  const total = sizes.reduce((p, n) => p * Math.pow(n, n), 1);
  if (total > MAX_EXACT_RESAMPLES) throw new ParameterError("sizes", sizes.join(","), `groups with Π nⁿ ≤ ${MAX_EXACT_RESAMPLES} resamples (here ${total})`);
  // odometer over all groups' digits: resample[g][i] ∈ [0, sizes[g])
  const resample = sizes.map((n) => new Array<number>(n).fill(0));
  const out: number[][][] = [];
  for (;;) {
    out.push(resample.map((r) => r.slice()));
    let g = 0;
    let i = 0;
    for (;;) {
      if (g === sizes.length) return out;
      resample[g][i]++;
      if (resample[g][i] < sizes[g]) break;
      resample[g][i] = 0;
      i++;
      if (i === sizes[g]) {
        i = 0;
        g++;
      }
    }
  }
}

/**
 * Summarise `statistic` over every resample of every group (`exactResamples`). The statistic receives,
 * per group, the member indices of the resample (length sizes[g]); it must return a finite number.
 */
export function exactBootstrap(sizes: readonly number[], statistic: (resample: number[][]) => number): BootstrapSummary {
  const resamples = exactResamples(sizes);
  const evalAt = (resample: number[][]): number => {
    const v = statistic(resample);
    if (typeof v !== "number" || !Number.isFinite(v)) throw new ParameterError("statistic", v, `a finite number (resample ${JSON.stringify(resample)})`);
    return v;
  };
  const value = evalAt(sizes.map((n) => Array.from({ length: n }, (_, i) => i)));
  const values = resamples.map(evalAt);
  const count = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / count;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / count;
  return { value, mean, se: Math.sqrt(variance), resamples: count };
}
