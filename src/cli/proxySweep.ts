/**
 * `datalaws proxy sweep`: train every recipe at every proxy lr (fixed-time or fixed-steps regime) and
 * print, per lr, how the proxy ranking agrees with the wide target's optimal-loss ranking.
 * Stable JSON contract: one line per (width, lr) with lr, regime, spearman, kendall, pairwise, regret
 * (plus width, steps, optimizer, seeds, spearmanSe, spearmanMin, diverged, spearmanAlignment, spearmanSelf).
 */
import * as fs from "node:fs";
import { ParameterError } from "../core/validate";
import { resolveRecipes, type RecipeSpec } from "../../theory/proxy/recipes";
import { lrGrid, OPTIMIZERS, REGIMES } from "../../theory/proxy/training";
import { progress } from "../run/progress";
import { runSweep, SWEEP_DEFAULTS, type SweepConfig } from "../proxy/sweepRunner";
import type { Args } from "./args";
import { fmt, jsonLine, table } from "./output";

export const usage =
  "proxy sweep [--recipes default|spec10|curvature|separation|NAMES|FILE.json] [--width P] [--lr LIST] [--regime fixed-time|fixed-steps] [--steps S] [--time TAU] [--seeds N] [--optimizer sgd|gd] [--batch B] [--target-width M] [--pool N] [--k K] [--threads T] [--json]";

/** The default proxy lr grid: 3 per decade over [0.03, 30] (3 decades, across the stability edge ≈ 5). */
export const DEFAULT_LRS = lrGrid(0.03, 30, 3);

/** Recipes from --recipes: a set name, a comma list of recipe names, or a JSON file holding an array of recipe specs. */
export function recipesFromArgs(args: Args): RecipeSpec[] {
  const raw = args.string("recipes", "default");
  if (raw.trim() === "") throw new ParameterError("--recipes", raw, "a set name, a list of recipe names, or a JSON file");
  if (raw.endsWith(".json") || fs.existsSync(raw)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(raw, "utf8"));
    } catch (e) {
      throw new ParameterError("--recipes", raw, `a readable JSON file with an array of recipe specs (${e instanceof Error ? e.message.split("\n")[0] : e})`);
    }
    if (!Array.isArray(parsed)) throw new ParameterError("--recipes", raw, "a JSON file holding an array of recipe specs");
    return resolveRecipes(parsed, "--recipes");
  }
  return resolveRecipes(raw, "--recipes");
}

/** The sweep configuration from the command-line flags. */
export function sweepConfigFromArgs(args: Args): SweepConfig {
  const recipes = recipesFromArgs(args);
  const widths = args.list("width", String(SWEEP_DEFAULTS.widths.join(",")), { min: 1 }, true);
  const lrs = args.list("lr", DEFAULT_LRS.map((x) => x.toPrecision(4)).join(","), { gt: 0 });
  const regime = args.oneOf("regime", REGIMES, SWEEP_DEFAULTS.regime);
  const steps = args.integer("steps", SWEEP_DEFAULTS.steps, { min: 1 });
  const time = args.number("time", SWEEP_DEFAULTS.time, { gt: 0 });
  const seeds = args.integer("seeds", SWEEP_DEFAULTS.seeds, { min: 1 });
  const optimizer = args.oneOf("optimizer", OPTIMIZERS, SWEEP_DEFAULTS.optimizer);
  const batch = args.integer("batch", SWEEP_DEFAULTS.batch, { min: 1 });
  const targetWidth = args.integer("target-width", SWEEP_DEFAULTS.targetWidth, { min: 1 });
  const poolSize = args.integer("pool", SWEEP_DEFAULTS.world.poolSize, { min: 10 });
  const k = args.integer("k", SWEEP_DEFAULTS.k, { min: 1, max: recipes.length });
  return {
    world: { ...SWEEP_DEFAULTS.world, poolSize },
    recipes,
    widths,
    lrs,
    regime,
    steps,
    time,
    // the SGD Monte Carlo caps T (reported in the T column); the exact GD closed form needs no cap
    maxSteps: optimizer === "gd" ? 1e12 : SWEEP_DEFAULTS.maxSteps,
    batch,
    optimizer,
    seeds,
    targetWidth,
    k,
  };
}

export async function run(args: Args): Promise<void> {
  const config = sweepConfigFromArgs(args);
  const threads = args.integer("threads", Math.min(2, require("node:os").cpus().length), { min: 1 });
  const json = args.bool("json");
  const bar = progress("proxy sweep", { quiet: config.optimizer === "gd" });
  const res = await runSweep(config, { threads, onProgress: (a, b) => bar.update(a, b) });
  bar.done();
  const rows = res.agreement.flatMap((a) =>
    a.rows.map((r) => ({
      lr: r.lr,
      regime: config.regime,
      spearman: r.spearman,
      kendall: r.kendall,
      pairwise: r.pairwise,
      regret: r.regret,
      width: a.width,
      steps: r.steps,
      optimizer: config.optimizer,
      seeds: config.seeds,
      spearmanSe: Number.isFinite(r.spearmanSe) ? r.spearmanSe : null,
      spearmanMin: r.spearmanMin,
      diverged: r.diverged,
      spearmanAlignment: r.spearmanAlignment,
      spearmanSelf: r.spearmanSelf,
    })),
  );
  if (json) {
    for (const r of rows) process.stdout.write(jsonLine(r) + "\n");
    return;
  }
  process.stdout.write(
    `${config.recipes.length} recipes, ${config.optimizer.toUpperCase()} ${config.regime} (${config.regime === "fixed-time" ? `τ = ηT = ${config.time}` : `T = ${config.steps}`}), B = ${config.batch}, ${config.seeds} seeds; target: L* at width ${config.targetWidth}\n`,
  );
  process.stdout.write(
    table(
      ["width", "lr", "T", "spearman", "± se", "min", "kendall", "pairwise", `regret@${config.k}`, "diverged", "ρ vs alignment", "ρ vs own L*"],
      rows.map((r) => [
        String(r.width),
        fmt(r.lr, 3),
        String(r.steps),
        fmt(r.spearman, 3),
        fmt(r.spearmanSe, 2),
        fmt(r.spearmanMin, 3),
        fmt(r.kendall, 3),
        fmt(r.pairwise, 3),
        fmt(r.regret, 3),
        fmt(r.diverged, 2),
        fmt(r.spearmanAlignment, 3),
        fmt(r.spearmanSelf, 3),
      ]),
    ) + "\n",
  );
}
