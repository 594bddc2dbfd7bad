/**
 * Boundary checks of `reuseRates` (the effective reuse rate E(K,N) of Yan et al., arXiv 2511.13421):
 * N counts samples (an integer ≥ 1), K counts epochs (an integer ≥ 1, or Infinity), both lists non-empty.
 */
import { ParameterError, requireInteger, requireOneOf } from "../core/validate";

/** Throws a ParameterError naming the first bad N, K, method, runs, seed or threads. */
export function validateReuseGrid(Ns: unknown, Ks: unknown, opts: { method?: unknown; runs?: unknown; seed?: unknown; threads?: unknown }): void {
  if (!Array.isArray(Ns) || Ns.length === 0) throw new ParameterError("Ns", Ns, "a non-empty array of sample counts N");
  if (!Array.isArray(Ks) || Ks.length === 0) throw new ParameterError("Ks", Ks, "a non-empty array of epoch counts K");
  Ns.forEach((N) => requireInteger("N", N, { min: 1 }));
  Ks.forEach((K) => requireInteger("K", K, { min: 1, allowInfinity: true }));
  if (opts === null || typeof opts !== "object") throw new ParameterError("opts", opts, "options { method, runs?, seed?, threads? }");
  requireOneOf("method", opts.method, ["exact", "plateau", "mc", "asymptotic"]);
  if (opts.runs !== undefined) requireInteger("runs", opts.runs, { min: 2 });
  if (opts.seed !== undefined) requireInteger("seed", opts.seed, { min: 0, max: Number.MAX_SAFE_INTEGER });
  if (opts.threads !== undefined) requireInteger("threads", opts.threads, { min: 1 });
}
