// Mathematics behind the theorem claims: the scheduled one-pass recursion (against the constant-η
// closed form and a direct simulation of SGD), the Muennighoff fit, the saturation point on a grid,
// the log-power-law plateau slope, and the extrapolation of local exponents.
import { describe, expect, it } from "vitest";
import { Rng } from "../../../src/core/rng";
import { evenSpectrum, isotropicSpectrum, zipfModel } from "../../../src/core/spectra";
import { extrapolatePowerApproach, localExponents, localSlopes } from "../../../src/core/extrapolate";
import { muennighoffReuseRate, thm52PlateauExponent, thm53PlateauSlope } from "../../../theory/reuse/asymptotics";
import { fitMuennighoffRstar, muennighoffErrors } from "../../../theory/reuse/muennighoffFit";
import { maxEta, onePassRisk, onePassRiskByRecursion } from "../../../theory/reuse/onePass";
import { olsRisk } from "../../../theory/reuse/plateau";
import { linearProblem } from "../../../theory/reuse/problem";
import { saturationPointOnGrid } from "../../../theory/reuse/saturation";
import {
  decayingSchedule,
  inverseTimeSchedule,
  invertScheduledOnePass,
  scheduledOnePassRisk,
  scheduledStepsToReach,
} from "../../../theory/reuse/schedule";
import { logPowerZipfModel, zipfReuseRate, zipfSaturationPoint } from "../../../theory/reuse/zipf";
import { reuseClaims } from "../../../src/reuse/claims";

describe("scheduled one-pass risk", () => {
  const mixed = Float64Array.from([3, 3, 1, 1, 1, 0.5, 0.25]);
  for (const features of ["gaussian", "rademacher"] as const) {
    it(`${features}: a constant schedule equals the constant-η closed form and the recursion (1e-10)`, () => {
      const p = linearProblem(mixed, { sigma: 0.3, features, wstar: Float64Array.from(mixed, (_, i) => 1 + 0.2 * i) });
      const eta = 0.5 * maxEta(p);
      const Ts = [0, 1, 5, 200, 1500];
      const sched = scheduledOnePassRisk(p, () => eta, Ts);
      const closed = onePassRisk(p, eta, Ts);
      Ts.forEach((T, j) => {
        expect(Math.abs(sched[j] / closed[j] - 1)).toBeLessThan(1e-10);
        expect(Math.abs(sched[j] / onePassRiskByRecursion(p, eta, T) - 1)).toBeLessThan(1e-12);
      });
    });
  }

  it("a decaying schedule matches a direct seeded simulation of SGD within 3.5 standard errors", () => {
    const lam = evenSpectrum(6, 0.5, 2);
    const p = linearProblem(lam, { sigma: 0.5, features: "gaussian" });
    const sched = decayingSchedule(0.8 * maxEta(p), 0.1, 0.8);
    const Ts = [10, 50, 200];
    const exact = scheduledOnePassRisk(p, sched, Ts);
    const runs = 4000;
    const sums = Ts.map(() => 0);
    const sq = Ts.map(() => 0);
    const d = lam.length;
    for (let r = 0; r < runs; r++) {
      const rng = new Rng(3, r);
      const e = Float64Array.from(p.wstar, (w) => -w); // e = w − w*, w0 = 0
      let k = 0;
      for (let t = 0; t < Ts[Ts.length - 1]; t++) {
        const x = Float64Array.from(lam, (l) => Math.sqrt(l) * rng.normal());
        const xi = p.sigma * rng.normal();
        let dot = 0;
        for (let i = 0; i < d; i++) dot += x[i] * e[i];
        const eta = sched(t);
        for (let i = 0; i < d; i++) e[i] -= eta * x[i] * (dot - xi);
        if (t + 1 === Ts[k]) {
          let R = 0;
          for (let i = 0; i < d; i++) R += 0.5 * lam[i] * e[i] * e[i];
          sums[k] += R;
          sq[k] += R * R;
          k++;
        }
      }
    }
    Ts.forEach((_, k) => {
      const mean = sums[k] / runs;
      const se = Math.sqrt((sq[k] / runs - mean * mean) / (runs - 1));
      expect(Math.abs(mean - exact[k]) / se).toBeLessThan(3.5);
    });
    // the schedule really decays (the test would not distinguish a constant η otherwise)
    expect(sched(200)).toBeLessThan(0.2 * sched(0));
  });

  it("steps to reach a target agree with the risk curve, and the inverse reaches its target", () => {
    const p = linearProblem(isotropicSpectrum(20), { sigma: 0.1, features: "gaussian" });
    const sched = inverseTimeSchedule(0.5 * maxEta(p), 3);
    const risks = scheduledOnePassRisk(p, sched, [100, 101]);
    const target = 0.5 * (risks[0] + risks[1]);
    const T = scheduledStepsToReach(p, sched, target, 10_000);
    expect(T).toBeGreaterThan(100);
    expect(T).toBeLessThan(101);
    const goal = olsRisk(p, 400);
    const inv = invertScheduledOnePass(p, goal, 100_000);
    const at = scheduledOnePassRisk(p, inverseTimeSchedule(inv.eta0, inv.c), [Math.ceil(inv.N), Math.floor(inv.N) - 1]);
    expect(at[0]).toBeLessThanOrEqual(goal);
    expect(at[1]).toBeGreaterThan(goal);
  });

  it("names the step whose learning rate is out of range", () => {
    const p = linearProblem(isotropicSpectrum(4), { sigma: 0.1 });
    expect(() => scheduledOnePassRisk(p, (t) => (t < 3 ? 0.01 : 10), [5])).toThrow(/schedule\(3\) = 10/);
    expect(() => decayingSchedule(0.1, -1)).toThrow(/b = -1/);
    expect(() => scheduledOnePassRisk(p, () => 0.01, [1.5])).toThrow(/Ts\[0\] = 1.5/);
  });
});

