/**
 * A Zipf-distributed synthetic language for multi-epoch studies (an analogue of the LLM
 * experiment of Yan et al., arXiv 2511.13421, Section 6.3: train on N unique tokens for K epochs
 * and locate the loss on a one-pass curve over fresh tokens from the same distribution).
 *
 * Construction (this toolkit's; documented, exact): a first-order Markov chain over V tokens whose
 * stationary (unigram) law is Zipf, π_i = (i+1)^{−s} / Σ_j (j+1)^{−s} (token id = frequency rank),
 * with transition matrix
 *     P = (1 − β) 1πᵀ + β · (1/M) Σ_m R_m,
 * where each R_m comes from a *quantile coupling* of π with itself: lay the tokens on [0, 1) as
 * intervals of length π_i in a seeded random order σ_m, and again in a second seeded order τ_m;
 * from token i pick u uniformly in i's σ_m-interval and go to the token whose τ_m-interval contains
 * u. The coupling F_m(i, j) = |σ_m-interval(i) ∩ τ_m-interval(j)| has both marginals π, so
 * R_m(i, j) = F_m(i, j)/π_i is stochastic with π R_m = π, and π is exactly stationary for P.
 * Rare tokens get near-deterministic successors (about M of them), the head token spreads over a
 * block of total mass π_i: each token's successor law is idiosyncratic, so it must be learned from
 * that token's occurrences and the loss keeps improving with data, tail tokens last (the Zipf
 * mechanism of the reuse theory). The entropy rate (the Bayes loss of a next-token predictor) and
 * the unigram entropy (the loss of a unigram model) are computed exactly.
 *
 * Defaults (this toolkit's): V = 128 (the engine's benchmark vocabulary), s = 1, M = 4, β = 0.9.
 * Every window of a fresh sample starts from π, so every position has marginal π.
 */
import { Rng } from "../core/rng";
import { requireInteger, requireNumber } from "../core/validate";
import { aliasSample, aliasTable } from "../core/sampling";
import { zipfEvaluator } from "./evaluators";
import type { Task, TaskSample } from "./task";

/** Options of the Zipf language. */
export interface ZipfLanguageOptions {
  /** V: vocabulary size (≥ 2; default 128) */
  vocabSize?: number;
  /** s: Zipf exponent of the unigram law (≥ 0; default 1) */
  exponent?: number;
  /** M: number of quantile couplings mixed (≥ 1; default 4) */
  couplings?: number;
  /** β: weight of the learnable structure vs i.i.d. unigram draws (in [0, 1]; default 0.9) */
  structure?: number;
  /** T: window length of a sample (≥ 1; default 32) */
  contextLength?: number;
  /** seed of the language (the couplings' orders; default 0) */
  seed?: number;
}

/** The Zipf Markov language: a stream task plus its exact statistics. */
export interface ZipfLanguage extends Task {
  /** unigram (stationary) law π */
  readonly pi: Float64Array;
  readonly structure: number;
  readonly couplings: number;
  /** a stream of n tokens, started from π */
  stream(rng: Rng, n: number): Int32Array;
  /** the exact transition row P(i, ·) as sparse weights over the coupling part plus the unigram part */
  transitionRow(i: number): Float64Array;
  /** exact entropy rate −Σ_i π_i Σ_j P_ij ln P_ij (nats/token): the Bayes-optimal next-token loss */
  entropyRate(): number;
  /** exact unigram entropy −Σ π_i ln π_i (nats/token): the loss of the best unigram model */
  unigramEntropy(): number;
}

