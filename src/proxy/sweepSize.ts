/** Resource check of a proxy sweep (Sec. 3 of arXiv 2602.00398's sweep over widths, recipes, lrs and seeds), before anything is allocated. */
import { sweepCost } from "../../theory/proxy/sweep";
import { checkCost } from "../core/resources";

/** The fields of a sweep configuration (`SweepConfig`) that set its size. */
interface SweepSize {
  world: { d?: number; poolSize?: number };
  recipes: readonly unknown[];
  widths: number[];
  lrs: number[];
  regime: string;
  steps: number;
  time: number;
  maxSteps: number;
  batch: number;
  optimizer: string;
  seeds: number;
  targetWidth: number;
}

/** Names of the sizes of a sweep in resource errors (the CLI passes its flags). */
export type SweepSizeNames = { widths?: string; recipes?: string; seeds?: string; steps?: string; pool?: string; targetWidth?: string; lrs?: string; batch?: string };

/** Refuse a sweep that cannot fit in memory; warn with its ETA (when `warn` is given) when it is long. Returns the estimated seconds. */
export function checkSweepSize(c: SweepSize, opts: { threads?: number; names?: SweepSizeNames; warn?: (line: string) => void } = {}): number {
  const names = { widths: "widths", recipes: "recipes", seeds: "seeds", steps: "steps", pool: "world.poolSize", targetWidth: "targetWidth", lrs: "lrs", batch: "batch", ...opts.names };
  const sgd = c.optimizer === "sgd";
  // the SGD steps of the longest lr: T itself (fixed-steps), or τ/η at the smallest η capped at maxSteps (fixed-time)
  const steps = c.regime === "fixed-steps" ? c.steps : Math.min(c.maxSteps, Math.ceil(c.time / Math.min(...c.lrs)));
  return checkCost(
    "proxy sweep",
    (v) => sweepCost({ widths: v.widths, recipes: v.recipes, lrs: v.lrs, seeds: v.seeds, steps: v.steps, batch: v.batch, pool: v.pool, targetWidth: v.targetWidth, dim: c.world.d, sgd, threads: opts.threads }),
    { widths: c.widths, recipes: c.recipes.length, lrs: c.lrs.length, seeds: c.seeds, steps, batch: c.batch, pool: c.world.poolSize ?? 4000, targetWidth: c.targetWidth },
    { names: { widths: names.widths, targetWidth: names.targetWidth, pool: names.pool, recipes: names.recipes, seeds: names.seeds, ...(c.regime === "fixed-steps" ? { steps: names.steps } : {}), batch: names.batch }, threads: opts.threads, warn: opts.warn ?? null },
  );
}
