/**
 * Configurations of the transformer proxy study (a small synthetic analogue of
 * the LLM experiment of Wang, Wu, Lyu, Zou, Song, Jia, Mittal, "Can Small Training Runs Reliably Guide
 * Data Curation? Rethinking Proxy-Model Practice", arXiv 2512.24503). Every number here is this
 * toolkit's documented default, not the paper's: the paper ranks 23 Pile / DCLM / RedPajama recipes
 * with GPT2-125M, OPT-125M and Pythia-70M proxies against per-recipe-tuned targets up to Pythia-1B; its
 * optimiser, schedule, batch size, context and tuning grids are not all stated. Here the "domains"
 * are the toolkit's synthetic task families, a recipe is a mixture of them with quality (token
 * corruption) and duplication knobs (`src/tasks/recipe.ts`), both proxy and target use AdamW with a
 * short linear warm-up and cosine decay to 10 % (a conventional default), and the proxy
 * learning rates span ≈ 2.5 orders of magnitude below and around the "standard" rate of the proxy.
 */
import type { Scale } from "../../core/scale";
import { ParameterError, requireInteger, requireNumber } from "../../core/validate";
import type { GptConfig } from "../../nn/gpt";
import type { ModularArithmeticOptions } from "../../tasks/modularArithmetic";
import type { QaOptions } from "../../tasks/multiHopQa";
import type { Recipe } from "../../tasks/recipe";
import type { S5Options } from "../../tasks/s5";
import type { ZipfLanguageOptions } from "../../tasks/zipfLanguage";

/** The four domains (task families) every recipe mixes, in component order. */
export interface ProxyDomains {
  /** Zipf Markov language (a "web text" stream) */
  language: ZipfLanguageOptions;
  /** multi-step modular arithmetic */
  arithmetic: ModularArithmeticOptions;
  /** multi-hop QA over a random knowledge graph */
  qa: QaOptions;
  /** S5 state tracking */
  s5: S5Options;
}

/** Names of the domains, in component order. */
export const PROXY_DOMAIN_NAMES = ["language", "arithmetic", "qa", "s5"] as const;

/** A model of the study (vocab and context come from the mixture). */
export type StudyModel = Omit<GptConfig, "vocab" | "context" | "lnEps" | "initStd">;

/** One side of the study: the model, its learning rates, steps and batch size. */
export interface ProxySide {
  model: StudyModel;
  /** learning rates (peak of the warm-up + cosine schedule) */
  lrs: number[];
  steps: number;
  /** sequences per step */
  batchSize: number;
  /** seeds (initialisation and data stream) */
  seeds: number[];
}

/** Everything that determines the study's result (stored with it; a change recomputes). */
export interface ProxyStudyConfig {
  /** name of the configuration (the scale, or e.g. "micro" for tests) */
  name: string;
  domains: ProxyDomains;
  /** the data recipes (weights over the four domains, quality, duplication) */
  recipes: Recipe[];
  /** small proxy models over a learning-rate sweep */
  proxy: ProxySide;
  /** larger target models tuned per recipe over `target.lrs` (best validation loss) */
  target: ProxySide;
  /** the proxy's "standard" learning rate (the fixed-configuration baseline; one of proxy.lrs) */
  standardLr: number;
  /** the reduced ("tiny") proxy learning rate of the claim (one of proxy.lrs) */
  tinyLr: number;
  /**
   * Long proxy runs (proxy steps ∈ {300, 2000} at scale small): the proxy model,
   * recipes and seeds again at `lrs` (a subset of proxy.lrs that includes the standard and the tiny
   * lr) for `steps` > proxy.steps steps. At a fixed short length a tiny lr barely moves the loss and
   * ranks by first-order alignment (the fixed-steps regime of the random-feature analogue, `proxy.fixed-steps-alignment`); trained longer it shows whether the tiny-lr ranking
   * is the better one once the proxy has learned. Absent: not run.
   */
  longProxy?: { steps: number; lrs: number[] };
  /** warm-up steps as a fraction of all steps; cosine decay to `minRatio`·lr */
  warmupFraction: number;
  minRatio: number;
  weightDecay: number;
  /** validation problems per domain (the validation loss is the mean over the four domains of each domain's loss) */
  validationPerDomain: number;
}

const DOMAINS: ProxyDomains = {
  language: { vocabSize: 32, contextLength: 12, exponent: 1, couplings: 4, structure: 0.9, seed: 0 },
  arithmetic: { P: 11, k: 2 },
  qa: { entities: 24, relations: 4, k: 2, factFraction: 0.5, graphSeed: 0 },
  s5: { k: 2 },
};

/**
 * The recipes (weights over language, arithmetic, qa, s5), along the paper's curation axes
 * (arXiv 2512.24503): domain composition, quality filtering (token corruption 1 − q), and deduplication
 * (share of examples copied from a small pool). The first 8 are the ci set; `small` adds 4.
 */
