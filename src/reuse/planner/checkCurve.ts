/**
 * What the planner accepts as a one-pass curve, with a named error for each way a curve can be
 * unusable: too few points, a loss that is not a finite positive number, token counts that are not
 * positive and increasing, and a loss that rises beyond its noise (a one-pass curve over fresh data
 * falls; a rise means the run diverged, the learning rate was decayed and re-warmed, or the "fresh"
 * data were repeated).
 *
 * Noise: σ̂ of ln L from second differences in point order, σ̂ = median|Δ² ln L| / (0.6745·√6) (for
 * white noise Var Δ² = 6σ²; the median ignores the few points where the curve bends). A rise of ln L
 * between two points (later minus earlier) larger than max(6σ̂, 0.001) is "beyond noise" — six noise
 * widths is this toolkit's documented default, above the largest rise a flat noisy curve of a few
 * hundred points shows by chance (about 4–5σ̂ for the range of the noise).
 */
import { ParameterError } from "../../core/validate";
import type { OnePassCurve } from "./csv";

/** Fewest points the planner fits (four parameters, the noise, and room to see the residuals). */
export const MIN_CURVE_POINTS = 8;
/** A rise of ln L larger than this many σ̂ (or 0.001) is not noise. */
export const RISE_NOISE_WIDTHS = 6;

/** A curve the planner cannot use; `parameter` names what is wrong. */
export class CurveError extends ParameterError {}

/** Robust noise level of ln L from second differences (0 for fewer than 3 points). */
export function logLossNoise(loss: readonly number[]): number {
  const y = loss.map(Math.log);
  const d2: number[] = [];
  for (let i = 1; i + 1 < y.length; i++) d2.push(Math.abs(y[i + 1] - 2 * y[i] + y[i - 1]));
  if (d2.length === 0) return 0;
  d2.sort((a, b) => a - b);
  const m = d2.length % 2 ? d2[(d2.length - 1) / 2] : 0.5 * (d2[d2.length / 2 - 1] + d2[d2.length / 2]);
  return m / (0.6745 * Math.sqrt(6));
}

/** The largest rise of ln L from an earlier to a later point, and where. */
export function largestRise(loss: readonly number[]): { rise: number; from: number; to: number } {
  let best = { rise: 0, from: 0, to: 0 };
  let minIdx = 0;
  for (let j = 1; j < loss.length; j++) {
    const r = Math.log(loss[j]) - Math.log(loss[minIdx]);
    if (r > best.rise) best = { rise: r, from: minIdx, to: j };
    if (loss[j] < loss[minIdx]) minIdx = j;
  }
  return best;
}

/** Check a one-pass curve (throws a `CurveError` naming the problem); returns it. */
export function requireOnePassCurve(curve: OnePassCurve, name = "curve"): OnePassCurve {
  if (curve === null || typeof curve !== "object" || !Array.isArray(curve.tokens) || !Array.isArray(curve.loss)) {
    throw new CurveError(name, curve, "a one-pass curve { tokens: number[], loss: number[] }");
  }
  const { tokens, loss } = curve;
  if (tokens.length !== loss.length) throw new CurveError(`${name}.loss.length`, loss.length, `equal to ${name}.tokens.length = ${tokens.length}`);
  if (tokens.length < MIN_CURVE_POINTS) {
    throw new CurveError(`${name} points`, tokens.length, `at least ${MIN_CURVE_POINTS} (too few points: the fit has four parameters and needs the noise from the residuals)`);
  }
  loss.forEach((l, i) => {
    if (!(typeof l === "number" && Number.isFinite(l) && l > 0)) throw new CurveError(`${name}.loss[${i}]`, l, "a finite loss > 0 (loss not finite or not positive)");
  });
  tokens.forEach((t, i) => {
    if (!(typeof t === "number" && Number.isFinite(t) && t > 0)) throw new CurveError(`${name}.tokens[${i}]`, t, "a finite token count > 0");
    if (i > 0 && !(t > tokens[i - 1])) throw new CurveError(`${name}.tokens[${i}]`, t, `> tokens[${i - 1}] = ${tokens[i - 1]} (increasing)`);
  });
  const sigma = logLossNoise(loss);
  const { rise, from, to } = largestRise(loss);
  const limit = Math.max(RISE_NOISE_WIDTHS * sigma, 1e-3);
  if (rise > limit) {
    throw new CurveError(
      `${name}.loss`,
      `${loss[from]} at ${tokens[from]} tokens rising to ${loss[to]} at ${tokens[to]}`,
      `non-increasing within noise (non-monotone beyond noise: ln-loss rise ${rise.toPrecision(3)} > ${RISE_NOISE_WIDTHS}σ̂ = ${limit.toPrecision(3)}; a one-pass curve over fresh data falls)`,
    );
  }
  return curve;
}
