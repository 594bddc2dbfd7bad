/**
 * The proxy lr-sweep engine shared by the CLI (`proxy sweep`), the figures and the benchmark: sweep cells
 * (width × seed) on worker threads, the wide target's optimal losses, and per-lr agreement.
 * Wang et al., "Can Small Training Runs Reliably Guide Data Curation? Rethinking Proxy-Model Practice",
 * arXiv 2512.24503 — the world, grids and regimes are this toolkit's documented defaults (spec proxy.md §6.1, §8).
 */
import * as path from "node:path";
import { requireInteger, requireNumber, requireOneOf, requireVector } from "../core/validate";
import { validateRecipes, type RecipeSpec } from "../../theory/proxy/recipes";
import {
  agreementByLr,
  sweepCell,
  targetOptimum,
  validateSweepSpec,
  type LrAgreement,
  type SweepCell,
  type SweepCellSpec,
  type TargetOptimum,
  type WorldOptions,
} from "../../theory/proxy/sweep";
import { OPTIMIZERS, REGIMES, type Optimizer, type Regime } from "../../theory/proxy/training";
import { runInWorkers } from "../run/pool";

/** Everything that defines a sweep (all of it goes into the result cache key). */
export interface SweepConfig {
  world: WorldOptions;
  recipes: RecipeSpec[];
  widths: number[];
  lrs: number[];
  regime: Regime;
  steps: number;
  time: number;
  maxSteps: number;
  batch: number;
  optimizer: Optimizer;
  seeds: number;
  targetWidth: number;
  /** k of regret@k */
  k: number;
}

/** Defaults of the sweep (this toolkit's, not the paper's): fixed-time τ = 1e4, fixed-steps T = 1000, B = 8, target width 256. */
export const SWEEP_DEFAULTS = {
  world: { d: 4, poolSize: 2000, seed: 0 },
  widths: [32],
  regime: "fixed-time" as Regime,
  steps: 1000,
  time: 1e4,
  maxSteps: 1e6,
  batch: 8,
  optimizer: "sgd" as Optimizer,
  seeds: 3,
  targetWidth: 256,
  k: 1,
};

/** Validate a sweep configuration (one-line ParameterErrors naming the parameter). */
export function validateSweepConfig(c: SweepConfig): SweepConfig {
  validateRecipes(c.recipes);
  requireVector("width", c.widths, { min: 1 });
  c.widths.forEach((w) => requireInteger("width", w, { min: 1 }));
  requireVector("lr", c.lrs, { gt: 0 });
  requireOneOf("regime", c.regime, REGIMES);
  requireOneOf("optimizer", c.optimizer, OPTIMIZERS);
  requireInteger("steps", c.steps, { min: 1 });
  requireNumber("time", c.time, { gt: 0 });
  requireInteger("maxSteps", c.maxSteps, { min: 1 });
  requireInteger("batch", c.batch, { min: 1 });
  requireInteger("seeds", c.seeds, { min: 1 });
  requireInteger("target width", c.targetWidth, { min: 1 });
  requireInteger("k", c.k, { min: 1, max: c.recipes.length });
  return c;
}

/** The cells of a sweep: one per (width, seed). */
export function sweepTasks(c: SweepConfig): SweepCellSpec[] {
  const tasks: SweepCellSpec[] = [];
  for (const width of c.widths) {
    for (let seed = 0; seed < c.seeds; seed++) {
      const t: SweepCellSpec = {
        world: c.world,
        recipes: c.recipes,
        width,
        lrs: c.lrs,
        regime: c.regime,
        steps: c.steps,
        time: c.time,
        maxSteps: c.maxSteps,
        batch: c.batch,
        optimizer: c.optimizer,
        seed,
      };
      validateSweepSpec(t);
      tasks.push(t);
    }
  }
  return tasks;
}

/** A finished sweep: its cells, the target, and per-width agreement by lr. */
export interface SweepResult {
  config: SweepConfig;
  target: TargetOptimum;
  cells: SweepCell[];
  agreement: Array<{ width: number; rows: LrAgreement[] }>;
}

/** The target of a (world, recipes, width) is deterministic: computed once per process. */
const targetMemo = new Map<string, TargetOptimum>();

/** Run a sweep: cells on worker threads (identical numbers for any thread count), the target in-process. */
export async function runSweep(c: SweepConfig, opts: { threads?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<SweepResult> {
  validateSweepConfig(c);
  const tasks = sweepTasks(c);
  const key = JSON.stringify([c.world, c.recipes, c.targetWidth]);
  const memo = targetMemo.get(key);
  const target = memo ?? targetOptimum(c.world, c.recipes, c.targetWidth, 0);
  if (!memo) targetMemo.set(key, target);
  const cells = await runInWorkers<SweepCellSpec, SweepCell>(path.join("dist", "src", "proxy", "sweepWorker.js"), tasks, {
    threads: opts.threads,
    onProgress: opts.onProgress,
    inProcess: (t) => sweepCell(t),
  });
  const agreement = c.widths.map((width) => ({ width, rows: agreementByLr(cells.filter((x) => x.width === width), target.optimum, c.k) }));
  return { config: c, target, cells, agreement };
}

/** Mean loss over seeds per (lr, recipe) of the cells of one width (+∞ if any seed diverged). */
export function meanLosses(cells: SweepCell[]): number[][] {
  const L = cells[0].lrs.length;
  const K = cells[0].loss[0].length;
  return Array.from({ length: L }, (_, l) =>
    Array.from({ length: K }, (_, k) => cells.reduce((s, c) => s + c.loss[l][k], 0) / cells.length),
  );
}
