/**
 * The transformer proxy study (Wang et al., arXiv 2512.24503, main transfer experiment, on synthetic
 * task-family recipes instead of Pile / DCLM / RedPajama): for every recipe, train a small **proxy**
 * GPT at each learning rate of a sweep (a fixed number of steps, several seeds), and a larger
 * **target** GPT at a few learning rates (the target team tunes per recipe: its loss is the best over
 * its learning rates, the paper's "optimal achievable loss"). Rank the recipes by the proxy's
 * validation loss at each proxy lr and compare with the tuned-target ranking (Spearman, Kendall,
 * pairwise accuracy, regret@1; `rankAgreement` of theory/proxy, diverged runs ranked last).
 * Runs train on worker threads, each with a resume file in the result's checkpoint folder, so a
 * killed study resumes where it stopped (src/nn/studyRuns.ts).
 */
import { defineResult } from "../../core/result";
import { meanSe, spearman } from "../../core/stats";
import { initBackend } from "../../nn/backend";
import type { TrainResult } from "../../nn/train";
import type { ManyJob } from "../../nn/manyWorker";
import { rankAgreement, type Agreement } from "../../../theory/proxy/ordering";
import { studyRunOptions, trainStudyRuns, StudyInterrupted, type StudyRun, type StudyRunOptions } from "../../nn/studyRuns";
import { PROXY_DOMAIN_NAMES, proxyStudyConfig, validateProxyConfig, type ProxySide, type ProxyStudyConfig } from "./config";
import { domainMeanLoss, PROXY_DATA_MODULE, proxyMixture, validationSets, type ProxyDataArgs } from "./data";

/** Final validation losses of one run. */
export interface ProxyRunRecord {
  /** "proxy-long": the long proxy runs (`config.longProxy`) */
  role: "proxy" | "proxy-long" | "target";
  recipe: string;
  lr: number;
  seed: number;
  /** mean over the domains of the per-domain validation loss (+∞ if the run diverged) */
  loss: number;
  /** per-domain validation losses */
  domains: Record<string, number>;
  /** mean training loss over the last 10 % of the steps */
  trainLoss: number;
}

/** Agreement of the proxy ranking at one proxy lr with the tuned-target ranking. */
export interface LrAgreement {
  lr: number;
  /** ranking by the seed-mean proxy loss */
  mean: Agreement;
  /** Spearman ρ of each proxy seed's own ranking */
  spearmanSeeds: number[];
  /** mean ± standard error of the per-seed ρ */
  spearmanSeedMean: number;
  spearmanSeedSe: number;
  /** seed-mean proxy loss per recipe (recipe order of the config) */
  loss: number[];
  /** seed-mean drop of the validation loss from initialisation, per recipe (did the loss move?) */
  drop: number[];
}

/** The study's result (stored by the runner; time and threads are in its provenance). */
export interface ProxyStudyResult {
  config: ProxyStudyConfig;
  recipes: string[];
  runs: ProxyRunRecord[];
  /** validation loss at initialisation (the same for every recipe), per proxy seed and per target seed */
  initialLoss: { proxy: number[]; target: number[] };
  /** target: seed-mean loss per target lr per recipe [lr][recipe] */
  targetLoss: number[][];
  /** tuned target loss per recipe: min over target lrs of the seed-mean loss, and its lr */
  targetBest: number[];
  targetBestLr: number[];
  /** the tuned-target rank of each recipe (1 = best) */
  targetRank: number[];
  /** Spearman of each fixed-lr target ranking against the tuned one (does per-recipe tuning matter?) */
  targetFixedLrSpearman: number[];
  /** per proxy lr (config order): agreement with the tuned target */
  agreement: LrAgreement[];
  /** the proxy tuned per recipe too (best over proxy lrs of the seed-mean loss) against the tuned target */
  tunedProxy: Agreement;
  /** per long-proxy lr (`config.longProxy.lrs` order): agreement of the long proxy runs with the tuned target ([] without long runs) */
  agreementLong: LrAgreement[];
}

/** Run key of a (role, recipe, lr, seed) cell. */
export const runKey = (role: string, recipe: string, lr: number, seed: number): string => `${role}-${recipe}-lr${lr.toExponential(1)}-s${seed}`;

