/**
 * Training data of the reuse study, as functions of (seed, step) that worker threads load by module
 * path (`DataSpec` of `trainMany`). The language is the Zipf facts language (`src/tasks/zipfFacts.ts`).
 *
 * Paired design (this toolkit's): for seed r, window j of the fresh stream holds the facts
 * `facts.drawRanks(new Rng(r, WINDOW_STREAM, j))`. The one-pass run reads windows 0, 1, 2, … in
 * order, B per step. The N-token corpus is the first W = N/T of those windows; epoch 0 visits them in
 * the same order as the one-pass run and every later epoch e in its own seeded permutation
 * `new Rng(r, ORDER_STREAM, e)`. With the same initialisation seed, a K-epoch run therefore *is* the
 * one-pass run for its first epoch, so E(1,N) = 1 holds by construction (up to the monotone smoothing
 * of the one-pass curve), and small-K differences are not drowned in seed noise.
 */
import * as path from "node:path";
import { Rng } from "../../core/rng";
import { requireInteger } from "../../core/validate";
import { packageRoot } from "../../run/store";
import type { TokenBatch } from "../../nn/gpt";
import { zipfFacts, type ZipfFacts, type ZipfFactsOptions } from "../../tasks/zipfFacts";

/** Rng stream ids of the study (distinct from the tasks' TRAIN_STREAM = 1 and TEST_STREAM = 2). */
export const WINDOW_STREAM = 0x5e01;
export const ORDER_STREAM = 0x5e02;
/** Seed of the shared validation set (its own stream, which no training window uses). */
export const VALIDATION_SEED = 0x5e03;
export const VALIDATION_STREAM = 0x5e04;

/** Arguments of the data functions (serialisable: they travel to the worker threads). */
export interface ReuseDataArgs {
  facts: ZipfFactsOptions;
  /** seed r of the replicate (corpus, stream and epoch orders) */
  seed: number;
  /** B: windows per step */
  batchSize: number;
  /** N: unique tokens of the corpus (multi-epoch runs only; a multiple of T) */
  N?: number;
}

/** The compiled module the workers load (always under dist/, also when called from the TypeScript sources). */
export const REUSE_DATA_MODULE = (): string => path.join(packageRoot(), "dist", "src", "reuse", "study", "data.js");

const languages = new Map<string, ZipfFacts>();
/** The facts language of a config (memoised per options). */
export function studyFacts(opts: ZipfFactsOptions): ZipfFacts {
  const key = JSON.stringify(opts);
  let f = languages.get(key);
  if (!f) languages.set(key, (f = zipfFacts(opts)));
  return f;
}

/** The fact ranks of window j of seed r's fresh stream. */
export function reuseWindow(facts: ZipfFacts, seed: number, j: number): Int32Array {
  return facts.drawRanks(new Rng(seed, WINDOW_STREAM, j));
}

/** A batch of windows given by their fact ranks. */
function batchOf(facts: ZipfFacts, windows: readonly Int32Array[]): TokenBatch {
  const B = windows.length;
  const T = facts.contextLength;
  const b: Required<TokenBatch> = { batchSize: B, length: T, inputs: new Int32Array(B * T), targets: new Int32Array(B * T), weights: new Float32Array(B * T) };
  windows.forEach((w, row) => facts.fillRow(w, row, b.inputs, b.targets, b.weights));
  return b;
}

/** One pass over fresh windows: step s reads windows sB … sB+B−1 of the seed's stream. */
export function freshData(args: ReuseDataArgs): (step: number) => TokenBatch {
  const facts = studyFacts(args.facts);
  const B = requireInteger("batchSize", args.batchSize, { min: 1 });
  return (step) => batchOf(facts, Array.from({ length: B }, (_, i) => reuseWindow(facts, args.seed, step * B + i)));
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
  const facts = studyFacts(args.facts);
  const B = requireInteger("batchSize", args.batchSize, { min: 1 });
  const T = facts.contextLength;
  const N = requireInteger("N", args.N ?? NaN, { min: T });
  const W = N / T;
  requireInteger("N/T", W, { min: 1 });
  const windows = Array.from({ length: W }, (_, j) => reuseWindow(facts, args.seed, j));
  const cache = { epoch: -1, order: new Uint32Array(0) };
  return (step) => batchOf(facts, Array.from({ length: B }, (_, i) => windows[epochWindow(args.seed, W, step * B + i, cache)]));
}

/** The held-out validation set shared by every run of a config: `size` fresh windows on the study's validation stream. */
export function validationSet(opts: ZipfFactsOptions, size: number): TokenBatch {
  const facts = studyFacts(opts);
  requireInteger("validationWindows", size, { min: 1 });
  return batchOf(facts, Array.from({ length: size }, (_, j) => facts.drawRanks(new Rng(VALIDATION_SEED, VALIDATION_STREAM, j))));
}
