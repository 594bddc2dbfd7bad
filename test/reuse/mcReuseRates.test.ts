// The Monte Carlo E(K,N) driver: grid once up to Kmax, then each K's η refinement on the same runs
// (common random numbers), on worker threads with checkpoints; the same numbers as the pure pipeline.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { isotropicSpectrum } from "../../src/core/spectra";
import { mcReuseRates, refinementPlan } from "../../src/reuse/mcReuseRates";
import { mcReuseRate } from "../../theory/reuse/effectiveReuse";
import { refinementEtas } from "../../theory/reuse/etaOptimum";
import { defaultMcEtaGrid, multiEpochSgd, summarizeMc } from "../../theory/reuse/monteCarlo";
import { linearProblem } from "../../theory/reuse/problem";

describe("mcReuseRates", () => {
  const p = linearProblem(isotropicSpectrum(4), { sigma: 0.1, features: "gaussian" });
  const N = 30;
  const Ks = [1, 2, 5, 8];
  const etas = defaultMcEtaGrid(p, N, 8, 4);
  const opts = { N, Ks, etas, runs: 40, seed: 7 };

  it("equals the pure pipeline (grid, refinement per K on the same seed, mcReuseRate) bitwise, with threads and checkpoints", async () => {
    const grid = summarizeMc(multiEpochSgd(p, { N, Kmax: 8, etas, runs: 40, seed: 7 }));
    const expected = Ks.map((K) => {
      const extra = refinementEtas(grid.mean.map((r) => r[K - 1]), etas);
      const refinement = summarizeMc(multiEpochSgd(p, { N, Kmax: K, etas: extra, runs: 40, seed: 7 }));
      return mcReuseRate(p, grid, K, N, refinement);
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-mcrates-"));
    try {
      const stages = new Set<string>();
      const got = await mcReuseRates(p, { ...opts, threads: 2, checkpoint: path.join(dir, "mc"), onProgress: (_d, _t, s) => stages.add(s) });
      expect(got).toEqual(expected);
      expect([...stages]).toEqual(["η grid", "η refinement"]);
      expect(fs.readdirSync(dir)).toEqual([]); // every checkpoint removed when done
      expect(await mcReuseRates(p, { ...opts, threads: 1 })).toEqual(expected);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    for (const r of expected) {
      expect(r.refined).toBe(true);
      expect(r.se).toBeGreaterThan(0); // at every K, K = Kmax included
      expect(Number.isFinite(r.se)).toBe(true);
    }
  }, 60_000);

  it("a refinement checkpoint of another computation is set aside, not merged", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-mcrates-"));
    try {
      const reference = await mcReuseRates(p, { ...opts, Ks: [2] });
      // a checkpoint of the refinement written for another seed
      const other = path.join(dir, "other");
      await mcReuseRates(p, { ...opts, Ks: [2], seed: 8, threads: 1, checkpoint: other, onProgress: (_d, _t, s) => {
        if (s === "η refinement" && fs.existsSync(`${other}-refine.json`)) fs.copyFileSync(`${other}-refine.json`, path.join(dir, "mc-refine.json"));
      } });
      expect(fs.existsSync(path.join(dir, "mc-refine.json"))).toBe(true);
      const got = await mcReuseRates(p, { ...opts, Ks: [2], checkpoint: path.join(dir, "mc") });
      expect(got).toEqual(reference);
      expect(fs.readdirSync(dir).some((f) => f.startsWith("mc-refine.json") && f.includes("bad"))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("refinementPlan: the union of the K's refinement η, each for the largest K that needs it", () => {
    const grid = summarizeMc(multiEpochSgd(p, { N, Kmax: 8, etas, runs: 40, seed: 7 }));
    const plan = refinementPlan(grid, Ks);
    expect([...plan.etas].sort((a, b) => a - b)).toEqual(plan.etas);
    Ks.forEach((K, j) => {
      const own = refinementEtas(grid.mean.map((r) => r[K - 1]), etas);
      expect(plan.ofK[j].map((i) => plan.etas[i])).toEqual(own);
      for (const i of plan.ofK[j]) expect(plan.epochs[i]).toBeGreaterThanOrEqual(K);
    });
    expect(new Set(plan.etas).size).toBe(plan.etas.length);
  });

  it("names a bad K list", async () => {
    await expect(mcReuseRates(p, { ...opts, Ks: [] })).rejects.toThrow(/Ks/);
    await expect(mcReuseRates(p, { ...opts, Ks: [1, 0] })).rejects.toThrow(/Ks\[1\]/);
  });
});
