// The shards of a study's runs, in-process on tiny models: shard I/N trains exactly its runs and stops
// with what it did; a merge before every shard has finished names the missing runs and their owner;
// after all shards the merge trains nothing and returns exactly the unsharded outcome.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng";
import { initBackend } from "../../src/nn/backend";
import type { TokenBatch } from "../../src/nn/gpt";
import { shardOfRuns, shardRecords, StudyRunsMissing, StudyShardDone, trainStudyRuns, type StudyRun } from "../../src/nn/studyRuns";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-study-shards-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
beforeAll(async () => {
  await initBackend({ backend: "wasm", verbose: false });
});

function rows(n: number, seed: number): TokenBatch {
  const rng = new Rng(seed, 5);
  const inputs = Int32Array.from({ length: n * 8 }, () => rng.int(10));
  const targets = Int32Array.from({ length: n * 8 }, (_, i) => (i % 8 === 7 ? -1 : inputs[i + 1]));
  return { batchSize: n, length: 8, inputs, targets };
}

/** Runs of unequal length (so the assignment is not just round-robin), one of 0 steps (its evaluation at initialisation only). */
const runs: StudyRun[] = [3, 9, 5, 7, 4, 0].map((steps, k) => ({
  key: `run-${k}`,
  job: {
    model: { vocab: 10, context: 8, layers: 1, dModel: 16, heads: 2 },
    seed: k + 1,
    steps,
    batchSize: 4,
    schedule: { kind: "constant", lr: 3e-3 },
    data: { rows: rows(12, 1) },
    evalSets: { test: rows(4, 2) },
    evalEvery: 2,
    saveEvery: 2,
  },
}));
const opts = { threads: 1, quiet: true };

async function caught<E>(p: Promise<unknown>, type: new (...a: never[]) => E): Promise<E> {
  try {
    await p;
  } catch (e) {
    if (e instanceof type) return e;
    throw e;
  }
  throw new Error(`expected a ${type.name}`);
}

describe("trainStudyRuns with shards", () => {
  it("costs ∝ steps: longest first to the lighter shard (9 → 1; 7, 5 → 2; 4 → 1; 3 → 2; 0 → 1)", () => {
    expect(shardOfRuns(runs, 2)).toEqual([2, 1, 2, 2, 1, 1]);
    expect(shardOfRuns(runs, 1)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it("shard 1/2, an early merge naming shard 2's runs, shard 2/2, then a merge equal to the unsharded runs", async () => {
    const plainDir = path.join(root, "plain");
    const plain = await trainStudyRuns("study t", plainDir, runs, opts);
    expect(plain.complete).toBe(true);

    const dir = path.join(root, "sharded");
    const none = await caught(trainStudyRuns("study t", dir, runs, { ...opts, shard: { kind: "merge" } }), StudyRunsMissing);
    expect(none.missing.map((m) => m.key)).toEqual(runs.map((r) => r.key));
    expect(none.anyShard).toBe(false);

    const d1 = await caught(trainStudyRuns("study t", dir, runs, { ...opts, shard: { kind: "shard", index: 1, count: 2 } }), StudyShardDone);
    expect([d1.mine, d1.total, d1.othersLeft, d1.complete]).toEqual([3, 6, 3, true]);
    expect(d1.message).toMatch(/shard 1\/2 trained its 3 of 6 runs .*; 3 runs of other shards are not finished yet/);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".state")).sort()).toEqual(["run-1.state", "run-4.state", "run-5.state"]);
    expect(shardRecords(dir)).toMatchObject([{ index: 1, count: 2, runs: ["run-1", "run-4", "run-5"] }]);
    expect(shardRecords(dir)[0].finished).toBeDefined();

    const early = await caught(trainStudyRuns("study t", dir, runs, { ...opts, shard: { kind: "merge" } }), StudyRunsMissing);
    expect(early.missing.map((m) => [m.key, m.step, m.owners])).toEqual(
      ["run-0", "run-2", "run-3"].map((k) => [k, 0, [{ index: 2, count: 2, state: "not started" }]]),
    );
    expect(early.message).toMatch(/cannot merge: 3 of 6 runs are not finished/);
    expect(early.message).toMatch(/run-3: not started; owned by shard 2\/2 \(not started yet\)/);

    const d2 = await caught(trainStudyRuns("study t", dir, runs, { ...opts, shard: { kind: "shard", index: 2, count: 2 } }), StudyShardDone);
    expect([d2.mine, d2.othersLeft]).toEqual([3, 0]);
    expect(d2.message).toMatch(/every run of the study is finished: run it with --merge/);

    const merged = await trainStudyRuns("study t", dir, runs, { ...opts, shard: { kind: "merge" } });
    expect(merged.complete).toBe(true);
    for (let k = 0; k < runs.length; k++) {
      expect(merged.results[k].resumedFrom).toBe(runs[k].job.steps); // read back, not trained
      expect(merged.results[k].history).toEqual(plain.results[k].history);
      expect(merged.results[k].evals).toEqual(plain.results[k].evals);
      expect(Array.from(merged.results[k].params)).toEqual(Array.from(plain.results[k].params));
    }
  }, 120_000);

  it("a run stopped part-way is named with its step; a shard stopped early says so and resumes", async () => {
    const dir = path.join(root, "stopped");
    const d = await caught(trainStudyRuns("study t", dir, runs, { ...opts, stopAfter: 2, shard: { kind: "shard", index: 2, count: 2 } }), StudyShardDone);
    expect(d.complete).toBe(false);
    expect(d.message).toMatch(/shard 2\/2 stopped early in its 3 of 6 runs/);
    expect(shardRecords(dir)[0].finished).toBeUndefined();
    const m = await caught(trainStudyRuns("study t", dir, runs, { ...opts, shard: { kind: "merge" } }), StudyRunsMissing);
    expect(m.missing.find((x) => x.key === "run-3")).toMatchObject({ step: 2, steps: 7, owners: [{ index: 2, count: 2, state: "started" }] });
    expect(m.message).toMatch(/run-3: at step 2 of 7; owned by shard 2\/2 \(started, still running or stopped\)/);
    expect(m.missing.find((x) => x.key === "run-1")).toMatchObject({ step: 0, owners: [{ index: 1, count: 2, state: "not started" }] });
    // a 0-step run without its resume file is not finished either (its evaluation is part of the run)
    expect(m.missing.find((x) => x.key === "run-5")).toMatchObject({ step: 0, steps: 0, owners: [{ index: 1, count: 2, state: "not started" }] });
  });
});
