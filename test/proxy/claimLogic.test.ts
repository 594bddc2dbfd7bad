/**
 * The judging logic of the proxy claims on hand-made results (no computing): each test sets up numbers
 * whose verdict is known, so a claim that looks at the wrong pairs, times or seeds fails here.
 */
import { describe, expect, it } from "vitest";
import type { Claim } from "../../src/core/claim";
import type { Results } from "../../src/core/result";
import { proxyClaims } from "../../src/proxy/claims";
import type { FlipRow } from "../../theory/proxy/flipStudy";
import { spec10Recipes } from "../../theory/proxy/recipes";
import { FIXED_TIME, HORIZON_TIMES, type FlipBatchRow, type FlipSpec10, type HorizonResult, type TimeAgreementRow } from "../../src/proxy/results";

const claim = (id: string): Claim => proxyClaims.find((c) => c.id === id) as Claim;
const results = (value: unknown): Results => ({ get: <V>() => value as V });

/** A flip row of spec-i vs spec-j with a predicted flip 1 and an observed one at `ratio` (null: none). */
const row = (i: number, j: number, ratio: number | null, predicted = 1): FlipRow => ({
  a: `spec-${i}`,
  b: `spec-${j}`,
  winner: `spec-${i}`,
  oneStep: Infinity,
  noise: predicted,
  noiseEquilibrated: predicted,
  discrete: predicted,
  observed: ratio === null ? null : ratio * predicted,
  ratio,
});

const flipResult = (ratioOf: (i: number, j: number) => number | null, flipping = (_i: number, _j: number) => true): FlipSpec10 => {
  const rows: FlipRow[] = [];
  for (let i = 0; i < 10; i++) for (let j = i + 1; j < 10; j++) rows.push(flipping(i, j) ? row(i, j, ratioOf(i, j)) : row(i, j, null, Infinity));
  return { config: { world: { d: 4, poolSize: 100, seed: 0 }, recipes: spec10Recipes(), width: 128, batch: 8, time: 1000, seeds: 2, halfOctaves: 4 }, rows };
};

describe("proxy.flip-lr-factor-2 judges every flipping pair", () => {
  const c = claim("proxy.flip-lr-factor-2");
  it("fails when the best-vs-worst pairs are within ×2 but most other pairs are not (the old claim looked at those five only)", () => {
    const v = flipResult((i, j) => (i === 0 && j >= 5 ? 1 : 0.3));
    const e = c.evidence(results(v));
    expect(e.verdict).toBe("fail");
    expect(e.measured).toEqual({ pairs: 45, flipping: 45, withinFactor2: 5, fraction: 5 / 45 });
  });
  it("counts a pair without a crossing on the grid as a miss, leaves non-flipping pairs out, and reports the distribution", () => {
    // 40 flipping pairs: 30 within ×2 (ratios 0.5 and 2 are inside), 6 below ½, 2 above 2, 2 without crossing
    let n = 0;
    const ratios = [...Array(28).fill(1), 0.5, 2, ...Array(6).fill(0.4), 2.5, 3, null, null];
    const v = flipResult(
      () => ratios[n++],
      (i, j) => !(i >= 8 || (i === 7 && j >= 8) || (j === 9 && (i === 6 || i === 5))),
    );
    const flipping = v.rows.filter((r) => Number.isFinite(r.discrete)).length;
    expect(flipping).toBe(40);
    const e = c.evidence(results(v));
    expect(e.measured).toEqual({ pairs: 45, flipping: 40, withinFactor2: 30, fraction: 0.75 });
    expect(e.verdict).toBe("pass");
    const d = (e.details as { distribution: Record<string, number> }).distribution;
    expect(d).toMatchObject({ belowHalf: 6, within: 30, aboveTwo: 2, noCrossingOnGrid: 2, min: 0.4, max: 3, median: 1 });
    expect((e.details as { notFlipping: string[] }).notFlipping).toHaveLength(5);
  });
});

