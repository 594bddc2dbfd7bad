/**
 * Benchmark (c): Monte Carlo throughput of multi-epoch SGD in sample-steps × d per second (runs × η × K × N × d
 * over the wall time, data generation included), at d = 100, N = 1000, K = 20, 100 runs, 12 η,
 * λ_i = i^{−1.5}, Gaussian features, σ = 0.1, both cores; and the same work in numpy (bench/reference/mc_numpy.py).
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { powerSpectrum } from "../src/core/spectra";
import { packageRoot } from "../src/run/store";
import { multiEpochMcParallel } from "../src/reuse/mcParallel";
import { defaultMcEtaGrid } from "../theory/reuse/monteCarlo";
import { linearProblem } from "../theory/reuse/problem";
import { numpySkipReason, PYTHON, type Benchmark } from "./harness";

/** Sizes of benchmark (c). */
export const MC_BENCH_PARAMS = {
  d: 100,
  N: 1000,
  K: 20,
  runs: 100,
  etas: 12,
  power: 1.5,
  sigma: 0.1,
  features: "gaussian" as const,
  seed: 1,
};

/** 12 log-spaced η over the range of `defaultMcEtaGrid` (the same grid as the numpy reference). */
function benchEtas(): number[] {
  const p = MC_BENCH_PARAMS;
  const problem = linearProblem(powerSpectrum(p.d, p.power), { sigma: p.sigma, features: p.features });
  const g = defaultMcEtaGrid(problem, p.N, p.K, 4);
  const lo = g[0];
  const hi = g[g.length - 1];
  return Array.from({ length: p.etas }, (_, m) => lo * Math.pow(hi / lo, m / (p.etas - 1)));
}

/** Our Monte Carlo (multiEpochMcParallel) on `threads` worker threads. */
export function mcThroughputBenchmark(threads = 2): Benchmark {
  const p = MC_BENCH_PARAMS;
  return {
    name: threads === 2 ? "mc-throughput" : `mc-throughput-${threads}t`,
    unit: "sample-steps·d/s",
    params: { ...p, threads },
    higherIsBetter: true,
    run: async () => {
      const problem = linearProblem(powerSpectrum(p.d, p.power), { sigma: p.sigma, features: p.features });
      const etas = benchEtas();
      const t0 = process.hrtime.bigint();
      const acc = await multiEpochMcParallel(problem, { N: p.N, Kmax: p.K, etas, runs: p.runs, seed: p.seed, threads });
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      const work = p.runs * p.etas * p.K * p.N * p.d;
      return { value: work / s, extra: { seconds: s, meanRiskLastEpoch: etas.map((_, m) => acc.sum[m * p.K + p.K - 1] / p.runs) } };
    },
  };
}

const NUMPY_SCRIPT = "bench/reference/mc_numpy.py";

/** The numpy reference (vectorised across runs and η), run with Debian's python3. */
export const mcNumpyBenchmark: Benchmark = {
  name: "mc-numpy",
  unit: "sample-steps·d/s",
  params: { ...MC_BENCH_PARAMS, threads: "numpy" },
  higherIsBetter: true,
  skip: numpySkipReason,
  run: () => {
    const p = MC_BENCH_PARAMS;
    const script = path.join(packageRoot(__dirname), NUMPY_SCRIPT);
    const args = [script, "--d", `${p.d}`, "--N", `${p.N}`, "--K", `${p.K}`, "--runs", `${p.runs}`, "--etas", `${p.etas}`];
    args.push("--power", `${p.power}`, "--sigma", `${p.sigma}`, "--seed", `${p.seed}`);
    const line = execFileSync(PYTHON, args, { encoding: "utf8" }).trim().split("\n").pop() as string;
    const res = JSON.parse(line) as { steps_d_per_s: number; seconds: number; numpy: string };
    return { value: res.steps_d_per_s, extra: { seconds: res.seconds, numpy: res.numpy } };
  },
};

/** Benchmark (c): our Monte Carlo on both cores. */
export const mcBenchmark: Benchmark = mcThroughputBenchmark(2);

/** The benchmarks of this file, in the order they run. */
export const mcBenchmarks: Benchmark[] = [mcBenchmark, mcThroughputBenchmark(1), mcNumpyBenchmark];
