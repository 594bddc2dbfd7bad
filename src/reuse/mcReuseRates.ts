/**
 * E(K,N) by multi-epoch Monte Carlo at several K (Yan et al., arXiv 2511.13421; the estimator is this
 * toolkit's): the η grid is simulated once for every K ≤ Kmax, then for each K a few η around that K's
 * grid minimum (`refinementEtas`) are simulated on the same runs — same seed, so the same X, noise and
 * permutations (common random numbers) — for K epochs, and the minimum is taken over grid and refinement
 * together (`mcReuseRate`). Without the refinement a 4-per-octave grid biases E by several percent
 * (theory/reuse/etaOptimum.ts). The refinements of all K are one simulation (each η run for the largest
 * K that needs it): at most 2(perStep − 1) trajectories of K epochs per K, and the data drawn once more.
 */
import { mcReuseRate, type McReuseRate } from "../../theory/reuse/effectiveReuse";
import { refinementEtas } from "../../theory/reuse/etaOptimum";
import { summarizeMc, type McSummary } from "../../theory/reuse/monteCarlo";
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
   * checkpoint files `<checkpoint>.json` (the grid) and `<checkpoint>-refine.json` (the refinement), each
   * resumed if a run is interrupted and removed when done (see multiEpochMcParallel)
   */
  checkpoint?: string;
  /** progress: (runs done, runs total) of the stage named by `label` */
  onProgress?: (done: number, total: number, label: string) => void;
}

/**
 * The refinement of every K in one simulation: the union of the K's refinement η (`refinementEtas` on
 * each K's column of the grid summary), sorted, each simulated for the largest K that asks for it, and for
 * each K the indices of its own η in that list.
 */
export function refinementPlan(grid: McSummary, Ks: readonly number[], perStep = ETA_REFINEMENT_PER_STEP): { etas: number[]; epochs: number[]; ofK: number[][] } {
  const wanted = Ks.map((K) => refinementEtas(grid.mean.map((row) => row[K - 1]), grid.etas, perStep));
  const epochsOf = new Map<number, number>();
  Ks.forEach((K, j) => wanted[j].forEach((eta) => epochsOf.set(eta, Math.max(K, epochsOf.get(eta) ?? 0))));
  const etas = [...epochsOf.keys()].sort((a, b) => a - b);
  return { etas, epochs: etas.map((e) => epochsOf.get(e) as number), ofK: wanted.map((w) => w.map((e) => etas.indexOf(e))) };
}

/** The rows `index` of a summary (the η of one K's refinement). */
function pick(s: McSummary, index: number[]): McSummary {
  return { etas: index.map((i) => s.etas[i]), Kmax: s.Kmax, runs: s.runs, mean: index.map((i) => s.mean[i]), se: index.map((i) => s.se[i]) };
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
  const plan = refinementPlan(grid, o.Ks, perStep);
  if (plan.etas.length === 0) return o.Ks.map((K) => mcReuseRate(problem, grid, K, o.N));
  const refinement = summarizeMc(
    await multiEpochMcParallel(problem, {
      ...common,
      Kmax: Math.max(...plan.epochs),
      etas: plan.etas,
      epochs: plan.epochs,
      checkpoint: o.checkpoint ? `${o.checkpoint}-refine.json` : undefined,
      onProgress: o.onProgress ? (d, t) => o.onProgress!(d, t, "η refinement") : undefined,
    }),
  );
  return o.Ks.map((K, j) => (plan.ofK[j].length === 0 ? mcReuseRate(problem, grid, K, o.N) : mcReuseRate(problem, grid, K, o.N, pick(refinement, plan.ofK[j]))));
}
