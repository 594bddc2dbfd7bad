/**
 * Configurations of the transformer proxy study (a small synthetic analogue of
 * the LLM experiment of Wang, Wu, Lyu, Zou, Song, Jia, Mittal, "Can Small Training Runs Reliably Guide
 * Data Curation? Rethinking Proxy-Model Practice", arXiv 2512.24503). Every number here is this
 * toolkit's documented default, not the paper's: the paper ranks 23 Pile / DCLM / RedPajama recipes
 * with GPT2-125M, OPT-125M and Pythia-70M proxies against per-recipe-tuned targets up to Pythia-1B; its
 * optimiser, schedule, batch size, context and tuning grids are not all stated. Here the "domains"
 * are the toolkit's synthetic task families, a recipe is a mixture of them with quality (token
 * corruption) and duplication knobs (`src/tasks/recipe.ts`), both proxy and target use AdamW with a
 * short linear warm-up and cosine decay to 10 % (a conventional default). The proxies run in the two
 * regimes of the random-feature theory — a fixed number of steps at every lr, and a fixed training
 * time lr × steps — and the standard proxy lr is measured (the baseline recipe's best proxy lr). */
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

/**
 * The fixed-time regime of the proxy sweep: proxies at each lr of `lrs` for round(time / lr) steps, so
 * that lr × steps (the "training time" of the random-feature theory, `theory/proxy/training.ts`) is the
 * same at every lr. The theory says a tiny-lr proxy ranks recipes by what they can teach only in this
 * regime; at a fixed number of steps it ranks them by the first-order alignment of their gradients at
 * initialisation (`proxy.fixed-steps-alignment`).
 */
export interface FixedTimeSweep {
  /** lr × steps of every run */
  time: number;
  /** learning rates (each gets round(time / lr) ≥ 1 steps); must include the standard lr and standard / reducedFactor */
  lrs: number[];
}

/** Everything that determines the study's result (stored with it; a change recomputes). */
export interface ProxyStudyConfig {
  /** name of the configuration (the scale, or e.g. "micro" for tests) */
  name: string;
  domains: ProxyDomains;
  /** the data recipes (weights over the four domains, quality, duplication); the first is the **baseline** */
  recipes: Recipe[];
  /**
   * Small proxy models at every lr of `proxy.lrs` for `proxy.steps` steps (the fixed-steps regime). The
   * **standard** proxy lr is measured, not chosen: the lr of this sweep at which the baseline recipe
   * (recipes[0]) reaches its lowest seed-mean validation loss — what a practitioner would use.
   */
  proxy: ProxySide;
  /** the same proxies in the fixed-time regime (lr × steps fixed) */
  fixedTime: FixedTimeSweep;
  /** larger target models tuned per recipe over `target.lrs` (best seed-mean validation loss) */
  target: ProxySide;
  /** the reduced proxy lr of the claims is standard lr / reducedFactor (100: two decades) */
  reducedFactor: number;
  /** warm-up steps as a fraction of all steps; cosine decay to `minRatio`·lr */
  warmupFraction: number;
  minRatio: number;
  weightDecay: number;
  /** validation problems per domain (the validation loss is the mean over the four domains of each domain's loss) */
  validationPerDomain: number;
}

/** Steps of a fixed-time run at `lr`: round(time / lr), at least 1. */
export const fixedTimeSteps = (time: number, lr: number): number => Math.max(1, Math.round(time / lr));

const DOMAINS: ProxyDomains = {
  language: { vocabSize: 32, contextLength: 12, exponent: 1, couplings: 4, structure: 0.9, seed: 0 },
  arithmetic: { P: 11, k: 2 },
  qa: { entities: 24, relations: 4, k: 2, factFraction: 0.5, graphSeed: 0 },
  s5: { k: 2 },
};

