/**
 * A Zipf "facts" language: the transformer analogue of the Zipf one-hot model of the reuse theory
 * (Yan et al., arXiv 2511.13421, Section 5; `theory/reuse/zipf.ts`), built for the transformer reuse study.
 *
 * The theory's model: item i (frequency rank i = 1, 2, …) occurs with probability p_i ∝ i^{−(a−b)},
 * carries its own unknown coefficient, and is learned at a per-exposure rate Λ_i ∝ i^{−b}; the risk
 * weighs item i by p_i Λ_i. Then one pass over t samples learns the items with t·p_i·Λ_i ≳ 1, while
 * many epochs over N samples learn every item the corpus contains (N·p_i ≳ 1), so rare items are
 * both rarely seen *and* slow to learn, and the saturation level E(∞,N) grows like N^{b/(a−b)}
 * (Thm 5.2). With b = 0 it would not grow: every item would need the same number of exposures.
 *
 * Here (this toolkit's construction): an item is a key of two tokens (k₁, k₂) from an alphabet of A
 * tokens, with a value v(i) drawn once, uniformly from the same alphabet (the seeded "facts").
 * A window is a run of facts `k₁ k₂ v k₁ k₂ v …`, each fact's item drawn i.i.d. with p_i ∝ i^{−α}
 * (α = a − b) over M items (the map from rank to key is a seeded permutation, so frequent items share
 * no token structure). Only the value positions are scored, each with the loss weight Λ_i = i^{−b}:
 * a rare fact moves the model less per exposure (its gradient is scaled by Λ_i) and matters less to
 * the loss, as in the theory. The values are deterministic, so the Bayes loss is 0 and a model that
 * knows no fact pays ln A per unit weight: a one-pass curve has no floor until nearly all M items are
 * learned. `fullCoverageTokens` (the rarest item seen once in expectation) is a lower bound on that, not
 * beyond every run: the study's one pass over K_max·N_max tokens reaches 0.25× it at `ci`, 3.9× at `small`
 * (7.9M against 2.0M tokens) and 9.4× at `paper`; by then the items seen fewer than 1/Λ_i times
 * hold 0.6 %, 0.05 % and < 0.01 % of the chance loss's weight Σ p_i Λ_i (from p_i and Λ_i of each scale's config, expected counts).
 */
import { Rng } from "../core/rng";
import { ParameterError, requireInteger, requireNumber } from "../core/validate";

/** Options of the facts language. */
export interface ZipfFactsOptions {
  /** A: the alphabet of key and value tokens (the model's vocabulary; 2 ≤ A ≤ 256) */
  alphabet: number;
  /** M: number of items (≤ A², each a distinct key) */
  items: number;
  /** α = a − b: Zipf exponent of the item frequencies (> 1) */
  frequencyExponent: number;
  /** b: exponent of the per-item weight Λ_i = i^{−b} (≥ 0; 0 = every fact weighs 1) */
  weightExponent: number;
  /** F: facts per window (T = 3F tokens) */
  factsPerWindow: number;
  /** seed of the facts (keys' order and values) */
  seed: number;
}

/** The facts language with its exact statistics. */
export interface ZipfFacts {
  readonly options: ZipfFactsOptions;
  /** the model's vocabulary (= A) and context length T = 3F */
  readonly vocabSize: number;
  readonly contextLength: number;
  /** p_i, i = rank − 1 (sums to 1) */
  readonly p: Float64Array;
  /** Λ_i = (i+1)^{−b} */
  readonly weight: Float64Array;
  /** key tokens and value of the item of rank i + 1 */
  readonly key1: Int32Array;
  readonly key2: Int32Array;
  readonly value: Int32Array;
  /** the ranks (0-based) of the F facts of one window drawn from `rng` */
  drawRanks(rng: Rng): Int32Array;
  /** write one window into row `row` of a batch: inputs, targets (−1 except at values) and weights */
  fillRow(ranks: Int32Array, row: number, inputs: Int32Array, targets: Int32Array, weights: Float32Array): void;
  /** loss per scored position of a model that knows no fact and predicts values uniformly: ln A · Σ p_i Λ_i */
  chanceLoss(): number;
  /** the Bayes loss (values are deterministic): 0 */
  readonly bayesLoss: number;
}

