/**
 * The training loop: seeded initialisation and data order, AdamW with a schedule and clipping,
 * evaluation on held-out sets at intervals (per-example results for per-skill / per-bin metrics),
 * per-step loss and gradient norm, parameter checkpoints for landscape analysis, a progress bar, and
 * resume after a kill that continues exactly as the uninterrupted run.
 *
 * Determinism: parameters are drawn from `new Rng(seed, INIT_STREAM)`; with a fixed training set the
 * examples of epoch e are visited in the order `new Rng(seed, DATA_STREAM, e).permutation(n)`, and a
 * streaming source is a function of the step. So the whole run is a function of (config, seed, step),
 * and a resumed run only needs the parameters, the optimiser state and the step.
 */
import * as path from "node:path";
import { Rng } from "../core/rng";
import { ParameterError, requireInteger } from "../core/validate";
import { progress as progressBar } from "../run/progress";
import { initBackend, tfjs, type BackendInfo } from "./backend";
import { BadFileError, readRecoverable } from "../run/files";
import { checkpointFileName, loadCheckpoint, loadCheckpointHeader, saveCheckpoint } from "./checkpoint";
import { Gpt, gptConfig, initParams, type GptConfig, type TokenBatch } from "./gpt";
import { AdamW, learningRate, type AdamWOptions, type Schedule } from "./optim";
import { scoredTokens, shardBatch } from "./dataParallel";
import type * as TF from "@tensorflow/tfjs-core";

/** Rng streams of a training run: parameter initialisation, data order. */
export const INIT_STREAM = 0;
export const DATA_STREAM = 1;

/** Training data: a fixed set of rows (visited in seeded epoch permutations) or a batch per step. */
export type TrainData = TokenBatch | ((step: number) => TokenBatch);

/** Everything that determines a run's trajectory (serialisable; checked on resume). */
export interface TrainConfig {
  model: Partial<GptConfig>;
  seed: number;
  /** total optimiser steps */
  steps: number;
  /** B: sequences per step (fixed-set data only; a step function chooses its own) */
  batchSize: number;
  schedule: Schedule;
  optimizer?: Partial<AdamWOptions>;
}

/** One step's record. */
export interface StepRecord {
  /** 1-based step number (after the update) */
  step: number;
  loss: number;
  gradNorm: number;
  lr: number;
}

/** Evaluation of one held-out set. */
export interface EvalResult {
  /** mean over scored tokens of weight × cross-entropy (weight 1 unless the set has `weights`) */
  loss: number;
  /** fraction of scored tokens predicted exactly (argmax) */
  tokenAccuracy: number;
  /** fraction of rows whose every scored token is right */
  exactMatch: number;
  /** per row: mean loss over its scored tokens (NaN if none) */
  rowLoss: Float64Array;
  /** per row: 1 if every scored token is right */
  rowCorrect: Uint8Array;
  /** argmax prediction at every position [rows × T] (for task evaluators) */
  predicted: Int32Array;
}

/** Options of `train`. */
export interface TrainOptions extends TrainConfig {
  data: TrainData;
  /** held-out sets evaluated every `evalEvery` steps and at the end */
  evalSets?: Record<string, TokenBatch>;
  evalEvery?: number;
  /** rows per evaluation forward pass (default 64) */
  evalBatch?: number;
  /** steps (1-based, after the update) at which to hand the parameters to `onCheckpoint` / write them to `checkpointDir`; 0 = initial parameters */
  checkpointSteps?: number[];
  checkpointDir?: string;
  /** resume file: written every `saveEvery` steps (default 100) and at the end; an existing file with the same config is resumed */
  stateFile?: string;
  saveEvery?: number;
  /** stop after this step (a test hook simulating a kill; the state file is saved first) */
  stopAfter?: number;
  onStep?: (r: StepRecord) => void;
  onEval?: (step: number, results: Record<string, EvalResult>) => void;
  onCheckpoint?: (step: number, params: Float32Array) => void;
  /** progress bar label, or false for none (default "train") */
  progress?: string | false;
  /** backend to use (default: automatic, see backend.ts) */
  backend?: BackendInfo["name"];
}

/** A run's outcome. */
export interface TrainResult {
  config: TrainConfig;
  backend: string;
  history: StepRecord[];
  evals: { step: number; results: Record<string, Omit<EvalResult, "predicted" | "rowLoss" | "rowCorrect">> }[];
  params: Float32Array;
  /** step the run started from (> 0 if resumed) */
  resumedFrom: number;
  seconds: number;
}

interface StateHeader {
  version: 1;
  config: TrainConfig;
  step: number;
  optT: number;
  history: StepRecord[];
  evals: TrainResult["evals"];
}

/**
 * A model with its optimiser and data order, stepped one update at a time (the loop `train` and the
 * many-model runner share it). Requires an initialised backend.
 */