/**
 * The recipes (weights over language, arithmetic, qa, s5), along the paper's curation axes
 * (arXiv 2512.24503): domain composition, quality filtering (token corruption 1 − q), and deduplication
 * (share of examples copied from a small pool). Chosen so that per-recipe tuning reorders them (the
 * study's premise), after the random-feature theory's rule (`theory/proxy/flipStudy.ts`): two recipes
 * swap order at η_flip = ΔD/Δn when one has the better drift D (what it teaches) and the other the
 * smaller lr-sensitivity n, so the world needs recipes with close tuned losses and very different
 * lr-sensitivities. Pilots (single seeds, 400 steps of the target; numbers in notebook 13) found two
 * ingredients with a large sensitivity growing with lr × steps — a small duplicated pool (memorised)
 * and a rare or missing domain (its tokens pushed down) — best target lr ≤ 10⁻³; and clean or
 * corrupted language-dominated mixtures that need large lrs (best 10⁻²–3·10⁻²), corruption setting
 * their level. The recipes alternate between the two groups; `ci` takes the first 8.
 */
export const PROXY_RECIPES: Recipe[] = [
  { name: "uniform", weights: [1, 1, 1, 1] },
  { name: "dup-pool256", weights: [1, 1, 1, 1], duplication: { fraction: 1, poolSize: 256 } },
  { name: "language-dominant", weights: [40, 1, 1, 1] },
  { name: "qa-rare-noisy", weights: [1, 1, 0.01, 1], quality: 0.3 },
  { name: "language-heavy-noisy", weights: [12, 1, 1, 1], quality: 0.1 },
  { name: "dup-pool128", weights: [1, 1, 1, 1], duplication: { fraction: 1, poolSize: 128 } },
  { name: "language-dominant-noisy", weights: [40, 1, 1, 1], quality: 0.05 },
  { name: "no-s5", weights: [1, 1, 1, 0] },
  { name: "dup-pool64", weights: [1, 1, 1, 1], duplication: { fraction: 1, poolSize: 64 } },
];

/** Fixed-time lrs (lr × steps = time): the standard lr measured in the pilots (3·10⁻² for the baseline at 200 proxy steps) and 1–2.5 decades around and below it. */
const FIXED_TIME_LRS = [1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4];

/**
 * The named configurations. Proxy: 1-layer GPT, d = 8; target: 2-layer GPT, d = 32 (4× wider, 2×
 * deeper). `small`: 9 recipes; targets tuned over 5 lrs (3·10⁻⁴ … 3·10⁻²) with 3 seeds at 400 steps;
 * proxies with 3 seeds over 7 lrs (10⁻¹ … 10⁻⁴) at 200 steps (fixed steps) and over 6 lrs (10⁻¹ …
 * 3·10⁻⁴) at lr × steps = 1.2 (12 … 4000 steps: fixed time). Steps: 9·5·3·400 = 54 000 target steps
 * and 9·3·(7·200 + 5772) = 193 644 proxy steps. Quiet-machine estimate (Σ steps × ms/step / 2
 * threads, ms/step measured on this machine while three other jobs kept the load at 7–10, so an upper
 * bound): target ≈ 16–18 ms/step, proxy ≈ 5.8 ms/step → (54 000·17 + 193 644·5.8)/2 ≈ 16.9 min
 * loaded; measured: 1913 s for the whole `small` study (492 runs) with the machine at load 6–10,
 * the lead times the quiet run. `ci`: 8 recipes, 2 proxy seeds, 1 target seed at 150
 * steps, proxies at 100 steps and lr × steps = 0.3: (8·5·150·17 + 8·2·(6·100 + 1443)·5.8)/2 ≈ 2.6
 * min loaded (measured under load, resuming a killed run: 207 s for its last 225 of 235 runs). `paper`: a GPU analogue (proxy 2 layers d = 32, target 4 layers d = 128 at 8000
 * steps) — named, not run here.
 */