function sideJobs(c: ProxyStudyConfig, role: "proxy" | "target", side: ProxySide, long?: { steps: number; lrs: number[] }): StudyRun[] {
  const val = validationSets(c.domains, c.validationPerDomain);
  const runs: StudyRun[] = [];
  const job = (recipeIndex: number, lr: number, seed: number, steps: number): ManyJob => {
    const args: ProxyDataArgs = { domains: c.domains, recipe: c.recipes[recipeIndex], seed, batchSize: side.batchSize };
    return {
      model: side.model,
      seed,
      steps,
      batchSize: side.batchSize,
      schedule: { kind: "cosine", lr, warmup: Math.round(c.warmupFraction * steps), minRatio: c.minRatio },
      optimizer: { weightDecay: c.weightDecay },
      evalSets: val,
      evalEvery: 0,
      saveEvery: 100,
      data: { module: PROXY_DATA_MODULE(), export: "recipeData", args },
    };
  };
  for (const seed of side.seeds) {
    // the initial validation loss (0 steps): the same for every recipe, since the initialisation depends on the seed only
    runs.push({ key: `${role}-init-s${seed}`, job: job(0, side.lrs[0], seed, 0) });
    for (const lr of side.lrs) c.recipes.forEach((r, i) => runs.push({ key: runKey(role, r.name, lr, seed), job: job(i, lr, seed, side.steps) }));
    if (long) for (const lr of long.lrs) c.recipes.forEach((r, i) => runs.push({ key: runKey(`${role}-long`, r.name, lr, seed), job: job(i, lr, seed, long.steps) }));
  }
  return runs;
}

/** The training jobs of a config: targets, then the proxy sweep and the long proxy runs, longest first (keeps both workers busy to the end). */
export function proxyStudyRuns(c: ProxyStudyConfig): StudyRun[] {
  validateProxyConfig(c);
  const runs = [...sideJobs(c, "target", c.target), ...sideJobs(c, "proxy", c.proxy, c.longProxy)].map((r) => ({
    ...r,
    job: { ...r.job, model: { ...r.job.model, vocab: vocabOf(c), context: contextOf(c) } },
  }));
  // rough work of a run (steps × batch × per-token parameters): for the order only
  const cost = ({ job: { steps, batchSize, model: m } }: StudyRun) => steps * batchSize * ((m.layers ?? 1) * (m.dModel ?? 1) ** 2 + (m.dModel ?? 1) * (m.vocab ?? 1));
  return runs.map((r, i) => ({ r, i })).sort((a, b) => cost(b.r) - cost(a.r) || a.i - b.i).map((x) => x.r);
}

const vocabOf = (c: ProxyStudyConfig) => proxyMixture(c.domains).vocab.size;
const contextOf = (c: ProxyStudyConfig) => proxyMixture(c.domains).contextLength;

