import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng";
import { fullCoverageTokens, zipfFacts, type ZipfFactsOptions } from "../../src/tasks/zipfFacts";

const OPTS: ZipfFactsOptions = { alphabet: 16, items: 200, frequencyExponent: 1.5, weightExponent: 0.5, factsPerWindow: 4, seed: 3 };

describe("Zipf facts language", () => {
  it("p is the normalised Zipf law over M items and Λ_i = i^−b", () => {
    const f = zipfFacts(OPTS);
    expect(f.p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    let z = 0;
    for (let i = 1; i <= 200; i++) z += i ** -1.5;
    for (const i of [0, 1, 9, 199]) {
      expect(f.p[i]).toBeCloseTo((i + 1) ** -1.5 / z, 14);
      expect(f.weight[i]).toBeCloseTo((i + 1) ** -0.5, 14);
    }
    // chance loss: ln A · Σ p_i Λ_i
    let s = 0;
    for (let i = 0; i < 200; i++) s += f.p[i] * f.weight[i];
    expect(f.chanceLoss()).toBeCloseTo(Math.log(16) * s, 12);
    expect(fullCoverageTokens(f)).toBeCloseTo(3 / f.p[199], 6);
  });

  it("drawn ranks follow p (chi-square over the 10 most frequent items and the rest, within its 0.1 % quantile)", () => {
    const f = zipfFacts(OPTS);
    const rng = new Rng(5, 1);
    const n = 40_000;
    const counts = new Float64Array(11);
    for (let j = 0; j < n / 4; j++) for (const r of f.drawRanks(rng)) counts[Math.min(r, 10)]++;
    const expected = Array.from({ length: 11 }, (_, i) => n * (i < 10 ? f.p[i] : f.p.slice(10).reduce((a, b) => a + b, 0)));
    const chi2 = expected.reduce((acc, e, i) => acc + (counts[i] - e) ** 2 / e, 0);
    expect(chi2).toBeLessThan(29.6); // χ²₁₀ 99.9 % quantile
  });

  it("a window is k1 k2 v per fact; only the value is scored, with weight Λ_i; values and keys are fixed by the seed and keys are distinct", () => {
    const f = zipfFacts(OPTS);
    const T = f.contextLength;
    expect(T).toBe(12);
    const ranks = Int32Array.from([0, 5, 0, 199]);
    const inputs = new Int32Array(2 * T);
    const targets = new Int32Array(2 * T);
    const weights = new Float32Array(2 * T);
    f.fillRow(ranks, 1, inputs, targets, weights);
    for (let k = 0; k < 4; k++) {
      const i = ranks[k];
      const at = T + 3 * k;
      expect([inputs[at], inputs[at + 1], inputs[at + 2]]).toEqual([f.key1[i], f.key2[i], f.value[i]]);
      expect([targets[at], targets[at + 1], targets[at + 2]]).toEqual([-1, f.value[i], -1]);
      expect(weights[at + 1]).toBeCloseTo(f.weight[i], 6);
      expect(weights[at]).toBe(0);
    }
    expect(Array.from(inputs.subarray(0, T))).toEqual(new Array(T).fill(0)); // row 0 untouched
    const keys = new Set(Array.from(f.key1, (k, i) => k * 16 + f.key2[i]));
    expect(keys.size).toBe(200);
    const again = zipfFacts(OPTS);
    expect(Array.from(again.value)).toEqual(Array.from(f.value));
    expect(Array.from(zipfFacts({ ...OPTS, seed: 4 }).value)).not.toEqual(Array.from(f.value));
    expect(() => f.fillRow(Int32Array.from([1, 2]), 0, inputs, targets, weights)).toThrow(/ranks\.length/);
  });

  it("bad options are named with their range", () => {
    expect(() => zipfFacts({ ...OPTS, items: 257 })).toThrow(/items/);
    expect(() => zipfFacts({ ...OPTS, frequencyExponent: 1 })).toThrow(/frequencyExponent/);
    expect(() => zipfFacts({ ...OPTS, weightExponent: -0.1 })).toThrow(/weightExponent/);
    expect(() => zipfFacts({ ...OPTS, alphabet: 1 })).toThrow(/alphabet/);
    expect(() => zipfFacts({ ...OPTS, factsPerWindow: 0 })).toThrow(/factsPerWindow/);
  });
});
