import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng";
import { heldOutSplit, splitHash } from "../../src/tasks/heldOut";
import { groupWordTask } from "../../src/tasks/groupWord";
import { modularArithmeticTask } from "../../src/tasks/modularArithmetic";
import { trainingSkills, uniformOver } from "../../src/tasks/skillDistribution";
import { testSet, trainingBatch } from "../../src/tasks/batch";

const key = (tokens: Int32Array, n: number) => Array.from(tokens.subarray(0, n)).join(",");

describe("held-out split of a tuple space", () => {
  it("enumerating S3 words of length 4 (1296 tuples): the held-out fraction is f within 4 binomial se, and the split is a pure function of the input", () => {
    const base = groupWordTask({ group: "S3", k: 4 });
    const split = heldOutSplit(base, { fraction: 0.25, seed: 7 });
    let held = 0;
    const N = 6 ** 4;
    for (let m = 0; m < N; m++) {
      const ids = [m % 6, Math.floor(m / 6) % 6, Math.floor(m / 36) % 6, Math.floor(m / 216)];
      const s = base.sample(new Rng(0), ids);
      if (split.isHeldOut(s)) held++;
      expect(split.isHeldOut(s)).toBe(splitHash(s.tokens, 5, 7) < 0.25);
    }
    expect(Math.abs(held / N - 0.25)).toBeLessThan(4 * Math.sqrt((0.25 * 0.75) / N));
    // another seed gives another split
    const other = heldOutSplit(base, { fraction: 0.25, seed: 8 });
    let differ = 0;
    for (let m = 0; m < 200; m++) {
      const s = base.sample(new Rng(1, m));
      if (other.isHeldOut(s) !== split.isHeldOut(s)) differ++;
    }
    expect(differ).toBeGreaterThan(20);
  });

  it("no training problem is a test problem: training batches (uniform and power-law) never hold a held-out tuple, test sets only held-out ones", () => {
    const task = heldOutSplit(modularArithmeticTask({ P: 5, k: 2, operators: ["+"] }), { fraction: 0.3, seed: 1 });
    const test = testSet(task, { size: 400, seed: 3 });
    const testKeys = new Set(test.samples.map((s) => key(s.tokens, 6)));
    for (const s of test.samples) expect(task.isHeldOut(s)).toBe(true);
    // P^{k+1} = 125 tuples: the test set covers most of the held-out ones
    for (const alpha of [0, 1.5]) {
      const skills = trainingSkills(5, alpha, { rankSeed: 2 });
      for (let step = 0; step < 50; step++) {
        const b = trainingBatch(task, { seed: 4, step, batchSize: 32, skills });
        for (const s of b.samples) {
          expect(task.isHeldOut(s)).toBe(false);
          expect(testKeys.has(key(s.tokens, 6))).toBe(false);
          expect(task.evaluator.check(s)).toBe(true);
        }
      }
    }
  });

  it("a skill subset with no problem on the wanted side throws naming the split, instead of looping", () => {
    const base = groupWordTask({ group: "S3", k: 2 });
    const split = heldOutSplit(base, { fraction: 0.5, seed: 0 });
    // the single tuple (0, 0) is on one side only: drawing the other side from it must fail
    const only = uniformOver(6, [0]);
    const s = base.sample(new Rng(0), [0, 0]);
    const wanted = split.isHeldOut(s) ? "trainSample" : "sample";
    expect(() => split[wanted]!(new Rng(0), only)).toThrow(/held-out split \(fraction 0.5, seed 0\)/);
  });

  it("rejects a fraction outside (0, 1) and a stream task, naming the parameter", () => {
    const base = groupWordTask({ group: "S3", k: 2 });
    expect(() => heldOutSplit(base, { fraction: 0 })).toThrow(/heldOut.fraction/);
    expect(() => heldOutSplit(base, { fraction: 1 })).toThrow(/heldOut.fraction/);
    expect(() => heldOutSplit({ ...base, kind: "stream" }, { fraction: 0.5 })).toThrow(/task.kind/);
    // the hash uses 32 bits of the seed: 2^32 would silently give seed 0's split
    expect(() => heldOutSplit(base, { fraction: 0.5, seed: 2 ** 32 })).toThrow(/heldOut.seed = 4294967296: must be .*≤ 4294967295/);
    expect(() => heldOutSplit(base, { fraction: 0.5, seed: 2 ** 32 - 1 })).not.toThrow();
    expect(() => heldOutSplit(base, undefined as never)).toThrow(/heldOut.fraction = undefined/);
  });
});