function record(role: ProxyRunRecord["role"], recipe: string, lr: number, seed: number, r: TrainResult): ProxyRunRecord {
  const last = r.evals[r.evals.length - 1];
  if (!last || last.step !== r.config.steps) throw new Error(`run ${runKey(role, recipe, lr, seed)}: no final evaluation`);
  const domains: Record<string, number> = {};
  for (const d of PROXY_DOMAIN_NAMES) domains[d] = last.results[d].loss;
  const tail = r.history.slice(Math.floor(0.9 * r.history.length));
  const trainLoss = tail.length ? tail.reduce((s, h) => s + h.loss, 0) / tail.length : NaN;
  return { role, recipe, lr, seed, loss: domainMeanLoss(last.results), domains, trainLoss };
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Analyse the run records: tuned-target ranking, per-proxy-lr agreement (seed-mean and per seed). */
export function analyseProxy(c: ProxyStudyConfig, runs: ProxyRunRecord[], initialLoss: ProxyStudyResult["initialLoss"]): ProxyStudyResult {
  const recipes = c.recipes.map((r) => r.name);
  const find = (role: string, recipe: string, lr: number, seed: number): ProxyRunRecord => {
    const x = runs.find((r) => r.role === role && r.recipe === recipe && r.lr === lr && r.seed === seed);
    if (!x) throw new Error(`missing run ${runKey(role, recipe, lr, seed)}`);
    return x;
  };
  // a diverged seed (+∞) makes the seed mean +∞: the recipe ranks last at that lr
  const targetLoss = c.target.lrs.map((lr) => recipes.map((rc) => mean(c.target.seeds.map((s) => find("target", rc, lr, s).loss))));
  const targetBest = recipes.map((_, i) => Math.min(...targetLoss.map((row) => row[i])));
  const targetBestLr = recipes.map((_, i) => c.target.lrs[targetLoss.findIndex((row) => row[i] === targetBest[i])]);
  if (!targetBest.every(Number.isFinite)) throw new Error("a recipe's target diverged at every target lr: widen target.lrs");
  const order = recipes.map((_, i) => i).sort((a, b) => targetBest[a] - targetBest[b]);
  const targetRank = recipes.map((_, i) => order.indexOf(i) + 1);
  const targetFixedLrSpearman = targetLoss.map((row) => (row.every(Number.isFinite) ? spearman(row, targetBest) : rankAgreement(row, targetBest).spearman));
  const agreementAt = (role: "proxy" | "proxy-long", lr: number): LrAgreement => {
    const perSeed = c.proxy.seeds.map((s) => recipes.map((rc) => find(role, rc, lr, s).loss));
    const loss = recipes.map((_, i) => mean(perSeed.map((p) => p[i])));
    const spearmanSeeds = perSeed.map((p) => rankAgreement(p, targetBest).spearman);
    const ms = spearmanSeeds.length >= 2 ? meanSe(spearmanSeeds) : { mean: spearmanSeeds[0], se: NaN };
    const drop = recipes.map((_, i) => mean(perSeed.map((p, k) => initialLoss.proxy[k] - p[i])));
    return { lr, mean: rankAgreement(loss, targetBest), spearmanSeeds, spearmanSeedMean: ms.mean, spearmanSeedSe: ms.se, loss, drop };
  };
  const agreement = c.proxy.lrs.map((lr) => agreementAt("proxy", lr));
  const agreementLong = (c.longProxy?.lrs ?? []).map((lr) => agreementAt("proxy-long", lr));
  const tunedLoss = recipes.map((_, i) => Math.min(...agreement.map((a) => a.loss[i])));
  return { config: c, recipes, runs, initialLoss, targetLoss, targetBest, targetBestLr, targetRank, targetFixedLrSpearman, agreement, tunedProxy: rankAgreement(tunedLoss, targetBest), agreementLong };
}

/** The agreement at the config's standard and tiny proxy lrs (of the long proxy runs with `long`; undefined if there are none). */
export function standardAndTiny(r: ProxyStudyResult): { standard: LrAgreement; tiny: LrAgreement };
export function standardAndTiny(r: ProxyStudyResult, long: true): { standard: LrAgreement; tiny: LrAgreement } | undefined;
export function standardAndTiny(r: ProxyStudyResult, long = false): { standard: LrAgreement; tiny: LrAgreement } | undefined {
  const rows = long ? r.agreementLong : r.agreement;
  const at = (lr: number) => rows.find((a) => a.lr === lr);
  const standard = at(r.config.standardLr);
  const tiny = at(r.config.tinyLr);
  return standard && tiny ? { standard, tiny } : undefined;
}

/**
 * Train (or resume) every run of a config in `dir` (one resume file per run) and analyse them. Throws
 * `StudyInterrupted` when the runs were stopped early (`opts.stopAfter`): calling it again resumes.
 */
export async function computeProxyStudy(c: ProxyStudyConfig, dir: string, opts: StudyRunOptions = {}): Promise<ProxyStudyResult> {
  validateProxyConfig(c);
  const runs = proxyStudyRuns(c);
  const out = await trainStudyRuns(`study proxy (${c.name})`, dir, runs, opts);
  if (!out.complete) throw new StudyInterrupted("proxy");
  const byKey = new Map(runs.map((r, i) => [r.key, out.results[i]]));
  const init = (role: string, seeds: number[]) => seeds.map((s) => domainMeanLoss(byKey.get(`${role}-init-s${s}`)!.evals[0].results));
  const records: ProxyRunRecord[] = [];
  const sides: Array<[ProxyRunRecord["role"], number[], number[]]> = [
    ["target", c.target.seeds, c.target.lrs],
    ["proxy", c.proxy.seeds, c.proxy.lrs],
    ["proxy-long", c.proxy.seeds, c.longProxy?.lrs ?? []],
  ];
  for (const [role, seeds, lrs] of sides) {
    for (const seed of seeds) for (const lr of lrs) for (const rc of c.recipes) records.push(record(role, rc.name, lr, seed, byKey.get(runKey(role, rc.name, lr, seed))!));
  }
  return analyseProxy(c, records, { proxy: init("proxy", c.proxy.seeds), target: init("target", c.target.seeds) });
}

/**
 * The transformer proxy study as a result: its config is the scale's `PROXY_STUDY_CONFIGS` entry, and
 * the TensorFlow.js backend is part of its store key (a study resumed on another backend never mixes runs).
 */
export const proxyTransformerStudy = defineResult<ProxyStudyConfig, ProxyStudyResult>({
  id: "proxy.transformer-study",
  title: "Recipe rankings of small proxy transformers over a learning-rate sweep against tuned targets",
  config: (scale) => proxyStudyConfig(scale),
  environment: async () => ({ backend: (await initBackend({ verbose: false })).name }),
  compute: (c, ctx) => computeProxyStudy(c, ctx.checkpointDir(), studyRunOptions(ctx)),
});