/** The Zipf synthetic language (see the module comment for the construction). */
export function zipfLanguage(opts: ZipfLanguageOptions = {}): ZipfLanguage {
  const V = requireInteger("vocabSize", opts.vocabSize ?? 128, { min: 2 });
  const s = requireNumber("exponent", opts.exponent ?? 1, { min: 0 });
  const M = requireInteger("couplings", opts.couplings ?? 4, { min: 1 });
  const beta = requireNumber("structure", opts.structure ?? 0.9, { min: 0, max: 1 });
  const T = requireInteger("contextLength", opts.contextLength ?? 32, { min: 1 });
  const seed = requireInteger("seed", opts.seed ?? 0, { min: 0 });

  const pi = new Float64Array(V);
  let z = 0;
  for (let i = V - 1; i >= 0; i--) z += pi[i] = Math.pow(i + 1, -s);
  for (let i = 0; i < V; i++) pi[i] /= z;
  const unigram = aliasTable(pi);

  // coupling m: start[m·V + i] = left end of token i's interval in order σ_m;
  // tauOrder[m·V + q] = token at position q of order τ_m, tauCum[m·V + q] = right end of that interval
  const start = new Float64Array(M * V);
  const tauOrder = new Int32Array(M * V);
  const tauCum = new Float64Array(M * V);
  const orders = new Rng(seed, 0x2f1a);
  for (let m = 0; m < M; m++) {
    const sigma = orders.permutation(V);
    const tau = orders.permutation(V);
    let c = 0;
    for (let q = 0; q < V; q++) {
      start[m * V + sigma[q]] = c;
      c += pi[sigma[q]];
    }
    c = 0;
    for (let q = 0; q < V; q++) {
      tauOrder[m * V + q] = tau[q];
      c += pi[tau[q]];
      tauCum[m * V + q] = c;
    }
    tauCum[m * V + V - 1] = Infinity; // absorb rounding at the right end
  }

  /** The τ_m token whose interval contains u (first q with tauCum > u). */
  const locate = (m: number, u: number): number => {
    let lo = 0;
    let hi = V - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (tauCum[m * V + mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return tauOrder[m * V + lo];
  };
  const step = (rng: Rng, i: number): number => {
    if (beta < 1 && rng.uniform() >= beta) return aliasSample(unigram, rng);
    const m = M === 1 ? 0 : rng.int(M);
    return locate(m, start[m * V + i] + rng.uniform() * pi[i]);
  };
  const stream = (rng: Rng, n: number): Int32Array => {
    requireInteger("n", n, { min: 1 });
    const out = new Int32Array(n);
    out[0] = aliasSample(unigram, rng);
    for (let t = 1; t < n; t++) out[t] = step(rng, out[t - 1]);
    return out;
  };
  const transitionRow = (i: number): Float64Array => {
    requireInteger("i", i, { min: 0, max: V - 1 });
    const row = new Float64Array(V);
    for (let j = 0; j < V; j++) row[j] = (1 - beta) * pi[j];
    for (let m = 0; m < M; m++) {
      // overlap of [a, b) with every τ_m interval, by walking the τ order (a different route from `locate`)
      const a = start[m * V + i];
      const b = a + pi[i];
      let left = 0;
      for (let q = 0; q < V; q++) {
        const j = tauOrder[m * V + q];
        const right = left + pi[j];
        const ov = Math.min(b, right) - Math.max(a, left);
        if (ov > 0) row[j] += (beta / M) * (ov / pi[i]);
        left = right;
      }
    }
    return row;
  };
  let hRate = NaN;
  const entropyRate = (): number => {
    if (Number.isNaN(hRate)) {
      let h = 0;
      for (let i = 0; i < V; i++) {
        const row = transitionRow(i);
        let hi = 0;
        for (let j = 0; j < V; j++) if (row[j] > 0) hi -= row[j] * Math.log(row[j]);
        h += pi[i] * hi;
      }
      hRate = h;
    }
    return hRate;
  };
  const unigramEntropy = (): number => {
    let h = 0;
    for (let i = 0; i < V; i++) if (pi[i] > 0) h -= pi[i] * Math.log(pi[i]);
    return h;
  };
  const names = Array.from({ length: V }, (_, i) => `w${i}`);
  const all = Int32Array.from({ length: T }, (_, t) => t);
  const sample = (rng: Rng): TaskSample => windowSample(stream(rng, T + 1), 0, T, all);
  const lang: ZipfLanguage = {
    name: "zipf-language",
    kind: "stream",
    vocab: { size: V, names },
    contextLength: T,
    padToken: 0, // never needed: every window is full
    numSkills: 0,
    slots: 0,
    skillName: (i) => {
      throw new RangeError(`skill ${i}: the Zipf language has no skills`);
    },
    sample,
    evaluator: zipfEvaluator(V, beta === 1 ? (i, j) => transitionRow(i)[j] > 0 : undefined),
    pi,
    structure: beta,
    couplings: M,
    stream,
    transitionRow,
    entropyRate,
    unigramEntropy,
  };
  return lang;
}

/** The window tokens[from .. from+T] of a stream as a sample: inputs stream[from..from+T), targets shifted by one. */
export function windowSample(stream: Int32Array, from: number, T: number, positions?: Int32Array): TaskSample {
  if (from < 0 || from + T + 1 > stream.length) throw new RangeError(`window [${from}, ${from + T}] outside a stream of ${stream.length} tokens`);
  const tokens = stream.slice(from, from + T);
  const target = stream.slice(from + 1, from + T + 1);
  const answerPositions = positions ?? Int32Array.from({ length: T }, (_, t) => t);
  return { tokens, target, answerPositions, answer: target.slice(), skills: new Int32Array(0) };
}
