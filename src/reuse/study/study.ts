/**
 * The transformer reuse study (Yan et al., arXiv 2511.13421, Section 6.3, on the Zipf facts language —
 * the transformer analogue of the paper's Zipf model — instead of DCLM): for several N, train a small
 * GPT on N unique tokens for K_max epochs at one constant learning rate, recording the validation loss
 * after every epoch; separately train the same model for one pass over K_max·N_max fresh tokens of the
 * same language, evaluating it at log-spaced token counts; locate each K-epoch loss on the (monotone)
 * one-pass curve to get N′ and E(K,N) = N′/N; find the saturation point K(λ = 0.75, N) and fit it
 * against ln N; fit a power law with a floor to the one-pass curve (the premise: no floor in sight).
 * Runs train on worker threads and resume after a kill (src/nn/studyRuns.ts).
 */
import * as path from "node:path";
import { defineResult } from "../../core/result";
import { floorPowerLawFit, logLinearFit, type FloorPowerLawFit, type LinearFit } from "../../core/fit";
import { meanSe } from "../../core/stats";
import { initBackend } from "../../nn/backend";
import { Trainer, type TrainResult } from "../../nn/train";
import type { ManyJob } from "../../nn/manyWorker";
import { muennighoffReuseRate } from "../../../theory/reuse/asymptotics";
import { paramCheckpointFile, readParamCheckpoint, runsToRetrain, studyRunOptions, trainStudyRuns, StudyInterrupted, type StudyRun } from "../../nn/studyRuns";
import { readJson, readRecoverable, writeJsonAtomic } from "../../run/files";
import { reuseStudyConfig, validateReuseConfig, windowTokens, type ReuseStudyConfig } from "./config";
import { REUSE_DATA_MODULE, studyFacts, validationSet, type ReuseDataArgs } from "./data";
import { fullCoverageTokens } from "../../tasks/zipfFacts";
import { multiEpochRows, onePassRows } from "./curves";
import { logSteps, monotoneCurve, reuseRatesFromLosses, saturationPoint, type MonotoneCurve } from "./measure";

/** Validation losses of one multi-epoch run, after every epoch. */
export interface EpochRunRecord {
  seed: number;
  N: number;
  /** validation loss after epochs 1 … K_max */
  valLoss: number[];
  /** mean training loss over each epoch's steps */
  trainLoss: number[];
}

/** The one-pass curve of one seed: validation loss at log-spaced token counts. */
export interface OnePassRecord {
  seed: number;
  tokens: number[];
  valLoss: number[];
}

/** E(K,N) and the saturation point for one N. */
export interface ReuseCurve {
  N: number;
  /** E(K,N), K = 1 … K_max, from the seed-mean losses on the seed-mean one-pass curve (NaN where censored) */
  E: number[];
  /** "below"/"above" where the loss is outside the one-pass curve's range, else null */
  censored: (string | null)[];
  /** per seed: E from that seed's own (paired) runs and curve */
  Eseeds: number[][];
  /** standard error of E across seeds (per K) */
  Ese: number[];
  /** seed-mean validation loss after each epoch */
  valLoss: number[];
  /** seed-mean training loss of each epoch */
  trainLoss: number[];
  /** K(λ,N) from the seed-mean E (Infinity if E/K stays above λ) */
  Ksat: number;
  /** K(λ,N) per seed */
  KsatSeeds: number[];
  /** the saturation level max_K E(K,N) (seed mean curve) and per seed */
  Emax: number;
  EmaxSeeds: number[];
  /** the K at which E peaks */
  Kpeak: number;
}

