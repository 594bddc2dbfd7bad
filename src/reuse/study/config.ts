/**
 * Configurations of the transformer reuse study (the LLM experiment of
 * Yan et al., "Larger Datasets Can Be Repeated More", arXiv 2511.13421, Section 6.3). Every number
 * here is this toolkit's documented default, not the paper's: the paper trained a ≈0.3B model on
 * DCLM with N ∈ {0.2, 0.5, 0.8, 1, 2}B unique tokens for up to 100 epochs; its batch size, sequence
 * length, learning rate and evaluation set are unknown. Like the paper, every run here uses the
 * same constant learning rate (no per-run tuning, no warm-up, no decay).
 */
import type { Scale } from "../../core/scale";
import type { GptConfig } from "../../nn/gpt";
import { requireInteger, requireNumber, ParameterError } from "../../core/validate";
import type { ZipfLanguageOptions } from "../../tasks/zipfLanguage";

/** Everything that determines the study's result (stored with it; a change recomputes). */
export interface ReuseStudyConfig {
  /** name of the configuration (the scale, or e.g. "micro" for tests) */
  name: string;
  /** the Zipf Markov language (vocabulary, exponent, couplings, structure, window length T, seed) */
  language: Required<ZipfLanguageOptions>;
  /** the transformer (vocab and context are set from the language) */
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
  /** seeds (replicates): each seed draws its own corpus, fresh stream and initialisation */
  seeds: number[];
  /** windows in the held-out validation set (shared by every run) */
  validationWindows: number;
  /** evaluation points of the one-pass curve per doubling of the token count */
  pointsPerOctave: number;
  /** λ of the saturation point K(λ, N): the first K with E(K,N) ≤ λK */
  lambda: number;
}

const language = (vocabSize: number, contextLength: number): Required<ZipfLanguageOptions> => ({
  vocabSize,
  exponent: 1,
  couplings: 4,
  structure: 0.9,
  contextLength,
  seed: 0,
});

/**
 * The named configurations. `ci`: well under a minute (three N, K ≤ 16). `small`: a 2-core CPU in
 * well under 15 minutes. `paper`: a GPU-scale analogue with the paper's N ratios (0.2…2 in units of
 * 10⁷ tokens) and 100 epochs — named, not run here.
 */
export const REUSE_STUDY_CONFIGS: Record<Scale, ReuseStudyConfig> = {
  ci: {
    name: "ci",
    language: language(64, 16),
    model: { layers: 1, dModel: 32, heads: 2, mlpRatio: 4 },
    N: [1024, 2048, 4096],
    Kmax: 16,
    batchSize: 8,
    lr: 3e-3,
    weightDecay: 0.01,
    seeds: [1, 2],
    validationWindows: 256,
    pointsPerOctave: 4,
    lambda: 0.75,
  },
  small: {
    name: "small",
    language: language(128, 32),
    model: { layers: 1, dModel: 32, heads: 2, mlpRatio: 4 },
    N: [2048, 4096, 8192, 16384, 32768],
    Kmax: 32,
    batchSize: 16,
    lr: 3e-3,
    weightDecay: 0.01,
    seeds: [1, 2, 3],
    validationWindows: 512,
    pointsPerOctave: 6,
    lambda: 0.75,
  },
  paper: {
    name: "paper",
    language: language(4096, 128),
    model: { layers: 8, dModel: 512, heads: 8, mlpRatio: 4 },
    N: [2_000_000, 5_000_000, 8_000_000, 10_000_000, 20_000_000].map((n) => Math.round(n / 8192) * 8192),
    Kmax: 100,
    batchSize: 64,
    lr: 1e-3,
    weightDecay: 0.01,
    seeds: [1, 2, 3],
    validationWindows: 4096,
    pointsPerOctave: 8,
    lambda: 0.75,
  },
};

/** A config for tests of the machinery (a few seconds). */
export const REUSE_MICRO_CONFIG: ReuseStudyConfig = {
  name: "micro",
  language: language(16, 8),
  model: { layers: 1, dModel: 8, heads: 2, mlpRatio: 2 },
  N: [128, 256],
  Kmax: 3,
  batchSize: 8,
  lr: 3e-3,
  weightDecay: 0.01,
  seeds: [1, 2],
  validationWindows: 32,
  pointsPerOctave: 3,
  lambda: 0.75,
};

/** Validate a config (throws a `ParameterError` naming the field). */
export function validateReuseConfig(c: ReuseStudyConfig): ReuseStudyConfig {
  const T = requireInteger("language.contextLength", c.language.contextLength, { min: 1 });
  const B = requireInteger("batchSize", c.batchSize, { min: 1 });
  requireInteger("Kmax", c.Kmax, { min: 2 });
  requireNumber("lr", c.lr, { gt: 0 });
  requireNumber("weightDecay", c.weightDecay, { min: 0 });
  requireInteger("validationWindows", c.validationWindows, { min: 1 });
  requireInteger("pointsPerOctave", c.pointsPerOctave, { min: 1 });
  requireNumber("lambda", c.lambda, { gt: 0, lt: 1 });
  if (c.N.length < 1) throw new ParameterError("N", "[]", "at least one budget");
  if (c.seeds.length < 1) throw new ParameterError("seeds", "[]", "at least one seed");
  for (const s of c.seeds) requireInteger("seed", s, { min: 0 });
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
