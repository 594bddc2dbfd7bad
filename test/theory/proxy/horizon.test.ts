import { describe, expect, it } from "vitest";
import { Rng } from "../../../src/core/rng";
import { horizonFrom, lossesAtTimes } from "../../../theory/proxy/horizon";
import { proxyProblem, realisePools } from "../../../theory/proxy/problem";
import { proxyWorld, spec10Recipes } from "../../../theory/proxy/recipes";
import { moved, sgdLosses, type TrainingSetting } from "../../../theory/proxy/sensitivity";
import { flowLoss, gdLoss, sgdRun, stepsFor } from "../../../theory/proxy/training";

const w = proxyWorld({ poolSize: 300, seed: 1 });
const recipes = spec10Recipes().slice(0, 4);
const p = proxyProblem(w, recipes, 12, { featureSeed: 0, pools: realisePools(w, recipes) });

describe("the fixed-time horizon", () => {
  it("losses at time τ are T = round(τ/η) exact GD steps, and tend to gradient flow at τ as η → 0", () => {
    const times = [3, 30, 300];
    const L = lossesAtTimes(p, 1e-3, times);
    times.forEach((tau, t) =>
      p.recipes.forEach((r, k) => {
        expect(L[t][k]).toBe(gdLoss(r, p.val, 1e-3, Math.round(tau / 1e-3)).loss);
        // GD at η differs from the flow by O(η): relative 1e-3 is generous at η = 1e-3
        expect(Math.abs(L[t][k] - flowLoss(r, p.val, tau))).toBeLessThan(1e-3 * flowLoss(r, p.val, tau));
      }),
    );
    // τ ≤ η/2 still takes one step (T ≥ 1)
    expect(lossesAtTimes(p, 1e-3, [1e-3])[0][0]).toBeCloseTo(gdLoss(p.recipes[0], p.val, 1e-3, 1).loss, 14);
    expect(() => lossesAtTimes(p, 0, [1])).toThrow(/^lr = 0/);
    expect(() => lossesAtTimes(p, 1e-3, [1, -2])).toThrow(/^time\[1\] = -2/);
  });
  it("the horizon is the start of the last run of grid points ≥ the level that reaches `upTo`", () => {
    const t = [1, 10, 100, 1000, 1e4, 1e5];
    const y = [0.5, 0.95, 0.8, 0.92, 0.93, 0.85];
    expect(horizonFrom(t, y, 0.9, 1e4)).toBe(1000);
    expect(horizonFrom(t, y, 0.9, 10)).toBe(10);
    expect(horizonFrom(t, y, 0.9, 1e5)).toBeNull();
    expect(horizonFrom(t, y, 0.5, 1e5)).toBe(1);
    expect(() => horizonFrom(t, y, 0.9, 500)).toThrow(/^upTo = 500: must be a point of the time grid/);
    expect(() => horizonFrom([1, 1], [1, 1], 0.9, 1)).toThrow(/^time\[1\] = 1: must be > time\[0\] = 1/);
    expect(() => horizonFrom(t, [1], 0.9, 1)).toThrow(/^y\.length = 1/);
  });
});

describe("the sensitivity study", () => {
  const base: TrainingSetting = { lr: 0.5, batch: 8, weightDecay: 0, steps: 200 };
  it("moves one hyperparameter and holds the others; the lr moves at fixed training time τ₀ = η₀T₀", () => {
    expect(moved(base, "lr", 0.25)).toEqual({ lr: 0.25, batch: 8, weightDecay: 0, steps: 400 });
    expect(moved(base, "lr", 2)).toEqual({ lr: 2, batch: 8, weightDecay: 0, steps: stepsFor(2, { regime: "fixed-time", time: 100 }) });
    expect(moved(base, "batch", 32)).toEqual({ ...base, batch: 32 });
    expect(moved(base, "weightDecay", 0.1)).toEqual({ ...base, weightDecay: 0.1 });
    expect(moved(base, "steps", 50)).toEqual({ ...base, steps: 50 });
    expect(() => moved(base, "batch", 0)).toThrow(/^batch = 0/);
    expect(() => moved(base, "momentum" as never, 1)).toThrow(/^parameter = "momentum": must be one of lr, batch, weightDecay, steps/);
  });
  it("SGD losses of a setting are one seeded run per recipe: reproducible, and the run sgdRun gives on the stream (seed, recipe)", () => {
    const s = moved(base, "weightDecay", 0.05);
    const a = sgdLosses(p, s, 0, 3);
    expect(sgdLosses(p, s, 0, 3)).toEqual(a);
    const direct = sgdRun(p.recipes[2], p.val, { eta: s.lr, steps: s.steps, batch: s.batch, weightDecay: s.weightDecay, rng: new Rng(0, 5, p.width, p.featureSeed, 2, 3) }).loss;
    expect(a[2]).toBe(direct);
    expect(sgdLosses(p, s, 0, 4)).not.toEqual(a);
  });
});