/** The study's stored result. */
export interface ReuseStudyResult {
  config: ReuseStudyConfig;
  /** the Bayes loss of the facts language (0: values are deterministic) and the loss of a model that knows no fact (ln A · Σ p_i Λ_i), nats per scored token */
  bayesLoss: number;
  chanceLoss: number;
  /** tokens after which the rarest item has been seen once in expectation (the one-pass curve cannot reach its floor before) */
  coverageTokens: number;
  /** K = 1 … K_max */
  K: number[];
  runs: EpochRunRecord[];
  onePass: OnePassRecord[];
  /** seed-mean one-pass curve (raw) and its monotone version */
  onePassMean: { tokens: number[]; valLoss: number[] };
  curve: MonotoneCurve;
  curves: ReuseCurve[];
  /** L∞ + c·t^p fitted to the seed-mean one-pass curve over [N_min, K_max·N_max] (null if < 3 points there) */
  onePassFit: (FloorPowerLawFit & { range: [number, number] }) | null;
  /** K(λ,N) = slope·ln N + intercept over the N with a finite K(λ,N) (N in tokens, natural log); null if < 2 points */
  fit: (LinearFit & { N: number[]; Ksat: number[] }) | null;
  /** Muennighoff et al.'s E_M(K) on the K grid (R* = 15.39) */
  muennighoff: number[];
  /** wall time of training and evaluation, threads used */
  seconds: number;
  threads: number;
}

/** Steps of one epoch over N tokens. */
const stepsPerEpoch = (c: ReuseStudyConfig, N: number) => N / (windowTokens(c) * c.batchSize);
/** The model of a config: vocabulary = the facts' alphabet, context = the window. */
const modelOf = (c: ReuseStudyConfig) => ({ ...c.model, vocab: c.facts.alphabet, context: windowTokens(c) });

/** The training jobs of a config: per seed one one-pass run and one K_max-epoch run per N (longest first). */
export function reuseStudyRuns(c: ReuseStudyConfig): StudyRun[] {
  validateReuseConfig(c);
  const val = validationSet(c.facts, c.validationWindows);
  const model = modelOf(c);
  const common = (seed: number) => ({
    model,
    seed,
    batchSize: c.batchSize,
    schedule: { kind: "constant" as const, lr: c.lr },
    optimizer: { weightDecay: c.weightDecay, beta2: c.beta2, clipNorm: c.clipNorm },
    saveEvery: 200,
  });
  const data = (args: ReuseDataArgs, fn: string): ManyJob["data"] => ({ module: REUSE_DATA_MODULE(), export: fn, args });
  const runs: StudyRun[] = [];
  const Nmax = c.N[c.N.length - 1];
  const onePassSteps = c.Kmax * stepsPerEpoch(c, Nmax);
  for (const seed of c.seeds) {
    runs.push({
      key: `onepass-s${seed}`,
      checkpoints: true,
      job: {
        ...common(seed),
        steps: onePassSteps,
        checkpointSteps: onePassEvalSteps(c),
        data: data({ facts: c.facts, seed, batchSize: c.batchSize }, "freshData"),
      },
    });
    for (const N of c.N) {
      runs.push({
        key: `N${N}-s${seed}`,
        job: {
          ...common(seed),
          steps: c.Kmax * stepsPerEpoch(c, N),
          evalSets: { val },
          evalEvery: stepsPerEpoch(c, N),
          data: data({ facts: c.facts, seed, batchSize: c.batchSize, N }, "epochData"),
        },
      });
    }
  }
  return runs.sort((a, b) => b.job.steps - a.job.steps);
}

/** Steps at which the one-pass run is evaluated: log-spaced, plus the end of epoch 1 of every N (so E(1,N) = 1). */
export function onePassEvalSteps(c: ReuseStudyConfig): number[] {
  const Nmax = c.N[c.N.length - 1];
  return logSteps(c.Kmax * stepsPerEpoch(c, Nmax), c.pointsPerOctave, c.N.map((N) => stepsPerEpoch(c, N)));
}

/** Evaluate the one-pass checkpoints of a seed on the validation set (in this thread). */
async function evaluateOnePass(c: ReuseStudyConfig, dir: string, key: string, seed: number): Promise<OnePassRecord> {
  await initBackend({ verbose: false });
  const val = validationSet(c.facts, c.validationWindows);
  const model = modelOf(c);
  const trainer = new Trainer({ model, seed, steps: 0, batchSize: 1, schedule: { kind: "constant", lr: c.lr } }, val);
  const tokensPerStep = windowTokens(c) * c.batchSize;
  const steps = onePassEvalSteps(c).filter((s) => s >= 1);
  const valLoss: number[] = [];
  try {
    for (const s of steps) {
      const file = paramCheckpointFile(dir, key, s);
      const ck = readParamCheckpoint(file);
      if (!ck) throw new Error(`${file} is missing after its run was trained again`);
      trainer.setParams(ck.arrays.params);
      valLoss.push(trainer.evaluate(val, 64).loss); // the chunk size of the in-run evaluations (same arithmetic)
    }
  } finally {
    trainer.dispose();
  }
  return { seed, tokens: steps.map((s) => s * tokensPerStep), valLoss };
}

