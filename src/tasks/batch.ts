/**
 * Batches for a next-token language model: B samples stacked row-major into `inputs` and
 * `targets` [B×T] (Int32Array) with a float `mask` [B×T] (1 where the target is scored, else 0 and
 * target = IGNORE_INDEX), plus each row's skills. Training batch s is drawn from `new Rng(seed,
 * TRAIN_STREAM, s)`, so it depends only on (seed, s) — a resumed run sees the same data — and the
 * held-out test set from `new Rng(seed, TEST_STREAM)` with uniform skills.
 */
import { Rng } from "../core/rng";
import { ParameterError, requireInteger } from "../core/validate";
import { IGNORE_INDEX, type SkillChoice, type Task, type TaskSample } from "./task";

/** Rng stream ids: training batches (…, step), held-out test sets. */
export const TRAIN_STREAM = 1;
export const TEST_STREAM = 2;

/** B samples ready for a next-token model. */
export interface Batch {
  batchSize: number;
  /** T: sequence length of every row */
  length: number;
  /** token ids [B×T], row-major */
  inputs: Int32Array;
  /** next-token targets [B×T]; IGNORE_INDEX where mask = 0 */
  targets: Int32Array;
  /** 1 where the target is scored, else 0 [B×T] */
  mask: Float32Array;
  /** skill ids [B×slots] (slots = max over rows; −1 where a row has fewer) */
  skills: Int32Array;
  slots: number;
  /** the samples, row by row */
  samples: TaskSample[];
}

/** Stack samples into a batch of length T (rows shorter than T are padded with `pad` and ignored targets). */
export function makeBatch(samples: TaskSample[], T: number, pad: number): Batch {
  if (samples.length === 0) throw new ParameterError("samples.length", 0, "≥ 1");
  requireInteger("T", T, { min: 1 });
  const B = samples.length;
  const slots = Math.max(...samples.map((s) => s.skills.length));
  const inputs = new Int32Array(B * T).fill(pad);
  const targets = new Int32Array(B * T).fill(IGNORE_INDEX);
  const mask = new Float32Array(B * T);
  const skills = new Int32Array(B * slots).fill(-1);
  samples.forEach((s, b) => {
    if (s.tokens.length > T) throw new ParameterError("sample.tokens.length", s.tokens.length, `≤ T = ${T}`);
    inputs.set(s.tokens, b * T);
    targets.set(s.target, b * T);
    for (let t = 0; t < s.target.length; t++) if (s.target[t] !== IGNORE_INDEX) mask[b * T + t] = 1;
    skills.set(s.skills, b * slots);
  });
  return { batchSize: B, length: T, inputs, targets, mask, skills, slots, samples };
}

/** B samples from `rng`: training examples (`trainSample`, e.g. QA facts mixed in) or test-format problems. */
export function sampleBatch(task: Task, rng: Rng, B: number, skills?: SkillChoice, split: "train" | "test" = "train"): Batch {
  requireInteger("batchSize", B, { min: 1 });
  const draw = split === "train" && task.trainSample ? task.trainSample : task.sample;
  const samples: TaskSample[] = [];
  for (let b = 0; b < B; b++) samples.push(draw(rng, skills));
  return makeBatch(samples, task.contextLength, task.padToken);
}

/** Training batch number `step` (fresh data, skills from `skills`): depends only on (seed, step). */
export function trainingBatch(task: Task, opts: { seed: number; step: number; batchSize: number; skills?: SkillChoice }): Batch {
  requireInteger("seed", opts.seed, { min: 0 });
  requireInteger("step", opts.step, { min: 0 });
  return sampleBatch(task, new Rng(opts.seed, TRAIN_STREAM, opts.step), opts.batchSize, opts.skills, "train");
}

/**
 * A held-out test set of `size` test-format problems, skills uniform unless `skills` is given
 * (e.g. a conditional set with fixed slots), drawn from `new Rng(seed, TEST_STREAM)` — a stream no
 * training batch uses.
 */
export function testSet(task: Task, opts: { size: number; seed: number; skills?: SkillChoice }): Batch {
  requireInteger("size", opts.size, { min: 1 });
  requireInteger("seed", opts.seed, { min: 0 });
  return sampleBatch(task, new Rng(opts.seed, TEST_STREAM), opts.size, opts.skills, "test");
}

/** Scores of a model's predictions on a batch. */
export interface BatchScore {
  /** per row: 1 if every answer position is right (exact match), per the task's evaluator */
  correct: Uint8Array;
  /** mean of `correct` */
  accuracy: number;
  /** fraction of scored positions whose predicted token equals the target */
  tokenAccuracy: number;
}

/** Score predicted tokens [B×T] (the model's argmax at every position) with the task's independent evaluator. */
export function scoreBatch(task: Task, batch: Batch, predicted: ArrayLike<number>): BatchScore {
  const { batchSize: B, length: T } = batch;
  if (predicted.length !== B * T) throw new ParameterError("predicted.length", predicted.length, `B·T = ${B * T}`);
  const correct = new Uint8Array(B);
  let hits = 0;
  let scored = 0;
  for (let b = 0; b < B; b++) {
    const row = Array.prototype.slice.call(predicted, b * T, b * T + T) as number[];
    correct[b] = task.evaluator.score(batch.samples[b], row) ? 1 : 0;
    for (let t = 0; t < T; t++) {
      if (batch.mask[b * T + t] === 0) continue;
      scored++;
      if (row[t] === batch.targets[b * T + t]) hits++;
    }
  }
  let c = 0;
  for (let b = 0; b < B; b++) c += correct[b];
  return { correct, accuracy: c / B, tokenAccuracy: scored > 0 ? hits / scored : NaN };
}

/** Per-skill-bin accuracy: bin of a row = `binOf[skill of slot]`; a row counts once in each bin one of its slots falls in. */
export function accuracyByBin(batch: Batch, correct: Uint8Array, binOf: Int32Array, nBins: number): { accuracy: Float64Array; count: Int32Array } {
  const hit = new Float64Array(nBins);
  const count = new Int32Array(nBins);
  for (let b = 0; b < batch.batchSize; b++) {
    const seen = new Set<number>();
    for (let s = 0; s < batch.slots; s++) {
      const k = batch.skills[b * batch.slots + s];
      if (k >= 0) seen.add(binOf[k]);
    }
    for (const bin of seen) {
      count[bin]++;
      hit[bin] += correct[b];
    }
  }
  const accuracy = new Float64Array(nBins);
  for (let i = 0; i < nBins; i++) accuracy[i] = count[i] > 0 ? hit[i] / count[i] : NaN;
  return { accuracy, count };
}

/** What the engine trains on: a batch without its per-row metadata (the shape of the engine's TokenBatch). */
export function tokenBatch(b: Batch): { batchSize: number; length: number; inputs: Int32Array; targets: Int32Array } {
  return { batchSize: b.batchSize, length: b.length, inputs: b.inputs, targets: b.targets };
}
