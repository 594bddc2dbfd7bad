/**
 * Synthetic data recipes for proxy-model ordering studies (this toolkit's design, untested at scale,
 * after Wang et al., arXiv 2512.24503; the paper's recipes — Pile mixtures, RedPajama quality buckets, DCLM deduplication — are
 * unknown in detail): a recipe is a mixture of task families (domain weights) with a *quality* knob
 * and a *duplication* knob, trained on a fixed token budget and validated on a clean mixture.
 *
 * - Quality q ∈ [0, 1] per component: each content token of a training document is replaced, with
 *   probability 1 − q, by a uniform token of the same component's vocabulary. Content = the problem
 *   tokens before `=` and the answer (problem tasks; `=` and padding are kept so the format
 *   survives), or every token of the window (streams, corrupted consistently: the target at t is
 *   the corrupted input at t + 1).
 * - Duplication: a pool of `poolSize` training documents is drawn once (seeded); each training
 *   example is, with probability `fraction`, a copy of a pool document chosen with Zipf popularity
 *   ∝ (rank+1)^{−exponent} (default exponent 1), else a fresh document. Deduplication = a lower
 *   fraction (or a larger pool) at the same token budget.
 * Training batch s depends only on (seed, s). Validation: `testSet(mixture, {skills: weightedSkills(w)})`
 * over clean test-format problems.
 */
import { Rng } from "../core/rng";
import { ParameterError, requireInteger, requireNumber } from "../core/validate";
import { aliasSample, aliasTable, type AliasTable } from "../core/sampling";
import { makeBatch, TRAIN_STREAM, type Batch } from "./batch";
import type { MixtureTask } from "./mixture";
import { weightedSkills, type SkillSampler } from "./skillDistribution";
import { IGNORE_INDEX, type TaskSample } from "./task";

/** Rng stream id of the duplication pool. */
export const POOL_STREAM = 3;

/** A data recipe over the components of a mixture. */
export interface Recipe {
  name: string;
  /** domain weights, one per mixture component (normalised) */
  weights: ArrayLike<number>;
  /** quality q ∈ [0, 1] (token corruption rate 1 − q), one value or one per component (default 1) */
  quality?: number | ArrayLike<number>;
  /** duplication knob (default none) */
  duplication?: { fraction: number; poolSize: number; exponent?: number };
}

/** Replace each content token of a mixture sample w.p. `rate` by a uniform token of its component (returns a copy). */
export function corruptSample(mixture: MixtureTask, s: TaskSample, rate: number, rng: Rng): TaskSample {
  requireNumber("rate", rate, { min: 0, max: 1 });
  const c = s.skills[0];
  const comp = mixture.components[c];
  if (comp === undefined) throw new ParameterError("sample.skills[0]", c, `a component index in [0, ${mixture.components.length - 1}]`);
  const out: TaskSample = { tokens: s.tokens.slice(), target: s.target.slice(), answerPositions: s.answerPositions, answer: s.answer.slice(), skills: s.skills };
  if (rate === 0) return out;
  const V = comp.task.vocab.size;
  const draw = (): number => comp.offset + rng.int(V);
  const Tc = comp.task.contextLength;
  if (comp.task.kind === "stream") {
    // document = tokens[0..Tc) followed by the last target; target[t] = tokens[t+1]
    for (let t = 0; t < Tc; t++) {
      if (rng.uniform() < rate) {
        out.tokens[t] = draw();
        if (t > 0) out.target[t - 1] = out.tokens[t];
      }
    }
    if (rng.uniform() < rate) out.target[Tc - 1] = draw();
  } else {
    const first = s.answerPositions[0];
    for (let t = 0; t < first; t++) if (rng.uniform() < rate) out.tokens[t] = draw();
    for (let j = 0; j < s.answerPositions.length; j++) {
      if (rng.uniform() < rate) {
        const a = draw();
        out.answer[j] = a;
        out.target[s.answerPositions[j]] = a;
        if (j + 1 < s.answerPositions.length) out.tokens[s.answerPositions[j] + 1] = a;
      }
    }
  }
  for (let t = 0; t < out.target.length; t++) if (s.target[t] === IGNORE_INDEX) out.target[t] = IGNORE_INDEX;
  for (let j = 0; j < s.answerPositions.length; j++) out.answer[j] = out.target[s.answerPositions[j]];
  return out;
}

/** The training data of a recipe: seeded batches with corruption and duplication. */
export interface RecipeSource {
  readonly recipe: Recipe;
  readonly mixture: MixtureTask;
  readonly weights: SkillSampler;
  /** corruption rate 1 − q of each component */
  readonly corruption: Float64Array;
  /** the duplication pool (empty without duplication) */
  readonly pool: readonly TaskSample[];
  /** one training example */
  example(rng: Rng): TaskSample;
  /** training batch `step` of size B (depends only on the seed and step) */
  batch(step: number, B: number): Batch;
}

/** Training data of `recipe` over `mixture`, seeded by `seed`. */
export function recipeSource(mixture: MixtureTask, recipe: Recipe, seed: number): RecipeSource {
  requireInteger("seed", seed, { min: 0 });
  const C = mixture.components.length;
  if (recipe.weights.length !== C) throw new ParameterError("weights.length", recipe.weights.length, `the number of components ${C}`);
  const weights = weightedSkills(recipe.weights);
  const q = recipe.quality ?? 1;
  if (typeof q !== "number" && q.length !== C) throw new ParameterError("quality.length", q.length, `the number of components ${C}`);
  const corruption = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    const qc = typeof q === "number" ? q : q[c];
    corruption[c] = 1 - requireNumber(typeof q === "number" ? "quality" : `quality[${c}]`, qc, { min: 0, max: 1 });
  }
  const fresh = (rng: Rng): TaskSample => {
    const s = mixture.trainSample!(rng, weights);
    return corruptSample(mixture, s, corruption[s.skills[0]], rng);
  };
  const dup = recipe.duplication;
  let fraction = 0;
  const pool: TaskSample[] = [];
  let popularity: AliasTable | null = null;
  if (dup !== undefined) {
    fraction = requireNumber("duplication.fraction", dup.fraction, { min: 0, max: 1 });
    const size = requireInteger("duplication.poolSize", dup.poolSize, { min: 1 });
    const exponent = requireNumber("duplication.exponent", dup.exponent ?? 1, { min: 0 });
    const rng = new Rng(seed, POOL_STREAM);
    for (let i = 0; i < size; i++) pool.push(fresh(rng));
    popularity = aliasTable(Array.from({ length: size }, (_, i) => Math.pow(i + 1, -exponent)));
  }
  const example = (rng: Rng): TaskSample =>
    popularity !== null && fraction > 0 && rng.uniform() < fraction ? pool[aliasSample(popularity, rng)] : fresh(rng);
  return {
    recipe,
    mixture,
    weights,
    corruption,
    pool,
    example,
    batch(step, B) {
      requireInteger("step", step, { min: 0 });
      requireInteger("batchSize", B, { min: 1 });
      const rng = new Rng(seed, TRAIN_STREAM, step);
      return makeBatch(Array.from({ length: B }, () => example(rng)), mixture.contextLength, mixture.padToken);
    },
  };
}
