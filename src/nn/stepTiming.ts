/**
 * Timing full training steps (forward, backward, AdamW) on random tokens: the benchmark
 * configurations and the timed loop that `nnBench` runs in this thread or in worker threads.
 */
import { Rng } from "../core/rng";
import { ParameterError } from "../core/validate";
import type { ResourceEstimate } from "../core/resources";
import { flopsPerStep, gptConfig, paramLayout, type TokenBatch } from "./gpt";
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

/**
 * Memory and work of benchmarking `models` models of a configuration for `steps` (+ warm-up) steps,
 * pure: per model the float32 parameters, gradients and the two AdamW moments (4 × 4 bytes per
 * parameter), the activations kept for the backward pass (about 16 floats per token, layer and model
 * width, the attention maps B·heads·T² per layer, three copies of the logits B·T·V) and, per thread, the
 * TensorFlow.js runtime (about 100 MB). Work: 20 flops of a tensor kernel count as one elementary update
 * of the resource check's rate (the kernels run ~20× faster than the scalar loops).
 */
export function benchCost(name: string, o: { models: number; steps: number; threads?: number }): ResourceEstimate {
  const bc = benchConfig(name);
  const cfg = gptConfig(bc.model);
  const P = paramLayout(cfg).size;
  const B = bc.batch;
  const T = cfg.context;
  const act = 4 * B * T * (16 * cfg.layers * cfg.dModel + 3 * cfg.vocab) + 4 * 3 * B * cfg.heads * T * T * cfg.layers;
  return { bytes: o.models * (16 * P + act) + (o.threads ?? 1) * 100e6, largestArray: Math.max(4 * P, 4 * B * T * cfg.vocab), ops: (o.models * o.steps * flopsPerStep(cfg, B)) / 20 };
}
