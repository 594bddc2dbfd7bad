import { describe, expect, it } from "vitest";
import {
  defaultMcEtaGrid,
  etaGrid,
  mergeMc,
  multiEpochSgd,
  onePassSgd,
  summarizeMc,
} from "../../../theory/reuse/monteCarlo";
import { linearProblem, kappa, type Features, type LinearProblem } from "../../../theory/reuse/problem";
import { ParameterError } from "../../../src/core/validate";
import { isotropicSpectrum, powerSpectrum } from "../../../src/core/spectra";

/** Brute one-pass recursion (derived here): c_i(t+1) = ρ_i c_i(t) + η²λ_i(Σ_j λ_j c_j(t) + σ²); R_t = ½ Σ λ_i c_i(t). */
function exactOnePass(p: LinearProblem, eta: number, T: number): number {
  const kap = kappa(p.features);
  const d = p.lambda.length;
  let c = Array.from(p.wstar, (w) => w * w);
  for (let t = 0; t < T; t++) {
    let tr = 0;
    for (let i = 0; i < d; i++) tr += p.lambda[i] * c[i];
    c = c.map((ci, i) => {
      const l = p.lambda[i];
      return (1 - 2 * eta * l + kap * eta * eta * l * l) * ci + eta * eta * l * (tr + p.sigma * p.sigma);
    });
  }
  let R = 0;
  for (let i = 0; i < d; i++) R += 0.5 * p.lambda[i] * c[i];
  return R;
}

const LAWS: Features[] = ["gaussian", "rademacher"];

describe("onePassSgd (fresh samples)", () => {
  it.each(LAWS)("d = 1 matches the scalar closed form within 3 se (%s)", (features) => {
    const lam = 2;
    const sigma = 0.5;
    const eta = 0.2;
    const p = linearProblem(new Float64Array([lam]), { sigma, wstar: 1.5, features });
    // d = 1: c(t+1) = a c(t) + b with a = 1 − 2ηλ + (κ+1)η²λ², b = η²λσ², so c(t) = aᵗc0 + b(1 − aᵗ)/(1 − a)
    const a = 1 - 2 * eta * lam + (kappa(features) + 1) * eta * eta * lam * lam;
    const b = eta * eta * lam * sigma * sigma;
    const T = [0, 1, 2, 5, 10, 30];
    const mc = onePassSgd(p, { T, eta, runs: 6000, seed: 11 });
    T.forEach((t, q) => {
      const c = Math.pow(a, t) * 2.25 + (b * (1 - Math.pow(a, t))) / (1 - a);
      const exact = 0.5 * lam * c;
      if (t === 0) expect(mc.mean[q]).toBe(exact);
      else expect(Math.abs(mc.mean[q] - exact)).toBeLessThan(3 * mc.se[q]);
    });
  });

  it.each(LAWS)("d = 5 matches the exact one-pass recursion within 3 se (%s)", (features) => {
    const p = linearProblem(powerSpectrum(5, 1), { sigma: 0.3, features });
    const T = [3, 20, 80];
    const eta = 0.3;
    const mc = onePassSgd(p, { T, eta, runs: 3000, seed: 5 });
    T.forEach((t, q) => expect(Math.abs(mc.mean[q] - exactOnePass(p, eta, t))).toBeLessThan(3 * mc.se[q]));
  });
});

