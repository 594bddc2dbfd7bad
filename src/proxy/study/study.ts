/**
 * The transformer proxy study (Wang et al., arXiv 2512.24503, main transfer experiment, on synthetic
 * task-family recipes instead of Pile / DCLM / RedPajama): for every recipe, train a larger **target**
 * GPT at several learning rates (the target team tunes per recipe: its loss is the best over its
 * learning rates, the paper's "optimal achievable loss"), and a small **proxy** GPT over a learning-rate
 * sweep in the two regimes the random-feature theory distinguishes (`theory/proxy/training.ts`): a fixed
 * number of steps at every lr, and a fixed training time lr × steps. The standard proxy lr is
 * measured — the baseline recipe's best proxy lr — and the reduced one is standard / reducedFactor.
 * Rank the recipes by the proxy's validation loss at each proxy lr and compare with the tuned-target
 * ranking (Spearman, Kendall, pairwise accuracy, regret@1; `rankAgreement` of theory/proxy, diverged
 * runs ranked last), with exact-bootstrap standard errors over the proxy and target seeds.
 * Runs train on worker threads, each with a resume file in the result's checkpoint folder, so a
 * killed study resumes where it stopped (src/nn/studyRuns.ts); they are independent `StudyRun`s, so
 * `study proxy --shard I/N` splits them across machines. */
import { defineResult } from "../../core/result";
import { exactBootstrap, exactResamples } from "../../core/bootstrap";
import { meanSe } from "../../core/stats";
import { initBackend } from "../../nn/backend";
import type { TrainResult } from "../../nn/train";
import type { ManyJob } from "../../nn/manyWorker";
import { rankAgreement, type Agreement } from "../../../theory/proxy/ordering";
import { studyRunOptions, trainStudyRuns, StudyInterrupted, type StudyRun, type StudyRunOptions } from "../../nn/studyRuns";
import { fixedTimeSteps, PROXY_DOMAIN_NAMES, proxyStudyConfig, sameLr, validateProxyConfig, type ProxySide, type ProxyStudyConfig } from "./config";
import { domainMeanLoss, PROXY_DATA_MODULE, proxyMixture, validationSets, type ProxyDataArgs } from "./data";

/** Final validation losses of one run. */
export interface ProxyRunRecord {
  /** "proxy": fixed-steps sweep; "proxy-time": fixed-time sweep (lr × steps fixed) */
  role: "proxy" | "proxy-time" | "target";
  recipe: string;
  lr: number;
  seed: number;
  /** training steps of the run */
  steps: number;
  /** mean over the domains of the per-domain validation loss (+∞ if the run diverged) */
  loss: number;
  /** per-domain validation losses */
  domains: Record<string, number>;
  /** mean training loss over the last 10 % of the steps */
  trainLoss: number;
}

/** A statistic of the seed-mean ranking with its exact-bootstrap standard error over the proxy and target seeds (`src/core/bootstrap.ts`). */
export interface WithSe {
  value: number;
  se: number;
}

/** Agreement of the proxy ranking at one proxy lr (of one regime) with the tuned-target ranking. */
export interface LrAgreement {
  lr: number;
  /** training steps of these proxies */
  steps: number;
  /** ranking by the seed-mean proxy loss: every metric (`rankAgreement`) */
  mean: Agreement;
  /** Spearman, Kendall and regret@1 of the seed-mean ranking, each ± its bootstrap se (proxy seeds × target seeds resampled, targets re-tuned) */
  spearman: WithSe;
  kendall: WithSe;
  regret: WithSe;
  /** Spearman ρ of each proxy seed's own ranking */
  spearmanSeeds: number[];
  /** mean ± standard error of the per-seed ρ (NaN se with one seed) */
  spearmanSeedMean: number;
  spearmanSeedSe: number;
  /** seed-mean proxy loss per recipe (recipe order of the config) */
  loss: number[];
  /** seed-mean drop of the validation loss from initialisation, per recipe (did the loss move?) */
  drop: number[];
  /**
   * Spearman ρ of this seed-mean ranking against the proxy's own per-recipe-tuned ranking in the same
   * regime (each recipe's best seed-mean loss over the regime's lrs): the paper's Finding I at proxy
   * scale — does this lr rank like the same model tuned per recipe?
   */
  ownTunedSpearman: number;
}

