import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng";
import { ParameterError } from "../../src/core/validate";
import { skillBins, trainingSkills, uniformOver, uniformSkillSampler, weightedSkills } from "../../src/tasks";
import { expectFrequencies, uniformP } from "./helpers";

describe("skill distributions for training", () => {
  it("power law: p(rank i) ∝ (i+1)^{−α} over a seeded random ranking (reference values for d = 120, derived here)", () => {
    for (const [alpha, p1, top10] of [
      [1.0, 0.186, 0.546],
      [1.5, 0.412, 0.821],
      [2.0, 0.611, 0.947],
    ]) {
      const s = trainingSkills(120, alpha, { rankSeed: 4 });
      let sum = 0;
      for (const x of s.p) sum += x;
      expect(sum).toBeCloseTo(1, 12);
      for (let i = 1; i < 120; i++) expect(s.p[s.rank[i]] / s.p[s.rank[0]]).toBeCloseTo(Math.pow(i + 1, -alpha), 12);
      // p₁ = 1/H_{120,α} exactly (generalised harmonic number), and the 3-digit reference table within its rounding
      let H = 0;
      for (let i = 120; i >= 1; i--) H += Math.pow(i, -alpha);
      expect(s.p[s.rank[0]]).toBeCloseTo(1 / H, 12);
      expect(Math.abs(s.p[s.rank[0]] - p1)).toBeLessThan(2e-3);
      let t = 0;
      for (let i = 0; i < 10; i++) t += s.p[s.rank[i]];
      expect(Math.abs(t - top10)).toBeLessThan(2e-3);
      // the ranking is a permutation, not the identity
      expect(new Set(s.rank).size).toBe(120);
      expect(Array.from(s.rank).every((r, i) => r === i)).toBe(false);
    }
  });

  it("the ranking is fixed by rankSeed and changes with it", () => {
    expect(Array.from(trainingSkills(50, 1.5, { rankSeed: 7 }).rank)).toEqual(Array.from(trainingSkills(50, 1.5, { rankSeed: 7 }).rank));
    expect(Array.from(trainingSkills(50, 1.5, { rankSeed: 8 }).rank)).not.toEqual(Array.from(trainingSkills(50, 1.5, { rankSeed: 7 }).rank));
  });

  it("sampled skill frequencies match p within Monte Carlo error (uniform, α = 1.5, coarse bins, weights)", () => {
    const cases = [uniformSkillSampler(40), trainingSkills(40, 1.5, { rankSeed: 1 }), trainingSkills(40, 1.5, { rankSeed: 1, bins: 4 }), weightedSkills([3, 0, 1, 6])];
    cases.forEach((s, c) => {
      const rng = new Rng(100, c);
      const counts = new Float64Array(s.d);
      for (let n = 0; n < 100_000; n++) counts[s.sample(rng)]++;
      expectFrequencies(counts, s.p, `case ${c}`);
    });
  });

  it("α = 0 is uniform; the same seed gives the same draws", () => {
    expect(Array.from(trainingSkills(10, 0).p)).toEqual(Array.from(uniformP(10)));
    const s = trainingSkills(30, 1.2, { rankSeed: 2 });
    const draw = () => {
      const r = new Rng(9);
      return Array.from({ length: 50 }, () => s.sample(r));
    };
    expect(draw()).toEqual(draw());
  });

  it("rank bins: equal bins hold d/n skills each, head first; uniformOver samples only its subset", () => {
    const s = trainingSkills(120, 1.5, { rankSeed: 3 });
    const bin = skillBins(s, 6);
    const sizes = new Array(6).fill(0);
    for (const b of bin) sizes[b]++;
    expect(sizes).toEqual([20, 20, 20, 20, 20, 20]);
    expect(bin[s.rank[0]]).toBe(0);
    expect(bin[s.rank[119]]).toBe(5);
    const logBins = skillBins(s, 5, "log");
    expect(logBins[s.rank[0]]).toBe(0);
    const tail = Array.from({ length: 120 }, (_, i) => i).filter((i) => bin[i] === 5);
    const u = uniformOver(120, tail);
    const rng = new Rng(1);
    const counts = new Float64Array(120);
    for (let n = 0; n < 20_000; n++) counts[u.sample(rng)]++;
    expectFrequencies(counts, u.p, "tail bin");
    expect(u.p[tail[0]]).toBeCloseTo(1 / 20, 12);
  });

  it("rejects bad parameters with a ParameterError naming them", () => {
    expect(() => trainingSkills(0, 1)).toThrow(/^d = 0/);
    expect(() => trainingSkills(10, -1)).toThrow(/^alpha = -1/);
    expect(() => trainingSkills(10, 1, { rankSeed: 1.5 })).toThrow(/^rankSeed = 1.5/);
    expect(() => weightedSkills([1, -1])).toThrow(/weights\[1\] = -1/);
    expect(() => weightedSkills([0, 0])).toThrow(ParameterError);
    expect(() => skillBins(uniformSkillSampler(5), 6)).toThrow(/^nBins = 6/);
  });
});
