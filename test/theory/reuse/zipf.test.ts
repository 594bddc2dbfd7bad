import { describe, expect, it } from "vitest";
import { Rng } from "../../../src/core/rng";
import { zipfModel } from "../../../src/core/spectra";
import { powerLawFit } from "../../../src/core/fit";
import { meanSe } from "../../../src/core/stats";
import { zeta } from "../../../src/core/special";
import {
  logPowerZipfModel,
  zipfInvertOnePass,
  zipfReuseRate,
  zipfRisk,
  zipfSaturationPoint,
} from "../../../theory/reuse/zipf";
import {
  muennighoffReuseRate,
  thm52PlateauExponent,
  zipfInfiniteKAsymptote,
  zipfOnePassAsymptote,
  zipfPlateauAsymptote,
} from "../../../theory/reuse/asymptotics";

/** Independent simulation of K-epoch SGD on the one-hot Zipf model: w starts at 0, w* = 1. */
function simulateZipf(a: number, b: number, d: number, N: number, K: number, runs: number, seed: number) {
  const m = zipfModel(a, b, d);
  const cdf = new Float64Array(d);
  let c = 0;
  for (let i = 0; i < d; i++) cdf[i] = c += m.p[i];
  const risks: number[] = [];
  const rng = new Rng(seed);
  const w = new Float64Array(d);
  const tokens = new Uint32Array(N);
  for (let r = 0; r < runs; r++) {
    w.fill(0);
    for (let j = 0; j < N; j++) {
      const u = rng.uniform() * c;
      let lo = 0;
      while (cdf[lo] < u) lo++;
      tokens[j] = lo;
    }
    for (let k = 0; k < K; k++) {
      const perm = rng.permutation(N);
      for (let j = 0; j < N; j++) {
        const i = tokens[perm[j]];
        const x = Math.sqrt(m.Lambda[i]);
        // gradient step on ½(⟨w,x e_i⟩ − ⟨w*,x e_i⟩)² with η = 1
        w[i] -= x * (x * w[i] - x * 1);
      }
    }
    let R = 0;
    for (let i = 0; i < d; i++) R += 0.5 * m.p[i] * m.Lambda[i] * (w[i] - 1) ** 2;
    risks.push(R);
  }
  return meanSe(risks);
}

