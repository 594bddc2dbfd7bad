/**
 * Worker of the flip-lr studies: one task is one recipe pair at one batch size (predicted flip and the
 * crossing of its seed-averaged SGD losses). Every random stream is keyed by (world seed, width, feature
 * seed, recipe, SGD seed), so rows do not depend on the number of threads or on the task order.
 */
import { flipStudy, type FlipRow } from "../../theory/proxy/flipStudy";
import { proxyProblem, realisePools, type ProxyProblem } from "../../theory/proxy/problem";
import { proxyWorld, type RecipeSpec } from "../../theory/proxy/recipes";
import type { WorldOptions } from "../../theory/proxy/sweep";
import { serveWorker } from "../run/pool";

/** One pair of recipes (indices into `recipes`) at one batch size. */
export interface FlipTask {
  world: WorldOptions;
  recipes: RecipeSpec[];
  width: number;
  batch: number;
  time: number;
  seeds: number;
  /** half-octave grid points either side of each prediction (the observed crossing is looked for on ×2^(±h/2)) */
  halfOctaves: number;
  pair: [number, number];
}

// the problem (moments, eigenvectors, pool features) of the last (world, recipes, width) this thread saw
let cached: { key: string; problem: ProxyProblem } | undefined;

function problemOf(t: FlipTask): ProxyProblem {
  const key = JSON.stringify([t.world, t.recipes, t.width]);
  if (cached?.key !== key) {
    const w = proxyWorld(t.world);
    cached = { key, problem: proxyProblem(w, t.recipes, t.width, { featureSeed: 0, pools: realisePools(w, t.recipes) }) };
  }
  return cached.problem;
}

/** The flip row of one task's pair. */
export function handle(t: FlipTask): FlipRow {
  return flipStudy(problemOf(t), { batch: t.batch, time: t.time, seeds: t.seeds, pairs: [t.pair], halfOctaves: t.halfOctaves })[0];
}

serveWorker(handle, __filename);
