/**
 * Timing full training steps (forward, backward, AdamW) on random tokens: the benchmark
 * configurations and the timed loop that `nnBench` runs in this thread or in worker threads.
 */
import { Rng } from "../core/rng";
import { ParameterError } from "../core/validate";
import { gptConfig, type TokenBatch } from "./gpt";
import { Trainer } from "./train";

/** The benchmark configurations (model and batch size B), shared with the PyTorch reference. */
export const BENCH_CONFIGS = {
  tiny: { model: { layers: 2, dModel: 64, heads: 4, context: 32, vocab: 128 }, batch: 32 },
  small: { model: { layers: 4, dModel: 128, heads: 4, context: 64, vocab: 128 }, batch: 12 },
  wide: { model: { layers: 2, dModel: 256, heads: 8, context: 32, vocab: 128 }, batch: 32 },
} as const;
export type BenchConfigName = keyof typeof BENCH_CONFIGS;

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
  if (!Object.hasOwn(BENCH_CONFIGS, name)) throw new ParameterError("config", name, `one of ${Object.keys(BENCH_CONFIGS).join(", ")}`);
  return BENCH_CONFIGS[name as BenchConfigName];
}

/** `randomTokens` as a data module function for worker threads: `{ V, B, T, seed } → (step) → batch`. */
export function randomTokenData(args: { V: number; B: number; T: number; seed: number }): (step: number) => TokenBatch {
  return randomTokens(args.V, args.B, args.T, args.seed);
}