function epochRecord(c: ReuseStudyConfig, seed: number, N: number, r: TrainResult): EpochRunRecord {
  const spe = stepsPerEpoch(c, N);
  const valLoss: number[] = [];
  const trainLoss: number[] = [];
  for (let k = 1; k <= c.Kmax; k++) {
    const e = r.evals.find((x) => x.step === k * spe);
    if (!e) throw new Error(`run N${N}-s${seed}: no evaluation after epoch ${k}`);
    valLoss.push(e.results.val.loss);
    let s = 0;
    for (let i = (k - 1) * spe; i < k * spe; i++) s += r.history[i].loss;
    trainLoss.push(s / spe);
  }
  return { seed, N, valLoss, trainLoss };
}

/** Analyse the records: E(K,N) from seed means and per seed, saturation points, the log-N fit. */
export function analyseReuse(c: ReuseStudyConfig, runs: EpochRunRecord[], onePass: OnePassRecord[]): Omit<ReuseStudyResult, "seconds" | "threads" | "bayesLoss" | "chanceLoss" | "coverageTokens"> {
  const K = Array.from({ length: c.Kmax }, (_, i) => i + 1);
  const tokens = onePass[0].tokens;
  const meanOf = (rows: number[][]) => rows[0].map((_, i) => rows.reduce((s, r) => s + r[i], 0) / rows.length);
  const onePassMean = { tokens, valLoss: meanOf(onePass.map((o) => o.valLoss)) };
  const curve = monotoneCurve(tokens, onePassMean.valLoss);
  const seedCurves = new Map(onePass.map((o) => [o.seed, monotoneCurve(o.tokens, o.valLoss)]));
  const curves: ReuseCurve[] = c.N.map((N) => {
    const mine = runs.filter((r) => r.N === N);
    const valLoss = meanOf(mine.map((r) => r.valLoss));
    const trainLoss = meanOf(mine.map((r) => r.trainLoss));
    const { E, censored } = reuseRatesFromLosses(curve, N, valLoss);
    const Eseeds = mine.map((r) => reuseRatesFromLosses(seedCurves.get(r.seed)!, N, r.valLoss).E);
    const Ese = K.map((_, k) => {
      const xs = Eseeds.map((e) => e[k]).filter(Number.isFinite);
      return xs.length >= 2 ? meanSe(xs).se : NaN;
    });
    const finiteMax = (e: number[]) => Math.max(...e.filter(Number.isFinite));
    const Emax = finiteMax(E);
    return {
      N,
      E,
      censored,
      Eseeds,
      Ese,
      valLoss,
      trainLoss,
      Ksat: saturationPoint(E, c.lambda),
      KsatSeeds: Eseeds.map((e) => saturationPoint(e, c.lambda)),
      Emax,
      EmaxSeeds: Eseeds.map(finiteMax),
      Kpeak: E.indexOf(Emax) + 1,
    };
  });
  const ok = curves.filter((cv) => Number.isFinite(cv.Ksat));
  const fit =
    ok.length >= 2
      ? { ...logLinearFit(ok.map((cv) => cv.N), ok.map((cv) => cv.Ksat)), N: ok.map((cv) => cv.N), Ksat: ok.map((cv) => cv.Ksat) }
      : null;
  const range: [number, number] = [c.N[0], c.Kmax * c.N[c.N.length - 1]];
  const inRange = tokens.map((t, i) => [t, onePassMean.valLoss[i]] as const).filter(([t, l]) => t >= range[0] * (1 - 1e-9) && t <= range[1] * (1 + 1e-9) && l > 0);
  const onePassFit = inRange.length >= 3 ? { ...floorPowerLawFit(inRange.map(([t]) => t), inRange.map(([, l]) => l)), range } : null;
  return { config: c, K, runs, onePass, onePassMean, curve, curves, onePassFit, fit, muennighoff: K.map((k) => muennighoffReuseRate(k)) };
}

