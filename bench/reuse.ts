/**
 * Benchmarks (a) and (b) of the reuse result, each beside an equivalent numpy implementation:
 * (a) the plateau E(∞,N) on the 16-point log grid over [1e3, 1e7] without its first point, d = 1000,
 *     λ_i = i^{−1.5}, Gaussian features, σ = 0.1 (each N: a one-pass optimum and an inversion);
 * (b) the Zipf model's exact E(K,N) on 16 N × 12 K at d = 1e5 (a = 4.5, b = 1).
 * The numpy reference of (a) eigendecomposes the d × d recursion per η (numpy.linalg.eigh); it is
 * timed on a sample of the grid (--sample) and reported per N point, since the whole grid takes minutes.
 * (a′) is the same grid as the toolkit computes it for `reuse rate --method plateau` (η searches warm-
 * started across N, two contiguous runs of N on the worker threads), timed whole beside
 * bench/reference/plateau_secular_numpy.py, numpy with the same diagonal-plus-rank-one secular solver
 * and warm starts (needs numpy and scipy; skipped when no python has them).
 */
import { powerSpectrum, zipfModel } from "../src/core/spectra";
import { plateauReuseRate } from "../theory/reuse/plateau";
import { linearProblem } from "../theory/reuse/problem";
import { zipfReuseRate } from "../theory/reuse/zipf";
import { plateauReuseRatesParallel } from "../src/reuse/plateauParallel";
import { numpySkipReason, pythonWith, runPythonJson, type Benchmark } from "./harness";

/** The 15 N of benchmark (a): 16 log-spaced points over [1e3, 1e7] without the first. */
export const PLATEAU_GRID = Array.from({ length: 15 }, (_, i) => Math.round(1e3 * Math.pow(1e4, (i + 1) / 15)));

export const plateauBenchmark: Benchmark = {
  name: "plateau-grid",
  unit: "s per N",
  params: { d: 1000, spectrum: "power:1.5", features: "gaussian", sigma: 0.1, points: PLATEAU_GRID.length },
  repeats: 3,
  run: () => {
    const p = linearProblem(powerSpectrum(1000, 1.5), { sigma: 0.1, features: "gaussian" });
    const t0 = process.hrtime.bigint();
    const E = PLATEAU_GRID.map((N) => plateauReuseRate(p, N).E);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    return { value: s / PLATEAU_GRID.length, extra: { seconds: s, E_first: E[0], E_last: E[E.length - 1] } };
  },
};

export const plateauNumpyBenchmark: Benchmark = {
  name: "plateau-numpy",
  unit: "s per N",
  params: { d: 1000, spectrum: "power:1.5", features: "gaussian", sigma: 0.1, sampledPoints: 2 },
  repeats: 1,
  skip: numpySkipReason,
  run: () => {
    const r = runPythonJson("bench/reference/plateau_numpy.py", ["--d", "1000", "--sample", "2"]);
    return { value: Number(r.seconds_per_N), extra: { seconds: r.seconds, fullGridEstimate: r.seconds_full_grid_estimate, N: r.N, E: r.E } };
  },
};

export const plateauGridThreadsBenchmark: Benchmark = {
  name: "plateau-grid-2t",
  unit: "s",
  params: { d: 1000, spectrum: "power:1.5", features: "gaussian", sigma: 0.1, points: PLATEAU_GRID.length, threads: 2, warmStart: true },
  repeats: 3,
  run: async () => {
    const p = linearProblem(powerSpectrum(1000, 1.5), { sigma: 0.1, features: "gaussian" });
    const t0 = process.hrtime.bigint();
    const E = (await plateauReuseRatesParallel(p, PLATEAU_GRID, { threads: 2 })).map((r) => r.E);
    return { value: Number(process.hrtime.bigint() - t0) / 1e9, extra: { E_first: E[0], E_last: E[E.length - 1] } };
  },
};

const SECULAR_MODULES = ["numpy", "scipy"] as const;

export const plateauSecularNumpyBenchmark: Benchmark = {
  name: "plateau-secular-numpy",
  unit: "s",
  params: { d: 1000, spectrum: "power:1.5", features: "gaussian", sigma: 0.1, points: "16 (the first, N ≤ d + 1, gives null)", solver: "secular, warm-started" },
  repeats: 3,
  skip: () => (pythonWith(SECULAR_MODULES) ? undefined : "no python with numpy and scipy (/usr/bin/python3 or python3 on PATH)"),
  run: () => {
    const r = runPythonJson("bench/reference/plateau_secular_numpy.py", ["--d", "1000"], pythonWith(SECULAR_MODULES));
    const E = (r.E as Array<number | null>).filter((x): x is number => x !== null);
    return { value: Number(r.seconds), extra: { E_first: E[0], E_last: E[E.length - 1] } };
  },
};

const ZIPF_N = Array.from({ length: 16 }, (_, j) => Math.round(1e3 * Math.pow(1e4, j / 15)));
const ZIPF_K = [1, 2, 3, 4, 6, 8, 12, 16, 32, 64, 128, Infinity];

export const zipfBenchmark: Benchmark = {
  name: "zipf-grid",
  unit: "s",
  params: { a: 4.5, b: 1, d: 1e5, N: "16 log-spaced in [1e3,1e7]", K: "1,2,3,4,6,8,12,16,32,64,128,inf" },
  repeats: 3,
  run: () => {
    const m = zipfModel(4.5, 1, 1e5);
    const t0 = process.hrtime.bigint();
    let last = 0;
    for (const N of ZIPF_N) for (const K of ZIPF_K) last = zipfReuseRate(m, K, N).E;
    return { value: Number(process.hrtime.bigint() - t0) / 1e9, extra: { E_last: last } };
  },
};

export const zipfNumpyBenchmark: Benchmark = {
  name: "zipf-numpy",
  unit: "s",
  params: { a: 4.5, b: 1, d: 1e5, grid: "16 N × 12 K" },
  repeats: 1,
  skip: numpySkipReason,
  run: () => {
    const r = runPythonJson("bench/reference/zipf_numpy.py", []);
    return { value: Number(r.seconds), extra: { E_last: r.E_last } };
  },
};

export const reuseBenchmarks: Benchmark[] = [plateauBenchmark, plateauNumpyBenchmark, plateauGridThreadsBenchmark, plateauSecularNumpyBenchmark, zipfBenchmark, zipfNumpyBenchmark];
