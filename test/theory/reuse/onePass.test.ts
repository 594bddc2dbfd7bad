import { describe, expect, it } from "vitest";
import { evenSpectrum, isotropicSpectrum, powerSpectrum, trace, minEigen } from "../../../src/core/spectra";
import { linearProblem } from "../../../theory/reuse/problem";
import {
  maxEta,
  onePassRisk,
  onePassRiskByRecursion,
  stabilityIndex,
  stabilityLimit,
  stationaryRisk,
} from "../../../theory/reuse/onePass";
import { invertOnePass, optimalOnePassRisk } from "../../../theory/reuse/optimalRate";
import { olsRisk, plateauReuseRate } from "../../../theory/reuse/plateau";
import { thm42PlateauSlope } from "../../../theory/reuse/asymptotics";

const spectra = {
  isotropic: isotropicSpectrum(30),
  even: evenSpectrum(40, 1, 2),
  power: powerSpectrum(120, 1.5),
  // repeated eigenvalues mixed with distinct ones
  mixed: Float64Array.from([3, 3, 3, 1, 1, 0.5, 0.25, 0.25]),
};

describe("exact one-pass risk (closed form of the diagonal recursion)", () => {
  for (const [name, lam] of Object.entries(spectra)) {
    for (const features of ["gaussian", "rademacher"] as const) {
      it(`${name}/${features}: equals T steps of the recursion to 1e-10 relative`, () => {
        const wstar = Float64Array.from(lam, (_, i) => 1 + 0.3 * Math.sin(i));
        const p = linearProblem(lam, { sigma: 0.2, features, wstar });
        for (const frac of [0.02, 0.5, 1]) {
          const eta = maxEta(p) * frac;
          const Ts = [0, 1, 7, 300, 2500];
          const exact = onePassRisk(p, eta, Ts);
          Ts.forEach((T, j) => {
            const ref = onePassRiskByRecursion(p, eta, T);
            expect(Math.abs(exact[j] - ref) / ref).toBeLessThan(1e-10);
          });
        }
      });
    }
  }

  it("tends to the stationary risk ½σ²s/(1−s) as T → ∞", () => {
    const p = linearProblem(spectra.even, { sigma: 0.3, features: "gaussian" });
    const eta = 0.5 * maxEta(p);
    const [rInf] = onePassRisk(p, eta, [1e9]);
    expect(Math.abs(rInf / stationaryRisk(p, eta) - 1)).toBeLessThan(1e-9);
  });

  it("stability limit: s(η) = 1 there, and the recursion diverges just beyond it", () => {
    const p = linearProblem(Float64Array.from([1]), { sigma: 0.1, features: "gaussian" });
    // d = 1 Gaussian: E(1 − ηx²)² + η²λ² ... stable iff ηλ/(2 − 2ηλ) < 1 ⇔ ηλ < 2/3
    expect(stabilityLimit(p)).toBeCloseTo(2 / 3, 12);
    expect(stabilityIndex(p, 0.999 * stabilityLimit(p))).toBeLessThan(1);
    expect(onePassRiskByRecursion(p, 1.01 * stabilityLimit(p), 4000)).toBeGreaterThan(1e3);
    expect(() => onePassRisk(p, 0.7, 10)).toThrow(/eta = 0.7: must be in \(0, 0.666667\)/);
    expect(() => onePassRisk(p, 0, 10)).toThrow(/eta = 0/);
    expect(() => onePassRisk(p, 0.1, -1)).toThrow(/T = -1/);
  });
});