/** A one-pass evaluation file: the seed's validation losses at the evaluation steps. */
function isOnePassRecord(c: ReuseStudyConfig, seed: number, rec: OnePassRecord): string | undefined {
  const n = onePassEvalSteps(c).filter((s) => s >= 1).length;
  const ok = rec && rec.seed === seed && Array.isArray(rec.tokens) && Array.isArray(rec.valLoss) && rec.tokens.length === n && rec.valLoss.length === n && rec.valLoss.every(Number.isFinite);
  return ok ? undefined : `is not the one-pass evaluation of seed ${seed} (${n} finite losses) of this study`;
}

/**
 * The transformer reuse study as a result: trains (or resumes) every run in the result's checkpoint
 * folder on worker threads, evaluates the one-pass checkpoints (kept as `onepass-s<seed>.eval.json`
 * in the same folder, written atomically; a truncated one is reported by path and re-evaluated) and
 * analyses the records. Stopped early (`stopAfter`), it throws `StudyInterrupted` and stores nothing;
 * the next run resumes. The store key includes the TensorFlow.js backend, so a study resumed on
 * another backend never mixes runs.
 */
export const reuseTransformerStudy = defineResult({
  id: "reuse.transformer-study",
  title: "Effective reuse rate E(K,N) of a small transformer on a Zipf facts language",
  config: (scale): ReuseStudyConfig => reuseStudyConfig(scale),
  tables: {
    onepass: {
      description: "the seed-mean one-pass curve as tokens,loss (the --curve of datalaws reuse plan)",
      rows: (r: ReuseStudyResult) => onePassRows(r),
    },
    runs: {
      description: "the seed-mean multi-epoch losses as unique_tokens,epochs,loss (the --multi of datalaws reuse plan)",
      rows: (r: ReuseStudyResult) => multiEpochRows(r),
    },
  },
  async environment() {
    const info = await initBackend({ verbose: false });
    return { backend: info.name };
  },
  async compute(config, ctx): Promise<ReuseStudyResult> {
    const c = validateReuseConfig(config);
    const dir = ctx.checkpointDir();
    const runs = reuseStudyRuns(c);
    const t0 = Date.now();
    const opts = studyRunOptions(ctx);
    let out = await trainStudyRuns(`study reuse (${c.name})`, dir, runs, opts);
    if (!out.complete) throw new StudyInterrupted("reuse");
    // one-pass runs still to be evaluated whose checkpoints are missing or unusable are trained again
    const evalFile = (seed: number) => path.join(dir, `onepass-s${seed}.eval.json`);
    const stored = new Map<number, OnePassRecord>();
    for (const seed of c.seeds) {
      const rec = readRecoverable<OnePassRecord>(evalFile(seed), (f) => readJson<OnePassRecord>(f), (x) => isOnePassRecord(c, seed, x));
      if (rec) stored.set(seed, rec);
    }
    const steps = onePassEvalSteps(c).filter((s) => s >= 1);
    if (runsToRetrain(dir, c.seeds.filter((s) => !stored.has(s)).map((seed) => ({ key: `onepass-s${seed}`, steps }))).length > 0) {
      // (a merge trains nothing: it names the run and the shard to run again)
      out = await trainStudyRuns(`study reuse (${c.name})`, dir, runs, { threads: ctx.threads, quiet: ctx.quiet, ...(opts.shard ? { shard: opts.shard } : {}) });
      if (!out.complete) throw new StudyInterrupted("reuse");
    }
    const epochRuns: EpochRunRecord[] = [];
    const onePass: OnePassRecord[] = [];
    for (const seed of c.seeds) {
      let rec = stored.get(seed);
      if (!rec) {
        rec = await evaluateOnePass(c, dir, `onepass-s${seed}`, seed);
        writeJsonAtomic(evalFile(seed), rec);
      }
      onePass.push(rec);
      for (const N of c.N) epochRuns.push(epochRecord(c, seed, N, out.results[runs.findIndex((r) => r.key === `N${N}-s${seed}`)]));
    }
    const facts = studyFacts(c.facts);
    return {
      ...analyseReuse(c, epochRuns, onePass),
      bayesLoss: facts.bayesLoss,
      chanceLoss: facts.chanceLoss(),
      coverageTokens: fullCoverageTokens(facts),
      seconds: (Date.now() - t0) / 1000,
      threads: out.threads,
    };
  },
});