describe("Muennighoff fit and saturation point on a grid", () => {
  const K = [1, 2, 3, 4, 6, 8, 16, 32, 64, 128, 512];
  it("recovers R* from its own curve and measures the error of another R*", () => {
    for (const R of [2.5, 15.39, 80]) {
      const E = K.map((k) => muennighoffReuseRate(k, R));
      const f = fitMuennighoffRstar(K, E);
      expect(f.Rstar / R).toBeCloseTo(1, 6);
      expect(f.rmsLogError).toBeLessThan(1e-8);
    }
    const E = K.map((k) => muennighoffReuseRate(k, 5));
    const err = muennighoffErrors(K, E, 15.39);
    expect(err.maxRelativeError).toBeCloseTo(muennighoffReuseRate(512, 15.39) / muennighoffReuseRate(512, 5) - 1, 10);
    expect(() => fitMuennighoffRstar(K, E.slice(1))).toThrow(/E.length/);
  });

  it("interpolates exactly when E/K is linear in ln K, and agrees with the exact Zipf saturation point on a dense grid", () => {
    const Kl = [1, 2, 4, 8, 16];
    const E = Kl.map((k) => k * (1 - 0.1 * Math.log(k)));
    // 1 − 0.1 ln K = 0.75 at K = e^{2.5}
    expect(saturationPointOnGrid(Kl, E, 0.75)).toBeCloseTo(Math.exp(2.5), 10);
    const m = zipfModel(4.5, 1, 2e4);
    const grid = Array.from({ length: 200 }, (_, i) => Math.exp((i * Math.log(200)) / 199));
    const N = 1e5;
    const onGrid = saturationPointOnGrid(grid, grid.map((k) => zipfReuseRate(m, k, N).E), 0.75);
    expect(onGrid / zipfSaturationPoint(m, N, 0.75)).toBeCloseTo(1, 3);
    expect(saturationPointOnGrid([1, 2], [1, 1.9], 0.75)).toBe(Infinity);
    expect(() => saturationPointOnGrid([1, 1], [1, 1])).toThrow(/K\[1\]/);
  });
});

describe("log-power-law plateau (Thm 5.3) and local exponents", () => {
  it("the local slope of E(∞,N)^{1/b} against ln N approaches 1/(2^{1/b} α) (b = 1, 2)", () => {
    for (const b of [1, 2]) {
      const m = logPowerZipfModel(2.5, b, 1e5);
      const N = [1e8, 1e9];
      const E = N.map((n) => Math.pow(zipfReuseRate(m, Infinity, n).E, 1 / b));
      const slope = (E[1] - E[0]) / Math.log(10);
      expect(Math.abs(slope / thm53PlateauSlope(2.5, b) - 1)).toBeLessThan(0.003);
    }
    expect(thm53PlateauSlope(2.5, 1)).toBe(0.2);
    expect(() => thm53PlateauSlope(1, 1)).toThrow(/alpha = 1/);
  });

  it("at d = 1e5 the log-power plateau leaves its Θ(ln N) law past N ≈ 1e11 (finite d), as the Thm 5.3 claim says", () => {
    // E(∞,N) for b = 1 follows 0.2 ln N + 0.67 up to 1e10, then saturates: the claim's "E/ln N → 0.2"
    // holds for d → ∞ only, and its N range must stop at 1e10 (the statement said so only for d → ∞ after review11)
    const m = logPowerZipfModel(2.5, 1, 1e5);
    const E = [1e10, 1e12, 1e14].map((n) => zipfReuseRate(m, Infinity, n).E);
    const slope = (i: number) => (E[i + 1] - E[i]) / Math.log(100);
    expect(slope(0)).toBeGreaterThan(0.19);
    expect(slope(1)).toBeLessThan(0.1);
    const claim = reuseClaims.find((c) => c.id === "reuse.thm53-log-power-plateau");
    expect(claim?.statement).toMatch(/d → ∞ model only/);
    expect(claim?.statement).toMatch(/saturates past N ≈ 1e11/);
  });

  it("local slopes are exact on a line; the extrapolation recovers a known limit", () => {
    const s = localSlopes([0, 1, 3], [1, 3, 7]);
    expect(s.slope).toEqual([2, 2]);
    expect(s.x).toEqual([0.5, 2]);
    const e = localExponents([1, 10, 100], [2, 2 * 10 ** 0.3, 2 * 100 ** 0.3]);
    e.exponent.forEach((v) => expect(v).toBeCloseTo(0.3, 12));
    const x = [1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
    const seq = x.map((v) => 2 / 7 - 0.6 * v ** -0.21);
    const f = extrapolatePowerApproach(x, seq);
    expect(f.limit).toBeCloseTo(2 / 7, 8);
    expect(f.gamma).toBeCloseTo(0.21, 6);
    expect(f.c).toBeCloseTo(0.6, 6);
    expect(() => extrapolatePowerApproach(x.slice(0, 3), seq.slice(0, 3))).toThrow(/x.length = 3/);
    expect(() => localSlopes([0, 0], [1, 2])).toThrow(/x\[1\]/);
  });

  it("the Zipf saturation point's local exponent rises toward 2/7", () => {
    const m = zipfModel(4.5, 1, 1e5);
    const N = [1e4, 1e6, 1e8];
    const k = N.map((n) => zipfSaturationPoint(m, n));
    const ex = localExponents(N, k).exponent;
    expect(ex[1]).toBeGreaterThan(ex[0]);
    expect(ex[1]).toBeLessThan(thm52PlateauExponent(4.5, 1));
  });
});
