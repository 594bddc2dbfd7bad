/**
 * `datalaws proxy sweep`: train every recipe at every proxy lr (fixed-time or fixed-steps regime) and
 * print, per lr, how the proxy ranking agrees with the wide target's optimal-loss ranking.
 * Stable JSON contract: one line per (width, lr) with lr, regime, spearman, kendall, pairwise, regret
 * (plus width, steps, optimizer, seeds, spearmanSe, spearmanMin, diverged, spearmanAlignment, spearmanSelf).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ParameterError } from "../core/validate";
import { RECIPE_SETS, resolveRecipes, type RecipeSpec } from "../../theory/proxy/recipes";
import { lrGrid, OPTIMIZERS, REGIMES, type Optimizer, type Regime } from "../../theory/proxy/training";
import { SWEEP_DEFAULTS, type SweepConfig } from "../proxy/sweepRunner";
import { defineCommand } from "./command";
import { JSON_FLAG, threadsOr, THREADS_FLAG } from "./common";
import { fmt, jsonLine, table } from "./output";

/** The default proxy lr grid: 3 per decade over [0.03, 30] (3 decades, across the stability edge ≈ 5). */
export const DEFAULT_LRS = lrGrid(0.03, 30, 3);

/** `--recipes`: shared with `proxy flip`. */
export const RECIPES_FLAG = {
  kind: "string",
  default: "default",
  metavar: "RECIPES",
  description: `a recipe set (${Object.keys(RECIPE_SETS).join(", ")}), a comma-separated list of recipe names (e.g. mixture-0,spec-3,scale-1.5), or a JSON file holding an array of recipe specs`,
} as const;

/** What the sweep prints for the standard error of Spearman over a single seed. */
export const ONE_SEED_SE = "undefined (one seed)";

/** Largest recipe file read (a list of recipe specs is a few kB). */
const MAX_RECIPE_FILE = 1 << 20;

/**
 * Recipes from --recipes: a set name, a comma list of recipe names, or a JSON file holding an array of
 * recipe specs. Names win over files (a file called "default" in the current folder does not shadow the
 * set); a path is resolved against the current folder; a file that is not a recipe list is refused
 * naming the file and the field, without echoing its contents.
 */
