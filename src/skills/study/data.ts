/**
 * Tasks, training data and test sets of the skills study (Wang, Dang, Lee, Lyu, arXiv 2604.22951:
 * S5 state tracking, word problems over small groups, multi-step modular arithmetic and sums mod P,
 * multi-hop and one-hop QA).
 *
 * Held-out tuples (`heldOut` in a task's spec): a seeded hash splits the task's tuple space; training
 * batches are drawn from the kept tuples only, every test set from the held-out ones only.
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
import { groupWordTask } from "../../tasks/groupWord";
import { heldOutSplit } from "../../tasks/heldOut";
import { skillBins, trainingSkills, uniformOver, type SkillSampler } from "../../tasks/skillDistribution";
import { testSet, tokenBatch, trainingBatch } from "../../tasks/batch";
import type { Task } from "../../tasks/task";
import type { SkillsTaskSpec } from "./config";

/** Seed of the uniform test sets (per task; the same for every run of the task). */
export const SKILLS_TEST_SEED = 0x5c01;
/** Seed offset of the per-bin test sets (seed + this, per run seed). */
export const SKILLS_BIN_SEED = 0x5c10;

/** Seed of the held-out split of the tuple space (the same for every run and seed: one split per task). */
export const SKILLS_SPLIT_SEED = 0x5c30;

/** The compiled module the workers load. */
export const SKILLS_DATA_MODULE = (): string => path.join(packageRoot(), "dist", "src", "skills", "study", "data.js");

const tasks = new Map<string, Task>();
/**
 * The task of a spec, without a held-out split (memoised; the QA graph is fixed by graphSeed 0).
 * Multi-hop QA with `heldOut` holds out the questions of that fraction of its entities itself.
 */
export function skillsTask(spec: SkillsTaskSpec): Task {
  const key = JSON.stringify([spec.task, spec.k, spec.P, spec.entities, spec.relations, spec.group, spec.operators, spec.task === "multi-hop" ? spec.heldOut : undefined]);
  let t = tasks.get(key);
  if (!t) {
    if (spec.task === "s5") t = s5Task({ k: spec.k });
    else if (spec.task === "group") t = groupWordTask({ group: spec.group, k: spec.k });
    else if (spec.task === "arithmetic") t = modularArithmeticTask({ P: spec.P, k: spec.k, ...(spec.operators ? { operators: spec.operators } : {}) });
    else if (spec.task === "multi-hop") t = multiHopQaTask({ entities: spec.entities, relations: spec.relations, k: spec.k, heldOutFraction: spec.heldOut ?? 0 });
    else t = oneHopQaTask({ entities: spec.entities, relations: spec.relations });
    tasks.set(key, t);
  }
  return t;
}

/**
 * The task the runs train and are tested on: with `heldOut`, training batches never contain a test
 * tuple and every test problem is a held-out tuple (`heldOutSplit`, seed SKILLS_SPLIT_SEED; multi-hop
 * QA splits its entities instead); without, the task itself.
 */
export function skillsSplitTask(spec: SkillsTaskSpec): Task {
  const base = skillsTask(spec);
  if (spec.heldOut === undefined || spec.task === "multi-hop") return base;
  const key = JSON.stringify(["split", spec.task, spec.k, spec.P, spec.entities, spec.relations, spec.group, spec.operators, spec.heldOut]);
  let t = tasks.get(key);
  if (!t) {
    t = heldOutSplit(base, { fraction: spec.heldOut, seed: SKILLS_SPLIT_SEED });
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
  const task = skillsSplitTask(args.spec);
  const skills = runSkills(task.numSkills, args.alpha, args.seed);
  return (step) => tokenBatch(trainingBatch(task, { seed: args.seed, step, batchSize: args.batchSize, skills }));
}

/** The uniform test set of a task (held-out tuples only, when the spec holds some out). */
export function uniformTestSet(spec: SkillsTaskSpec, size: number): TokenBatch {
  return tokenBatch(testSet(skillsSplitTask(spec), { size, seed: SKILLS_TEST_SEED }));
}

/** The rank bin of every skill under seed `seed`'s ranking (bin 0 = head). */
export function rankBins(spec: SkillsTaskSpec, seed: number, bins: number): Int32Array {
  const task = skillsTask(spec);
  return skillBins(runSkills(task.numSkills, 1, seed), bins, "equal");
}

/** Per-bin test sets of seed `seed`: every slot uniform over the skills of bin b (held-out tuples only, when the spec holds some out). */
export function binTestSets(spec: SkillsTaskSpec, seed: number, bins: number, size: number): TokenBatch[] {
  const task = skillsSplitTask(spec);
  const bin = rankBins(spec, seed, bins);
  return Array.from({ length: bins }, (_, b) => {
    const ids: number[] = [];
    for (let i = 0; i < bin.length; i++) if (bin[i] === b) ids.push(i);
    return tokenBatch(testSet(task, { size, seed: SKILLS_BIN_SEED + seed * 64 + b, skills: uniformOver(task.numSkills, ids) }));
  });
}
