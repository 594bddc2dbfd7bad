import { describe, expect, it } from "vitest";
import { floorPowerLawFit, linearFit, logLinearFit, powerLawFit } from "../../src/core/fit";
import { fisherExact, kendall, meanSe, pairedSignFlipTest, ranks, spearman } from "../../src/core/stats";
import { gamma, logGamma, zeta } from "../../src/core/special";
import { Rng } from "../../src/core/rng";

describe("least-squares fits", () => {
  it("recover exact lines, log-lines and power laws", () => {
    const x = [1, 2, 4, 8, 16];
    const f = linearFit(x, x.map((v) => 2 + 3 * v));
    expect(f.slope).toBeCloseTo(3, 12);
    expect(f.intercept).toBeCloseTo(2, 12);
    expect(f.r2).toBeCloseTo(1, 12);
    expect(logLinearFit(x, x.map((v) => 5 + 0.8 * Math.log(v))).slope).toBeCloseTo(0.8, 12);
    const p = powerLawFit(x, x.map((v) => 0.245 * v ** 0.279));
    expect(p.exponent).toBeCloseTo(0.279, 12);
    expect(p.coefficient).toBeCloseTo(0.245, 12);
  });

  it("slope standard error is calibrated: over repeated noisy fits, the slope's sd matches the mean reported se", () => {
    const rng = new Rng(1);
    const x = Array.from({ length: 20 }, (_, i) => i / 4);
    const slopes: number[] = [];
    const ses: number[] = [];
    for (let rep = 0; rep < 2000; rep++) {
      const y = x.map((v) => 1 - 0.5 * v + 0.3 * rng.normal());
      const f = linearFit(x, y);
      slopes.push(f.slope);
      ses.push(f.slopeSe);
    }
    const s = meanSe(slopes);
    expect(Math.abs(s.mean + 0.5)).toBeLessThan(4 * s.se);
    const meanSeReported = ses.reduce((a, b) => a + b) / ses.length;
    expect(Math.abs(s.sd / meanSeReported - 1)).toBeLessThan(0.06);
  });

  it("rejects bad input with the parameter named", () => {
    expect(() => linearFit([1], [1])).toThrow(/n = 1/);
    expect(() => powerLawFit([1, 2], [1, -1])).toThrow(/y\[1\] = -1/);
    expect(() => linearFit([1, 1, 1], [1, 2, 3])).toThrow(/distinct/);
  });
});

describe("power law with a floor", () => {
  const x = Array.from({ length: 24 }, (_, i) => 100 * 2 ** (i / 2));
  it("recovers L∞, c and p from an exact saturating power law, and a floor near 0 from a pure power law", () => {
    const f = floorPowerLawFit(x, x.map((t) => 0.3 + 5 * t ** -0.4));
    expect(f.floor).toBeCloseTo(0.3, 4);
    expect(f.exponent).toBeCloseTo(-0.4, 3);
    expect(f.coefficient).toBeCloseTo(5, 1);
    expect(f.rmsLogResidual).toBeLessThan(1e-4);
    const pure = floorPowerLawFit(x, x.map((t) => 5 * t ** -0.4));
    const last = 5 * x[x.length - 1] ** -0.4;
    expect(pure.floor / last).toBeLessThan(0.01);
    expect(pure.exponent).toBeCloseTo(-0.4, 2);
  });

  it("with 2 % multiplicative noise the floor of a pure power law stays far below the last point, and a real floor is found within 10 %", () => {
    const rng = new Rng(2, 9);
    for (let rep = 0; rep < 10; rep++) {
      const noisy = x.map((t) => 5 * t ** -0.4 * Math.exp(0.02 * rng.normal()));
      expect(floorPowerLawFit(x, noisy).floor / noisy[noisy.length - 1]).toBeLessThan(0.5);
      const sat = x.map((t) => (0.3 + 5 * t ** -0.4) * Math.exp(0.02 * rng.normal()));
      expect(Math.abs(floorPowerLawFit(x, sat).floor / 0.3 - 1)).toBeLessThan(0.1);
    }
  });

  it("rejects too few points and non-positive values by name", () => {
    expect(() => floorPowerLawFit([1, 2], [1, 0.5])).toThrow(/x\.length/);
    expect(() => floorPowerLawFit([1, 2, 3], [1, 0, 0.5])).toThrow(/y\[1\]/);
  });
});

describe("Fisher exact test", () => {
  it("matches hand-computed hypergeometric p-values and is symmetric", () => {
    // 6/8 vs 1/8: tables with 7 successes in 16; P(x) = C(8,x)C(8,7−x)/C(16,7); two-sided p = P(≥ 6) + P(≤ 1) = 2·(8·28 + 28·8)/11440 … computed exactly:
    const C = (n: number, k: number): number => { let r = 1; for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i; return r; };
    const P = (x: number) => (C(8, x) * C(8, 7 - x)) / C(16, 7);
    expect(fisherExact(6, 8, 1, 8)).toBeCloseTo(P(0) + P(1) + P(6) + P(7), 12);
    expect(fisherExact(1, 8, 6, 8)).toBeCloseTo(fisherExact(6, 8, 1, 8), 12);
    expect(fisherExact(4, 8, 4, 8)).toBeCloseTo(1, 12);
    expect(fisherExact(0, 10, 10, 10)).toBeCloseTo(2 / C(20, 10), 15);
    expect(() => fisherExact(9, 8, 1, 8)).toThrow(/a/);
  });
});