export const PROXY_RECIPES: Recipe[] = [
  { name: "uniform", weights: [1, 1, 1, 1] },
  { name: "language-heavy", weights: [4, 1, 1, 1] },
  { name: "arithmetic-heavy", weights: [1, 4, 1, 1] },
  { name: "qa-heavy", weights: [1, 1, 4, 1] },
  { name: "noisy-q0.8", weights: [1, 1, 1, 1], quality: 0.8 },
  { name: "noisy-language-heavy", weights: [4, 1, 1, 1], quality: [0.6, 1, 1, 1] },
  { name: "dup-mild", weights: [1, 1, 1, 1], duplication: { fraction: 0.5, poolSize: 256 } },
  { name: "dup-heavy", weights: [1, 1, 1, 1], duplication: { fraction: 0.9, poolSize: 64 } },
  { name: "s5-heavy", weights: [1, 1, 1, 4] },
  { name: "noisy-arithmetic-heavy", weights: [1, 4, 1, 1], quality: [1, 0.6, 1, 1] },
  { name: "dup-noisy", weights: [1, 1, 1, 1], quality: 0.9, duplication: { fraction: 0.7, poolSize: 128 } },
  { name: "qa-language", weights: [3, 1, 3, 1] },
];

const PROXY_LRS = [1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5];

/**
 * The named configurations. `ci`: 8 recipes, 3 proxy lrs, 2 proxy seeds, targets over 3 lrs with 1 seed,
 * long proxies at 1.5× the steps (under 2 minutes on 2 cores). `small`: 12 recipes, 7 proxy lrs
 * (3e-2 … 3e-5) at 300 steps and the standard and tiny lr at 2000 (two run lengths), 3 proxy seeds, targets tuned over 4 lrs
 * (1e-3 … 3e-2) with 2 seeds each (under 15 minutes on a 2-core CPU). `paper`: a GPU
 * analogue (proxy 2 layers d = 128 at 300 and 2000 steps, target 4 layers d = 256; 12 recipes) —
 * named, not run here.
 */
export const PROXY_STUDY_CONFIGS: Record<Scale, ProxyStudyConfig> = {
  ci: {
    name: "ci",
    domains: DOMAINS,
    recipes: PROXY_RECIPES.slice(0, 8),
    proxy: { model: { layers: 1, dModel: 16, heads: 2, mlpRatio: 4 }, lrs: [3e-3, 3e-4, 3e-5], steps: 150, batchSize: 16, seeds: [1, 2] },
    target: { model: { layers: 2, dModel: 32, heads: 2, mlpRatio: 4 }, lrs: [3e-3, 1e-2, 3e-2], steps: 300, batchSize: 16, seeds: [1] },
    standardLr: 3e-3,
    tinyLr: 3e-5,
    longProxy: { steps: 450, lrs: [3e-3, 3e-5] },
    warmupFraction: 0.05,
    minRatio: 0.1,
    weightDecay: 0.1,
    validationPerDomain: 128,
  },
  small: {
    name: "small",
    domains: DOMAINS,
    recipes: PROXY_RECIPES,
    proxy: { model: { layers: 1, dModel: 16, heads: 2, mlpRatio: 4 }, lrs: [3e-2, ...PROXY_LRS], steps: 300, batchSize: 16, seeds: [1, 2, 3] },
    target: { model: { layers: 2, dModel: 32, heads: 2, mlpRatio: 4 }, lrs: [1e-3, 3e-3, 1e-2, 3e-2], steps: 600, batchSize: 16, seeds: [1, 2] },
    standardLr: 3e-3,
    tinyLr: 3e-5,
    longProxy: { steps: 2000, lrs: [3e-3, 3e-5] },
    warmupFraction: 0.05,
    minRatio: 0.1,
    weightDecay: 0.1,
    validationPerDomain: 256,
  },
  paper: {
    name: "paper",
    domains: DOMAINS,
    recipes: PROXY_RECIPES,
    proxy: { model: { layers: 2, dModel: 128, heads: 4, mlpRatio: 4 }, lrs: [3e-3, 1e-3, 3e-4, 1e-4, 3e-5, 1e-5], steps: 300, batchSize: 64, seeds: [1, 2, 3] },
    target: { model: { layers: 4, dModel: 256, heads: 4, mlpRatio: 4 }, lrs: [3e-4, 1e-3, 2e-3, 4e-3], steps: 8000, batchSize: 64, seeds: [1, 2] },
    standardLr: 1e-3,
    tinyLr: 1e-5,
    longProxy: { steps: 2000, lrs: [3e-3, 1e-3, 3e-4, 1e-4, 3e-5, 1e-5] },
    warmupFraction: 0.02,
    minRatio: 0.1,
    weightDecay: 0.1,
    validationPerDomain: 1024,
  },
};

