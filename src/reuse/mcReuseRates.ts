/**
 * E(K,N) by multi-epoch Monte Carlo at several K (Yan et al., arXiv 2511.13421; the estimator is this
 * toolkit's): the η grid is simulated once for every K ≤ Kmax, then for each K a few η around that K's
 * grid minimum (`refinementEtas`) are simulated on the same runs — same seed, so the same X, noise and
 * permutations (common random numbers) — for K epochs, and the minimum is taken over grid and refinement
 * together (`mcReuseRate`). Without the refinement a 4-per-octave grid biases E by several percent
 * (theory/reuse/etaOptimum.ts). The refinement costs 2(perStep − 1) trajectories of K epochs per K.
 */
import { mcReuseRate, type McReuseRate } from "../../theory/reuse/effectiveReuse";
import { refinementEtas } from "../../theory/reuse/etaOptimum";
import { summarizeMc } from "../../theory/reuse/monteCarlo";
import type { LinearProblem } from "../../theory/reuse/problem";
import { ParameterError, requireInteger } from "../core/validate";
import { multiEpochMcParallel } from "./mcParallel";

/** Refinement points per grid step (h/3 spacing): E(1,N) = 1 within 0.1 % on exact one-pass curves. */
export const ETA_REFINEMENT_PER_STEP = 3;

export interface McReuseRatesOptions {
  N: number;
  /** the K at which E is wanted (integers ≥ 1); the grid is simulated up to the largest */
  Ks: readonly number[];
  etas: readonly number[];
  runs: number;
  seed: number;
  threads?: number;
  /** refinement points per grid step (default ETA_REFINEMENT_PER_STEP) */
  perStep?: number;
  /**
   * checkpoint files `<checkpoint>.json` (the grid) and `<checkpoint>-K<K>.json` (each refinement), each
   * resumed if a run is interrupted and removed when done (see multiEpochMcParallel)
   */
  checkpoint?: string;
  /** progress: (runs done, runs total) of the stage named by `label` */
  onProgress?: (done: number, total: number, label: string) => void;
}

/** E(K,N) at every K of `Ks` (in order), each from the grid and its own refinement on common random numbers. */
export async function mcReuseRates(problem: LinearProblem, o: McReuseRatesOptions): Promise<McReuseRate[]> {
  if (!Array.isArray(o.Ks) || o.Ks.length === 0) throw new ParameterError("Ks", o.Ks, "a non-empty list of epoch counts");
  o.Ks.forEach((K, i) => requireInteger(`Ks[${i}]`, K, { min: 1 }));
  const perStep = requireInteger("perStep", o.perStep ?? ETA_REFINEMENT_PER_STEP, { min: 2, max: 64 });
  const Kmax = Math.max(...o.Ks);
  const common = { N: o.N, runs: o.runs, seed: o.seed, threads: o.threads };
  const grid = summarizeMc(
    await multiEpochMcParallel(problem, {
      ...common,
      Kmax,
      etas: [...o.etas],
      checkpoint: o.checkpoint ? `${o.checkpoint}.json` : undefined,
      onProgress: o.onProgress ? (d, t) => o.onProgress!(d, t, "η grid") : undefined,
    }),
  );
  const rates: McReuseRate[] = [];
  for (const K of o.Ks) {
    const extra = refinementEtas(grid.mean.map((row) => row[K - 1]), grid.etas, perStep);
    if (extra.length === 0) {
      rates.push(mcReuseRate(problem, grid, K, o.N));
      continue;
    }
    const refinement = summarizeMc(
      await multiEpochMcParallel(problem, {
        ...common,
        Kmax: K,
        etas: extra,
        checkpoint: o.checkpoint ? `${o.checkpoint}-K${K}.json` : undefined,
        onProgress: o.onProgress ? (d, t) => o.onProgress!(d, t, `η refinement at K = ${K}`) : undefined,
      }),
    );
    rates.push(mcReuseRate(problem, grid, K, o.N, refinement));
  }
  return rates;
}
