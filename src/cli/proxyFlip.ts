/**
 * `datalaws proxy flip`: for pairs of recipes, the one-step Taylor flip lr, the predicted SGD-noise flip lr
 * (fixed-time regime) and, with --seeds > 0, the observed crossing of the seed-mean SGD losses.
 * JSON: one line per pair {a, b, winner, oneStep, noise, noiseEquilibrated, discrete, observed, ratio}.
 */
import { ParameterError } from "../core/validate";
import { flipStudy } from "../../theory/proxy/flipStudy";
import { proxyProblem, realisePools } from "../../theory/proxy/problem";
import { proxyWorld } from "../../theory/proxy/recipes";
import { defineCommand } from "./command";
import { JSON_FLAG } from "./common";
import { fmt, jsonLine, table } from "./output";
import { recipesOf, RECIPES_FLAG } from "./proxySweep";

export const command = defineCommand({
  name: "proxy flip",
  summary: "learning rates at which two data recipes swap order: one-step, SGD-noise predictions and (with --seeds) observed",
  flags: {
    recipes: RECIPES_FLAG,
    width: { kind: "integer", default: 128, bounds: { min: 1 }, description: "proxy width" },
    pair: { kind: "string", metavar: "A,B", defaultText: "every pair", description: "two recipe names of the list" },
    batch: { kind: "integer", default: 8, bounds: { min: 1 }, description: "SGD batch size" },
    time: { kind: "number", default: 1000, bounds: { gt: 0 }, metavar: "TAU", description: "training time τ = ηT" },
    seeds: { kind: "integer", default: 0, bounds: { min: 0 }, description: "SGD seeds for the observed crossing (0: predictions only)" },
    "feature-seed": { kind: "integer", default: 0, bounds: { min: 0 }, description: "seed of the random features" },
    pool: { kind: "integer", default: 2000, bounds: { min: 10 }, description: "examples in each recipe's pool" },
    json: JSON_FLAG,
  },
  notes: "With --json: one line per pair {a, b, winner, oneStep, noise, noiseEquilibrated, discrete, observed, ratio}; an lr that does not exist is written \"inf\".",
  examples: ["proxy flip --recipes spec10 --width 16 --pool 300", "proxy flip --recipes spec10 --pair spec-0,spec-3 --seeds 4"],
  async run(o) {
    const recipes = recipesOf(o.recipes);
    let pairs: Array<[number, number]> | undefined;
    if (o.pair !== undefined) {
      const names = o.pair.split(",").map((s) => s.trim());
      if (names.length !== 2) throw new ParameterError("--pair", o.pair, "two recipe names A,B");
      const idx = names.map((n) => recipes.findIndex((r) => r.name === n));
      idx.forEach((x, k) => {
        if (x < 0) throw new ParameterError("--pair", names[k], `a recipe of the list (${recipes.map((r) => r.name).join(", ")})`);
      });
      if (idx[0] === idx[1]) throw new ParameterError("--pair", o.pair, "two different recipes");
      pairs = [[idx[0], idx[1]]];
    }
    const world = proxyWorld({ poolSize: o.pool, seed: 0 });
    const p = proxyProblem(world, recipes, o.width, { featureSeed: o["feature-seed"], keepFeatures: o.seeds > 0, pools: realisePools(world, recipes) });
    const rows = flipStudy(p, { batch: o.batch, time: o.time, seeds: o.seeds, pairs });
    if (o.json) {
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
  },
});
