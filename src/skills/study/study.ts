/**
 * The transformer skills study (Wang, Dang, Lee, Lyu, arXiv 2604.22951, §3.5, §3.6 and the
 * transformer experiments): for each task, train the same small GPT with uniform (α = 0) and
 * power-law (α > 0) training skill frequencies, same initialisation and hyper-parameters, over
 * several seeds; evaluate uniform-test accuracy (exact match of the answer) and per-rank-bin accuracy
 * at regular intervals. It is one result, `skills.transformer-study`: its runs train on worker threads
 * with resume files in the result's checkpoint folder, so a killed study resumes where it stopped.
 */
import { defineResult } from "../../core/result";
import { initBackend } from "../../nn/backend";
import { meanSe, pairedSignFlipTest } from "../../core/stats";
import type { TrainResult } from "../../nn/train";
import { paramCheckpointFile, readParamCheckpoint, runsToRetrain, studyRunOptions, trainStudyRuns, StudyInterrupted, type StudyRun, type StudyRunOptions } from "../../nn/studyRuns";
import { atomicFactCount, SKILLS_STUDY_CONFIGS, tupleCount, validateSkillsConfig, type SkillsStudyConfig, type SkillsTaskName, type SkillsTaskSpec } from "./config";
import { binTestSets, rankBins, skillsTask, SKILLS_DATA_MODULE, uniformTestSet, type SkillsDataArgs } from "./data";
import { meanGradientNorm, tailContextBatches } from "./gradient";
import { runLandscape, type RunLandscape } from "./landscape";

/** The evaluation record of one run. */
export interface SkillsRunRecord {
  task: SkillsTaskName;
  alpha: number;
  seed: number;
  /** evaluation steps */
  steps: number[];
  /** uniform-test exact-match accuracy and loss at each evaluation */
  testAcc: number[];
  testLoss: number[];
  /** binAcc[b][i]: accuracy on bin b's test set at evaluation i */
  binAcc: number[][];
  /** mean training loss since the previous evaluation */
  trainLoss: number[];
}

/** Seed statistics of one (task, α). */
export interface SkillsArm {
  alpha: number;
  steps: number[];
  /** uniform-test accuracy over training: seed mean and standard error */
  accMean: number[];
  accSe: number[];
  testLossMean: number[];
  /** per-bin accuracy over training, seed mean [bin][eval] */
  binAccMean: number[][];
  /** area under the accuracy curve = mean accuracy over the evaluations, per seed, and its mean ± se */
  aucSeeds: number[];
  auc: number;
  aucSe: number;
  /** final accuracy per seed, mean ± se */
  finalSeeds: number[];
  final: number;
  finalSe: number;
  /** per bin: mean accuracy over the evaluations (seed mean), head bin first */
  binAuc: number[];
}

/** Uniform vs the main power law on one task. */
export interface SkillsTaskSummary {
  task: SkillsTaskName;
  role: SkillsTaskSpec["role"];
  spec: SkillsTaskSpec;
  arms: SkillsArm[];
  /** paired (same seed) differences power − uniform of the accuracy-curve area and of the final accuracy */
  deltaAucSeeds: number[];
  deltaAuc: number;
  deltaAucSe: number;
  deltaFinalSeeds: number[];
  deltaFinal: number;
  /**
   * Exact one-sided paired sign-flip test over the seeds of the AUC differences: p of "power law >
   * uniform" and of "uniform > power law" (`pairedSignFlipTest`).
   */
  pPowerLawBetter: number;
  pUniformBetter: number;
  /** distinct problems of the task, training examples per run (steps × batch) and their ratio */
  tuples: number;
  trainingExamples: number;
  tuplesPerExample: number;
  /** atomic facts (the pairwise table the problems compose; the one-hop control's |E|·|R|) */
  atomicFacts: number;
}

/** Mean ‖∇L‖ on tail-skill batches with head-bin context and with random context, at every checkpoint of one run. */
export interface SkillsGradientArm {
  alpha: number;
  head: number[];
  random: number[];
}

