/**
 * Benchmarks of the proxy-ordering result: the time of the default recipe sweep (16 recipes, target width 256),
 * (a) with the closed forms — exact GD mean path in the eigenbasis, both regimes, widths 32 and 128, 4 feature
 *     seeds, 25 lrs over [1e-3, 30];
 * (b) as `npm run -s datalaws -- proxy sweep` runs by default — online SGD Monte Carlo, fixed time τ = 1e4,
 *     width 32, 3 seeds, 10 lrs over [0.03, 30], on both cores.
 */
import { defaultRecipes } from "../theory/proxy/recipes";
import { lrGrid } from "../theory/proxy/training";
import { runSweep, SWEEP_DEFAULTS, type SweepConfig } from "../src/proxy/sweepRunner";
import type { Benchmark } from "./harness";

const base = (): SweepConfig => ({ ...SWEEP_DEFAULTS, recipes: defaultRecipes(), lrs: lrGrid(0.03, 30, 3) });

export const proxyExactBenchmark: Benchmark = {
  name: "proxy-sweep-exact",
  unit: "s",
  params: { recipes: 16, widths: [32, 128], seeds: 4, lrs: "25 over [1e-3, 30]", regimes: 2, targetWidth: 256, poolSize: 2000 },
  repeats: 3,
  run: async () => {
    const t0 = process.hrtime.bigint();
    let rho = NaN;
    for (const regime of ["fixed-time", "fixed-steps"] as const) {
      const r = await runSweep({ ...base(), widths: [32, 128], seeds: 4, optimizer: "gd", regime, lrs: lrGrid(1e-3, 30, 6) }, { threads: 2 });
      rho = r.agreement[1].rows[0].spearman;
    }
    return { value: Number(process.hrtime.bigint() - t0) / 1e9, extra: { spearmanSteps128TinyLr: rho } };
  },
};

export const proxySgdBenchmark: Benchmark = {
  name: "proxy-sweep-sgd",
  unit: "s",
  params: { recipes: 16, width: 32, seeds: 3, lrs: "10 over [0.03, 30]", regime: "fixed-time", time: 1e4, batch: 8, threads: 2 },
  repeats: 1,
  run: async () => {
    const t0 = process.hrtime.bigint();
    const r = await runSweep(base(), { threads: 2 });
    const rows = r.agreement[0].rows;
    return { value: Number(process.hrtime.bigint() - t0) / 1e9, extra: { spearmanTinyLr: rows[0].spearman, spearmanAt1: rows[5].spearman } };
  },
};

export const proxyBenchmarks: Benchmark[] = [proxyExactBenchmark, proxySgdBenchmark];
