import { describe, expect, it } from "vitest";
import { isotropicSpectrum, zipfModel } from "../../src/core/spectra";
import { ParameterError } from "../../src/core/validate";
import { applicableMethods, reuseRates } from "../../src/reuse/reuseRate";
import { linearProblem } from "../../theory/reuse/problem";

describe("reuseRates (the engine of `datalaws reuse rate`)", () => {
  const linear = { kind: "linear" as const, problem: linearProblem(isotropicSpectrum(4), { sigma: 0.1, features: "gaussian" }) };

  it("a method that does not apply is rejected by the library's own parameter name, with the applicable methods", async () => {
    const err = await reuseRates(linear, [100], [4], { method: "exact" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParameterError);
    expect((err as ParameterError).parameter).toBe("method");
    expect((err as Error).message).toMatch(/must be one of mc, asymptotic for K = 4 .*no exact multi-epoch formula/);
    expect(applicableMethods(linear, 4)).toEqual(["mc", "asymptotic"]);
  });

  it("E(1,N) = 1 by the one-pass inversion; in the Zipf model E(1024,N) ≤ E(∞,N) and the plateau exceeds 1", async () => {
    const [row] = await reuseRates(linear, [1000], [1], { method: "exact" });
    expect(Math.abs(row.E - 1)).toBeLessThan(1e-6);
    const zipf = { kind: "zipf" as const, model: zipfModel(4.5, 1, 1e5) };
    const rows = await reuseRates(zipf, [1e4], [1024, Infinity], { method: "exact" });
    expect(rows[0].E).toBeLessThanOrEqual(rows[1].E + 1e-9);
    expect(rows[1].E).toBeGreaterThan(1);
  });

  it("the leading-order asymptotic is labelled as such and carries its error against the plateau / exact E", async () => {
    const iso = { kind: "linear" as const, problem: linearProblem(isotropicSpectrum(100), { sigma: 0.1, features: "gaussian" }) };
    const rows = await reuseRates(iso, [10000], [1, 4, Infinity], { method: "asymptotic" });
    expect(rows[0]).toMatchObject({ E: 1, reference: 1, relError: 0 });
    expect(rows[1]).toMatchObject({ reference: null, relError: null }); // finite K > 1: no exact E
    // 0.25·ln 1e4 = 2.30 against the plateau 4.46: −48 %
    expect(rows[2].E).toBeCloseTo(0.25 * Math.log(1e4), 12);
    expect(rows[2].reference).toBeGreaterThan(4.4);
    expect(rows[2].relError!).toBeCloseTo(rows[2].E / rows[2].reference! - 1, 14);
    const zipf = { kind: "zipf" as const, model: zipfModel(4.5, 1, 1e5) };
    const [z] = await reuseRates(zipf, [1e6], [Infinity], { method: "asymptotic" });
    const [exact] = await reuseRates(zipf, [1e6], [Infinity], { method: "exact" });
    expect(z.reference).toBe(exact.E);
  });

  it("plateau rows keep the order of N asked (the warm start runs in ascending N)", async () => {
    const iso = { kind: "linear" as const, problem: linearProblem(isotropicSpectrum(10), { sigma: 0.1, features: "rademacher" }) };
    const rows = await reuseRates(iso, [10000, 100, 1000], [Infinity], { method: "plateau" });
    expect(rows.map((r) => r.N)).toEqual([10000, 100, 1000]);
    expect(rows[1].E).toBeLessThan(rows[2].E);
    expect(rows[2].E).toBeLessThan(rows[0].E);
  });

  it("the plateau grid on worker threads gives the same numbers at 1 and 2 threads, equal to N-by-N searches", async () => {
    const { plateauReuseRatesParallel } = await import("../../src/reuse/plateauParallel");
    const { plateauReuseRate } = await import("../../theory/reuse/plateau");
    const { evenSpectrum } = await import("../../src/core/spectra");
    const p = linearProblem(evenSpectrum(30, 1, 2), { sigma: 0.1, features: "gaussian" });
    const Ns = [5000, 100, 20000, 400, 1000];
    const one = await plateauReuseRatesParallel(p, Ns, { threads: 1 });
    const two = await plateauReuseRatesParallel(p, Ns, { threads: 2 });
    expect(two.map((r) => r.E)).toEqual(one.map((r) => r.E));
    Ns.forEach((N, i) => expect(Math.abs(one[i].E / plateauReuseRate(p, N).E - 1), `N = ${N}`).toBeLessThan(1e-9));
  });
});
