/**
 * Synthetic one-pass curves from the planner's model with known parameters (model.ts): the exact
 * loss L(1, t) at log-spaced token counts, times exp(σε), ε standard normal (seeded) — noise of
 * relative size σ on the loss, i.e. additive on ln L, the scale the planner fits on.
 */
import { Rng } from "../../core/rng";
import { requireInteger, requireNumber } from "../../core/validate";
import type { OnePassCurve } from "./csv";
import { plannerLoss, requirePlannerParams, type PlannerParams } from "./model";

/** `points` token counts log-spaced from t0 to t1 (inclusive). */
export function logSpacedTokens(t0: number, t1: number, points: number): number[] {
  requireNumber("t0", t0, { gt: 0 });
  requireNumber("t1", t1, { gt: t0 });
  requireInteger("points", points, { min: 2 });
  return Array.from({ length: points }, (_, i) => t0 * Math.pow(t1 / t0, i / (points - 1)));
}

/** A noisy one-pass curve of the model at the given token counts (noise σ on ln L; σ = 0: exact). */
export function syntheticOnePassCurve(p: PlannerParams, tokens: readonly number[], sigma: number, seed: number): OnePassCurve {
  requirePlannerParams(p);
  requireNumber("sigma", sigma, { min: 0 });
  const rng = new Rng(requireInteger("seed", seed, { min: 0 }), 0x5e17);
  return { tokens: tokens.slice(), loss: tokens.map((t) => plannerLoss(p, 1, t) * Math.exp(sigma * rng.normal())) };
}
