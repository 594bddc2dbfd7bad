/**
 * The saturation point K(λ,N) of a sampled reuse curve: the K at which the efficiency E(K,N)/K falls
 * through λ (Yan et al., arXiv 2511.13421, Section 6.3, λ = 0.75), by linear interpolation of E/K in
 * ln K between the two grid points that bracket the first crossing. For curves known only on a grid
 * (Monte Carlo); the exact Zipf curve has `zipfSaturationPoint`.
 */
import { ParameterError, requireNumber } from "../../src/core/validate";

/** K(λ) of the curve (K_i, E_i), K strictly increasing; Infinity if E/K stays above λ, K_0 if it starts at or below λ. */
export function saturationPointOnGrid(K: readonly number[], E: readonly number[], lambda = 0.75): number {
  if (!Array.isArray(K) || K.length < 2) throw new ParameterError("K", K, "an array of at least 2 epoch counts");
  if (!Array.isArray(E) || E.length !== K.length) throw new ParameterError("E.length", Array.isArray(E) ? E.length : E, `equal to K.length = ${K.length}`);
  requireNumber("lambda", lambda, { gt: 0, lt: 1 });
  K.forEach((k, i) => {
    requireNumber(`K[${i}]`, k, { min: 1 });
    if (i > 0 && !(k > K[i - 1])) throw new ParameterError(`K[${i}]`, k, `> K[${i - 1}] = ${K[i - 1]} (strictly increasing)`);
  });
  E.forEach((e, i) => requireNumber(`E[${i}]`, e));
  const g = K.map((k, i) => E[i] / k - lambda);
  if (g[0] <= 0) return K[0];
  for (let i = 1; i < K.length; i++) {
    if (g[i] <= 0) {
      const t = g[i - 1] / (g[i - 1] - g[i]);
      return Math.exp(Math.log(K[i - 1]) + t * (Math.log(K[i]) - Math.log(K[i - 1])));
    }
  }
  return Infinity;
}
