/** Shared Monte Carlo checks for the task tests. */
import { expect } from "vitest";

/**
 * Pearson χ² goodness of fit of `counts` against probabilities `p` (cells with p = 0 must be empty).
 * Passes when χ² < df + 5·√(2·df) (about 5 standard deviations of the χ²_df law), and every cell is
 * within 5 binomial standard errors.
 */
export function expectFrequencies(counts: ArrayLike<number>, p: ArrayLike<number>, label = "frequencies"): void {
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i];
  let chi2 = 0;
  let df = -1;
  for (let i = 0; i < counts.length; i++) {
    const e = n * p[i];
    if (p[i] === 0) {
      expect(counts[i], `${label}: cell ${i} has probability 0`).toBe(0);
      continue;
    }
    df++;
    chi2 += (counts[i] - e) ** 2 / e;
    const se = Math.sqrt(n * p[i] * (1 - p[i]));
    expect(Math.abs(counts[i] - e), `${label}: cell ${i} count ${counts[i]} vs expected ${e.toFixed(1)}`).toBeLessThan(5 * se + 1e-9);
  }
  expect(chi2, `${label}: χ² = ${chi2.toFixed(1)} with ${df} degrees of freedom`).toBeLessThan(df + 5 * Math.sqrt(2 * Math.max(df, 1)));
}

/** Uniform probabilities over n cells. */
export function uniformP(n: number): Float64Array {
  return new Float64Array(n).fill(1 / n);
}