/** Standard against reduced proxy lr within one regime. */
export interface RegimeComparison {
  regime: "fixed-steps" | "fixed-time";
  standardLr: number;
  reducedLr: number;
  /** null when the regime has no run at the standard or the reduced lr */
  standard: LrAgreement | null;
  reduced: LrAgreement | null;
  /** ρ(reduced) − ρ(standard) of the seed-mean rankings, ± its paired bootstrap se (NaN when not covered) */
  spearmanGain: WithSe;
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
  /** Spearman of each fixed-lr target ranking against the tuned one, ± bootstrap se over target seeds (does per-recipe tuning matter?) */
  targetFixedLrSpearman: number[];
  targetFixedLrSpearmanSe: number[];
  /**
   * The premise's robustness: for every resample of the target seeds (with replacement, all nⁿ), the
   * largest fixed-lr Spearman over the target lrs (targets re-tuned in each resample); empty with one seed.
   */
  targetFixedLrMaxResamples: number[];
  /**
   * Reproducibility of the tuned target ranking: for each target seed, ρ between the ranking tuned on that
   * seed alone and the ranking tuned on the other seeds (empty with one seed) — a ceiling for any proxy's ρ.
   */
  targetSplitSpearman: number[];
  /** the standard proxy lr: the baseline recipe's best lr in the fixed-steps sweep (seed mean) */
  standardLr: number;
  /** standard lr / reducedFactor */
  reducedLr: number;
  /** per proxy lr (config order): agreement of the fixed-steps proxies with the tuned target */
  agreement: LrAgreement[];
  /** per fixed-time lr (config order): agreement of the fixed-time proxies with the tuned target */
  agreementFixedTime: LrAgreement[];
  /** the proxy tuned per recipe too (best over the fixed-steps lrs of the seed-mean loss) against the tuned target: the paper's Finding II (across scales) */
  tunedProxy: Agreement;
  /** the same with the proxy tuned over the fixed-time lrs */
  tunedProxyFixedTime: Agreement;
  /** standard vs reduced lr in each regime */
  comparisons: RegimeComparison[];
}

/** Run key of a (role, recipe, lr, seed) cell. */
export const runKey = (role: string, recipe: string, lr: number, seed: number): string => `${role}-${recipe}-lr${lr.toExponential(1)}-s${seed}`;

/** The lrs and steps of a role. */
function roleLrs(c: ProxyStudyConfig, role: ProxyRunRecord["role"]): Array<{ lr: number; steps: number }> {
  if (role === "target") return c.target.lrs.map((lr) => ({ lr, steps: c.target.steps }));
  if (role === "proxy") return c.proxy.lrs.map((lr) => ({ lr, steps: c.proxy.steps }));
  return c.fixedTime.lrs.map((lr) => ({ lr, steps: fixedTimeSteps(c.fixedTime.time, lr) }));
}

function sideJobs(c: ProxyStudyConfig, side: ProxySide, roles: Array<ProxyRunRecord["role"]>): StudyRun[] {
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
      saveEvery: 200,
      data: { module: PROXY_DATA_MODULE(), export: "recipeData", args },
    };
  };
  for (const seed of side.seeds) {
    // the initial validation loss (0 steps): the same for every recipe, since the initialisation depends on the seed only
    runs.push({ key: `${roles[0]}-init-s${seed}`, job: job(0, side.lrs[0], seed, 0) });
    for (const role of roles) for (const { lr, steps } of roleLrs(c, role)) c.recipes.forEach((r, i) => runs.push({ key: runKey(role, r.name, lr, seed), job: job(i, lr, seed, steps) }));
  }
  return runs;
}