/** Validate the options (throws a `ParameterError` naming the field). */
export function validateZipfFacts(o: ZipfFactsOptions): ZipfFactsOptions {
  const A = requireInteger("alphabet", o.alphabet, { min: 2, max: 256 });
  requireInteger("items", o.items, { min: 1, max: A * A });
  requireNumber("frequencyExponent", o.frequencyExponent, { gt: 1, max: 10 });
  requireNumber("weightExponent", o.weightExponent, { min: 0, max: 10 });
  requireInteger("factsPerWindow", o.factsPerWindow, { min: 1, max: 1024 });
  requireInteger("seed", o.seed, { min: 0 });
  return o;
}

/** The facts language of the options (see the module comment). */
export function zipfFacts(options: ZipfFactsOptions): ZipfFacts {
  const o = validateZipfFacts(options);
  const { alphabet: A, items: M, frequencyExponent: alpha, weightExponent: b, factsPerWindow: F } = o;
  const p = new Float64Array(M);
  let z = 0;
  for (let i = M - 1; i >= 0; i--) z += p[i] = Math.pow(i + 1, -alpha);
  const cdf = new Float64Array(M);
  let c = 0;
  for (let i = 0; i < M; i++) {
    p[i] /= z;
    c += p[i];
    cdf[i] = c;
  }
  cdf[M - 1] = Infinity; // absorb rounding at the right end
  const weight = Float64Array.from({ length: M }, (_, i) => Math.pow(i + 1, -b));
  const keys = new Rng(o.seed, 0xfac7).permutation(A * A);
  const key1 = new Int32Array(M);
  const key2 = new Int32Array(M);
  for (let i = 0; i < M; i++) {
    key1[i] = Math.floor(keys[i] / A);
    key2[i] = keys[i] % A;
  }
  const vr = new Rng(o.seed, 0xfac8);
  const value = Int32Array.from({ length: M }, () => vr.int(A));
  const drawRank = (rng: Rng): number => {
    const u = rng.uniform();
    let lo = 0;
    let hi = M - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const T = 3 * F;
  return {
    options: o,
    vocabSize: A,
    contextLength: T,
    p,
    weight,
    key1,
    key2,
    value,
    bayesLoss: 0,
    drawRanks(rng) {
      const r = new Int32Array(F);
      for (let f = 0; f < F; f++) r[f] = drawRank(rng);
      return r;
    },
    fillRow(ranks, row, inputs, targets, weights) {
      if (ranks.length !== F) throw new ParameterError("ranks.length", ranks.length, `F = ${F}`);
      const at = row * T;
      for (let f = 0; f < F; f++) {
        const i = ranks[f];
        inputs[at + 3 * f] = key1[i];
        inputs[at + 3 * f + 1] = key2[i];
        inputs[at + 3 * f + 2] = value[i];
        // target of input position t is token t+1: k₂ → value (scored), value → next k₁ and k₁ → k₂ (not scored)
        targets[at + 3 * f] = -1;
        targets[at + 3 * f + 1] = value[i];
        targets[at + 3 * f + 2] = -1;
        weights[at + 3 * f] = 0;
        weights[at + 3 * f + 1] = weight[i];
        weights[at + 3 * f + 2] = 0;
      }
    },
    chanceLoss() {
      let s = 0;
      for (let i = 0; i < M; i++) s += p[i] * weight[i];
      return Math.log(A) * s;
    },
  };
}

/**
 * Tokens after which the rarest item (and so every item) has been seen `exposures` times in expectation
 * (3 tokens per fact): 3·exposures/p_M. A one-pass curve cannot reach its floor (0) before this.
 */
export function fullCoverageTokens(f: ZipfFacts, exposures = 1): number {
  requireNumber("exposures", exposures, { gt: 0 });
  return (3 * exposures) / f.p[f.p.length - 1];
}