describe("rank correlations", () => {
  it("ranks average ties", () => {
    expect(Array.from(ranks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
  });
  it("Spearman and Kendall are ±1 on monotone data and match hand-computed values", () => {
    const x = [1, 2, 3, 4, 5];
    expect(spearman(x, x.map((v) => v ** 3))).toBeCloseTo(1, 14);
    expect(kendall(x, x.map((v) => -v))).toBeCloseTo(-1, 14);
    // one adjacent swap in 5: Spearman 1 − 6·2/(5·24) = 0.9; Kendall (9 − 1)/10 = 0.8
    const y = [1, 2, 4, 3, 5];
    expect(spearman(x, y)).toBeCloseTo(0.9, 14);
    expect(kendall(x, y)).toBeCloseTo(0.8, 14);
  });
  it("+Infinity (diverged runs) ranks last and equal infinities tie, in ranks, Spearman and Kendall", () => {
    expect(Array.from(ranks([Infinity, 2, Infinity, 1]))).toEqual([3.5, 2, 3.5, 1]);
    // ties as average ranks: same as replacing both ∞ by one large finite value
    const x = [1, 2, 3, 4];
    expect(spearman(x, [1, 2, Infinity, Infinity])).toBeCloseTo(spearman(x, [1, 2, 9, 9]), 14);
    expect(kendall(x, [1, 2, Infinity, Infinity])).toBeCloseTo(kendall(x, [1, 2, 9, 9]), 14);
    expect(kendall(x, [1, 2, Infinity, Infinity])).toBeLessThan(1);
  });
});

describe("special functions", () => {
  it("gamma matches factorials and Γ(1/2) = √π; zeta matches ζ(2) = π²/6 and ζ(3.5)", () => {
    expect(gamma(5)).toBeCloseTo(24, 10);
    expect(gamma(0.5)).toBeCloseTo(Math.sqrt(Math.PI), 12);
    expect(logGamma(100)).toBeCloseTo(359.1342053695754, 9);
    expect(zeta(2)).toBeCloseTo(Math.PI ** 2 / 6, 12);
    expect(zeta(3.5)).toBeCloseTo(1.1267338673170566, 12);
  });
});

describe("paired sign-flip permutation test (one-sided, exact)", () => {
  it("all n differences positive give p = 2⁻ⁿ; zeros give p = 1", () => {
    for (const n of [1, 3, 5, 8]) expect(pairedSignFlipTest(Array.from({ length: n }, (_, i) => 0.1 + i)).p).toBe(2 ** -n);
    expect(pairedSignFlipTest([0, 0, 0]).p).toBe(1);
    expect(pairedSignFlipTest([0.2, 0.4, 0.1]).mean).toBeCloseTo(0.7 / 3, 14);
  });
  it("magnitudes 2^i: the signed sums are ordered like m = Σ_{d_i > 0} 2^i, so p = (2ⁿ − m)/2ⁿ exactly", () => {
    const n = 5;
    for (let m = 0; m < 2 ** n; m++) {
      const d = Array.from({ length: n }, (_, i) => (m & (1 << i) ? 1 : -1) * 2 ** i);
      expect(pairedSignFlipTest(d).p).toBe((2 ** n - m) / 2 ** n);
    }
    // e.g. one negative difference, the smallest: 2/32, the one-sided test at 0.05 fails with 5 pairs
    expect(pairedSignFlipTest([-1, 2, 4, 8, 16]).p).toBe(2 / 32);
  });
  it("ties in |d| count as ≥ (p of [1, −1] is 3/4), and mirrored data give the complementary tail", () => {
    expect(pairedSignFlipTest([1, -1]).p).toBe(3 / 4);
    // P(S ≥ s) + P(S ≤ s) = 1 + P(S = s): for distinct signed sums P(S = s) = 2⁻ⁿ
    const d = [0.3, -0.1, 0.7, 0.25];
    expect(pairedSignFlipTest(d).p + pairedSignFlipTest(d.map((x) => -x)).p).toBeCloseTo(1 + 1 / 16, 14);
  });
  it("rejects no pairs, more than 20, and non-finite differences, naming the parameter", () => {
    expect(() => pairedSignFlipTest([])).toThrow(/diffs.length/);
    expect(() => pairedSignFlipTest(new Array(21).fill(1))).toThrow(/diffs.length/);
    expect(() => pairedSignFlipTest([1, NaN])).toThrow(/diffs\[1\]/);
  });
});
