// The transformer reuse study's analysis and claims on synthetic loss curves with a known E(K,N):
// the one-pass curve is L₁(t) and a K-epoch run over N tokens ends at L₁(E(K,N)·N), so the analysis
// must recover E, the premise must see (or not see) a floor, and each claim must pass or fail as the
// constructed E says.
import { describe, expect, it } from "vitest";
import { REUSE_STUDY_CONFIGS, windowTokens, type ReuseStudyConfig } from "../../src/reuse/study/config";
import { analyseReuse, onePassEvalSteps, type EpochRunRecord, type OnePassRecord, type ReuseStudyResult } from "../../src/reuse/study/study";
import { reuseTransformerClaims } from "../../src/reuse/study/claims";
import type { Claim } from "../../src/core/claim";

const c: ReuseStudyConfig = REUSE_STUDY_CONFIGS.small;

function synthetic(L1: (t: number) => number, E: (K: number, N: number) => number): ReuseStudyResult {
  const tokensPerStep = windowTokens(c) * c.batchSize;
  const tokens = onePassEvalSteps(c).filter((s) => s >= 1).map((s) => s * tokensPerStep);
  const onePass: OnePassRecord[] = c.seeds.map((seed) => ({ seed, tokens, valLoss: tokens.map(L1) }));
  const runs: EpochRunRecord[] = c.seeds.flatMap((seed) =>
    c.N.map((N) => {
      const valLoss = Array.from({ length: c.Kmax }, (_, k) => L1(E(k + 1, N) * N));
      return { seed, N, valLoss, trainLoss: valLoss };
    }),
  );
  return { ...analyseReuse(c, runs, onePass), bayesLoss: 0, chanceLoss: 4, coverageTokens: 1e9, seconds: 0, threads: 1 };
}

const verdicts = (r: ReuseStudyResult): Record<string, string> => {
  const res = { get: () => r } as unknown as Parameters<Claim["evidence"]>[0];
  return Object.fromEntries(reuseTransformerClaims.map((cl) => [cl.id, cl.evidence(res, "small").verdict]));
};

// saturation level S(N) = 6·(N/N_min)^{1/3} (the exponent b/(a−b) = 1/3 of the config's a = 2, b = 0.5); E = S(1 − e^{−K/S})
const S = (N: number) => 6 * Math.cbrt(N / c.N[0]);
const Esat = (K: number, N: number) => (K === 1 ? 1 : S(N) * -Math.expm1(-K / S(N)) + (1 - S(N) * -Math.expm1(-1 / S(N))));

describe("reuse study analysis on synthetic curves", () => {
  it("recovers E(K,N) within 1 % from a pure power-law one-pass curve, and every claim passes when E saturates at a level ∝ N^{1/3}", () => {
    const r = synthetic((t) => 5 * t ** -0.5, Esat);
    for (const cv of r.curves) cv.E.forEach((e, k) => expect(Math.abs(e / Esat(k + 1, cv.N) - 1)).toBeLessThan(0.01));
    expect(r.onePassFit!.floor / (5 * (c.Kmax * c.N[c.N.length - 1]) ** -0.5)).toBeLessThan(0.05);
    expect(r.onePassFit!.exponent).toBeCloseTo(-0.5, 3);
    const v = verdicts(r);
    expect(v).toEqual(Object.fromEntries(reuseTransformerClaims.map((cl) => [cl.id, "pass"])));
  });

  it("a one-pass curve with a floor fails the premise (floor share), as does a floor that flattens the last decade", () => {
    const r = synthetic((t) => 0.3 + 5 * t ** -0.5, Esat);
    expect(verdicts(r)["reuse.transformer-premise-data-limited"]).toBe("fail");
  });

  it("an N-independent saturation level (Muennighoff's picture) fails the rises-with-N, log-N, exponent and Muennighoff claims but not the small-K ones", () => {
    const flat = (K: number) => (K === 1 ? 1 : 8 * -Math.expm1(-K / 8) + (1 - 8 * -Math.expm1(-1 / 8)));
    const v = verdicts(synthetic((t) => 5 * t ** -0.5, (K) => flat(K)));
    expect(v["reuse.transformer-premise-data-limited"]).toBe("pass");
    expect(v["reuse.transformer-linear-small-k"]).toBe("pass");
    expect(v["reuse.transformer-saturates"]).toBe("pass");
    for (const id of ["reuse.transformer-saturation-rises-with-n", "reuse.transformer-saturation-log-n", "reuse.transformer-zipf-exponents", "reuse.transformer-muennighoff"]) expect(v[id], id).toBe("fail");
  });
});
