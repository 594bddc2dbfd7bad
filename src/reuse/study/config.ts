/**
 * Configurations of the transformer reuse study (the LLM experiment of
 * Yan et al., "Larger Datasets Can Be Repeated More", arXiv 2511.13421, Section 6.3). Every number
 * here is this toolkit's documented default, not the paper's: the paper trained a ≈0.3B model on
 * DCLM with N ∈ {0.2, 0.5, 0.8, 1, 2}B unique tokens for up to 100 epochs; its batch size, sequence
 * length, learning rate and evaluation set are unknown. Like the paper, every run here uses the
 * same constant learning rate (no per-run tuning, no warm-up, no decay). The data are this toolkit's
 * Zipf facts language (`src/tasks/zipfFacts.ts`), the transformer analogue of the paper's Zipf model.
 */
import type { Scale } from "../../core/scale";
import type { GptConfig } from "../../nn/gpt";
import { requireInteger, requireNumber, ParameterError } from "../../core/validate";
import { gptConfig } from "../../nn/gpt";
import { validateZipfFacts, type ZipfFactsOptions } from "../../tasks/zipfFacts";

/** Everything that determines the study's result (stored with it; a change recomputes). */
export interface ReuseStudyConfig {
  /** name of the configuration (the scale, or e.g. "micro" for tests) */
  name: string;
  /** the Zipf facts language (alphabet A, items M, exponents α = a − b and b, facts per window F, seed) */
  facts: ZipfFactsOptions;
  /** the transformer (vocab and context are set from the language: V = A, T = 3F) */
  model: Omit<GptConfig, "vocab" | "context" | "lnEps" | "initStd"> & Partial<Pick<GptConfig, "initStd">>;
  /** N: unique-token budgets (each a multiple of T·B so that an epoch is a whole number of steps) */
  N: number[];
  /** K_max: epochs of every multi-epoch run (the validation loss is recorded after each epoch) */
  Kmax: number;
  /** B: windows per step (the same for every run) */
  batchSize: number;
  /** the one constant learning rate of every run */
  lr: number;
  /** AdamW weight decay (decoupled; matrices and embeddings only) */
  weightDecay: number;
  /** AdamW β₂ and the global gradient-norm clip (the same for every run) */
  beta2: number;
  clipNorm: number;
  /** seeds (replicates): each seed draws its own corpus, fresh stream and initialisation */
  seeds: number[];
  /** windows in the held-out validation set (shared by every run) */
  validationWindows: number;
  /** evaluation points of the one-pass curve per doubling of the token count */
  pointsPerOctave: number;
  /** λ of the saturation point K(λ, N): the first K with E(K,N) ≤ λK */
  lambda: number;
}

/**
 * The facts language of a scale: α = 1.5, b = 0.5 (the theory's a = α + b = 2: one-pass exponent
 * (a−1)/a = 1/2, saturation-level exponent b/(a−b) = 1/3), keys of two tokens. Pilots at `small`
 * (one seed, d = 64): with b = 0.25 the saturation point K(0.75,N) was ≈ 9.5 at N = 7,680 and ≈ 6 at
 * N = 76,800; with b = 0.5, ≈ 14 at N = 7,680; with b = 1, E(16, 7,680)/16 ≈ 1 (no saturation within
 * K_max at the smallest N). A d = 128 model learned no faster per epoch at N = 7,680 and cost 6× more.
 * A first full `small` run with AdamW's default β₂ = 0.999 and no clipping had loss spikes (a K-epoch
 * loss jumping 2–8× for an epoch or two, then recovering) that decided K(0.75,N) at two of four N; so
 * every run now uses β₂ = 0.95 and a global gradient-norm clip of 1 (common practice for transformers).
 */
const facts = (alphabet: number, items: number, factsPerWindow: number): ZipfFactsOptions => ({
  alphabet,
  items,
  frequencyExponent: 1.5,
  weightExponent: 0.5,
  factsPerWindow,
  seed: 0,
});

/** T·B tokens per step times `steps`: N with a whole number of steps per epoch. */
const tokens = (f: ZipfFactsOptions, B: number, steps: number[]): number[] => steps.map((s) => s * 3 * f.factsPerWindow * B);

const CI_FACTS = facts(32, 1024, 4);
const SMALL_FACTS = facts(64, 4096, 8);
const PAPER_FACTS = facts(256, 65536, 32);

/**
 * The named configurations. `ci`: well under two minutes (three N, K ≤ 8). `small`: two seeds of
 * four N over 1.5 decades (20 … 640 steps per epoch), K_max = 32, and a one pass over K_max·N_max
 * fresh tokens — about 100k optimizer steps of a 1-layer d = 64 GPT, ≈ 15 min on 2 cores. `paper`: a
 * GPU-scale analogue (8 layers, d = 512, 65,536 facts, N over 1.5 decades, 100 epochs) — named, not run here.
 */
