// Shards of a study's runs: `--shard I/N` is read strictly, and the assignment of runs to shards is a
// partition (every run exactly once), deterministic, and balanced in the sense of the greedy
// longest-first rule: no shard carries more than the lightest one plus the largest single run.
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng";
import { assignShards, MAX_SHARDS, parseShard } from "../../src/core/shard";

describe("parseShard", () => {
  it("reads I/N with 1 ≤ I ≤ N (spaces around the numbers allowed)", () => {
    expect(parseShard("1/1")).toEqual({ index: 1, count: 1 });
    expect(parseShard("3/8")).toEqual({ index: 3, count: 8 });
    expect(parseShard(" 2 / 2 ")).toEqual({ index: 2, count: 2 });
    expect(parseShard(`${MAX_SHARDS}/${MAX_SHARDS}`)).toEqual({ index: MAX_SHARDS, count: MAX_SHARDS });
  });
  for (const bad of ["0/2", "3/2", "1/0", "0/0", "a/b", "1", "1/", "/2", "1/2/3", "-1/2", "1/-2", "1.5/2", "1/2.0", "1e0/2", "", " ", "1/2x", "NaN/2", `1/${MAX_SHARDS + 1}`, "99999999999/1"]) {
    it(`rejects ${JSON.stringify(bad)} naming the parameter and the allowed form`, () => {
      expect(() => parseShard(bad, "--shard")).toThrow(/^--shard = ".*": must be I\/N with integers 1 ≤ I ≤ N/);
    });
  }
});

/** Loads of the shards under an assignment. */
const loads = (costs: number[], shardOf: number[], n: number) => {
  const l = new Array<number>(n).fill(0);
  shardOf.forEach((s, j) => (l[s] += costs[j]));
  return l;
};

describe("assignShards", () => {
  it("one shard takes every job; more shards than jobs leave the extra shards empty", () => {
    expect(assignShards([3, 1, 2], 1)).toEqual([0, 0, 0]);
    const a = assignShards([3, 1, 2], 5);
    expect(new Set(a).size).toBe(3);
    expect(assignShards([], 4)).toEqual([]);
  });

  it("equal costs are dealt round-robin in job order (shard sizes differ by at most one)", () => {
    expect(assignShards([1, 1, 1, 1, 1, 1, 1], 3)).toEqual([0, 1, 2, 0, 1, 2, 0]);
  });

  it("longest first to the least-loaded shard: a known small case", () => {
    // 7 → s0 (7, 0); 5 → s1 (7, 5); 4 → s1 (7, 9); 3 → s0 (10, 9); 1 → s1 (10, 10)
    expect(assignShards([3, 7, 1, 5, 4], 2)).toEqual([0, 0, 1, 1, 1]);
  });

  it("random costs: a partition of the jobs, deterministic, every shard ≤ lightest + largest cost, and no worse than the greedy bound 4/3 of the best possible", () => {
    const rng = new Rng(7);
    for (let trial = 0; trial < 200; trial++) {
      const jobs = 1 + Math.floor(rng.uniform() * 60);
      const n = 1 + Math.floor(rng.uniform() * 9);
      const costs = Array.from({ length: jobs }, () => Math.floor(1 + 1000 * rng.uniform() ** 3));
      const a = assignShards(costs, n);
      expect(a).toHaveLength(jobs);
      for (const s of a) expect(Number.isInteger(s) && s >= 0 && s < n).toBe(true);
      expect(assignShards([...costs], n)).toEqual(a);
      const l = loads(costs, a, n);
      const largest = Math.max(...costs);
      expect(Math.max(...l)).toBeLessThanOrEqual(Math.min(...l) + largest);
      // the best makespan is at least max(total / n, largest); greedy longest-first is within 4/3 − 1/(3n) of it
      const lower = Math.max(costs.reduce((x, y) => x + y, 0) / n, largest);
      expect(Math.max(...l)).toBeLessThanOrEqual((4 / 3 - 1 / (3 * n)) * lower * (1 + 1e-12));
    }
  });

  it("rejects a bad count or cost naming it", () => {
    expect(() => assignShards([1], 0)).toThrow(/shard count = 0/);
    expect(() => assignShards([1, NaN], 2)).toThrow(/cost\[1\] = NaN: must be a finite number ≥ 0/);
    expect(() => assignShards([-1], 2)).toThrow(/cost\[0\]/);
  });
});
