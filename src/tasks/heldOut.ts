/**
 * A held-out split of a problem task's tuple space: a problem (its whole input — every skill slot,
 * and the operators of an arithmetic chain) is *held out* iff a seeded hash of its input tokens falls
 * below `fraction`. Training examples are drawn from the task and redrawn while held out; test
 * problems are drawn and redrawn until held out. So a model evaluated on the test split has never
 * seen one of its problems in training, whatever it memorised: a test of composition, not recall
 * (the requirement of the issue on transformer studies that can test their papers; the split itself
 * is this toolkit's design).
 *
 * The split depends only on (input tokens, seed, fraction), not on the skill distribution, so the
 * uniform and power-law runs of a study hold out the same problems; conditioning on "not held out"
 * changes the training distribution by a factor 1/(1 − fraction) on the kept problems only.
 * Redrawing is by rejection with the caller's rng; a draw that finds no problem of the wanted side in
 * `MAX_TRIES` attempts (e.g. a skill subset too small to contain one) throws, naming the split.
 */
import type { Rng } from "../core/rng";
import { ParameterError, requireInteger, requireNumber } from "../core/validate";
import type { SkillChoice, Task, TaskSample } from "./task";

/** Attempts of one rejection draw before giving up. */
export const MAX_TRIES = 10_000;

/** Options of a held-out split. */
export interface HeldOutOptions {
  /** fraction of the tuple space held out for testing, in (0, 1) */
  fraction: number;
  /** seed of the hash (default 0) */
  seed?: number;
}

/** A task whose `sample` draws only held-out problems and whose `trainSample` never does. */
export interface HeldOutTask extends Task {
  /** the task without the split */
  readonly base: Task;
  readonly fraction: number;
  /** true iff the problem is held out (from its input tokens alone) */
  isHeldOut(sample: TaskSample): boolean;
}

/** A seeded 32-bit hash of the input tokens up to the first scored position, mapped to [0, 1). */
export function splitHash(tokens: ArrayLike<number>, length: number, seed: number): number {
  // FNV-1a over the tokens' 32-bit words, then a murmur3 finaliser for avalanche
  let h = (0x811c9dc5 ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0;
  for (let t = 0; t < length; t++) {
    let v = tokens[t] | 0;
    for (let b = 0; b < 4; b++) {
      h = Math.imul(h ^ (v & 0xff), 0x01000193) >>> 0;
      v >>>= 8;
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

/** Split a problem task: train on the kept problems, test on the held-out ones. */
export function heldOutSplit(task: Task, opts: HeldOutOptions): HeldOutTask {
  if (task.kind !== "problem") throw new ParameterError("task.kind", task.kind, "problem (a stream task has no tuples to hold out)");
  const fraction = requireNumber("heldOut.fraction", opts?.fraction, { gt: 0, lt: 1 });
  // the hash takes the seed's 32 bits: larger seeds would alias smaller ones
  const seed = requireInteger("heldOut.seed", opts.seed ?? 0, { min: 0, max: 2 ** 32 - 1 });
  // the input of a problem: the tokens before its first scored position, inclusive (the `=`)
  const inputLength = (s: TaskSample) => (s.answerPositions.length > 0 ? s.answerPositions[0] + 1 : s.tokens.length);
  const held = (s: TaskSample) => splitHash(s.tokens, inputLength(s), seed) < fraction;
  const draw = (side: "test" | "train", from: (rng: Rng, skills?: SkillChoice) => TaskSample, rng: Rng, skills?: SkillChoice): TaskSample => {
    for (let i = 0; i < MAX_TRIES; i++) {
      const s = from(rng, skills);
      if (held(s) === (side === "test")) return s;
    }
    throw new Error(`held-out split (fraction ${fraction}, seed ${seed}) of ${task.name}: no ${side === "test" ? "held-out" : "training"} problem in ${MAX_TRIES} draws from these skills`);
  };
  const base = task;
  const trainFrom = base.trainSample ?? base.sample;
  return {
    ...base,
    name: `${base.name}-heldout`,
    base,
    fraction,
    sample: (rng, skills) => draw("test", base.sample, rng, skills),
    trainSample: (rng, skills) => draw("train", trainFrom, rng, skills),
    isHeldOut: held,
    evaluator: base.evaluator,
  };
}