export const REUSE_STUDY_CONFIGS: Record<Scale, ReuseStudyConfig> = {
  ci: {
    name: "ci",
    facts: CI_FACTS,
    model: { layers: 1, dModel: 32, heads: 2, mlpRatio: 4 },
    N: tokens(CI_FACTS, 8, [20, 40, 80]),
    Kmax: 8,
    batchSize: 8,
    lr: 3e-3,
    weightDecay: 0.01,
    beta2: 0.95,
    clipNorm: 1,
    seeds: [1, 2],
    validationWindows: 256,
    pointsPerOctave: 4,
    lambda: 0.75,
  },
  small: {
    name: "small",
    facts: SMALL_FACTS,
    model: { layers: 1, dModel: 64, heads: 2, mlpRatio: 4 },
    N: tokens(SMALL_FACTS, 16, [20, 64, 200, 640]),
    Kmax: 32,
    batchSize: 16,
    lr: 3e-3,
    weightDecay: 0.01,
    beta2: 0.95,
    clipNorm: 1,
    seeds: [1, 2],
    validationWindows: 512,
    pointsPerOctave: 6,
    lambda: 0.75,
  },
  paper: {
    name: "paper",
    facts: PAPER_FACTS,
    model: { layers: 8, dModel: 512, heads: 8, mlpRatio: 4 },
    N: tokens(PAPER_FACTS, 64, [20, 64, 200, 640, 2000]),
    Kmax: 100,
    batchSize: 64,
    lr: 1e-3,
    weightDecay: 0.01,
    beta2: 0.95,
    clipNorm: 1,
    seeds: [1, 2, 3],
    validationWindows: 4096,
    pointsPerOctave: 8,
    lambda: 0.75,
  },
};

/** A config for tests of the machinery (a few seconds). */
export const REUSE_MICRO_CONFIG: ReuseStudyConfig = {
  name: "micro",
  facts: facts(16, 256, 2),
  model: { layers: 1, dModel: 8, heads: 2, mlpRatio: 2 },
  N: [96, 192],
  Kmax: 3,
  batchSize: 8,
  lr: 3e-3,
  weightDecay: 0.01,
  beta2: 0.95,
  clipNorm: 1,
  seeds: [1, 2],
  validationWindows: 32,
  pointsPerOctave: 3,
  lambda: 0.75,
};

/** T: tokens per window of a config. */
export const windowTokens = (c: ReuseStudyConfig): number => 3 * c.facts.factsPerWindow;

/** Validate a config (throws a `ParameterError` naming the field). */
export function validateReuseConfig(c: ReuseStudyConfig): ReuseStudyConfig {
  validateZipfFacts(c.facts);
  const T = windowTokens(c);
  const B = requireInteger("batchSize", c.batchSize, { min: 1 });
  requireInteger("Kmax", c.Kmax, { min: 2 });
  requireNumber("lr", c.lr, { gt: 0 });
  requireNumber("weightDecay", c.weightDecay, { min: 0 });
  requireNumber("beta2", c.beta2, { min: 0, lt: 1 });
  requireNumber("clipNorm", c.clipNorm, { gt: 0 });
  requireInteger("validationWindows", c.validationWindows, { min: 1 });
  requireInteger("pointsPerOctave", c.pointsPerOctave, { min: 1 });
  requireNumber("lambda", c.lambda, { gt: 0, lt: 1 });
  // the model: every field named (a missing model would silently become the engine's default GPT)
  if (c.model === null || typeof c.model !== "object") throw new ParameterError("model", c.model, "{ layers, dModel, heads, mlpRatio } of the GPT");
  for (const k of ["layers", "dModel", "heads", "mlpRatio"] as const) requireInteger(`model.${k}`, c.model[k], { min: 1 });
  if (c.model.dModel % c.model.heads !== 0) throw new ParameterError("model.dModel", c.model.dModel, `divisible by model.heads = ${c.model.heads}`);
  if (c.model.initStd !== undefined) requireNumber("model.initStd", c.model.initStd, { gt: 0 });
  gptConfig({ ...c.model, vocab: c.facts.alphabet, context: T });
  if (!Array.isArray(c.N) || c.N.length < 1) throw new ParameterError("N", c.N, "a non-empty list of unique-token budgets");
  if (!Array.isArray(c.seeds) || c.seeds.length < 1) throw new ParameterError("seeds", c.seeds, "a non-empty list of seeds");
  c.seeds.forEach((s, i) => {
    requireInteger(`seeds[${i}]`, s, { min: 0 });
    // a repeated seed would give two runs the same key, and so the same checkpoint and state files
    if (c.seeds.indexOf(s) !== i) throw new ParameterError(`seeds[${i}]`, s, `distinct from seeds[${c.seeds.indexOf(s)}] (each seed is one replicate with its own run files)`);
  });
  c.N.forEach((n, i) => {
    requireInteger(`N[${i}]`, n, { min: T * B });
    if (n % (T * B) !== 0) throw new ParameterError(`N[${i}]`, n, `a multiple of T·B = ${T * B}`);
    if (i > 0 && n <= c.N[i - 1]) throw new ParameterError(`N[${i}]`, n, `> N[${i - 1}] = ${c.N[i - 1]} (increasing)`);
  });
  return c;
}

/** The config of a scale. */
export function reuseStudyConfig(scale: Scale): ReuseStudyConfig {
  return validateReuseConfig(REUSE_STUDY_CONFIGS[scale]);
}