export function recipesOf(raw: string): RecipeSpec[] {
  if (raw.trim() === "") throw new ParameterError("--recipes", raw, "a set name, a list of recipe names, or a JSON file");
  const known = new Set<string>(Object.keys(RECIPE_SETS));
  for (const f of Object.values(RECIPE_SETS)) for (const r of f()) known.add(r.name);
  if (raw.split(",").every((x) => known.has(x.trim()))) return resolveRecipes(raw, "--recipes");
  if (!raw.endsWith(".json") && !fs.existsSync(raw)) return resolveRecipes(raw, "--recipes");
  const file = path.resolve(raw);
  const expected = "a JSON file holding an array of recipe specs";
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new ParameterError("--recipes", raw, `${expected} (no such file: ${file})`);
  }
  if (!st.isFile()) throw new ParameterError("--recipes", raw, `${expected} (${file} is not a file)`);
  if (st.size > MAX_RECIPE_FILE) throw new ParameterError("--recipes", raw, `${expected} of at most 1 MB (${file} has ${st.size} bytes)`);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new ParameterError("--recipes", raw, `${expected} that can be read (${(e as NodeJS.ErrnoException).code ?? "unreadable"}: ${file})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // the parser's message quotes the file's first bytes: say only that it is not JSON
    throw new ParameterError("--recipes", raw, `${expected} (${file} is not valid JSON)`);
  }
  if (!Array.isArray(parsed)) throw new ParameterError("--recipes", raw, `${expected} (${file} holds a JSON ${parsed === null ? "null" : typeof parsed}, not an array)`);
  // schema errors name the file and the field: "--recipes x.json[1].scale = …: must be …"
  return resolveRecipes(parsed, `--recipes ${raw}`);
}

export const command = defineCommand({
  name: "proxy sweep",
  summary: "train every data recipe at every proxy learning rate and measure how the proxy ranking agrees with the target's",
  flags: {
    recipes: RECIPES_FLAG,
    width: { kind: "integers", default: SWEEP_DEFAULTS.widths, bounds: { min: 1 }, description: "proxy widths" },
    lr: { kind: "numbers", default: DEFAULT_LRS.map((x) => Number(x.toPrecision(4))), bounds: { gt: 0 }, description: "proxy learning rates" },
    regime: { kind: "choice", choices: REGIMES, default: SWEEP_DEFAULTS.regime, description: "fixed-time (ηT = --time) or fixed-steps (T = --steps)" },
    steps: { kind: "integer", default: SWEEP_DEFAULTS.steps, bounds: { min: 1 }, description: "steps T (fixed-steps)" },
    time: { kind: "number", default: SWEEP_DEFAULTS.time, bounds: { gt: 0 }, metavar: "TAU", description: "training time τ = ηT (fixed-time)" },
    seeds: { kind: "integer", default: SWEEP_DEFAULTS.seeds, bounds: { min: 1 }, description: "SGD seeds per (recipe, lr)" },
    optimizer: { kind: "choice", choices: OPTIMIZERS, default: SWEEP_DEFAULTS.optimizer, description: "minibatch SGD (Monte Carlo) or exact GD (closed form)" },
    batch: { kind: "integer", default: SWEEP_DEFAULTS.batch, bounds: { min: 1 }, description: "SGD batch size" },
    "target-width": { kind: "integer", default: SWEEP_DEFAULTS.targetWidth, bounds: { min: 1 }, metavar: "M", description: "width of the target model whose optimal loss ranks the recipes" },
    pool: { kind: "integer", default: SWEEP_DEFAULTS.world.poolSize, bounds: { min: 10 }, description: "examples in each recipe's pool" },
    k: { kind: "integer", default: SWEEP_DEFAULTS.k, bounds: { min: 1 }, description: "regret@k: target loss of the proxy's top k against the best (≤ number of recipes)" },
    threads: THREADS_FLAG,
    json: JSON_FLAG,
  },
  notes: "With --json: one line per (width, lr) {lr, regime, spearman, kendall, pairwise, regret, width, steps, optimizer, seeds, spearmanSe, spearmanMin, diverged, spearmanAlignment, spearmanSelf}; spearmanSe is the string \"undefined (one seed)\" when --seeds 1.",
  examples: ["proxy sweep --optimizer gd --lr 1e-3,0.1,1,30 --width 8 --seeds 2", "proxy sweep --regime fixed-steps --steps 50 --recipes spec10 --json"],
  async run(o) {
    const recipes = recipesOf(o.recipes);
    if (o.k > recipes.length) throw new ParameterError("--k", o.k, `an integer ≤ the number of recipes (${recipes.length})`);
    const optimizer = o.optimizer as Optimizer;
    const config: SweepConfig = {
      world: { ...SWEEP_DEFAULTS.world, poolSize: o.pool },
      recipes,
      widths: o.width,
      lrs: o.lr,
      regime: o.regime as Regime,
      steps: o.steps,
      time: o.time,
      // the SGD Monte Carlo caps T (reported in the T column); the exact GD closed form needs no cap
      maxSteps: optimizer === "gd" ? 1e12 : SWEEP_DEFAULTS.maxSteps,
      batch: o.batch,
      optimizer,
      seeds: o.seeds,
      targetWidth: o["target-width"],
      k: o.k,
    };
    const { progress } = await import("../run/progress");
    const { runSweep } = await import("../proxy/sweepRunner");
    const { checkSweepSize } = await import("../proxy/sweepSize");
    checkSweepSize(config, {
      threads: threadsOr(o.threads),
      names: { widths: "--width", recipes: "--recipes", seeds: "--seeds", steps: "--steps", pool: "--pool", targetWidth: "--target-width", lrs: "--lr", batch: "--batch" },
      warn: (line) => process.stderr.write(line + "\n"),
    });
    const bar = progress("proxy sweep", { quiet: config.optimizer === "gd" });
    const res = await runSweep(config, { threads: threadsOr(o.threads), onProgress: (a, b) => bar.update(a, b) });
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
        // one seed: no standard error (said so, never a null or NaN)
        spearmanSe: Number.isFinite(r.spearmanSe) ? r.spearmanSe : ONE_SEED_SE,
        spearmanMin: r.spearmanMin,
        diverged: r.diverged,
        spearmanAlignment: r.spearmanAlignment,
        spearmanSelf: r.spearmanSelf,
      })),
    );
    if (o.json) {
      for (const r of rows) process.stdout.write(jsonLine(r) + "\n");
      return;
    }
    process.stdout.write(
      `${config.recipes.length} recipes, ${config.optimizer.toUpperCase()} ${config.regime} (${config.regime === "fixed-time" ? `τ = ηT = ${config.time}` : `T = ${config.steps}`}), B = ${config.batch}, ${config.seeds} seeds; target: L* at width ${config.targetWidth}\n`,
    );
    process.stdout.write(
      table(
        ["width", "lr", "T", "spearman", "± se", "min", "kendall", "pairwise", `regret@${config.k}`, "diverged", "ρ vs alignment", "ρ vs own L*"],
        rows.map((r) => [String(r.width), fmt(r.lr, 3), String(r.steps), fmt(r.spearman, 3), typeof r.spearmanSe === "number" ? fmt(r.spearmanSe, 2) : r.spearmanSe, fmt(r.spearmanMin, 3), fmt(r.kendall, 3), fmt(r.pairwise, 3), fmt(r.regret, 3), fmt(r.diverged, 2), fmt(r.spearmanAlignment, 3), fmt(r.spearmanSelf, 3)]),
      ) + "\n",
    );
  },
});