/** Tail-sample gradient norms over training (first composition task; every seed), and the PCA landscape (first seed). */
export interface SkillsGradientResult {
  task: SkillsTaskName;
  /** the seed of `arms` and `landscapes` (the first seed) */
  seed: number;
  /** checkpoint steps (0 = initialisation) */
  steps: number[];
  /** per α (uniform, main power law): the first seed's gradient norms */
  arms: SkillsGradientArm[];
  /** the same for every seed of the config (the first is `arms`) */
  seeds: { seed: number; arms: SkillsGradientArm[] }[];
  /** per α: the PCA loss landscape (uniform-test loss) of the first seed's checkpoint trajectory */
  landscapes: ({ alpha: number } & RunLandscape)[];
}

/** The study's stored result. */
export interface SkillsStudyResult {
  config: SkillsStudyConfig;
  runs: SkillsRunRecord[];
  tasks: SkillsTaskSummary[];
  /** tail-sample gradient norms (when `config.gradient` is set) */
  gradient: SkillsGradientResult | null;
}

/** The key of run (task, α, seed). */
export const skillsRunKey = (task: string, alpha: number, seed: number): string => `${task}-a${alpha}-s${seed}`;

/** Evaluation interval of a task. */
export const evalEvery = (c: SkillsStudyConfig, t: SkillsTaskSpec): number => Math.max(1, Math.floor(t.steps / c.evalPoints));

/** The task of the gradient diagnostic: the first composition task. */
export const gradientTask = (c: SkillsStudyConfig): SkillsTaskSpec | undefined => c.tasks.find((t) => t.role === "composition");

/** Checkpoint steps of the gradient diagnostic: the initialisation and every evaluation step. */
export function checkpointSteps(c: SkillsStudyConfig, t: SkillsTaskSpec): number[] {
  const every = evalEvery(c, t);
  const out = [0];
  for (let s = every; s < t.steps; s += every) out.push(s);
  out.push(t.steps);
  return out;
}

/** The gradient-diagnostic runs and the steps of their parameter checkpoints. */
function diagnosedRuns(c: SkillsStudyConfig): Array<{ key: string; steps: number[] }> {
  const t = gradientTask(c);
  if (!c.gradient || !t) return [];
  const steps = checkpointSteps(c, t);
  return c.seeds.flatMap((seed) => [0, c.alpha].map((alpha) => ({ key: skillsRunKey(t.task, alpha, seed), steps })));
}

/** Measure the tail-sample gradient norms (every seed) and the PCA landscape (first seed) from the checkpoint runs in `dir`. */
export async function skillsGradients(c: SkillsStudyConfig, dir: string): Promise<SkillsGradientResult | null> {
  const t = gradientTask(c);
  if (!c.gradient || !t) return null;
  const task = skillsTask(t);
  const model = { ...c.model, vocab: task.vocab.size, context: task.contextLength };
  const steps = checkpointSteps(c, t);
  const test = uniformTestSet(t, c.testSize);
  const seeds: SkillsGradientResult["seeds"] = [];
  const landscapes: SkillsGradientResult["landscapes"] = [];
  for (const seed of c.seeds) {
    const batches = tailContextBatches(task, rankBins(t, seed, c.bins), seed, c.gradient.batches, c.gradient.batchSize);
    const arms: SkillsGradientArm[] = [];
    for (const alpha of [0, c.alpha]) {
      const head: number[] = [];
      const random: number[] = [];
      const thetas: Float32Array[] = [];
      for (const s of steps) {
        const file = paramCheckpointFile(dir, skillsRunKey(t.task, alpha, seed), s);
        const ck = readParamCheckpoint(file);
        if (!ck) throw new Error(`missing checkpoint ${file}`);
        const params = ck.arrays.params;
        thetas.push(params);
        head.push(await meanGradientNorm(model, params, batches.head));
        random.push(await meanGradientNorm(model, params, batches.random));
      }
      arms.push({ alpha, head, random });
      if (seed === c.seeds[0]) landscapes.push({ alpha, ...(await runLandscape(model, thetas, test, c.gradient.grid)) });
    }
    seeds.push({ seed, arms });
  }
  return { task: t.task, seed: c.seeds[0], steps, arms: seeds[0].arms, seeds, landscapes };
}