/** A config for tests of the machinery (a few seconds). */
export const PROXY_MICRO_CONFIG: ProxyStudyConfig = {
  name: "micro",
  domains: {
    language: { vocabSize: 8, contextLength: 6, exponent: 1, couplings: 2, structure: 0.9, seed: 0 },
    arithmetic: { P: 5, k: 1 },
    qa: { entities: 6, relations: 2, k: 2, factFraction: 0.5, graphSeed: 0 },
    s5: { k: 1 },
  },
  recipes: [
    { name: "uniform", weights: [1, 1, 1, 1] },
    { name: "language-heavy", weights: [4, 1, 1, 1] },
    { name: "noisy", weights: [1, 1, 1, 1], quality: 0.5 },
  ],
  proxy: { model: { layers: 1, dModel: 8, heads: 2, mlpRatio: 2 }, lrs: [1e-2, 1e-4], steps: 6, batchSize: 4, seeds: [1, 2] },
  target: { model: { layers: 1, dModel: 8, heads: 2, mlpRatio: 2 }, lrs: [3e-3, 1e-2], steps: 8, batchSize: 4, seeds: [1] },
  standardLr: 1e-2,
  tinyLr: 1e-4,
  longProxy: { steps: 8, lrs: [1e-2, 1e-4] },
  warmupFraction: 0.1,
  minRatio: 0.1,
  weightDecay: 0.1,
  validationPerDomain: 8,
};

function validateSide(name: string, s: ProxySide): void {
  requireInteger(`${name}.steps`, s.steps, { min: 1 });
  requireInteger(`${name}.batchSize`, s.batchSize, { min: 1 });
  if (s.lrs.length < 1) throw new ParameterError(`${name}.lrs`, "[]", "at least one learning rate");
  s.lrs.forEach((lr, i) => requireNumber(`${name}.lrs[${i}]`, lr, { gt: 0 }));
  if (new Set(s.lrs).size !== s.lrs.length) throw new ParameterError(`${name}.lrs`, s.lrs.join(","), "distinct values");
  if (s.seeds.length < 1) throw new ParameterError(`${name}.seeds`, "[]", "at least one seed");
  for (const x of s.seeds) requireInteger(`${name}.seed`, x, { min: 0 });
}

/** Validate a config (throws a `ParameterError` naming the field). */
export function validateProxyConfig(c: ProxyStudyConfig): ProxyStudyConfig {
  if (c.recipes.length < 3) throw new ParameterError("recipes.length", c.recipes.length, "≥ 3");
  const names = new Set<string>();
  for (const r of c.recipes) {
    if (!/^[A-Za-z0-9._-]+$/.test(r.name)) throw new ParameterError("recipe name", r.name, "letters, digits, '.', '_' or '-'");
    if (names.has(r.name)) throw new ParameterError("recipe name", r.name, "unique");
    names.add(r.name);
    if (r.weights.length !== PROXY_DOMAIN_NAMES.length) throw new ParameterError(`${r.name}.weights.length`, r.weights.length, `${PROXY_DOMAIN_NAMES.length}`);
  }
  validateSide("proxy", c.proxy);
  validateSide("target", c.target);
  if (!c.proxy.lrs.includes(c.standardLr)) throw new ParameterError("standardLr", c.standardLr, `one of proxy.lrs (${c.proxy.lrs.join(", ")})`);
  if (!c.proxy.lrs.includes(c.tinyLr)) throw new ParameterError("tinyLr", c.tinyLr, `one of proxy.lrs (${c.proxy.lrs.join(", ")})`);
  if (!(c.tinyLr < c.standardLr)) throw new ParameterError("tinyLr", c.tinyLr, `< standardLr = ${c.standardLr}`);
  if (c.longProxy) {
    requireInteger("longProxy.steps", c.longProxy.steps, { min: c.proxy.steps + 1 });
    for (const lr of c.longProxy.lrs) if (!c.proxy.lrs.includes(lr)) throw new ParameterError("longProxy.lrs", lr, `one of proxy.lrs (${c.proxy.lrs.join(", ")})`);
    if (new Set(c.longProxy.lrs).size !== c.longProxy.lrs.length) throw new ParameterError("longProxy.lrs", c.longProxy.lrs.join(","), "distinct values");
    for (const [name, lr] of [["standardLr", c.standardLr], ["tinyLr", c.tinyLr]] as const)
      if (!c.longProxy.lrs.includes(lr)) throw new ParameterError("longProxy.lrs", c.longProxy.lrs.join(","), `including ${name} = ${lr}`);
  }
  requireNumber("warmupFraction", c.warmupFraction, { min: 0, lt: 1 });
  requireNumber("minRatio", c.minRatio, { min: 0, max: 1 });
  requireNumber("weightDecay", c.weightDecay, { min: 0 });
  requireInteger("validationPerDomain", c.validationPerDomain, { min: 1 });
  return c;
}

/** The config of a scale. */
export function proxyStudyConfig(scale: Scale): ProxyStudyConfig {
  return validateProxyConfig(PROXY_STUDY_CONFIGS[scale]);
}
