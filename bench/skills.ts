/**
 * Skills benchmarks: (d) online-SGD throughput of the toy in sample-gradients × d per second (k = 6, d = 256,
 * batch 64, Zipf α = 1.5, η = 0.2, one core, the full 2.56M-sample budget, sampling included), against
 * one core's memory bandwidth for a dense update (a STREAM-style triad w ← w − c·g over 10⁷ doubles, 24
 * bytes per coordinate); (e) one population-GD step at d = 10⁴ (k = 4, Zipf α = 1.5, η = 0.3).
 */
import { zipfSkills } from "../theory/skills/distributions";
import { gaussianInit, skillModel } from "../theory/skills/model";
import { populationGd } from "../theory/skills/populationGd";
import { runSgdTask } from "../theory/skills/sampleComplexity";
import type { Benchmark } from "./harness";

/** Sizes of benchmark (d). */
export const SGD_BENCH_PARAMS = { k: 6, d: 256, alpha: 1.5, eta: 0.2, batch: 64, budget: 2.56e6, r: 0.5, seed: 0 };

/** One core's triad bandwidth in coordinate updates per second (w[i] −= c·g[i]: 2 reads + 1 write of 8 bytes). */
export function triadCoordinatesPerSecond(n = 1e7, reps = 5): number {
  const w = new Float64Array(n).fill(1);
  const g = new Float64Array(n).fill(1e-9);
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) w[i] -= 0.5 * g[i];
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return n / best;
}

export const skillsBenchmarks: Benchmark[] = [
  {
    name: "skills-sgd-throughput",
    unit: "sample-gradients·d/s",
    params: { ...SGD_BENCH_PARAMS, threads: 1 },
    higherIsBetter: true,
    run() {
      const p = SGD_BENCH_PARAMS;
      const t0 = process.hrtime.bigint();
      const o = runSgdTask({ ...p, fullBudget: true });
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      const rate = (p.budget * p.d) / s;
      const bw = triadCoordinatesPerSecond();
      return { value: rate, extra: { seconds: s, samplesPerSecond: p.budget / s, triadCoordinatesPerSecond: bw, ratioToBandwidth: rate / bw, finalUniformLoss: o.finalUniformLoss } };
    },
  },
  {
    name: "skills-population-gd-step",
    unit: "s/step",
    params: { k: 4, d: 1e4, alpha: 1.5, eta: 0.3, steps: 2000 },
    higherIsBetter: false,
    run() {
      const d = 1e4;
      const dist = zipfSkills(d, 1.5, { seed: 1 });
      const m = skillModel(4, dist, { seed: 1 });
      const w0 = gaussianInit(d, 0.5, 1);
      const t0 = process.hrtime.bigint();
      populationGd(m, { eta: 0.3, steps: 2000, w0, rank: dist.rank, records: 2 });
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      return { value: s / 2000, extra: { coordinatesPerSecond: (2000 * d) / s } };
    },
  },
];