describe("optimal one-pass risk R̄*(1,T) and its inversion", () => {
  const p = linearProblem(spectra.even, { sigma: 0.1, features: "rademacher" });

  it("the optimum is a minimum over η (finite-difference check in ln η)", () => {
    for (const T of [50, 1e3, 1e5]) {
      const r = optimalOnePassRisk(p, T);
      for (const f of [0.97, 1.03]) {
        const eta = r.eta * f;
        if (eta < maxEta(p)) expect(onePassRisk(p, eta, T)[0]).toBeGreaterThanOrEqual(r.risk * (1 - 1e-12));
      }
    }
  });

  it("is decreasing in T, and E(1,N) = N′/N = 1 to 1e-6", () => {
    let prev = Infinity;
    for (const N of [30, 300, 3000, 3e4, 3e5, 3e6]) {
      const r = optimalOnePassRisk(p, N);
      expect(r.risk).toBeLessThan(prev);
      prev = r.risk;
      const inv = invertOnePass(p, r.risk);
      expect(Math.abs(inv.N / N - 1)).toBeLessThan(1e-6);
    }
  });

  it("Thm 4.1 constant: R̄*(1,T)·T/ln T decreases toward σ² tr H/(8λ_d) from above (slowly)", () => {
    const lim = (0.01 * trace(p.lambda)) / (8 * minEigen(p.lambda));
    const ratios = [1e4, 1e5, 1e6, 1e7].map((T) => (optimalOnePassRisk(p, T).risk * T) / Math.log(T) / lim);
    for (let i = 1; i < ratios.length; i++) expect(ratios[i]).toBeLessThan(ratios[i - 1]);
    expect(ratios[ratios.length - 1]).toBeGreaterThan(1);
  });
});

describe("plateau shortcut", () => {
  it("uses the exact Gaussian OLS risk σ²d/(2(N−d−1)) and rejects N ≤ d + 1", () => {
    const p = linearProblem(isotropicSpectrum(10), { sigma: 0.5, features: "gaussian" });
    expect(olsRisk(p, 111)).toBeCloseTo((0.25 * 10) / (2 * 100), 15);
    expect(() => olsRisk(p, 11)).toThrow(/N = 11: must be .*≥ 12/);
  });

  it("Thm 4.2 slope: the plateau grows like tr H/(4λ_d d)·ln N", () => {
    const p = linearProblem(isotropicSpectrum(100), { sigma: 0.1, features: "gaussian" });
    const Ns = [1e5, 1e6, 1e7];
    const E = Ns.map((N) => plateauReuseRate(p, N).E);
    const slope = (E[2] - E[0]) / Math.log(Ns[2] / Ns[0]);
    expect(Math.abs(slope / thm42PlateauSlope(p) - 1)).toBeLessThan(0.05);
    // and the o(1) terms of Thm 4.2 vanish slowly: at N ≤ 1e7 the leading order is too small by a few units
    expect(E[2] - thm42PlateauSlope(p) * Math.log(1e7)).toBeGreaterThan(1);
  });

  it("σ = 0 is refused with a clear message", () => {
    const p = linearProblem(isotropicSpectrum(5), { sigma: 0, features: "gaussian" });
    expect(() => plateauReuseRate(p, 100)).toThrow(/sigma = 0/);
  });
});

describe("secular-equation modes against a dense eigendecomposition (ml-matrix)", () => {
  it("the eigenvalues 1 − μ_m match those of the d × d recursion matrix", async () => {
    const { Matrix, EigenvalueDecomposition } = await import("ml-matrix");
    const { onePassModes } = await import("../../../theory/reuse/onePass");
    const lam = evenSpectrum(12, 0.5, 3);
    const p = linearProblem(lam, { sigma: 0.1, features: "gaussian" });
    const eta = 0.7 * maxEta(p);
    const d = lam.length;
    const A = Matrix.zeros(d, d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) A.set(i, j, eta * eta * lam[i] * lam[j]);
      A.set(i, i, A.get(i, i) + 1 - 2 * eta * lam[i] + 2 * eta * eta * lam[i] * lam[i]);
    }
    const dense = new EigenvalueDecomposition(A, { assumeSymmetric: true }).realEigenvalues.map((m) => 1 - m).sort((a, b) => a - b);
    const ours = Array.from(onePassModes(p, eta).oneMinusMu).sort((a, b) => a - b);
    ours.forEach((x, i) => expect(Math.abs(x - dense[i])).toBeLessThan(1e-12));
  });
});
