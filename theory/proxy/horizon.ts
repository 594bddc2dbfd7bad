/**
 * The training-time horizon of the fixed-time regime: how a tiny-lr proxy's ranking of the recipes
 * agrees with a target ranking as the training time τ = ηT grows (T = round(τ/η) steps of the exact GD
 * mean path, the η → 0 limit of E[SGD]). At small τ every recipe has barely moved from θ_0 = 0 and the
 * proxy ranks by first-order alignment; as τ grows the drift settles toward each recipe's optimum (and,
 * as τ → ∞, toward the converged least-squares fit, which over-fits duplicated pools). Which τ to fix is
 * this toolkit's choice, read off this curve; the paper (Wang et al., arXiv 2512.24503) trains its LLM
 * proxies for a few hundred to a few thousand steps and states no horizon for its theorem.
 */
import { ParameterError, requireNumber, requireVector } from "../../src/core/validate";
import type { ProxyProblem } from "./problem";
import { gdLoss, stepsFor } from "./training";

/** Validation losses loss[t][k] of every recipe after T = round(τ_t/η) exact GD steps at lr η (+∞ if diverged). */
export function lossesAtTimes(p: ProxyProblem, eta: number, times: readonly number[]): number[][] {
  requireNumber("lr", eta, { gt: 0 });
  requireVector("time", times, { gt: 0 });
  return times.map((tau) => {
    const T = stepsFor(eta, { regime: "fixed-time", time: tau, maxSteps: Number.MAX_SAFE_INTEGER });
    return p.recipes.map((r) => gdLoss(r, p.val, eta, T).loss);
  });
}

/**
 * The horizon of a curve y(τ) on an increasing grid: the smallest grid τ from which on y stays ≥ level up
 * to and including `upTo` (null when y(upTo) < level, i.e. no such τ at or below `upTo`).
 */
export function horizonFrom(times: readonly number[], y: readonly number[], level: number, upTo: number): number | null {
  requireVector("time", times, { gt: 0 });
  if (y.length !== times.length) throw new ParameterError("y.length", y.length, `equal to time.length = ${times.length}`);
  for (let i = 1; i < times.length; i++) if (!(times[i] > times[i - 1])) throw new ParameterError(`time[${i}]`, times[i], `> time[${i - 1}] = ${times[i - 1]} (an increasing grid)`);
  const last = times.findIndex((t) => t === upTo);
  if (last < 0) throw new ParameterError("upTo", upTo, "a point of the time grid");
  if (!(y[last] >= level)) return null;
  let first = last;
  while (first > 0 && y[first - 1] >= level) first--;
  return times[first];
}