describe("multiEpochSgd", () => {
  it.each(LAWS)("K = 1 has the law of one-pass SGD on N fresh samples (%s)", (features) => {
    const p = linearProblem(powerSpectrum(5, 1), { sigma: 0.3, features });
    const N = 40;
    const etas = [0.1, 0.3];
    const multi = summarizeMc(multiEpochSgd(p, { N, Kmax: 1, etas, runs: 3000, seed: 1 }));
    etas.forEach((eta, m) => {
      const one = onePassSgd(p, { T: [N], eta, runs: 3000, seed: 2 });
      const se = Math.hypot(multi.se[m][0], one.se[0]);
      expect(Math.abs(multi.mean[m][0] - one.mean[0])).toBeLessThan(3 * se);
      expect(Math.abs(multi.mean[m][0] - exactOnePass(p, eta, N))).toBeLessThan(3 * multi.se[m][0]);
    });
  });

  it("interpolates without noise: σ = 0, isotropic H, N ≥ d drives the risk to 0", () => {
    const d = 10;
    const p = linearProblem(isotropicSpectrum(d), { sigma: 0, features: "gaussian" });
    const s = summarizeMc(multiEpochSgd(p, { N: 4 * d, Kmax: 60, etas: [0.02, 0.05], runs: 20, seed: 4 }));
    const R0 = 0.5 * d;
    for (let m = 0; m < 2; m++) {
      expect(s.mean[m][59]).toBeLessThan(1e-6 * R0);
      expect(s.mean[m][59]).toBeLessThan(s.mean[m][29]);
      expect(s.mean[m][29]).toBeLessThan(s.mean[m][0]);
    }
  });

  it("approaches the OLS risk σ²d/(2(N−d−1)) for Gaussian features, N = 4d, small η, many epochs", () => {
    const d = 10;
    const N = 4 * d;
    const sigma = 1;
    const p = linearProblem(isotropicSpectrum(d), { sigma, features: "gaussian" });
    const eta = 0.005; // η·K·N·λ_d = 40 ≫ 1 at K = 200
    const s = summarizeMc(multiEpochSgd(p, { N, Kmax: 200, etas: [eta], runs: 1500, seed: 8 }));
    const ols = (sigma * sigma * d) / (2 * (N - d - 1));
    const R = s.mean[0][199];
    // early-stopping shrinkage may sit slightly below OLS; SGD fluctuations of order η tr H slightly above
    expect(Math.abs(R - ols)).toBeLessThan(0.05 * ols + 3 * s.se[0][199]);
    expect(s.se[0][199] / ols).toBeLessThan(0.03);
  });

  it("risk per epoch decreases at small η and common random numbers make η-curves smooth", () => {
    const p = linearProblem(powerSpectrum(8, 1.5), { sigma: 0.1, features: "rademacher" });
    const s = summarizeMc(multiEpochSgd(p, { N: 30, Kmax: 5, etas: [0.05, 0.1], runs: 50, seed: 2 }));
    for (let k = 1; k < 5; k++) expect(s.mean[0][k]).toBeLessThan(s.mean[0][k - 1]);
    expect(s.mean[1][4]).toBeLessThan(s.mean[0][4]);
  });

  it("is reproducible, and splitting runs then merging is bitwise-exact", () => {
    const p = linearProblem(powerSpectrum(7, 1.5), { sigma: 0.1, features: "gaussian" });
    const opts = { N: 25, Kmax: 4, etas: [0.05, 0.1, 0.2], runs: 13, seed: 9 };
    const a = multiEpochSgd(p, opts);
    const b = multiEpochSgd(p, opts);
    expect(Array.from(a.sum)).toEqual(Array.from(b.sum));
    expect(Array.from(a.sumSq)).toEqual(Array.from(b.sumSq));
    const parts = [
      multiEpochSgd(p, { ...opts, runOffset: 5, runCount: 8, keepRuns: true }),
      multiEpochSgd(p, { ...opts, runOffset: 0, runCount: 5, keepRuns: true }),
    ];
    const merged = mergeMc(parts);
    expect(merged.runs).toBe(13);
    expect(Array.from(merged.sum)).toEqual(Array.from(a.sum));
    expect(Array.from(merged.sumSq)).toEqual(Array.from(a.sumSq));
    // without per-run values the merge adds partial sums (equal up to rounding)
    const loose = mergeMc(parts.map(({ perRun: _unused, ...rest }) => rest));
    loose.sum.forEach((v, q) => expect(v).toBeCloseTo(a.sum[q], 12));
    expect(() => mergeMc([parts[0]])).not.toThrow();
    expect(() => mergeMc([parts[0], parts[0]])).toThrow(ParameterError);
    const other = multiEpochSgd(p, { ...opts, seed: 10 });
    expect(Array.from(other.sum)).not.toEqual(Array.from(a.sum));
  });

  it("per-η epochs: each trajectory equals its own run to that many epochs (bitwise) and then carries its risk forward", () => {
    const p = linearProblem(powerSpectrum(6, 1), { sigma: 0.2, features: "rademacher" });
    const base = { N: 17, runs: 9, seed: 4 };
    const etas = [0.02, 0.05, 0.1, 0.2];
    const epochs = [3, 6, 1, 6];
    const mixed = multiEpochSgd(p, { ...base, Kmax: 6, etas, epochs });
    etas.forEach((eta, m) => {
      const alone = multiEpochSgd(p, { ...base, Kmax: epochs[m], etas: [eta] });
      for (let k = 0; k < 6; k++) {
        const kk = Math.min(k, epochs[m] - 1);
        expect(mixed.sum[m * 6 + k]).toBe(alone.sum[kk]);
        expect(mixed.sumSq[m * 6 + k]).toBe(alone.sumSq[kk]);
      }
    });
    // all at Kmax: the same as without the option
    const full = multiEpochSgd(p, { ...base, Kmax: 6, etas });
    expect(Array.from(multiEpochSgd(p, { ...base, Kmax: 6, etas, epochs: [6, 6, 6, 6] }).sum)).toEqual(Array.from(full.sum));
    expect(() => multiEpochSgd(p, { ...base, Kmax: 6, etas, epochs: [1, 2, 7, 1] })).toThrow(/epochs\[2\] = 7/);
    expect(() => multiEpochSgd(p, { ...base, Kmax: 6, etas, epochs: [1, 2] })).toThrow(/epochs/);
  });

  it("rejects bad parameters with a ParameterError naming them", () => {
    const p = linearProblem(isotropicSpectrum(4), { sigma: 0.1 });
    const ok = { N: 10, Kmax: 2, etas: [0.1], runs: 3, seed: 1 };
    const bad: [Partial<typeof ok>, string][] = [
      [{ N: 0 }, "N"],
      [{ N: 2.5 }, "N"],
      [{ Kmax: 0 }, "Kmax"],
      [{ runs: 0 }, "runs"],
      [{ seed: -1 }, "seed"],
      [{ etas: [0] }, "eta"],
      [{ etas: [-0.1] }, "eta"],
      [{ etas: [0.6] }, "eta"], // > 2/tr H = 0.5
      [{ etas: [0.1, NaN] }, "etas[1]"],
      [{ etas: [] }, "etas"],
    ];
    for (const [patch, name] of bad) {
      let err: unknown;
      try {
        multiEpochSgd(p, { ...ok, ...patch });
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(patch)).toBeInstanceOf(ParameterError);
      expect((err as ParameterError).message).toContain(name);
    }
    expect(() => multiEpochSgd(p, { ...ok, etas: [0.6] })).toThrow(/eta = 0\.6: must be .*≤ 0\.5/);
    expect(() => multiEpochSgd(p, { ...ok, runOffset: 3 })).toThrow(ParameterError);
    expect(() => onePassSgd(p, { T: [5], eta: 0.7, runs: 2, seed: 1 })).toThrow(/eta/);
    expect(() => onePassSgd(p, { T: [-1], eta: 0.1, runs: 2, seed: 1 })).toThrow(/T\[0\]/);
    expect(() => onePassSgd(p, { T: [5], eta: 0.1, runs: 0, seed: 1 })).toThrow(/runs/);
  });
});

