/**
 * Training-step benchmark of the engine on the benchmark configurations (tiny, small, wide): full
 * steps on random tokens after warm-up; with several models, workers train them concurrently and the
 * figure of merit is model-steps per second.
 */
import { requireInteger } from "../core/validate";
import { backendInfo, initBackend, type BackendName } from "./backend";
import { flopsPerStep, gptConfig } from "./gpt";
import { benchInWorkers } from "./many";
import { benchConfig, benchCost, timeSteps } from "./stepTiming";
import { checkCost } from "../core/resources";

/** What `nn bench` reports. */
export interface NnBenchResult {
  config: string;
  backend: string;
  models: number;
  threads: number;
  steps: number;
  /** wall time of one round (every model one step), ms */
  msPerStep: number;
  /** wall time per model-step (msPerStep / models), ms */
  msPerModelStep: number;
  /** model-steps per second */
  modelStepsPerSecond: number;
  /** training GFLOP/s (PaLM accounting, as the PyTorch reference) */
  gflops: number;
}

/**
 * Benchmark `models` models of a configuration for `steps` steps each: one model runs in this thread;
 * several run on `threads` worker threads (each its own tfjs + wasm), models split evenly.
 */
export async function nnBench(
  config: string,
  opts: { models?: number; steps?: number; warmup?: number; threads?: number; backend?: BackendName; names?: { models?: string; steps?: string }; warn?: (line: string) => void } = {},
): Promise<NnBenchResult> {
  const bc = benchConfig(config);
  const names = { models: "models", steps: "steps", ...opts.names };
  const models = requireInteger(names.models, opts.models ?? 1, { min: 1 });
  const steps = requireInteger(names.steps, opts.steps ?? 20, { min: 1 });
  const warmup = requireInteger("warmup", opts.warmup ?? 3, { min: 0 });
  checkCost(`nn bench (${config})`, (v) => benchCost(config, { models: v.models, steps: v.steps + warmup, threads: Math.min(v.models, opts.threads ?? 2) }), { models, steps }, { names, warn: opts.warn ?? null });
  const info = await initBackend({ backend: opts.backend });
  const parallel = (info.name === "wasm" || info.name === "cpu") && models > 1;
  const threads = parallel ? requireInteger("threads", opts.threads ?? Math.min(2, models), { min: 1 }) : 1;
  let wallMs: number;
  if (threads <= 1) {
    wallMs = timeSteps(config, { models, steps, warmup, seed: 1 }).ms;
  } else {
    const timings = await benchInWorkers(config, { models, steps, warmup, threads, backend: info.name });
    wallMs = Math.max(...timings.map((t) => t.ms));
  }
  const cfg = gptConfig(bc.model);
  const msPerStep = wallMs / steps;
  const msPerModelStep = msPerStep / models;
  return {
    config,
    backend: backendInfo()?.name ?? info.name,
    models,
    threads,
    steps,
    msPerStep,
    msPerModelStep,
    modelStepsPerSecond: 1000 / msPerModelStep,
    gflops: flopsPerStep(cfg, bc.batch) / (msPerModelStep * 1e6),
  };
}
