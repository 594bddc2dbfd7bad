/**
 * Optimisation: AdamW with decoupled weight decay (Loshchilov & Hutter, "Decoupled Weight Decay
 * Regularization", arXiv 1711.05101; PyTorch's update order), learning-rate schedules (constant,
 * linear warmup + cosine decay, warmup-stable-decay) and gradient clipping by global norm.
 * The optimiser acts on the flat parameter vector (see `gpt.ts`), so one step is a dozen ops.
 */
import type * as TF from "@tensorflow/tfjs-core";
import { ParameterError, requireInteger, requireNumber, requireOneOf } from "../core/validate";
import { tfjs } from "./backend";

/** Learning-rate schedule kinds. */
export const SCHEDULES = ["constant", "cosine", "wsd"] as const;
export type ScheduleKind = (typeof SCHEDULES)[number];

/** A learning-rate schedule over `steps` steps. */
export interface Schedule {
  kind: ScheduleKind;
  /** peak learning rate */
  lr: number;
  /** linear warmup steps from 0 (cosine, wsd; default 0) */
  warmup?: number;
  /** final learning rate as a fraction of lr (cosine, wsd; default 0) */
  minRatio?: number;
  /** wsd: fraction of all steps spent in the final decay (default 0.2) */
  decayFraction?: number;
}

/**
 * Learning rate at 0-based `step` of `steps`:
 * constant: lr; cosine: linear warmup to lr, then lr·(m + (1−m)·½(1 + cos(π·progress))) down to m·lr;
 * wsd (warmup-stable-decay): warmup, constant lr, then a linear decay to m·lr over the last
 * `decayFraction` of the steps.
 */
export function learningRate(s: Schedule, step: number, steps: number): number {
  requireOneOf("schedule.kind", s.kind, SCHEDULES);
  requireNumber("schedule.lr", s.lr, { min: 0 });
  const warmup = requireInteger("schedule.warmup", s.warmup ?? 0, { min: 0 });
  const m = requireNumber("schedule.minRatio", s.minRatio ?? 0, { min: 0, max: 1 });
  if (s.kind === "constant") return s.lr;
  if (step < warmup) return (s.lr * (step + 1)) / warmup;
  if (s.kind === "cosine") {
    const span = Math.max(1, steps - warmup);
    const progress = Math.min(1, (step - warmup) / span);
    return s.lr * (m + (1 - m) * 0.5 * (1 + Math.cos(Math.PI * progress)));
  }
  const frac = requireNumber("schedule.decayFraction", s.decayFraction ?? 0.2, { min: 0, max: 1 });
  const decaySteps = Math.round(frac * steps);
  const decayStart = Math.max(warmup, steps - decaySteps);
  if (step < decayStart) return s.lr;
  const progress = Math.min(1, (step - decayStart + 1) / Math.max(1, steps - decayStart));
  return s.lr * (1 - (1 - m) * progress);
}

/** AdamW hyper-parameters (PyTorch defaults except the decay, which is nanoGPT's 0.1 … set what you need). */
export interface AdamWOptions {
  beta1: number;
  beta2: number;
  eps: number;
  /** decoupled weight decay λ: θ ← θ − lr·λ·θ before the Adam step */
  weightDecay: number;
  /** clip the gradient to this global L2 norm (Infinity: no clipping) */
  clipNorm: number;
}

export const ADAMW_DEFAULTS: AdamWOptions = { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, clipNorm: Infinity };

/** Optimiser state as plain arrays (for checkpoints): step count and both moment vectors. */
export interface AdamWState {
  t: number;
  m: Float32Array;
  v: Float32Array;
}

/** What one optimiser step reports. */
export interface StepInfo {
  /** global L2 norm of the gradient before clipping */
  gradNorm: number;
  /** the factor the gradient was scaled by (1 if not clipped) */
  clipScale: number;
  lr: number;
}

/**
 * AdamW on a flat parameter vector. `decayMask` (1 = decayed, 0 = not) selects which parameters get
 * weight decay. Holds its moment tensors; `dispose()` frees them.
 */
