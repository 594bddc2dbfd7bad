/**
 * Sensitivity of a proxy's recipe ranking to each training hyperparameter, one at a time (this toolkit's
 * random-feature analogue of the paper's sensitivity study over learning rate, batch size, weight decay
 * and training length; Wang et al., arXiv 2512.24503, which reports the ranking most sensitive to the
 * lr). From a base setting (lr η₀, batch B₀, weight decay ω₀, training time τ₀ = η₀T₀), one parameter is
 * moved over its grid while the others stay at the base; every recipe is trained by online SGD for
 * T = round(τ/η) steps (fixed-time regime; the "steps" parameter moves T at fixed η, i.e. τ = η₀T).
 */
import { Rng } from "../../src/core/rng";
import { ParameterError, requireInteger, requireNumber, requireOneOf } from "../../src/core/validate";
import { requireProxyProblem } from "./checkModel";
import type { ProxyProblem } from "./problem";
import { sgdRun, stepsFor } from "./training";

/** The hyperparameters of the sensitivity study. */
export type Hyperparameter = "lr" | "batch" | "weightDecay" | "steps";
export const HYPERPARAMETERS: readonly Hyperparameter[] = ["lr", "batch", "weightDecay", "steps"];

/** A training setting of the study. */
export interface TrainingSetting {
  lr: number;
  batch: number;
  weightDecay: number;
  /** steps T (at the base, round(τ₀/η₀)) */
  steps: number;
}

/** The setting with one hyperparameter moved to `value` (the others at the base). */
export function moved(base: TrainingSetting, parameter: Hyperparameter, value: number): TrainingSetting {
  requireOneOf("parameter", parameter, HYPERPARAMETERS);
  const s = { ...base };
  if (parameter === "lr") {
    // the lr moves at fixed training time τ₀ = η₀T₀ (fixed-time regime)
    s.lr = requireNumber("lr", value, { gt: 0 });
    s.steps = stepsFor(s.lr, { regime: "fixed-time", time: base.lr * base.steps, maxSteps: Number.MAX_SAFE_INTEGER });
  } else if (parameter === "batch") s.batch = requireInteger("batch", value, { min: 1 });
  else if (parameter === "weightDecay") s.weightDecay = requireNumber("weightDecay", value, { min: 0 });
  else s.steps = requireInteger("steps", value, { min: 1 });
  return s;
}

/** Validation losses of every recipe of a problem (with pool features) after one SGD run in a setting; stream (seed, recipe). */
export function sgdLosses(p: ProxyProblem, s: TrainingSetting, streamSeed: number, seed: number): number[] {
  requireProxyProblem("p", p);
  if (!s || typeof s !== "object") throw new ParameterError("s", s, "a training setting {lr, steps, batch, weightDecay}");
  requireInteger("streamSeed", streamSeed, { min: 0 });
  requireInteger("seed", seed, { min: 0 });
  return p.recipes.map((r, k) => {
    const rng = new Rng(streamSeed, 5, p.width, p.featureSeed, k, seed);
    return sgdRun(r, p.val, { eta: s.lr, steps: s.steps, batch: s.batch, weightDecay: s.weightDecay, rng }).loss;
  });
}
