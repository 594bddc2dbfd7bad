/**
 * Training-step benchmark of the engine on the configurations (tiny, small, wide), the same
 * measurement as the PyTorch reference `/work/shared/bench/gpt_torch.py`: full steps (forward,
 * backward, AdamW) on random tokens, after warm-up; with several models, workers train them
 * concurrently and the figure of merit is model-steps per second.
 */
import { Rng } from "../core/rng";
import { ParameterError, requireInteger } from "../core/validate";
import { backendInfo, initBackend, type BackendName } from "./backend";
import { BENCH_CONFIGS, flopsPerStep, gptConfig, type BenchConfigName, type TokenBatch } from "./gpt";
import { Trainer } from "./train";

/** Random next-token data for benchmarks: batch s is drawn from `new Rng(seed, 1, s)`. */
export function randomTokens(V: number, B: number, T: number, seed: number): (step: number) => TokenBatch {
  return (step) => {
    const rng = new Rng(seed, 1, step);
    const inputs = new Int32Array(B * T);
    const targets = new Int32Array(B * T);
    for (let i = 0; i < B * T; i++) inputs[i] = rng.int(V);
    for (let i = 0; i < B * T; i++) targets[i] = rng.int(V);
    return { batchSize: B, length: T, inputs, targets };
  };
}

/** Timing of one thread's loop: `models` models stepped round-robin for `steps` rounds. */
export interface StepTiming {
  models: number;
  steps: number;
  /** wall time of the timed loop, ms */
  ms: number;
  /** median time of one model-step, ms */
  medianMs: number;
  lossFirst: number;
  lossLast: number;
}

/** Time `steps` rounds of one step per model, after `warmup` rounds (backend already initialised). */
export function timeSteps(
  config: string,
  opts: { models: number; steps: number; warmup: number; seed: number; barrier?: Int32Array; parties?: number },
): StepTiming {
  const bc = benchConfig(config);
  const cfg = gptConfig(bc.model);
  const trainers = Array.from({ length: opts.models }, (_, m) => {
    const seed = opts.seed + m;
    return new Trainer(
      { model: bc.model, seed, steps: opts.warmup + opts.steps, batchSize: bc.batch, schedule: { kind: "constant", lr: 1e-3 }, optimizer: { weightDecay: 0.01 } },
      randomTokens(cfg.vocab, bc.batch, cfg.context, seed),
    );
  });
  try {
    let lossFirst = NaN;
    let lossLast = NaN;
    for (let w = 0; w < opts.warmup; w++) for (const t of trainers) lossFirst = Number.isNaN(lossFirst) ? t.trainStep().loss : (t.trainStep(), lossFirst);
    if (opts.barrier && opts.parties) {
      // second phase of the barrier: everyone has warmed up
      Atomics.add(opts.barrier, 0, 1);
      while (Atomics.load(opts.barrier, 0) < 2 * opts.parties) Atomics.wait(opts.barrier, 0, Atomics.load(opts.barrier, 0), 50);
    }
    const per: number[] = [];
    const t0 = performance.now();
    for (let s = 0; s < opts.steps; s++) {
      for (const t of trainers) {
        const a = performance.now();
        const r = t.trainStep();
        per.push(performance.now() - a);
        if (Number.isNaN(lossFirst)) lossFirst = r.loss;
        lossLast = r.loss;
      }
    }
    const ms = performance.now() - t0;
    per.sort((a, b) => a - b);
    return { models: opts.models, steps: opts.steps, ms, medianMs: per[per.length >> 1], lossFirst, lossLast };
  } finally {
    for (const t of trainers) t.dispose();
  }
}

/** The benchmark configuration called `name`. */
export function benchConfig(name: string): (typeof BENCH_CONFIGS)[BenchConfigName] {
  if (!(name in BENCH_CONFIGS)) throw new ParameterError("config", name, `one of ${Object.keys(BENCH_CONFIGS).join(", ")}`);
  return BENCH_CONFIGS[name as BenchConfigName];
}

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
export async function nnBench(config: string, opts: { models?: number; steps?: number; warmup?: number; threads?: number; backend?: BackendName } = {}): Promise<NnBenchResult> {
  const bc = benchConfig(config);
  const models = requireInteger("models", opts.models ?? 1, { min: 1 });
  const steps = requireInteger("steps", opts.steps ?? 20, { min: 1 });
  const warmup = requireInteger("warmup", opts.warmup ?? 3, { min: 0 });
  const info = await initBackend({ backend: opts.backend });
  const parallel = (info.name === "wasm" || info.name === "cpu") && models > 1;
  const threads = parallel ? requireInteger("threads", opts.threads ?? Math.min(2, models), { min: 1 }) : 1;
  let wallMs: number;
  if (threads <= 1) {
    wallMs = timeSteps(config, { models, steps, warmup, seed: 1 }).ms;
  } else {
    const { benchInWorkers } = await import("./many");
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

/** `randomTokens` as a data module function for worker threads: `{ V, B, T, seed } → (step) → batch`. */
export function randomTokenData(args: { V: number; B: number; T: number; seed: number }): (step: number) => TokenBatch {
  return randomTokens(args.V, args.B, args.T, args.seed);
}