export class AdamW {
  readonly opts: AdamWOptions;
  private m: TF.Tensor1D;
  private v: TF.Tensor1D;
  private t = 0;
  private readonly decayMask: TF.Tensor1D;
  private readonly tf = tfjs();

  constructor(size: number, decayMask: Float32Array, opts: Partial<AdamWOptions> = {}) {
    this.opts = { ...ADAMW_DEFAULTS, ...opts };
    requireNumber("beta1", this.opts.beta1, { min: 0, lt: 1 });
    requireNumber("beta2", this.opts.beta2, { min: 0, lt: 1 });
    requireNumber("eps", this.opts.eps, { gt: 0 });
    requireNumber("weightDecay", this.opts.weightDecay, { min: 0 });
    requireNumber("clipNorm", this.opts.clipNorm, { gt: 0, allowInfinity: true });
    if (decayMask.length !== size) throw new ParameterError("decayMask.length", decayMask.length, `= ${size}`);
    const tf = this.tf;
    this.m = tf.keep(tf.zeros([size]));
    this.v = tf.keep(tf.zeros([size]));
    this.decayMask = tf.keep(tf.tensor1d(decayMask));
  }

  /** Number of steps taken. */
  get steps(): number {
    return this.t;
  }

  /**
   * One step at learning rate `lr`: clip the gradient to `clipNorm`, update the moments, return the new
   * parameter tensor (the caller disposes the old one) and the step's gradient norm.
   */
  step(theta: TF.Tensor1D, grad: TF.Tensor1D, lr: number): { theta: TF.Tensor1D; info: StepInfo } {
    const tf = this.tf;
    const { beta1, beta2, eps, weightDecay, clipNorm } = this.opts;
    const gradNorm = Math.sqrt(tf.tidy(() => tf.sum(tf.square(grad))).dataSync()[0]);
    if (!Number.isFinite(gradNorm)) throw new Error(`gradient norm is ${gradNorm} at step ${this.t + 1} (diverged: lower the learning rate)`);
    const clipScale = gradNorm > clipNorm ? clipNorm / (gradNorm + 1e-6) : 1;
    this.t++;
    const bc1 = 1 - Math.pow(beta1, this.t);
    const bc2 = 1 - Math.pow(beta2, this.t);
    const [m, v, next] = tf.tidy(() => {
      const g = clipScale === 1 ? grad : tf.mul(grad, clipScale);
      const m = tf.add(tf.mul(this.m, beta1), tf.mul(g, 1 - beta1));
      const v = tf.add(tf.mul(this.v, beta2), tf.mul(tf.square(g), 1 - beta2));
      const decayed = weightDecay > 0 ? tf.sub(theta, tf.mul(this.decayMask, tf.mul(theta, lr * weightDecay))) : theta;
      const denom = tf.add(tf.mul(tf.sqrt(v), 1 / Math.sqrt(bc2)), eps);
      const next = tf.sub(decayed, tf.mul(tf.div(m, denom), lr / bc1));
      return [m, v, next] as TF.Tensor1D[];
    });
    this.m.dispose();
    this.v.dispose();
    this.m = m;
    this.v = v;
    return { theta: next, info: { gradNorm, clipScale, lr } };
  }

  /** A copy of the state (for checkpoints). */
  getState(): AdamWState {
    return { t: this.t, m: this.m.dataSync().slice() as Float32Array, v: this.v.dataSync().slice() as Float32Array };
  }

  /** Restore a state saved by `getState`. */
  setState(s: AdamWState): void {
    if (s.m.length !== this.m.shape[0] || s.v.length !== this.v.shape[0]) throw new ParameterError("optimizer state size", s.m.length, `= ${this.m.shape[0]}`);
    const tf = this.tf;
    this.m.dispose();
    this.v.dispose();
    this.m = tf.keep(tf.tensor1d(s.m));
    this.v = tf.keep(tf.tensor1d(s.v));
    this.t = requireInteger("optimizer state t", s.t, { min: 0 });
  }

  dispose(): void {
    this.m.dispose();
    this.v.dispose();
    this.decayMask.dispose();
  }
}
