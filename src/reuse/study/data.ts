/**
 * Training data of the reuse study, as functions of (seed, step) that worker threads load by module
 * path (`DataSpec` of `trainMany`).
 *
 * Paired design (this toolkit's): for seed r, window j of the fresh stream is
 * `lang.sample(new Rng(r, WINDOW_STREAM, j))` (T next-token predictions starting from the stationary
 * law). The one-pass run reads windows 0, 1, 2, … in order, B per step. The N-token corpus is the
 * first W = N/T of those windows; epoch 0 visits them in the same order as the one-pass run and
 * every later epoch e in its own seeded permutation `new Rng(r, ORDER_STREAM, e)`. With the same
 * initialisation seed, a K-epoch run therefore *is* the one-pass run for its first epoch, so
 * E(1,N) = 1 holds by construction (up to the monotone smoothing of the one-pass curve), and small-K
 * differences are not drowned in seed noise.
 */
import * as path from "node:path";
import { Rng } from "../../core/rng";
import { requireInteger } from "../../core/validate";
import { packageRoot } from "../../run/store";
import type { TokenBatch } from "../../nn/gpt";
import { zipfLanguage, type ZipfLanguage, type ZipfLanguageOptions } from "../../tasks/zipfLanguage";
import { testSet } from "../../tasks/batch";

/** Rng stream ids of the study (distinct from the tasks' TRAIN_STREAM = 1 and TEST_STREAM = 2). */
export const WINDOW_STREAM = 0x5e01;
export const ORDER_STREAM = 0x5e02;
/** Seed of the shared validation set (drawn on the tasks' TEST_STREAM, which no training window uses). */
export const VALIDATION_SEED = 0x5e03;

/** Arguments of the data functions (serialisable: they travel to the worker threads). */
export interface ReuseDataArgs {
  language: ZipfLanguageOptions;
  /** seed r of the replicate (corpus, stream and epoch orders) */
  seed: number;
  /** B: windows per step */
  batchSize: number;
  /** N: unique tokens of the corpus (multi-epoch runs only; a multiple of T) */
  N?: number;
}

/** The compiled module the workers load (always under dist/, also when called from the TypeScript sources). */
export const REUSE_DATA_MODULE = (): string => path.join(packageRoot(), "dist", "src", "reuse", "study", "data.js");

const languages = new Map<string, ZipfLanguage>();
/** The language of a config (memoised per options). */
export function studyLanguage(opts: ZipfLanguageOptions): ZipfLanguage {
  const key = JSON.stringify(opts);
  let lang = languages.get(key);
  if (!lang) languages.set(key, (lang = zipfLanguage(opts)));
  return lang;
}

/** Window j of seed r's fresh stream: T+1 tokens (inputs tokens[0..T), targets tokens[1..T]). */
export function reuseWindow(lang: ZipfLanguage, seed: number, j: number): Int32Array {
  return lang.stream(new Rng(seed, WINDOW_STREAM, j), lang.contextLength + 1);
}

function fill(batch: TokenBatch, row: number, w: Int32Array): void {
  const T = batch.length;
  batch.inputs.set(w.subarray(0, T), row * T);
  batch.targets.set(w.subarray(1, T + 1), row * T);
}

const emptyBatch = (B: number, T: number): TokenBatch => ({ batchSize: B, length: T, inputs: new Int32Array(B * T), targets: new Int32Array(B * T) });

/** One pass over fresh windows: step s reads windows sB … sB+B−1 of the seed's stream. */
export function freshData(args: ReuseDataArgs): (step: number) => TokenBatch {
  const lang = studyLanguage(args.language);
  const B = requireInteger("batchSize", args.batchSize, { min: 1 });
  const T = lang.contextLength;
  return (step) => {
    const b = emptyBatch(B, T);
    for (let i = 0; i < B; i++) fill(b, i, reuseWindow(lang, args.seed, step * B + i));
    return b;
  };
}

/** The window index read at global position g (= step·B + row) of a K-epoch run over W windows. */
export function epochWindow(seed: number, W: number, g: number, cache?: { epoch: number; order: Uint32Array }): number {
  const e = Math.floor(g / W);
  const i = g - e * W;
  if (e === 0) return i;
  if (cache && cache.epoch === e) return cache.order[i];
  const order = new Rng(seed, ORDER_STREAM, e).permutation(W);
  if (cache) {
    cache.epoch = e;
    cache.order = order;
  }
  return order[i];
}

/** K epochs over the first W = N/T windows: epoch 0 in stream order, epoch e ≥ 1 in a seeded permutation. */
export function epochData(args: ReuseDataArgs): (step: number) => TokenBatch {
  const lang = studyLanguage(args.language);
  const B = requireInteger("batchSize", args.batchSize, { min: 1 });
  const T = lang.contextLength;
  const N = requireInteger("N", args.N ?? NaN, { min: T });
  const W = N / T;
  requireInteger("N/T", W, { min: 1 });
  const windows = Array.from({ length: W }, (_, j) => reuseWindow(lang, args.seed, j));
  const cache = { epoch: -1, order: new Uint32Array(0) };
  return (step) => {
    const b = emptyBatch(B, T);
    for (let i = 0; i < B; i++) fill(b, i, windows[epochWindow(args.seed, W, step * B + i, cache)]);
    return b;
  };
}

/** The held-out validation set shared by every run of a config: `size` fresh windows on the tasks' test stream. */
export function validationSet(language: ZipfLanguageOptions, size: number): TokenBatch {
  const b = testSet(studyLanguage(language), { size, seed: VALIDATION_SEED });
  return { batchSize: b.batchSize, length: b.length, inputs: b.inputs, targets: b.targets };
}