describe("Zipf one-hot model (closed form)", () => {
  it("matches an independent K-epoch SGD simulation within 3 standard errors (d = 50, N = 20)", () => {
    const m = zipfModel(2.5, 1, 50);
    for (const K of [1, 3, 10]) {
      const mc = simulateZipf(2.5, 1, 50, 20, K, 20000, 100 + K);
      const exact = zipfRisk(m, K, 20);
      expect(Math.abs(mc.mean - exact)).toBeLessThan(3 * mc.se);
    }
  });

  it("K = ∞ is the limit of large K, and the risk decreases in η ∈ (0,1]", () => {
    const m = zipfModel(3, 1, 2000);
    expect(Math.abs(zipfRisk(m, 1e7, 500) / zipfRisk(m, Infinity, 500) - 1)).toBeLessThan(1e-9);
    let prev = Infinity;
    for (const eta of [0.1, 0.3, 0.6, 1]) {
      const r = zipfRisk(m, 4, 500, { eta });
      expect(r).toBeLessThan(prev);
      prev = r;
    }
  });

  it("E(1,N) = 1 to 1e-9, and E is non-decreasing in K and bounded by K", () => {
    const m = zipfModel(4.5, 1, 1e5);
    for (const N of [1e4, 1e6]) {
      expect(Math.abs(zipfReuseRate(m, 1, N).E - 1)).toBeLessThan(1e-9);
      let prev = 0;
      for (const K of [1, 2, 3, 5, 8, 16, 64, 256, Infinity]) {
        const E = zipfReuseRate(m, K, N).E;
        expect(E).toBeGreaterThanOrEqual(prev * (1 - 1e-12));
        expect(E).toBeLessThanOrEqual(K * (1 + 1e-9));
        prev = E;
      }
    }
  });

  it("Thm 5.1 exponents: slopes of ln R̄*(1,T) and ln R̄(∞,N) match −(a−1)/a and −(a−1)/(a−b) within 0.01", () => {
    const a = 4.5;
    const b = 1;
    const m = zipfModel(a, b, 1e5);
    const T = [1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
    const f1 = powerLawFit(T, T.map((t) => zipfRisk(m, 1, t)));
    expect(Math.abs(f1.exponent + (a - 1) / a)).toBeLessThan(0.01);
    const N = [1e5, 1e6, 1e7, 1e8];
    const f2 = powerLawFit(N, N.map((n) => zipfRisk(m, Infinity, n)));
    expect(Math.abs(f2.exponent + (a - 1) / (a - b))).toBeLessThan(0.01);
    // the derived asymptotes hold to a few percent at large arguments
    expect(Math.abs(zipfRisk(m, 1, 1e9) / zipfOnePassAsymptote(m, 1e9) - 1)).toBeLessThan(0.03);
    expect(Math.abs(zipfRisk(m, Infinity, 1e8) / zipfInfiniteKAsymptote(m, 1e8) - 1)).toBeLessThan(0.03);
  });

  it("Thm 5.2 exponent: plateau exponent on N ∈ [5e4, 1e7] is 0.28 ± 0.01 (theory 2/7), prefactor near the derived asymptote", () => {
    const m = zipfModel(4.5, 1, 1e5);
    expect(m.Z).toBeCloseTo(zeta(3.5), 3);
    const Ns = Array.from({ length: 12 }, (_, i) => Math.round(5e4 * 200 ** (i / 11)));
    const E = Ns.map((N) => zipfReuseRate(m, Infinity, N).E);
    const fit = powerLawFit(Ns, E);
    expect(Math.abs(fit.exponent - 0.28)).toBeLessThanOrEqual(0.01);
    expect(thm52PlateauExponent(4.5, 1)).toBeCloseTo(2 / 7, 14);
    expect(Math.abs(E[11] / zipfPlateauAsymptote(m, Ns[11]) - 1)).toBeLessThan(0.05);
  });

  it("E(K,N)/K rises toward 1 with N at fixed small K, and the saturation point grows with N", () => {
    const m = zipfModel(4.5, 1, 1e5);
    for (const K of [2, 4]) {
      const ratios = [1e3, 1e4, 1e5, 1e6].map((N) => zipfReuseRate(m, K, N).E / K);
      for (let i = 1; i < ratios.length; i++) expect(ratios[i]).toBeGreaterThan(ratios[i - 1]);
      expect(ratios[3]).toBeLessThan(1);
    }
    const ks = [1e3, 1e4, 1e5].map((N) => zipfSaturationPoint(m, N));
    expect(ks[1]).toBeGreaterThan(ks[0]);
    expect(ks[2]).toBeGreaterThan(ks[1]);
  });

  it("inversion round-trips on real N′", () => {
    const m = zipfModel(3, 0.5, 5000);
    for (const T of [0.5, 17.3, 1e3, 4.4e6]) expect(zipfInvertOnePass(m, zipfRisk(m, 1, T)) / T).toBeCloseTo(1, 8);
  });

  it("the log-power-law variant's plateau grows slower than any power of N", () => {
    const m = logPowerZipfModel(2.5, 1, 1e5);
    const Ns = [1e3, 1e4, 1e5];
    const E = Ns.map((N) => zipfReuseRate(m, Infinity, N).E);
    expect(E[1]).toBeGreaterThan(E[0]);
    expect(E[2]).toBeGreaterThan(E[1]);
    const local = Math.log(E[2] / E[1]) / Math.log(10);
    const earlier = Math.log(E[1] / E[0]) / Math.log(10);
    expect(local).toBeLessThan(earlier); // log-log slope falls: sub-polynomial growth
  });

  it("rejects a ≤ b + 1 and bad K, N", () => {
    expect(() => zipfModel(2, 1, 10)).toThrow(/a = 2: must be .*> 2/);
    const m = zipfModel(3, 1, 10);
    expect(() => zipfRisk(m, 0, 10)).toThrow(/K = 0/);
    expect(() => zipfReuseRate(m, 2, 1.5)).toThrow(/N = 1.5/);
  });
});

describe("Muennighoff et al.'s E_M(K)", () => {
  it("E_M(1) = 1, slope 1 at K = 1, and E_M(∞) = 1 + R*", () => {
    expect(muennighoffReuseRate(1)).toBe(1);
    expect((muennighoffReuseRate(1 + 1e-6) - 1) / 1e-6).toBeCloseTo(1, 5);
    expect(muennighoffReuseRate(Infinity)).toBeCloseTo(16.39, 12);
    expect(muennighoffReuseRate(1e4)).toBeCloseTo(16.39, 10);
  });
});