export class Trainer {
  readonly config: TrainConfig;
  readonly model: Gpt;
  readonly opt: AdamW;
  private theta: TF.Tensor1D;
  private readonly data: TrainData;
  private perm: { epoch: number; order: Uint32Array } | undefined;
  /** completed steps */
  step = 0;

  constructor(config: TrainConfig, data: TrainData) {
    requireInteger("seed", config.seed, { min: 0 });
    requireInteger("steps", config.steps, { min: 0 });
    requireInteger("batchSize", config.batchSize, { min: 1 });
    this.config = config;
    this.data = data;
    const tf = tfjs();
    this.model = new Gpt(gptConfig(config.model));
    if (typeof data !== "function") checkRows("data", data, this.model.cfg);
    const layout = this.model.layout;
    const mask = new Float32Array(layout.size);
    for (const s of layout.specs) if (s.decay) mask.fill(1, s.offset, s.offset + s.size);
    this.opt = new AdamW(layout.size, mask, config.optimizer);
    this.theta = tf.keep(tf.tensor1d(initParams(this.model.cfg, new Rng(config.seed, INIT_STREAM))));
  }

  /** The training batch of 0-based step `s` (a pure function of seed and s). */
  batch(s: number): TokenBatch {
    if (typeof this.data === "function") return this.data(s);
    const rows = this.data.batchSize;
    const T = this.data.length;
    const B = this.config.batchSize;
    const inputs = new Int32Array(B * T);
    const targets = new Int32Array(B * T);
    const src = this.data.weights;
    const weights = src ? new Float32Array(B * T) : undefined;
    for (let j = 0; j < B; j++) {
      const pos = s * B + j;
      const epoch = Math.floor(pos / rows);
      if (!this.perm || this.perm.epoch !== epoch) this.perm = { epoch, order: new Rng(this.config.seed, DATA_STREAM, epoch).permutation(rows) };
      const r = this.perm.order[pos - epoch * rows];
      inputs.set(this.data.inputs.subarray(r * T, (r + 1) * T), j * T);
      targets.set(this.data.targets.subarray(r * T, (r + 1) * T), j * T);
      if (src && weights) weights.set(src.subarray(r * T, (r + 1) * T), j * T);
    }
    return weights ? { batchSize: B, length: T, inputs, targets, weights } : { batchSize: B, length: T, inputs, targets };
  }

  /** One optimiser step on the next batch. */
  trainStep(): StepRecord {
    const tf = tfjs();
    const lr = learningRate(this.config.schedule, this.step, this.config.steps);
    const b = this.batch(this.step);
    const { loss, grad } = tf.tidy(() => this.model.lossAndGrad(this.theta, b));
    const lossValue = loss.dataSync()[0];
    loss.dispose();
    let out;
    try {
      out = this.opt.step(this.theta, grad, lr);
    } finally {
      grad.dispose();
    }
    this.theta.dispose();
    this.theta = out.theta;
    this.step++;
    return { step: this.step, loss: lossValue, gradNorm: out.info.gradNorm, lr };
  }

  /**
   * One optimiser step of data-parallel training: the gradient of shard `index` of `count` of the
   * next batch, combined across workers by `reduce` (see dataParallel.ts) before the update.
   */
  trainStepSharded(
    index: number,
    count: number,
    reduce: (grad: Float32Array, weight: number, loss: number) => { grad: Float32Array; loss: number },
  ): StepRecord {
    const tf = tfjs();
    const lr = learningRate(this.config.schedule, this.step, this.config.steps);
    const b = shardBatch(this.batch(this.step), index, count);
    const weight = scoredTokens(b);
    let local: Float32Array;
    let lossLocal = 0;
    if (weight === 0) local = new Float32Array(this.model.layout.size); // an empty shard adds nothing
    else {
      const { loss, grad } = tf.tidy(() => this.model.lossAndGrad(this.theta, b));
      local = grad.dataSync() as Float32Array;
      lossLocal = loss.dataSync()[0];
      loss.dispose();
      grad.dispose();
    }
    const all = reduce(local, weight, lossLocal);
    const g = tf.tensor1d(all.grad);
    let out;
    try {
      out = this.opt.step(this.theta, g, lr);
    } finally {
      g.dispose();
    }
    this.theta.dispose();
    this.theta = out.theta;
    this.step++;
    return { step: this.step, loss: all.loss, gradNorm: out.info.gradNorm, lr };
  }