describe("proxy.flip-lr-proportional-to-batch fits η_flip ∝ B^α", () => {
  const c = claim("proxy.flip-lr-proportional-to-batch");
  const make = (alpha: number, missing = false) => {
    const batches = [1, 2, 4, 8, 16];
    const rows: FlipBatchRow[] = [];
    for (const [i, j] of [[0, 5], [0, 9]]) for (const [k, B] of batches.entries()) rows.push({ a: `spec-${i}`, b: `spec-${j}`, batch: B, predicted: 0.1 * B, predictedFormula: 0.1 * B, observed: missing && k === 4 ? null : 0.07 * B ** alpha * (1 + 0.01 * (k % 2)) });
    return { config: { world: {}, recipes: spec10Recipes(), width: 128, time: 1000, seeds: 2, pairs: [[0, 5], [0, 9]], batches }, rows };
  };
  it("passes at exponent ≈ 1 with a small standard error, fails at 0.7 or when a batch has no crossing", () => {
    const e = c.evidence(results(make(1)));
    expect(e.verdict).toBe("pass");
    const m = e.measured as Record<string, number>;
    expect(Math.abs(m["spec-0 vs spec-5: exponent"] - 1)).toBeLessThan(0.01);
    expect(m["spec-0 vs spec-5: se"]).toBeGreaterThan(0);
    expect(m["spec-0 vs spec-5: se"]).toBeLessThan(0.01);
    expect(c.evidence(results(make(0.7))).verdict).toBe("fail");
    expect(c.evidence(results(make(1, true))).verdict).toBe("fail");
  });
});

describe("proxy.fixed-time-horizon reads τ_h off the curve", () => {
  const c = claim("proxy.fixed-time-horizon");
  const curve = (rho: (tau: number) => number): HorizonResult => ({
    config: { world: {}, recipes: [], widths: [32], seeds: 2, targetWidth: 128, lr: 1e-3, times: [...HORIZON_TIMES] },
    widths: [{ width: 32, rows: HORIZON_TIMES.map((time) => ({ time, steps: time / 1e-3, spearman: rho(time), spearmanSe: 0.01, spearmanMin: rho(time), kendall: rho(time) - 0.1, kendallSe: 0.01, spearmanSelf: 1, regret: 0 }) as TimeAgreementRow) }],
  });
  it("the horizon is the first τ of the last run ≥ 0.9 that reaches τ = 1e4; none → fail", () => {
    // 0.95 at τ = 10 (an early blip), below 0.9 until τ = 3162, then ≥ 0.9
    const ok = c.evidence(results(curve((t) => (t === 10 ? 0.95 : t >= 3000 ? 0.93 : 0.8))));
    expect(ok.verdict).toBe("pass");
    expect((ok.measured as Record<string, number>)["width 32: horizon τ_h"]).toBeCloseTo(3162.28, 6);
    expect((ok.measured as Record<string, number>)["width 32: ρ at τ = 1e3"]).toBe(0.8);
    const late = c.evidence(results(curve((t) => (t > FIXED_TIME ? 0.95 : 0.85))));
    expect(late.verdict).toBe("fail");
  });
});

describe("proxy.regret-standard-vs-tiny measures regret@1 as a share of the target's spread", () => {
  const c = claim("proxy.regret-standard-vs-tiny");
  const target = [0.1, 0.2, 0.3, 0.5];
  const sweep = (lrs: number[], losses: number[][]) => ({ config: { lrs }, target: { optimum: target }, cells: losses.map((loss) => ({ width: 32, loss: lrs.map(() => loss) })) });
  const byId = (m: Record<string, unknown>): Results => ({ get: <V>(def: { id: string }) => m[def.id] as V });
  it("standard picks recipe 2 or 3 (regret 0.2, 0.4 → mean 0.3 = 0.75 of the spread 0.4), tiny picks the best: pass; a tiny pick of recipe 1 fails", () => {
    const standard = sweep([3.3], [[0.9, 0.8, 0.1, 0.5], [0.9, 0.8, 0.7, 0.1]]);
    const tiny = sweep([1e-3, 0.1], [[0.1, 0.2, 0.3, 0.4], [0.1, 0.3, 0.2, 0.4]]);
    const e = c.evidence(byId({ "proxy.large-lr-sgd": standard, "proxy.sweep-gd-fixed-time": tiny }));
    const m = e.measured as Record<string, number>;
    expect(m.standard).toBeCloseTo(0.3, 12);
    expect(m.standardShare).toBeCloseTo(0.75, 12);
    expect([m.tiny, m.tinyShare]).toEqual([0, 0]);
    expect(e.verdict).toBe("pass");
    const worse = sweep([1e-3, 0.1], [[0.2, 0.1, 0.3, 0.4], [0.1, 0.3, 0.2, 0.4]]);
    const f = c.evidence(byId({ "proxy.large-lr-sgd": standard, "proxy.sweep-gd-fixed-time": worse }));
    expect((f.measured as Record<string, number>).tinyShare).toBeCloseTo(0.125, 12);
    expect(f.verdict).toBe("fail");
  });
});
