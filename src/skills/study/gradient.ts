/**
 * Tail-sample gradient norms with head vs random context (Wang, Dang, Lee, Lyu, arXiv 2604.22951, §3.5 stage II):
 * once the head skills are learned, the gradient reaching a rare tail skill is amplified when the
 * other slots of the problem hold learned head skills ("stepping stone"). For parameter checkpoints
 * θ_t of a run, measure ‖∇_θ L(θ_t; batch)‖ on batches whose every problem has one tail-bin skill
 * in a random slot and the other slots drawn uniformly from the head bin ("head context") or from
 * all skills ("random context"). The same batches (seeded) are used at every checkpoint and for
 * every run of a seed, so the comparison is paired.
 */
import { Rng } from "../../core/rng";
import { requireInteger } from "../../core/validate";
import { initBackend, tfjs } from "../../nn/backend";
import { Gpt, gptConfig, type GptConfig, type TokenBatch } from "../../nn/gpt";
import { makeBatch } from "../../tasks/batch";
import type { Task, TaskSample } from "../../tasks/task";

/** Rng stream of the diagnostic batches. */
export const GRADIENT_STREAM = 0x5c20;

/** The two contexts of a tail skill. */
export type TailContext = "head" | "random";

/**
 * A batch of B problems, each with one skill from the tail bin (the last) in a uniformly chosen slot
 * and its other slots from the head bin (bin 0) or uniform over all skills.
 */
export function tailContextBatch(task: Task, binOf: Int32Array, context: TailContext, rng: Rng, B: number): { batch: TokenBatch; samples: TaskSample[] } {
  requireInteger("batchSize", B, { min: 1 });
  const d = task.numSkills;
  const nBins = Math.max(...binOf) + 1;
  const head: number[] = [];
  const tail: number[] = [];
  for (let i = 0; i < d; i++) {
    if (binOf[i] === 0) head.push(i);
    if (binOf[i] === nBins - 1) tail.push(i);
  }
  const samples: TaskSample[] = [];
  for (let b = 0; b < B; b++) {
    // row b: the tail slot, its skill and the rest of the problem (e.g. operators) from one child
    // stream, the context skills from another — so both contexts share everything but the context
    const shared = rng.fork(2 * b);
    const ctx = rng.fork(2 * b + 1);
    const ids = new Int32Array(task.slots);
    const j = shared.int(task.slots);
    const t = tail[shared.int(tail.length)];
    for (let s = 0; s < task.slots; s++) ids[s] = s === j ? t : context === "head" ? head[ctx.int(head.length)] : ctx.int(d);
    samples.push(task.sample(shared, ids));
  }
  const full = makeBatch(samples, task.contextLength, task.padToken);
  return { batch: { batchSize: B, length: full.length, inputs: full.inputs, targets: full.targets }, samples };
}

/** Mean over `batches` of ‖∇_θ L‖ (batch-mean loss) at parameters θ, for the given batches. */
export async function meanGradientNorm(model: Omit<GptConfig, "lnEps" | "initStd"> | Partial<GptConfig>, params: Float32Array, batches: TokenBatch[]): Promise<number> {
  await initBackend({ verbose: false });
  const tf = tfjs();
  const gpt = new Gpt(gptConfig(model));
  const theta = tf.tensor1d(params);
  let sum = 0;
  try {
    for (const b of batches) {
      const n = tf.tidy(() => {
        const { grad } = gpt.lossAndGrad(theta, b);
        return tf.norm(grad);
      });
      sum += (await n.data())[0];
      n.dispose();
    }
  } finally {
    theta.dispose();
  }
  return sum / batches.length;
}

/** The paired diagnostic batches of a seed: `count` batches of B per context. */
export function tailContextBatches(task: Task, binOf: Int32Array, seed: number, count: number, B: number): Record<TailContext, TokenBatch[]> {
  const make = (context: TailContext) =>
    Array.from({ length: count }, (_, i) => tailContextBatch(task, binOf, context, new Rng(seed, GRADIENT_STREAM, i), B).batch);
  return { head: make("head"), random: make("random") };
}

/** Ratios ‖∇L‖_head/‖∇L‖_random at the checkpoints after initialisation, with their median and mean. */
export function headRandomRatios(arm: { head: number[]; random: number[] }): { ratios: number[]; median: number; mean: number } {
  const ratios = arm.head.map((h, i) => h / arm.random[i]).slice(1);
  const xs = [...ratios].sort((x, y) => x - y);
  const m = xs.length >> 1;
  const median = xs.length === 0 ? NaN : xs.length % 2 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
  const mean = ratios.reduce((s, x) => s + x, 0) / ratios.length;
  return { ratios, median, mean };
}
