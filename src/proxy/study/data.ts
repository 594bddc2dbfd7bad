/**
 * Data of the transformer proxy study, as functions that worker threads load by module path
 * (`DataSpec` of `trainMany`): the four-domain mixture, the training batches of a recipe (seeded by
 * (seed, step), with the recipe's corruption and duplication; `recipeSource`), and the fixed clean
 * validation sets, one per domain, drawn on the tasks' test stream that no training batch uses.
 * The validation loss of a run is the mean over the domains of each domain's per-token loss (the
 * paper validates on The Pile's domains, arXiv 2512.24503).
 */
import * as path from "node:path";
import { Rng } from "../../core/rng";
import { requireInteger } from "../../core/validate";
import type { TokenBatch } from "../../nn/gpt";
import { packageRoot } from "../../run/store";
import { makeBatch, TEST_STREAM, tokenBatch } from "../../tasks/batch";
import { mixtureTask, type MixtureTask } from "../../tasks/mixture";
import { modularArithmeticTask } from "../../tasks/modularArithmetic";
import { multiHopQaTask } from "../../tasks/multiHopQa";
import { recipeSource, type Recipe } from "../../tasks/recipe";
import { s5Task } from "../../tasks/s5";
import { zipfLanguage } from "../../tasks/zipfLanguage";
import { PROXY_DOMAIN_NAMES, type ProxyDomains } from "./config";

/** Seed of the shared validation sets (drawn on TEST_STREAM, per domain). */
export const PROXY_VALIDATION_SEED = 0x9a01;

/** Arguments of the training-data function (serialisable: they travel to the worker threads). */
export interface ProxyDataArgs {
  domains: ProxyDomains;
  recipe: Recipe;
  /** seed of the run's data stream (and duplication pool) */
  seed: number;
  /** sequences per step */
  batchSize: number;
}

/** The compiled module the workers load (always under dist/, also when called from the TypeScript sources). */
export const PROXY_DATA_MODULE = (): string => path.join(packageRoot(), "dist", "src", "proxy", "study", "data.js");

const mixtures = new Map<string, MixtureTask>();
/** The four-domain mixture (language, arithmetic, qa, s5) of a config, memoised per options. */
export function proxyMixture(domains: ProxyDomains): MixtureTask {
  const key = JSON.stringify(domains);
  let m = mixtures.get(key);
  if (!m) {
    m = mixtureTask(
      [{ task: zipfLanguage(domains.language) }, { task: modularArithmeticTask(domains.arithmetic) }, { task: multiHopQaTask(domains.qa) }, { task: s5Task(domains.s5) }],
      { name: "proxy-domains" },
    );
    mixtures.set(key, m);
  }
  return m;
}

/** The training batches of a recipe: step s is `recipeSource(mixture, recipe, seed).batch(s, B)`. */
export function recipeData(args: ProxyDataArgs): (step: number) => TokenBatch {
  const B = requireInteger("batchSize", args.batchSize, { min: 1 });
  const src = recipeSource(proxyMixture(args.domains), args.recipe, args.seed);
  return (step) => tokenBatch(src.batch(step, B));
}

/** The clean validation sets, one per domain: `size` test-format problems (or windows) of each. */
export function validationSets(domains: ProxyDomains, size: number): Record<string, TokenBatch> {
  requireInteger("size", size, { min: 1 });
  const m = proxyMixture(domains);
  const out: Record<string, TokenBatch> = {};
  PROXY_DOMAIN_NAMES.forEach((name, c) => {
    const rng = new Rng(PROXY_VALIDATION_SEED, TEST_STREAM, c);
    const rows = Array.from({ length: size }, () => m.componentSample(rng, c, "test"));
    out[name] = tokenBatch(makeBatch(rows, m.contextLength, m.padToken));
  });
  return out;
}

/** The validation loss of a run: the mean over the domains of each domain's loss (`evalResults` = one evaluation's results). */
export function domainMeanLoss(evalResults: Record<string, { loss: number }>): number {
  let s = 0;
  for (const name of PROXY_DOMAIN_NAMES) {
    const r = evalResults[name];
    if (!r) throw new Error(`evaluation has no validation set "${name}"`);
    s += r.loss;
  }
  const L = s / PROXY_DOMAIN_NAMES.length;
  return Number.isFinite(L) ? L : Infinity; // a diverged run (NaN or ∞ loss) ranks last
}
