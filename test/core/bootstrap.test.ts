import { describe, expect, it } from "vitest";
import { exactBootstrap, exactResamples, MAX_EXACT_RESAMPLES } from "../../src/core/bootstrap";
import { spearman } from "../../src/core/stats";

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("exact bootstrap over seeds", () => {
  it("the mean of one group: bootstrap variance = Σ(x − x̄)²/n² (closed form), bootstrap mean = x̄", () => {
    for (const x of [[1, 4, 10], [2.5, -1, 0.5, 7], [3, 3.5]]) {
      const n = x.length;
      const b = exactBootstrap([n], ([idx]) => mean(idx.map((i) => x[i])));
      const xb = mean(x);
      expect(b.resamples).toBe(n ** n);
      expect(b.value).toBeCloseTo(xb, 12);
      expect(b.mean).toBeCloseTo(xb, 12);
      expect(b.se).toBeCloseTo(Math.sqrt(x.reduce((a, v) => a + (v - xb) ** 2, 0) / n ** 2), 12);
    }
  });

  it("two independent groups: the variance of a difference of means is the sum of the two closed forms", () => {
    const x = [1, 2, 6];
    const y = [0, 5, 5];
    const b = exactBootstrap([3, 3], ([i, j]) => mean(i.map((k) => x[k])) - mean(j.map((k) => y[k])));
    const v = (z: number[]) => z.reduce((a, t) => a + (t - mean(z)) ** 2, 0) / 9;
    expect(b.resamples).toBe(27 * 27);
    expect(b.se).toBeCloseTo(Math.sqrt(v(x) + v(y)), 12);
  });

  it("a nonlinear statistic (Spearman of seed means) equals brute force over all 27 resamples", () => {
    const seeds = [
      [1, 2, 3, 4],
      [2, 1, 3, 4],
      [4, 3, 2, 1],
    ];
    const target = [1, 2, 3, 4];
    const stat = (idx: number[]) => spearman(target.map((_, r) => mean(idx.map((s) => seeds[s][r]))), target);
    const vals: number[] = [];
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) for (let c = 0; c < 3; c++) vals.push(stat([a, b, c]));
    const m = mean(vals);
    const sd = Math.sqrt(vals.reduce((s, v) => s + (v - m) ** 2, 0) / vals.length);
    const b = exactBootstrap([3], ([idx]) => stat(idx));
    expect(b.mean).toBeCloseTo(m, 12);
    expect(b.se).toBeCloseTo(sd, 12);
    expect(b.value).toBeCloseTo(stat([0, 1, 2]), 12);
    expect(b.se).toBeGreaterThan(0);
  });

  it("bad input names the parameter and the allowed range", () => {
    expect(() => exactBootstrap([], () => 0)).toThrow(/^sizes/);
    expect(() => exactBootstrap([0], () => 0)).toThrow(/^sizes\[0\] = 0/);
    expect(() => exactBootstrap([8, 8], () => 0)).toThrow(new RegExp(`≤ ${MAX_EXACT_RESAMPLES}`));
    expect(() => exactBootstrap([2], () => NaN)).toThrow(/^statistic = NaN: must be a finite number/);
  });

  it("exactResamples enumerates the nⁿ resamples with replacement, each once", () => {
    for (const n of [1, 2, 3, 4]) {
      const all = exactResamples([n]).map((r) => r[0]);
      expect(all.length).toBe(n ** n);
      expect(new Set(all.map((t) => t.join(","))).size).toBe(n ** n);
      expect(all.every((t) => t.length === n && t.every((k) => Number.isInteger(k) && k >= 0 && k < n))).toBe(true);
    }
  });
});
