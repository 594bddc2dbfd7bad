import { describe, expect, it } from "vitest";
import { pairwiseAccuracy, rankAgreement, regretCurve, topKRegret } from "../../../theory/proxy/ordering";
import { noiseFlip, observedFlip, oneStepFlip } from "../../../theory/proxy/taylor";

describe("ranking metrics", () => {
  const target = [0.1, 0.2, 0.3, 0.4, 0.5];
  it("a perfect proxy has ρ = τ = pairwise = 1 and zero regret; a reversed one −1, −1, 0", () => {
    const a = rankAgreement([1, 2, 3, 4, 5], target);
    expect([a.spearman, a.kendall, a.pairwise, a.regret]).toEqual([1, 1, 1, 0]);
    const b = rankAgreement([5, 4, 3, 2, 1], target);
    expect(b.spearman).toBeCloseTo(-1, 14);
    expect(b.kendall).toBeCloseTo(-1, 14);
    expect(b.pairwise).toBe(0);
    expect(b.regret).toBeCloseTo(0.4, 14);
  });
  it("one adjacent swap: ρ = 1 − 6·2/(5·24) = 0.9, pairwise 9/10", () => {
    const a = rankAgreement([1, 2, 4, 3, 5], target);
    expect(a.spearman).toBeCloseTo(0.9, 14);
    expect(a.pairwise).toBeCloseTo(0.9, 14);
  });
  it("diverged runs (+∞) rank last and tie; they are kept, and ties count ½ in pairwise accuracy", () => {
    const a = rankAgreement([1, 2, 3, Infinity, Infinity], target);
    // average ranks (1,2,3,4.5,4.5) against (1,2,3,4,5)
    const r = [1, 2, 3, 4.5, 4.5];
    const m = 3;
    const num = r.reduce((s, v, i) => s + (v - m) * (i + 1 - m), 0);
    const den = Math.sqrt(r.reduce((s, v) => s + (v - m) ** 2, 0) * 10);
    expect(a.spearman).toBeCloseTo(num / den, 14);
    expect(a.pairwise).toBeCloseTo(9.5 / 10, 14);
    expect(a.diverged).toBe(2);
    // every run diverged: no information, pessimistic regret (the worst recipe is picked)
    const all = rankAgreement([Infinity, Infinity, Infinity, Infinity, Infinity], target);
    expect(all.spearman).toBe(0);
    expect(all.regret).toBeCloseTo(0.4, 14);
  });
  it("regret@k is non-increasing in k and reaches 0 at k = n", () => {
    const c = regretCurve([3, 1, 2, 5, 4], target);
    for (let i = 1; i < c.length; i++) expect(c[i]).toBeLessThanOrEqual(c[i - 1]);
    expect(c[c.length - 1]).toBe(0);
    expect(topKRegret([3, 1, 2, 5, 4], target, 1)).toBeCloseTo(0.1, 14);
    expect(pairwiseAccuracy([1, 1, 1, 1, 1], target)).toBe(0.5);
  });
  it("rejects mismatched or NaN inputs", () => {
    expect(() => rankAgreement([1, 2], [1, 2, 3])).toThrow(/proxy.length = 2/);
    expect(() => rankAgreement([1, NaN, 3], [1, 2, 3])).toThrow(/proxy\[1\] = NaN/);
    expect(() => topKRegret([1, 2, 3], [1, 2, 3], 4)).toThrow(/k = 4/);
  });
  it("a target whose losses all tie is refused by name (no NaN pairwise accuracy, no error naming y)", () => {
    // before: pairwiseAccuracy returned NaN and rankAgreement threw "y = …" from the correlation
    expect(() => pairwiseAccuracy([1, 2, 3], [0.5, 0.5, 0.5])).toThrow(/^target = "3 equal losses \(0\.5\)": must be at least two distinct losses \(all targets tie/);
    expect(() => rankAgreement([1, 2, 3], [0.5, 0.5, 0.5])).toThrow(/^target = .*all targets tie/);
    // one distinct pair is enough
    expect(pairwiseAccuracy([1, 2, 3], [0.5, 0.5, 0.7])).toBe(1);
    // regret@k stays defined (0) for a tied target
    expect(topKRegret([1, 2, 3], [0.5, 0.5, 0.5], 1)).toBe(0);
  });
});

describe("flip learning rates", () => {
  it("one-step flip: the two quadratics −ηa + η²c/2 cross exactly at 2Δa/Δc", () => {
    const A = { a: 1.0, c: 3.0, loss0: 1 };
    const B = { a: 0.6, c: 1.0, loss0: 1 };
    const f = oneStepFlip(A, B);
    expect(f.smallLrWinner).toBe(0);
    expect(f.eta).toBeCloseTo(0.4, 14);
    const d = (eta: number) => -eta * A.a + 0.5 * eta * eta * A.c - (-eta * B.a + 0.5 * eta * eta * B.c);
    expect(d(f.eta)).toBeCloseTo(0, 14);
    expect(d(0.9 * f.eta)).toBeLessThan(0);
    expect(d(1.1 * f.eta)).toBeGreaterThan(0);
    expect(oneStepFlip({ ...A, c: 0.5 }, B).eta).toBe(Infinity);
  });
  it("noise flip: drift gap = η·slope gap", () => {
    const f = noiseFlip({ drift: 0.10, slope: 0.05 }, { drift: 0.12, slope: 0.01 });
    expect(f.eta).toBeCloseTo(0.5, 14);
    expect(noiseFlip({ drift: 0.1, slope: 0.01 }, { drift: 0.12, slope: 0.05 }).eta).toBe(Infinity);
  });
  it("observed flips interpolate the sign change in ln η", () => {
    const etas = [0.1, 1, 10];
    // difference linear in ln η, zero at η = 10^0.5
    const la = etas.map((e) => 1 + 0.1 * (Math.log10(e) - 0.5));
    expect(observedFlip(etas, la, [1, 1, 1])).toBeCloseTo(Math.sqrt(10), 10);
    expect(observedFlip(etas, [1, 1, 1], [2, 2, 2])).toBeNull();
  });
});