  /** Evaluate on a set of rows, `chunk` rows per forward pass. */
  evaluate(set: TokenBatch, chunk = 64): EvalResult {
    const tf = tfjs();
    const T = set.length;
    const rows = set.batchSize;
    checkRows("eval set", set, this.model.cfg);
    const rowLoss = new Float64Array(rows);
    const rowCorrect = new Uint8Array(rows);
    const predicted = new Int32Array(rows * T);
    let lossSum = 0;
    let scored = 0;
    let right = 0;
    for (let r0 = 0; r0 < rows; r0 += chunk) {
      const n = Math.min(chunk, rows - r0);
      const sub: TokenBatch = { batchSize: n, length: T, inputs: set.inputs.subarray(r0 * T, (r0 + n) * T), targets: set.targets.subarray(r0 * T, (r0 + n) * T) };
      const w = set.weights?.subarray(r0 * T, (r0 + n) * T);
      let hasTarget = false;
      for (let i = 0; i < n * T && !hasTarget; i++) hasTarget = sub.targets[i] >= 0;
      if (!hasTarget) {
        rowLoss.fill(NaN, r0, r0 + n);
        rowCorrect.fill(1, r0, r0 + n);
        continue;
      }
      const [tl, pr] = tf.tidy(() => {
        const f = this.model.forward(this.theta, sub);
        return [f.tokenLoss, f.predicted];
      });
      const tokLoss = tl.dataSync();
      const pred = pr.dataSync();
      tl.dispose();
      pr.dispose();
      predicted.set(pred, r0 * T);
      for (let i = 0; i < n; i++) {
        let ls = 0;
        let c = 0;
        let ok = 1;
        for (let t = 0; t < T; t++) {
          const k = i * T + t;
          if (sub.targets[k] < 0) continue;
          ls += w ? w[k] * tokLoss[k] : tokLoss[k];
          c++;
          if (pred[k] === sub.targets[k]) right++;
          else ok = 0;
        }
        rowLoss[r0 + i] = c > 0 ? ls / c : NaN;
        rowCorrect[r0 + i] = ok;
        lossSum += ls;
        scored += c;
      }
    }
    let exact = 0;
    for (let i = 0; i < rows; i++) exact += rowCorrect[i];
    return { loss: scored > 0 ? lossSum / scored : NaN, tokenAccuracy: scored > 0 ? right / scored : NaN, exactMatch: exact / rows, rowLoss, rowCorrect, predicted };
  }

  /** A copy of the current parameters. */
  params(): Float32Array {
    return this.theta.dataSync().slice() as Float32Array;
  }

  /** Replace the parameters (e.g. to evaluate a checkpoint). */
  setParams(p: Float32Array): void {
    if (p.length !== this.model.layout.size) throw new ParameterError("params.length", p.length, `= ${this.model.layout.size}`);
    const tf = tfjs();
    this.theta.dispose();
    this.theta = tf.keep(tf.tensor1d(p));
  }

  dispose(): void {
    this.theta.dispose();
    this.opt.dispose();
  }
}

function checkRows(name: string, b: TokenBatch, cfg: GptConfig): void {
  requireInteger(`${name}.batchSize`, b.batchSize, { min: 1 });
  requireInteger(`${name}.length`, b.length, { min: 1, max: cfg.context });
  if (b.inputs.length !== b.batchSize * b.length || b.targets.length !== b.batchSize * b.length) {
    throw new ParameterError(`${name}.inputs.length`, b.inputs.length, `batchSize·length = ${b.batchSize * b.length}`);
  }
  if (b.weights && b.weights.length !== b.batchSize * b.length) throw new ParameterError(`${name}.weights.length`, b.weights.length, `batchSize·length = ${b.batchSize * b.length}`);
  // a weight counts where its target is scored: there it must be finite and ≥ 0 (as in the training loss), else the loss is silently NaN or negative
  if (b.weights) {
    for (let i = 0; i < b.weights.length; i++) {
      const w = b.weights[i];
      if (b.targets[i] >= 0 && !(w >= 0 && w < Infinity)) throw new ParameterError(`${name}.weights[${i}]`, w, "a finite number ≥ 0 (the loss weight of a scored target)");
    }
  }
}

/** Train a model (see the module comment); resumes from `stateFile` when it holds a run of the same config. */
export async function train(opts: TrainOptions): Promise<TrainResult> {
  const info = await initBackend({ backend: opts.backend });
  return trainSync(opts, info.name);
}

