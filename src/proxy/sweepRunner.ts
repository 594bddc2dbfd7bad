/**
 * The proxy lr-sweep engine shared by the CLI (`proxy sweep`), the figures and the benchmark: sweep cells
 * (width × seed) on worker threads, the wide target's optimal losses, and per-lr agreement.
 * Wang et al., "Can Small Training Runs Reliably Guide Data Curation? Rethinking Proxy-Model Practice",
 * arXiv 2512.24503 — the world, grids and regimes are this toolkit's documented defaults, not the paper's
 * LLM settings.
 */
import * as path from "node:path";
import { readJson, readRecoverable } from "../run/files";
import { requireInteger, requireNumber, requireOneOf, requireVector } from "../core/validate";
import { validateRecipes, type RecipeSpec } from "../../theory/proxy/recipes";
import {
  agreementByLr,
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
import { handle, type SweepTask } from "./sweepWorker";
import { checkSweepSize } from "./sweepSize";

/** Everything that defines a sweep (all of it goes into the result's store key). */
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

/** Options of `runSweep`. */
export interface SweepRunOptions {
  /** worker threads (default min(2, CPUs)); the numbers do not depend on it */
  threads?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * A folder for resume files of this sweep's config (the runner's `checkpointDir()`): every finished
   * cell is written there as `cell-w<width>-s<seed>.json`, and a rerun reads finished cells back
   * instead of recomputing them (a truncated or foreign file is reported by path and recomputed).
   */
  checkpointDir?: string;
  /**
   * The wide target's optimal losses for (world, recipes, targetWidth) with feature seed 0 — inside a
   * run, the `proxy.target-optimum` result (computed once per run and stored). Without it (the CLI
   * `proxy sweep`), the target is computed here.
   */
  target?: TargetOptimum;
}

/** Does a stored cell belong to its spec, with well-formed contents? (a reason when it does not) */
function cellMismatch(cell: SweepCell, spec: SweepCellSpec): string | undefined {
  const same = (a: number[], b: number[]) => Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);
  if (cell?.width !== spec.width || cell.seed !== spec.seed || cell.regime !== spec.regime || cell.optimizer !== spec.optimizer) return "is a cell of another sweep";
  if (!same(cell.lrs, spec.lrs) || !Array.isArray(cell.loss) || cell.loss.length !== spec.lrs.length) return "has another lr grid";
  if (!cell.loss.every((row) => Array.isArray(row) && row.length === spec.recipes.length)) return "has another number of recipes";
  // contents: a loss is a number ≥ 0 or +∞ (diverged); the per-recipe numbers are finite, one per recipe
  const n = spec.recipes.length;
  const finiteList = (v: unknown, len: number, min = -Infinity) => Array.isArray(v) && v.length === len && v.every((x) => typeof x === "number" && Number.isFinite(x) && x >= min);
  for (let l = 0; l < cell.loss.length; l++) {
    for (let k = 0; k < n; k++) {
      const x = cell.loss[l][k];
      if (typeof x !== "number" || !(x >= 0)) return `has loss[${l}][${k}] = ${x} (need a loss ≥ 0 or Infinity)`;
    }
  }
  if (!Array.isArray(cell.steps) || cell.steps.length !== spec.lrs.length || !cell.steps.every((t) => Number.isInteger(t) && t >= 0)) return "has step counts that do not match its lr grid";
  if (!finiteList(cell.selfOptimum, n, 0)) return "has no valid per-recipe optimum (selfOptimum)";
  if (!finiteList(cell.alignment, n)) return "has no valid per-recipe alignment";
  if (!finiteList(cell.lambdaMax, n, 0)) return "has no valid per-recipe lambdaMax";
  if (typeof cell.initialLoss !== "number" || !(cell.initialLoss >= 0 && cell.initialLoss < Infinity)) return `has initialLoss = ${cell.initialLoss}`;
  if (typeof cell.lambdaMaxVal !== "number" || !(cell.lambdaMaxVal > 0 && cell.lambdaMaxVal < Infinity)) return `has lambdaMaxVal = ${cell.lambdaMaxVal}`;
  return undefined;
}

/** Run a sweep: cells on worker threads (identical numbers for any thread count), the target in-process. */
export async function runSweep(c: SweepConfig, opts: SweepRunOptions = {}): Promise<SweepResult> {
  validateSweepConfig(c);
  checkSweepSize(c, { threads: opts.threads });
  const specs = sweepTasks(c);
  const target = opts.target ?? targetOptimum(c.world, c.recipes, c.targetWidth, 0);
  if (target.width !== c.targetWidth || target.names.length !== c.recipes.length || target.names.some((n, k) => n !== c.recipes[k].name)) {
    throw new Error(`the target given to the sweep (width ${target.width}, recipes ${target.names.join(", ")}) is not the sweep's (width ${c.targetWidth})`);
  }
  const fileOf = (s: SweepCellSpec) => (opts.checkpointDir ? path.join(opts.checkpointDir, `cell-w${s.width}-s${s.seed}.json`) : undefined);
  const done: Array<SweepCell | undefined> = specs.map((s) => {
    const f = fileOf(s);
    return f ? readRecoverable<SweepCell>(f, readJson, (cell) => cellMismatch(cell, s)) : undefined;
  });
  const todo = specs.map((s, i) => ({ s, i })).filter(({ i }) => !done[i]);
  const before = specs.length - todo.length;
  const fresh = await runInWorkers<SweepTask, SweepCell>(path.join("dist", "src", "proxy", "sweepWorker.js"), todo.map(({ s }) => ({ cell: s, checkpoint: fileOf(s) })), {
    threads: opts.threads,
    onProgress: opts.onProgress ? (d) => opts.onProgress!(before + d, specs.length) : undefined,
    inProcess: handle,
  });
  todo.forEach(({ i }, k) => (done[i] = fresh[k]));
  const cells = done as SweepCell[];
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
