/**
 * The common shape of every synthetic task for a next-token language model.
 *
 * A task draws one *problem* at a time as a fixed-length token sequence `tokens` (length T = the
 * task's context length) with next-token `target`s of the same length: `target[t]` is the token the
 * model should predict after reading `tokens[0..t]`, or `IGNORE_INDEX` where position t is not
 * scored. Problem tasks (S5, modular arithmetic, QA) score only the answer, predicted at the `=`
 * position, so the answer is never an input token; stream tasks (the Zipf language) score every
 * position (`target[t] = tokens[t+1]`, the last target being the next token of the stream).
 *
 * Skills are integer ids 0..d−1. A problem has `slots` skill slots (k permutations, k+1 operands,
 * k relations); each slot's skill is drawn i.i.d. from a `SkillSampler` (as in the toy model of
 * Wang, Dang, Lee, Lyu, arXiv 2604.22951; i.i.d. slots are this toolkit's default for the tasks) or given explicitly. Every task carries an `Evaluator` written separately
 * from its generator, which recomputes answers from the problem tokens by a different method.
 */
import type { Rng } from "../core/rng";
import { ParameterError } from "../core/validate";
import type { SkillSampler } from "./skillDistribution";

/** Target value at positions that are not scored (mask 0); `tf.oneHot` maps −1 to a zero row. */
export const IGNORE_INDEX = -1;

/** A vocabulary: token ids 0..size−1 and a display name for each. */
export interface Vocabulary {
  readonly size: number;
  readonly names: readonly string[];
}

/** One problem (or one window of a token stream) as a next-token training example. */
export interface TaskSample {
  /** input token ids, length T (padded with the task's pad token where shorter) */
  tokens: Int32Array;
  /** next-token targets, length T; IGNORE_INDEX where not scored */
  target: Int32Array;
  /** positions t whose target is scored as the answer (ascending) */
  answerPositions: Int32Array;
  /** the answer tokens, `answer[j] = target[answerPositions[j]]` */
  answer: Int32Array;
  /** the skill id of each slot (length = task.slots; empty for tasks without skills) */
  skills: Int32Array;
}

/** Checks generated samples and scores a model's predictions, independently of the generator. */
export interface Evaluator {
  /** true iff the sample is well formed and every scored target equals the independently derived answer */
  check(sample: TaskSample): boolean;
  /** true iff `predicted[t]` (the model's argmax token at every position t) is right at every answer position */
  score(sample: TaskSample, predicted: ArrayLike<number>): boolean;
}

/** What to draw a problem's skills from: a distribution (i.i.d. per slot), explicit ids per slot, or uniform. */
export type SkillChoice = SkillSampler | ArrayLike<number> | undefined;

/** A seeded synthetic task for a next-token language model. */
export interface Task {
  /** short identifier, e.g. "s5", "modular-arithmetic" */
  readonly name: string;
  /** "problem": only answers are scored; "stream": every next token is scored */
  readonly kind: "problem" | "stream";
  readonly vocab: Vocabulary;
  /** T: the length of every sample's token sequence */
  readonly contextLength: number;
  /** the token used to pad shorter sequences (also used to pad batches) */
  readonly padToken: number;
  /** d: number of distinct skills (0 for tasks without skills) */
  readonly numSkills: number;
  /** number of skill slots per problem */
  readonly slots: number;
  /** display name of skill i */
  skillName(i: number): string;
  /** A problem in test format, skills per slot from `skills` (default uniform). */
  sample(rng: Rng, skills?: SkillChoice): TaskSample;
  /** A training example (default: `sample`; multi-hop QA mixes in atomic facts). */
  trainSample?(rng: Rng, skills?: SkillChoice): TaskSample;
  readonly evaluator: Evaluator;
}

function isSampler(s: SkillChoice): s is SkillSampler {
  return s !== undefined && typeof (s as SkillSampler).sample === "function";
}

/**
 * Resolve a skill choice into `slots` skill ids (fresh draws from `rng` for a distribution or the
 * uniform default). Validates explicit ids and the distribution's size against `d`.
 */
export function drawSkills(rng: Rng, skills: SkillChoice, slots: number, d: number): Int32Array {
  const out = new Int32Array(slots);
  if (skills === undefined) {
    for (let s = 0; s < slots; s++) out[s] = rng.int(d);
  } else if (isSampler(skills)) {
    if (skills.d !== d) throw new ParameterError("skills.d", skills.d, `equal to the task's number of skills ${d}`);
    for (let s = 0; s < slots; s++) out[s] = skills.sample(rng);
  } else {
    if (skills.length !== slots) throw new ParameterError("skills.length", skills.length, `equal to the task's slot count ${slots}`);
    for (let s = 0; s < slots; s++) {
      const v = skills[s];
      if (!Number.isInteger(v) || v < 0 || v >= d) throw new ParameterError(`skills[${s}]`, v, `an integer in [0, ${d - 1}]`);
      out[s] = v;
    }
  }
  return out;
}

/** Build a problem sample: `input` padded to T, the answer tokens predicted at the last input position. */
export function problemSample(input: ArrayLike<number>, answer: ArrayLike<number>, T: number, pad: number, skills: Int32Array): TaskSample {
  const n = input.length;
  if (n + answer.length - 1 > T) throw new Error(`internal: problem of length ${n} + ${answer.length} does not fit T = ${T}`);
  const tokens = new Int32Array(T).fill(pad);
  const target = new Int32Array(T).fill(IGNORE_INDEX);
  tokens.set(input as ArrayLike<number>);
  const answerPositions = new Int32Array(answer.length);
  // answer token j is predicted at position n−1+j; answer tokens after the first are fed back as inputs
  for (let j = 0; j < answer.length; j++) {
    answerPositions[j] = n - 1 + j;
    target[n - 1 + j] = answer[j];
    if (j + 1 < answer.length) tokens[n + j] = answer[j];
  }
  return { tokens, target, answerPositions, answer: Int32Array.from(answer), skills };
}

/** Human-readable rendering of a token sequence, e.g. "12 + 3 × 5 =". IGNORE/out-of-range ids print as "·". */
export function decode(vocab: Vocabulary, tokens: ArrayLike<number>): string {
  const parts: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    parts.push(t >= 0 && t < vocab.size ? vocab.names[t] : "·");
  }
  return parts.join(" ");
}

/** Positions and values of the scored targets of a sample (targets ≠ IGNORE_INDEX). */
export function scoredPositions(sample: TaskSample): number[] {
  const out: number[] = [];
  for (let t = 0; t < sample.target.length; t++) if (sample.target[t] !== IGNORE_INDEX) out.push(t);
  return out;
}