/** `train` on the already initialised backend (synchronous; used inside worker threads). */
export function trainSync(opts: TrainOptions, backendName: string): TrainResult {
  const t0 = performance.now();
  const config = trainConfigOf(opts);
  const evalEvery = requireInteger("evalEvery", opts.evalEvery ?? 0, { min: 0 });
  const saveEvery = requireInteger("saveEvery", opts.saveEvery ?? 100, { min: 1 });
  const trainer = new Trainer(config, opts.data);
  const history: StepRecord[] = [];
  const evals: TrainResult["evals"] = [];
  let resumedFrom = 0;
  try {
    if (opts.stateFile) {
      const state = tryLoadState(opts.stateFile, config);
      if (state) {
        trainer.setParams(state.arrays.params);
        trainer.opt.setState({ t: state.header.optT, m: state.arrays.m, v: state.arrays.v });
        trainer.step = state.header.step;
        history.push(...state.header.history);
        evals.push(...state.header.evals);
        resumedFrom = trainer.step;
      }
    }
    const save = () => {
      if (!opts.stateFile) return;
      const o = trainer.opt.getState();
      saveCheckpoint<StateHeader>(opts.stateFile, {
        header: { version: 1, config, step: trainer.step, optT: o.t, history, evals },
        arrays: { params: trainer.params(), m: o.m, v: o.v },
      });
    };
    const checkpointAt = new Set(opts.checkpointSteps ?? []);
    const checkpoint = () => {
      if (!checkpointAt.has(trainer.step)) return;
      const p = trainer.params();
      opts.onCheckpoint?.(trainer.step, p);
      if (opts.checkpointDir) saveCheckpoint(path.join(opts.checkpointDir, checkpointFileName(trainer.step)), { header: { config, step: trainer.step }, arrays: { params: p } });
    };
    const evaluate = () => {
      if (!opts.evalSets || evals.some((e) => e.step === trainer.step)) return;
      const results: Record<string, EvalResult> = {};
      for (const [name, set] of Object.entries(opts.evalSets)) results[name] = trainer.evaluate(set, opts.evalBatch ?? 64);
      opts.onEval?.(trainer.step, results);
      const summary: TrainResult["evals"][number]["results"] = {};
      for (const [k, r] of Object.entries(results)) summary[k] = { loss: r.loss, tokenAccuracy: r.tokenAccuracy, exactMatch: r.exactMatch };
      evals.push({ step: trainer.step, results: summary });
    };
    if (trainer.step === 0) checkpoint();
    const bar = opts.progress === false ? undefined : progressBar(opts.progress ?? "train");
    while (trainer.step < config.steps) {
      const r = trainer.trainStep();
      history.push(r);
      opts.onStep?.(r);
      checkpoint();
      if (evalEvery > 0 && trainer.step % evalEvery === 0) evaluate();
      if (trainer.step % saveEvery === 0 && trainer.step < config.steps) save();
      bar?.update(trainer.step, config.steps, `loss ${r.loss.toFixed(3)}`);
      if (opts.stopAfter !== undefined && trainer.step >= opts.stopAfter && trainer.step < config.steps) {
        save();
        break;
      }
    }
    if (trainer.step >= config.steps) {
      evaluate();
      save();
      bar?.done(`loss ${history.length ? history[history.length - 1].loss.toFixed(4) : "—"}`);
    }
    return { config, backend: backendName, history, evals, params: trainer.params(), resumedFrom, seconds: (performance.now() - t0) / 1000 };
  } finally {
    trainer.dispose();
  }
}

/** The fields of train options that determine a run's trajectory (what its resume file must match). */
export function trainConfigOf(o: TrainConfig): TrainConfig {
  return { model: o.model, seed: o.seed, steps: o.steps, batchSize: o.batchSize, schedule: o.schedule, optimizer: o.optimizer };
}

/**
 * How far the run of `config` has got by its resume file (reads only the file's header; changes
 * nothing): `saved` whether the file holds this run, and its completed steps (0 when it does not); a
 * note when the file is unreadable or holds a run of another config (training the run again sets such
 * a file aside). A run is finished when it is saved with step ≥ its steps (a 0-step run too).
 */
export function savedProgress(file: string, config: TrainConfig): { saved: boolean; step: number; note?: string } {
  let header: StateHeader | undefined;
  try {
    header = loadCheckpointHeader<StateHeader>(file);
  } catch (e) {
    return { saved: false, step: 0, note: e instanceof BadFileError ? e.reason : (e as Error).message };
  }
  if (!header) return { saved: false, step: 0 };
  if (JSON.stringify(header.config) !== JSON.stringify(config)) return { saved: false, step: 0, note: "holds a run of another config" };
  return { saved: true, step: Number.isInteger(header.step) ? header.step : 0 };
}

/**
 * The resume state in `file` for a run of this config: none if the file is missing; a file that is
 * truncated, not a checkpoint, or holds a run of another config is reported by path, set aside
 * (`<file>.bad`) and the run starts over — a study never gets stuck on a bad resume file.
 */
function tryLoadState(file: string, config: TrainConfig) {
  return readRecoverable(
    file,
    (f) => {
      try {
        return loadCheckpoint<StateHeader>(f);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        if (err instanceof BadFileError) throw err;
        throw new BadFileError(f, `is not a readable training state (${(err as Error).message})`);
      }
    },
    (state) => (JSON.stringify(state.header?.config) !== JSON.stringify(config) ? "holds a run of another config" : undefined),
  );
}
