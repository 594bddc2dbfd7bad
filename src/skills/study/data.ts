/**
 * Tasks, training data and test sets of the skills study (Wang, Dang, Lee, Lyu, arXiv 2604.22951:
 * S5 state tracking, multi-step modular arithmetic, multi-hop and one-hop QA).
 *
 * Run (task, α, seed): skill ranking `rankSeed = seed` (so the uniform and power-law runs of a seed
 * share the ranking that defines the rank bins, and the initialisation); training batch s is
 * `trainingBatch(task, {seed, step: s, skills: trainingSkills(d, α, {rankSeed: seed})})`, fresh data
 * every step. Test sets are drawn on the tasks' TEST_STREAM, which no training batch uses: the
 * uniform test set of the task, and one set per rank bin whose slots are all drawn uniformly from
 * that bin (bins of the seed's ranking; bin 0 = the most frequent skills under the power law).
 */
import * as path from "node:path";
import type { TokenBatch } from "../../nn/gpt";
import { packageRoot } from "../../run/store";
import { modularArithmeticTask } from "../../tasks/modularArithmetic";
import { multiHopQaTask, oneHopQaTask } from "../../tasks/multiHopQa";
import { s5Task } from "../../tasks/s5";
import { skillBins, trainingSkills, uniformOver, type SkillSampler } from "../../tasks/skillDistribution";
import { testSet, tokenBatch, trainingBatch } from "../../tasks/batch";
import type { Task } from "../../tasks/task";
import type { SkillsTaskSpec } from "./config";

/** Seed of the uniform test sets (per task; the same for every run of the task). */
export const SKILLS_TEST_SEED = 0x5c01;
/** Seed offset of the per-bin test sets (seed + this, per run seed). */
export const SKILLS_BIN_SEED = 0x5c10;

/** The compiled module the workers load. */
export const SKILLS_DATA_MODULE = (): string => path.join(packageRoot(), "dist", "src", "skills", "study", "data.js");

const tasks = new Map<string, Task>();
/** The task of a spec (memoised; the QA graph is fixed by graphSeed 0). */
export function skillsTask(spec: SkillsTaskSpec): Task {
  const key = JSON.stringify([spec.task, spec.k, spec.P, spec.entities, spec.relations]);
  let t = tasks.get(key);
  if (!t) {
    if (spec.task === "s5") t = s5Task({ k: spec.k });
    else if (spec.task === "arithmetic") t = modularArithmeticTask({ P: spec.P, k: spec.k });
    else if (spec.task === "multi-hop") t = multiHopQaTask({ entities: spec.entities, relations: spec.relations, k: spec.k });
    else t = oneHopQaTask({ entities: spec.entities, relations: spec.relations });
    tasks.set(key, t);
  }
  return t;
}

/** Arguments of the data function (serialisable: they travel to worker threads). */
export interface SkillsDataArgs {
  spec: SkillsTaskSpec;
  alpha: number;
  seed: number;
  batchSize: number;
}

/** The training distribution of run (α, seed): uniform for α = 0, else Zipf(α) over the seed's random ranking. */
export function runSkills(d: number, alpha: number, seed: number): SkillSampler {
  return trainingSkills(d, alpha, { rankSeed: seed });
}

/** Training batches of a run: a fresh batch per step, a pure function of (seed, step). */
export function skillsData(args: SkillsDataArgs): (step: number) => TokenBatch {
  const task = skillsTask(args.spec);
  const skills = runSkills(task.numSkills, args.alpha, args.seed);
  return (step) => tokenBatch(trainingBatch(task, { seed: args.seed, step, batchSize: args.batchSize, skills }));
}

/** The uniform test set of a task. */
export function uniformTestSet(spec: SkillsTaskSpec, size: number): TokenBatch {
  return tokenBatch(testSet(skillsTask(spec), { size, seed: SKILLS_TEST_SEED }));
}

/** The rank bin of every skill under seed `seed`'s ranking (bin 0 = head). */
export function rankBins(spec: SkillsTaskSpec, seed: number, bins: number): Int32Array {
  const task = skillsTask(spec);
  return skillBins(runSkills(task.numSkills, 1, seed), bins, "equal");
}

/** Per-bin test sets of seed `seed`: every slot uniform over the skills of bin b. */
export function binTestSets(spec: SkillsTaskSpec, seed: number, bins: number, size: number): TokenBatch[] {
  const task = skillsTask(spec);
  const bin = rankBins(spec, seed, bins);
  return Array.from({ length: bins }, (_, b) => {
    const ids: number[] = [];
    for (let i = 0; i < bin.length; i++) if (bin[i] === b) ids.push(i);
    return tokenBatch(testSet(task, { size, seed: SKILLS_BIN_SEED + seed * 64 + b, skills: uniformOver(task.numSkills, ids) }));
  });
}
