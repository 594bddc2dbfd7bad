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
    expect((err as Error).message).toMatch(/must be one of mc, theory for K = 4 .*no exact multi-epoch formula/);
    expect(applicableMethods(linear, 4)).toEqual(["mc", "theory"]);
  });

  it("E(1,N) = 1 by the one-pass inversion; in the Zipf model E(1024,N) ≤ E(∞,N) and the plateau exceeds 1", async () => {
    const [row] = await reuseRates(linear, [1000], [1], { method: "exact" });
    expect(Math.abs(row.E - 1)).toBeLessThan(1e-6);
    const zipf = { kind: "zipf" as const, model: zipfModel(4.5, 1, 1e5) };
    const rows = await reuseRates(zipf, [1e4], [1024, Infinity], { method: "exact" });
    expect(rows[0].E).toBeLessThanOrEqual(rows[1].E + 1e-9);
    expect(rows[1].E).toBeGreaterThan(1);
  });
});
