/**
 * Muennighoff et al.'s reuse curve E_M(K) = 1 + R*(1 − e^{−(K−1)/R*}) ("Scaling Data-Constrained
 * Language Models", arXiv 2305.16264) fitted to a measured E(K,N) curve: the R* that minimises the
 * squared error in ln E over the K grid. Their fit R* = 15.39 does not depend on N; the theory of Yan
 * et al. (arXiv 2511.13421) says the curve's plateau 1 + R* must grow with N.
 */
import { minimizeBounded } from "../../src/core/optimize";
import { ParameterError, requireNumber } from "../../src/core/validate";
import { muennighoffReuseRate } from "./asymptotics";

/** The fitted R*, its root-mean-square error in ln E, and the largest relative error |E_M/E − 1| at that R*. */
export interface MuennighoffFit {
  Rstar: number;
  rmsLogError: number;
  maxRelativeError: number;
}

function requireCurve(K: readonly number[], E: readonly number[]): void {
  if (!Array.isArray(K) || K.length < 2) throw new ParameterError("K", K, "an array of at least 2 epoch counts");
  if (!Array.isArray(E) || E.length !== K.length) throw new ParameterError("E.length", Array.isArray(E) ? E.length : E, `equal to K.length = ${K.length}`);
  K.forEach((k, i) => requireNumber(`K[${i}]`, k, { min: 1 }));
  E.forEach((e, i) => requireNumber(`E[${i}]`, e, { gt: 0 }));
}

/** Errors of E_M(·; R*) against a curve E(K): rms in ln E and the largest relative error. */
export function muennighoffErrors(K: readonly number[], E: readonly number[], Rstar: number): { rmsLogError: number; maxRelativeError: number } {
  requireCurve(K, E);
  requireNumber("Rstar", Rstar, { gt: 0 });
  let ss = 0;
  let worst = 0;
  K.forEach((k, i) => {
    const m = muennighoffReuseRate(k, Rstar);
    ss += Math.log(m / E[i]) ** 2;
    worst = Math.max(worst, Math.abs(m / E[i] - 1));
  });
  return { rmsLogError: Math.sqrt(ss / K.length), maxRelativeError: worst };
}

/** Least-squares R* (in ln E) of E_M(K; R*) to the curve (K_i, E_i), searched on R* ∈ [1e-3, 1e6] (Brent on ln R*). */
export function fitMuennighoffRstar(K: readonly number[], E: readonly number[]): MuennighoffFit {
  requireCurve(K, E);
  const loss = (u: number): number => muennighoffErrors(K, E, Math.exp(u)).rmsLogError;
  // coarse scan then Brent around the best grid point
  const lo = Math.log(1e-3);
  const hi = Math.log(1e6);
  const n = 60;
  let best = 0;
  let bestLoss = Infinity;
  for (let i = 0; i <= n; i++) {
    const l = loss(lo + ((hi - lo) * i) / n);
    if (l < bestLoss) {
      bestLoss = l;
      best = i;
    }
  }
  const r = minimizeBounded(loss, lo + ((hi - lo) * Math.max(0, best - 1)) / n, lo + ((hi - lo) * Math.min(n, best + 1)) / n, { xtol: 1e-10, rtol: 0 });
  const Rstar = Math.exp(r.x);
  return { Rstar, ...muennighoffErrors(K, E, Rstar) };
}