/** The training runs of a config (longest first). */
export function skillsStudyRuns(c: SkillsStudyConfig): StudyRun[] {
  validateSkillsConfig(c);
  const runs: StudyRun[] = [];
  for (const t of c.tasks) {
    const task = skillsTask(t);
    const test = uniformTestSet(t, c.testSize);
    for (const seed of c.seeds) {
      const bins = binTestSets(t, seed, c.bins, c.binSize);
      const evalSets = Object.fromEntries([["test", test], ...bins.map((b, i) => [`bin${i}`, b] as const)]);
      for (const alpha of t.alphas) {
        const args: SkillsDataArgs = { spec: t, alpha, seed, batchSize: c.batchSize };
        const key = skillsRunKey(t.task, alpha, seed);
        const job: StudyRun["job"] = {
          model: { ...c.model, vocab: task.vocab.size, context: task.contextLength },
          seed,
          steps: t.steps,
          batchSize: c.batchSize,
          schedule: { kind: "wsd", lr: c.lr, warmup: c.warmup, decayFraction: 0 },
          optimizer: { weightDecay: c.weightDecay, clipNorm: c.clipNorm },
          evalSets,
          evalEvery: evalEvery(c, t),
          saveEvery: 200,
          data: { module: SKILLS_DATA_MODULE(), export: "skillsData", args },
        };
        // the gradient diagnostic reads parameter checkpoints of the uniform and main power-law runs of every seed
        const diagnosed = c.gradient !== undefined && t === gradientTask(c) && (alpha === 0 || alpha === c.alpha);
        runs.push(diagnosed ? { key, checkpoints: true, job: { ...job, checkpointSteps: checkpointSteps(c, t) } } : { key, job });
      }
    }
  }
  return runs.sort((a, b) => b.job.steps - a.job.steps);
}

