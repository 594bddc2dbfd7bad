/**
 * Shards: a study's independent training runs split over n machines. Shard i of n (1 ≤ i ≤ n) trains
 * a fixed, disjoint part of the runs; every machine computes the same assignment from the run list
 * alone (no coordination), and together the shards cover every run exactly once.
 */
import { ParameterError, requireInteger } from "./validate";

/** Shard `index` of `count` (1-based, as written on the command line: `--shard 2/4`). */
export interface Shard {
  index: number;
  count: number;
}

/** What a process does with a study's runs: train one shard's share of them, or merge (train none; all must be finished). */
export type ShardRole = ({ kind: "shard" } & Shard) | { kind: "merge" };

/** The most shards a study may be split into. */
export const MAX_SHARDS = 100_000;

const ALLOWED = `I/N with integers 1 ≤ I ≤ N ≤ ${MAX_SHARDS} (e.g. 1/4)`;

/** Read `I/N` (e.g. "2/4"); anything else is a ParameterError naming `name` and the allowed form. */
export function parseShard(text: string, name = "--shard"): Shard {
  const m = /^\s*(\d{1,9})\s*\/\s*(\d{1,9})\s*$/.exec(text);
  if (!m) throw new ParameterError(name, text, ALLOWED);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS || index < 1 || index > count) throw new ParameterError(name, text, ALLOWED);
  return { index, count };
}

/** `i/n`. */
export const shardName = (s: Shard): string => `${s.index}/${s.count}`;

/**
 * The shard (0-based) of every job, from the jobs' estimated costs: longest job first, each to the
 * shard with the least cost so far (ties: the lower job index first, then the lower shard). The
 * result depends on the costs and the count only, so every machine computes the same assignment;
 * with equal costs it deals the jobs round-robin, and in general every shard's total exceeds the
 * lightest shard's by at most the largest single cost.
 */
export function assignShards(costs: readonly number[], count: number): number[] {
  requireInteger("shard count", count, { min: 1, max: MAX_SHARDS });
  costs.forEach((c, i) => {
    if (!Number.isFinite(c) || c < 0) throw new ParameterError(`cost[${i}]`, c, "a finite number ≥ 0");
  });
  const order = costs.map((_, i) => i).sort((a, b) => costs[b] - costs[a] || a - b);
  const load = new Array<number>(count).fill(0);
  const out = new Array<number>(costs.length);
  for (const j of order) {
    let best = 0;
    for (let s = 1; s < count; s++) if (load[s] < load[best]) best = s;
    out[j] = best;
    load[best] += costs[j];
  }
  return out;
}
