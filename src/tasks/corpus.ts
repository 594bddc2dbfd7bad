/**
 * A fixed training corpus of N unique tokens reused for K epochs (as in the LLM experiment of Yan et al.,
 * arXiv 2511.13421, Section 6.3): the
 * stream is cut into W = ⌊N/T⌋ windows of T next-token predictions (window j reads tokens
 * jT … jT+T−1 and predicts jT+1 … jT+T, so every token is a target once per epoch); each epoch
 * visits the windows in its own seeded random order, and training batches run through the
 * concatenation of the epochs, so after K·W samples every window has been seen exactly K times.
 * Batch s depends only on (seed, s), so a run resumed at step s sees the same data.
 * The one-pass reference instead draws fresh windows (`trainingBatch` on the language itself).
 */
import { Rng } from "../core/rng";
import { requireInteger } from "../core/validate";
import { makeBatch, type Batch } from "./batch";
import type { TaskSample } from "./task";
import type { ZipfLanguage } from "./zipfLanguage";
import { windowSample } from "./zipfLanguage";

/** Stream id of corpus generation (kept apart from training and test streams). */
const CORPUS_STREAM = 0xc0de;

/** A fixed stream of unique tokens cut into windows, visited in seeded per-epoch orders. */
export class TokenCorpus {
  /** W: number of windows */
  readonly windows: number;
  private permEpoch = -1;
  private permSeed = -1;
  private perm: Uint32Array = new Uint32Array(0);

  /** `stream` holds N + 1 tokens (N targets); windows of T predictions. */
  constructor(
    readonly stream: Int32Array,
    readonly T: number,
  ) {
    requireInteger("T", T, { min: 1 });
    requireInteger("stream.length", stream.length, { min: T + 1 });
    this.windows = Math.floor((stream.length - 1) / T);
  }

  /** N_used = W·T: the number of distinct target tokens the windows cover. */
  get uniqueTokens(): number {
    return this.windows * this.T;
  }

  /** Window j as a sample. */
  window(j: number): TaskSample {
    requireInteger("j", j, { min: 0, max: this.windows - 1 });
    return windowSample(this.stream, j * this.T, this.T);
  }

  /** The window order of epoch e (a seeded permutation of 0..W−1). */
  epochOrder(seed: number, epoch: number): Uint32Array {
    requireInteger("epoch", epoch, { min: 0 });
    if (epoch !== this.permEpoch || this.perm.length !== this.windows || this.permSeed !== seed) {
      this.perm = new Rng(seed, CORPUS_STREAM, epoch).permutation(this.windows);
      this.permEpoch = epoch;
      this.permSeed = seed;
    }
    return this.perm;
  }

  /** The window indices of batch `step` (B windows from the concatenated epoch orders). */
  batchWindows(seed: number, step: number, B: number): Int32Array {
    requireInteger("step", step, { min: 0 });
    requireInteger("batchSize", B, { min: 1 });
    const out = new Int32Array(B);
    for (let b = 0; b < B; b++) {
      const g = step * B + b;
      const e = Math.floor(g / this.windows);
      out[b] = this.epochOrder(seed, e)[g - e * this.windows];
    }
    return out;
  }

  /** Training batch `step` of size B: depends only on (seed, step). */
  batch(seed: number, step: number, B: number): Batch {
    return makeBatch(Array.from(this.batchWindows(seed, step, B), (j) => this.window(j)), this.T, 0);
  }

  /** Epochs completed after `steps` batches of size B (fractional). */
  epochsAfter(steps: number, B: number): number {
    return (steps * B) / this.windows;
  }
}

/** N unique tokens of the language as a corpus (stream of N + 1 tokens drawn with `new Rng(seed, corpus stream)`). */
export function zipfCorpus(lang: ZipfLanguage, N: number, seed: number): TokenCorpus {
  requireInteger("N", N, { min: lang.contextLength });
  requireInteger("seed", seed, { min: 0 });
  return new TokenCorpus(lang.stream(new Rng(seed, CORPUS_STREAM), N + 1), lang.contextLength);
}