/** The evaluation record of a finished run. */
export function skillsRecord(c: SkillsStudyConfig, t: SkillsTaskSpec, alpha: number, seed: number, r: TrainResult): SkillsRunRecord {
  const evals = r.evals.filter((e) => e.step > 0);
  const steps = evals.map((e) => e.step);
  const trainLoss = steps.map((s, i) => {
    const from = i === 0 ? 0 : steps[i - 1];
    let sum = 0;
    for (let j = from; j < s; j++) sum += r.history[j].loss;
    return sum / Math.max(1, s - from);
  });
  return {
    task: t.task,
    alpha,
    seed,
    steps,
    testAcc: evals.map((e) => e.results.test.exactMatch),
    testLoss: evals.map((e) => e.results.test.loss),
    binAcc: Array.from({ length: c.bins }, (_, b) => evals.map((e) => e.results[`bin${b}`].exactMatch)),
    trainLoss,
  };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const se = (xs: number[]) => (xs.length >= 2 ? meanSe(xs).se : NaN);
const colMean = (rows: number[][]) => rows[0].map((_, i) => mean(rows.map((r) => r[i])));

/** Seed statistics of the runs of one (task, α) (all with the same evaluation steps). */
export function skillsArm(runs: SkillsRunRecord[]): SkillsArm {
  const acc = runs.map((r) => r.testAcc);
  const aucSeeds = acc.map(mean);
  const finalSeeds = acc.map((a) => a[a.length - 1]);
  const bins = runs[0].binAcc.length;
  const binAccMean = Array.from({ length: bins }, (_, b) => colMean(runs.map((r) => r.binAcc[b])));
  return {
    alpha: runs[0].alpha,
    steps: runs[0].steps,
    accMean: colMean(acc),
    accSe: acc[0].map((_, i) => se(acc.map((a) => a[i]))),
    testLossMean: colMean(runs.map((r) => r.testLoss)),
    binAccMean,
    aucSeeds,
    auc: mean(aucSeeds),
    aucSe: se(aucSeeds),
    finalSeeds,
    final: mean(finalSeeds),
    finalSe: se(finalSeeds),
    binAuc: binAccMean.map(mean),
  };
}

/** Summaries per task: arms per α and the paired power − uniform differences. */
export function analyseSkills(c: SkillsStudyConfig, runs: SkillsRunRecord[]): SkillsTaskSummary[] {
  return c.tasks.map((t) => {
    const arms = t.alphas.map((a) => skillsArm(c.seeds.map((s) => runs.find((r) => r.task === t.task && r.alpha === a && r.seed === s)!)));
    const uni = arms.find((a) => a.alpha === 0)!;
    const pow = arms.find((a) => a.alpha === c.alpha)!;
    const deltaAucSeeds = pow.aucSeeds.map((x, i) => x - uni.aucSeeds[i]);
    const deltaFinalSeeds = pow.finalSeeds.map((x, i) => x - uni.finalSeeds[i]);
    const tuples = tupleCount(t);
    const trainingExamples = t.steps * c.batchSize;
    return {
      task: t.task,
      role: t.role,
      spec: t,
      arms,
      deltaAucSeeds,
      deltaAuc: mean(deltaAucSeeds),
      deltaAucSe: se(deltaAucSeeds),
      deltaFinalSeeds,
      deltaFinal: mean(deltaFinalSeeds),
      pPowerLawBetter: pairedSignFlipTest(deltaAucSeeds).p,
      pUniformBetter: pairedSignFlipTest(deltaAucSeeds.map((x) => -x)).p,
      tuples,
      trainingExamples,
      tuplesPerExample: tuples / trainingExamples,
      atomicFacts: atomicFactCount(t),
    };
  });
}

/**
 * Train (or resume) the study's runs in `dir` and analyse them. Throws `StudyInterrupted` when the
 * runs stopped early (`stopAfter`); called again on the same folder it resumes them. A gradient
 * diagnostic run with a missing or unreadable checkpoint (reported by path) is trained again.
 */
export async function computeSkillsStudy(c: SkillsStudyConfig, dir: string, opts: StudyRunOptions = {}): Promise<SkillsStudyResult> {
  validateSkillsConfig(c);
  const runs = skillsStudyRuns(c);
  const label = `study skills (${c.name})`;
  let out = await trainStudyRuns(label, dir, runs, opts);
  if (!out.complete) throw new StudyInterrupted("skills");
  // a finished run whose checkpoints cannot be read is trained again (its resume file set aside)
  if (runsToRetrain(dir, diagnosedRuns(c)).length > 0) {
    out = await trainStudyRuns(label, dir, runs, opts);
    if (!out.complete) throw new StudyInterrupted("skills");
  }
  const records: SkillsRunRecord[] = [];
  for (const t of c.tasks)
    for (const alpha of t.alphas)
      for (const seed of c.seeds) {
        const i = runs.findIndex((r) => r.key === skillsRunKey(t.task, alpha, seed));
        records.push(skillsRecord(c, t, alpha, seed, out.results[i]));
      }
  const gradient = await skillsGradients(c, dir);
  return { config: c, runs: records, tasks: analyseSkills(c, records), gradient };
}

/**
 * The transformer skills study as one result. Its store key includes the TensorFlow.js backend, so a
 * study resumed on another backend never mixes runs trained on two.
 */
export const skillsTransformerStudy = defineResult({
  id: "skills.transformer-study",
  title: "Uniform vs power-law skill frequencies for a small transformer on composition tasks",
  config: (scale): SkillsStudyConfig => SKILLS_STUDY_CONFIGS[scale],
  environment: async () => ({ backend: (await initBackend({ verbose: false })).name }),
  compute: (c, ctx) => computeSkillsStudy(c, ctx.checkpointDir(), studyRunOptions(ctx)),
});