describe("η grid", () => {
  it("etaGrid is log-spaced with at least perOctave points per octave and includes both ends", () => {
    const g = etaGrid(1e-3, 1, 4);
    expect(g[0]).toBe(1e-3);
    expect(g[g.length - 1]).toBe(1);
    expect(g.length - 1).toBeGreaterThanOrEqual(4 * Math.log2(1000));
    const r = g[1] / g[0];
    for (let q = 1; q < g.length; q++) expect(g[q] / g[q - 1]).toBeCloseTo(r, 10);
    expect(r).toBeLessThanOrEqual(Math.pow(2, 1 / 4) + 1e-12);
    expect(() => etaGrid(0, 1)).toThrow(/lo/);
    expect(() => etaGrid(1, 0.5)).toThrow(/hi/);
  });

  it("defaultMcEtaGrid spans 0.05/(λ1 K N) … min(1/tr H, 5 ln N/(λ_d N)) (this toolkit's default)", () => {
    const p = linearProblem(powerSpectrum(100, 1.5), { sigma: 0.1 });
    const g = defaultMcEtaGrid(p, 1000, 20, 4);
    const tr = p.lambda.reduce((s, l) => s + l, 0);
    expect(g[0]).toBeCloseTo(0.05 / (1 * 20 * 1000), 15);
    expect(g[g.length - 1]).toBeCloseTo(Math.min(1 / tr, (5 * Math.log(1000)) / (p.lambda[99] * 1000)), 15);
  });
});