/** The training jobs of a config: targets, the fixed-steps and the fixed-time proxy sweeps, longest first (keeps both workers busy to the end). */
export function proxyStudyRuns(c: ProxyStudyConfig): StudyRun[] {
  validateProxyConfig(c);
  const runs = [...sideJobs(c, c.target, ["target"]), ...sideJobs(c, c.proxy, ["proxy", "proxy-time"])].map((r) => ({
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
  return { role, recipe, lr, seed, steps: r.config.steps, loss: domainMeanLoss(last.results), domains, trainLoss };
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;


/**
 * Analyse the run records: tuned-target ranking, the measured standard lr, per-lr agreement in both
 * regimes (seed-mean ranking with exact-bootstrap standard errors over the proxy and target seeds, and per seed).
 */
export function analyseProxy(c: ProxyStudyConfig, runs: ProxyRunRecord[], initialLoss: ProxyStudyResult["initialLoss"]): ProxyStudyResult {
  const recipes = c.recipes.map((r) => r.name);
  const index = new Map(runs.map((r) => [runKey(r.role, r.recipe, r.lr, r.seed), r]));
  const find = (role: string, recipe: string, lr: number, seed: number): ProxyRunRecord => {
    const x = index.get(runKey(role, recipe, lr, seed));
    if (!x) throw new Error(`missing run ${runKey(role, recipe, lr, seed)}`);
    return x;
  };
  const tSeeds = c.target.seeds;
  const pSeeds = c.proxy.seeds;
  // target losses [lr][recipe][seed]; a diverged seed (+∞) makes the seed mean +∞: the recipe ranks last at that lr
  const tLoss = c.target.lrs.map((lr) => recipes.map((rc) => tSeeds.map((s) => find("target", rc, lr, s).loss)));
  // the targets re-tuned on a resample of their seeds (memoised: the bootstraps ask for the same nⁿ resamples at every proxy lr)
  const tunedCache = new Map<string, { byLr: number[][]; best: number[] }>();
  const tuned = (seedIdx: number[]) => {
    const key = seedIdx.join(",");
    let t = tunedCache.get(key);
    if (!t) {
      const byLr = tLoss.map((row) => row.map((per) => mean(seedIdx.map((k) => per[k]))));
      t = { byLr, best: recipes.map((_, i) => Math.min(...byLr.map((row) => row[i]))) };
      tunedCache.set(key, t);
    }
    return t;
  };
  const allT = tSeeds.map((_, k) => k);
  const allP = pSeeds.map((_, k) => k);
  const { byLr: targetLoss, best: targetBest } = tuned(allT);
  const targetBestLr = recipes.map((_, i) => c.target.lrs[targetLoss.findIndex((row) => row[i] === targetBest[i])]);
  if (!targetBest.every(Number.isFinite)) throw new Error("a recipe's target diverged at every target lr: widen target.lrs");
  const order = recipes.map((_, i) => i).sort((a, b) => targetBest[a] - targetBest[b]);
  const targetRank = recipes.map((_, i) => order.indexOf(i) + 1);
  // a target resample whose tuned losses all tie has no ranking; never the case with distinct seeds' losses
  const fixedRho = (k: number, seedIdx: number[]) => {
    const t = tuned(seedIdx);
    return rankAgreement(t.byLr[k], t.best).spearman;
  };
  const targetFixedLrSpearman = c.target.lrs.map((_, k) => fixedRho(k, allT));
  const targetFixedLrSpearmanSe = c.target.lrs.map((_, k) => (tSeeds.length >= 2 ? exactBootstrap([tSeeds.length], ([ti]) => fixedRho(k, ti)).se : NaN));
  const targetFixedLrMaxResamples = tSeeds.length >= 2 ? exactResamples([tSeeds.length]).map(([ti]) => Math.max(...c.target.lrs.map((_, k) => fixedRho(k, ti)))) : [];
  const targetSplitSpearman = tSeeds.length >= 2 ? allT.map((k) => rankAgreement(tuned([k]).best, tuned(allT.filter((j) => j !== k)).best).spearman) : [];

  const pLoss = (role: "proxy" | "proxy-time", lr: number) => recipes.map((rc) => pSeeds.map((s) => find(role, rc, lr, s).loss));
  const agreementAt = (role: "proxy" | "proxy-time", lr: number, steps: number): LrAgreement => {
    const per = pLoss(role, lr); // [recipe][seed]
    const perSeed = pSeeds.map((_, k) => per.map((row) => row[k]));
    const loss = per.map((row) => mean(row));
    const spearmanSeeds = perSeed.map((p) => rankAgreement(p, targetBest).spearman);
    const ms = spearmanSeeds.length >= 2 ? meanSe(spearmanSeeds) : { mean: spearmanSeeds[0], se: NaN };
    const drop = recipes.map((_, i) => mean(perSeed.map((p, k) => initialLoss.proxy[k] - p[i])));
    // every metric of one (proxy seeds, target seeds) resample, computed once for the three bootstraps below
    const statCache = new Map<string, Agreement>();
    const stat = (pi: number[], ti: number[]) => {
      const key = `${pi.join(",")}|${ti.join(",")}`;
      let a = statCache.get(key);
      if (!a) statCache.set(key, (a = rankAgreement(per.map((row) => mean(pi.map((k) => row[k]))), tuned(ti).best)));
      return a;
    };
    const boot = (f: (a: Agreement) => number): WithSe => {
      const value = f(stat(allP, allT));
      if (pSeeds.length * tSeeds.length < 2) return { value, se: NaN };
      return { value, se: exactBootstrap([pSeeds.length, tSeeds.length], ([pi, ti]) => f(stat(pi, ti))).se };
    };
    const m = rankAgreement(loss, targetBest);
    return { lr, steps, mean: m, spearman: boot((a) => a.spearman), kendall: boot((a) => a.kendall), regret: boot((a) => a.regret), spearmanSeeds, spearmanSeedMean: ms.mean, spearmanSeedSe: ms.se, loss, drop, ownTunedSpearman: NaN };
  };
  // the proxy tuned per recipe within a regime (min over its lrs of the seed-mean loss), and each lr's ρ against it
  const withOwnTuned = (rows: LrAgreement[]): { rows: LrAgreement[]; tuned: number[] } => {
    const tuned = recipes.map((_, i) => Math.min(...rows.map((a) => a.loss[i])));
    return { rows: rows.map((a) => ({ ...a, ownTunedSpearman: rankAgreement(a.loss, tuned).spearman })), tuned };
  };
  const fixedSteps = withOwnTuned(c.proxy.lrs.map((lr) => agreementAt("proxy", lr, c.proxy.steps)));
  const fixedTime = withOwnTuned(c.fixedTime.lrs.map((lr) => agreementAt("proxy-time", lr, fixedTimeSteps(c.fixedTime.time, lr))));
  const agreement = fixedSteps.rows;
  const agreementFixedTime = fixedTime.rows;

  // the standard lr: the baseline recipe's best lr at proxy scale (fixed-steps sweep, seed mean)
  const baseline = agreement.map((a) => a.loss[0]);
  const standardLr = c.proxy.lrs[baseline.indexOf(Math.min(...baseline))];
  const reducedLr = standardLr / c.reducedFactor;
  const compare = (regime: RegimeComparison["regime"], role: "proxy" | "proxy-time", rows: LrAgreement[]): RegimeComparison => {
    const standard = rows.find((a) => sameLr(a.lr, standardLr)) ?? null;
    const reduced = rows.find((a) => sameLr(a.lr, reducedLr)) ?? null;
    let spearmanGain: WithSe = { value: NaN, se: NaN };
    if (standard && reduced) {
      const ps = pLoss(role, standard.lr);
      const pr = pLoss(role, reduced.lr);
      const gain = (pi: number[], ti: number[]) => {
        const best = tuned(ti).best;
        const m = (rows2: number[][]) => rows2.map((row) => mean(pi.map((k) => row[k])));
        return rankAgreement(m(pr), best).spearman - rankAgreement(m(ps), best).spearman;
      };
      const value = gain(allP, allT);
      spearmanGain = { value, se: pSeeds.length * tSeeds.length >= 2 ? exactBootstrap([pSeeds.length, tSeeds.length], ([pi, ti]) => gain(pi, ti)).se : NaN };
    }
    return { regime, standardLr, reducedLr, standard, reduced, spearmanGain };
  };
  return {
    config: c,
    recipes,
    runs,
    initialLoss,
    targetLoss,
    targetBest,
    targetBestLr,
    targetRank,
    targetFixedLrSpearman,
    targetFixedLrSpearmanSe,
    targetFixedLrMaxResamples,
    targetSplitSpearman,
    standardLr,
    reducedLr,
    agreement,
    agreementFixedTime,
    tunedProxy: rankAgreement(fixedSteps.tuned, targetBest),
    tunedProxyFixedTime: rankAgreement(fixedTime.tuned, targetBest),
    comparisons: [compare("fixed-steps", "proxy", agreement), compare("fixed-time", "proxy-time", agreementFixedTime)],
  };
}

/** The standard-vs-reduced comparison of one regime. */
export function regimeComparison(r: ProxyStudyResult, regime: RegimeComparison["regime"]): RegimeComparison {
  const x = r.comparisons.find((q) => q.regime === regime);
  if (!x) throw new Error(`no ${regime} comparison in the result`);
  return x;
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
  const sides: Array<[ProxyRunRecord["role"], number[]]> = [
    ["target", c.target.seeds],
    ["proxy", c.proxy.seeds],
    ["proxy-time", c.proxy.seeds],
  ];
  for (const [role, seeds] of sides) {
    for (const seed of seeds) for (const { lr } of roleLrs(c, role)) for (const rc of c.recipes) records.push(record(role, rc.name, lr, seed, byKey.get(runKey(role, rc.name, lr, seed))!));
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