export const PROXY_STUDY_CONFIGS: Record<Scale, ProxyStudyConfig> = {
  ci: {
    name: "ci",
    domains: DOMAINS,
    recipes: PROXY_RECIPES.slice(0, 8),
    proxy: { model: { layers: 1, dModel: 8, heads: 2, mlpRatio: 4 }, lrs: [1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4], steps: 100, batchSize: 16, seeds: [1, 2] },
    fixedTime: { time: 0.3, lrs: FIXED_TIME_LRS },
    target: { model: { layers: 2, dModel: 32, heads: 2, mlpRatio: 4 }, lrs: [3e-4, 1e-3, 3e-3, 1e-2, 3e-2], steps: 150, batchSize: 16, seeds: [1] },
    reducedFactor: 100,
    warmupFraction: 0.05,
    minRatio: 0.1,
    weightDecay: 0.1,
    validationPerDomain: 128,
  },
  small: {
    name: "small",
    domains: DOMAINS,
    recipes: PROXY_RECIPES,
    proxy: { model: { layers: 1, dModel: 8, heads: 2, mlpRatio: 4 }, lrs: [1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4, 1e-4], steps: 200, batchSize: 16, seeds: [1, 2, 3] },
    fixedTime: { time: 1.2, lrs: FIXED_TIME_LRS },
    target: { model: { layers: 2, dModel: 32, heads: 2, mlpRatio: 4 }, lrs: [3e-4, 1e-3, 3e-3, 1e-2, 3e-2], steps: 400, batchSize: 16, seeds: [1, 2, 3] },
    reducedFactor: 100,
    warmupFraction: 0.05,
    minRatio: 0.1,
    weightDecay: 0.1,
    validationPerDomain: 256,
  },
  paper: {
    name: "paper",
    domains: DOMAINS,
    recipes: PROXY_RECIPES,
    proxy: { model: { layers: 2, dModel: 32, heads: 4, mlpRatio: 4 }, lrs: [1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5, 1e-5], steps: 1000, batchSize: 64, seeds: [1, 2, 3] },
    fixedTime: { time: 10, lrs: [1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4, 1e-4] },
    target: { model: { layers: 4, dModel: 128, heads: 4, mlpRatio: 4 }, lrs: [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2], steps: 8000, batchSize: 64, seeds: [1, 2, 3] },
    reducedFactor: 100,
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
  proxy: { model: { layers: 1, dModel: 8, heads: 2, mlpRatio: 2 }, lrs: [1e-2, 1e-3], steps: 6, batchSize: 4, seeds: [1, 2] },
  fixedTime: { time: 0.06, lrs: [1e-2, 1e-3] },
  target: { model: { layers: 1, dModel: 8, heads: 2, mlpRatio: 2 }, lrs: [3e-3, 1e-2], steps: 8, batchSize: 4, seeds: [1, 2] },
  reducedFactor: 10,
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
  requireNumber("reducedFactor", c.reducedFactor, { min: 10 });
  requireNumber("fixedTime.time", c.fixedTime.time, { gt: 0 });
  if (c.fixedTime.lrs.length < 2) throw new ParameterError("fixedTime.lrs", c.fixedTime.lrs.join(","), "at least two learning rates");
  c.fixedTime.lrs.forEach((lr, i) => requireNumber(`fixedTime.lrs[${i}]`, lr, { gt: 0 }));
  if (new Set(c.fixedTime.lrs).size !== c.fixedTime.lrs.length) throw new ParameterError("fixedTime.lrs", c.fixedTime.lrs.join(","), "distinct values");
  if (Math.max(...c.fixedTime.lrs) / Math.min(...c.fixedTime.lrs) < c.reducedFactor * (1 - 1e-9))
    throw new ParameterError("fixedTime.lrs", c.fixedTime.lrs.join(","), `a span of at least reducedFactor = ${c.reducedFactor}`);
  if (Math.max(...c.proxy.lrs) / Math.min(...c.proxy.lrs) < c.reducedFactor * (1 - 1e-9))
    throw new ParameterError("proxy.lrs", c.proxy.lrs.join(","), `a span of at least reducedFactor = ${c.reducedFactor}`);
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
