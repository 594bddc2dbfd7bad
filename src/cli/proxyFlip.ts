/**
 * `datalaws proxy flip`: for pairs of recipes, the one-step Taylor flip lr, the predicted SGD-noise flip lr
 * (fixed-time regime) and, with --seeds > 0, the observed crossing of the seed-mean SGD losses.
 * JSON: one line per pair {a, b, winner, oneStep, noise, noiseEquilibrated, discrete, observed, ratio}.
 */
import { ParameterError } from "../core/validate";
import { flipStudy } from "../../theory/proxy/flipStudy";
import { proxyProblem, realisePools } from "../../theory/proxy/problem";
import { proxyWorld } from "../../theory/proxy/recipes";
import type { Args } from "./args";
import { fmt, jsonLine, table } from "./output";
import { recipesFromArgs } from "./proxySweep";

export const usage =
  "proxy flip [--recipes default|spec10|…] [--width P] [--pair A,B] [--batch B] [--time TAU] [--seeds N] [--feature-seed S] [--pool N] [--json]";

export async function run(args: Args): Promise<void> {
  const recipes = recipesFromArgs(args);
  const width = args.integer("width", 128, { min: 1 });
  const batch = args.integer("batch", 8, { min: 1 });
  const time = args.number("time", 1000, { gt: 0 });
  const seeds = args.integer("seeds", 0, { min: 0 });
  const featureSeed = args.integer("feature-seed", 0, { min: 0 });
  const poolSize = args.integer("pool", 2000, { min: 10 });
  const pairArg = args.optionalString("pair");
  const json = args.bool("json");
  let pairs: Array<[number, number]> | undefined;
  if (pairArg !== undefined) {
    const names = pairArg.split(",").map((s) => s.trim());
    if (names.length !== 2) throw new ParameterError("--pair", pairArg, "two recipe names A,B");
    const idx = names.map((n) => recipes.findIndex((r) => r.name === n));
    idx.forEach((x, k) => {
      if (x < 0) throw new ParameterError("--pair", names[k], `a recipe of the list (${recipes.map((r) => r.name).join(", ")})`);
    });
    if (idx[0] === idx[1]) throw new ParameterError("--pair", pairArg, "two different recipes");
    pairs = [[idx[0], idx[1]]];
  }
  const world = proxyWorld({ poolSize, seed: 0 });
  const p = proxyProblem(world, recipes, width, { featureSeed, keepFeatures: seeds > 0, pools: realisePools(world, recipes) });
  const rows = flipStudy(p, { batch, time, seeds, pairs });
  if (json) {
    for (const r of rows) {
      const { grid: _g, lossA: _a, lossB: _b, ...rest } = r;
      void _g;
      void _a;
      void _b;
      process.stdout.write(jsonLine(rest) + "\n");
    }
    return;
  }
  process.stdout.write(
    table(
      ["a", "b", "better at small lr", "one-step flip", "noise flip (tr H_v)", "noise flip (equilibrated)", "noise flip (GD drift)", "observed", "observed/predicted"],
      rows.map((r) => [r.a, r.b, r.winner, fmt(r.oneStep, 3), fmt(r.noise, 3), fmt(r.noiseEquilibrated, 3), fmt(r.discrete, 3), fmt(r.observed, 3), fmt(r.ratio, 3)]),
    ) + "\n",
  );
}
