import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../../src/nn/backend";
import { SharedAllReduce, allReduceBytes, shardBatch } from "../../src/nn/dataParallel";
import { trainDataParallel } from "../../src/nn/many";
import { trainSync } from "../../src/nn/train";
import { randomTokens } from "../../src/nn/stepTiming";

// data-parallel training of one model on worker threads equals training it on one thread (float32
// tolerance: only the summation order of the gradient differs)
const model = { vocab: 16, context: 8, layers: 1, dModel: 16, heads: 2 };
const data = { module: path.resolve(__dirname, "../../dist/src/nn/stepTiming.js"), export: "randomTokenData", args: { V: 16, B: 6, T: 8, seed: 4 } };
const config = { model, seed: 2, steps: 6, batchSize: 6, schedule: { kind: "constant" as const, lr: 3e-3 }, optimizer: { weightDecay: 0.01 } };

describe("data-parallel training", () => {
  beforeAll(async () => {
    await initBackend({ backend: "wasm", verbose: false });
  });

  it("shards are contiguous row blocks that cover the batch", () => {
    const b = randomTokens(16, 7, 8, 1)(0);
    const parts = [0, 1, 2].map((i) => shardBatch(b, i, 3));
    expect(parts.map((p) => p.batchSize)).toEqual([2, 2, 3]);
    expect(Array.from(parts.flatMap((p) => Array.from(p.inputs)))).toEqual(Array.from(b.inputs));
    // per-position loss weights travel with their rows
    const w = Float32Array.from({ length: b.inputs.length }, (_, i) => i / 7);
    const wparts = [0, 1, 2].map((i) => shardBatch({ ...b, weights: w }, i, 3));
    expect(wparts.flatMap((p) => Array.from(p.weights ?? []))).toEqual(Array.from(w));
    expect(parts[0].weights).toBeUndefined();
  });

  it("the all-reduce of one party is the identity", () => {
    const ar = new SharedAllReduce(new SharedArrayBuffer(allReduceBytes(3, 1)), 3, 1, 0);
    const r = ar.reduce(Float32Array.from([1, -2, 3]), 5, 0.7);
    expect(Array.from(r.grad)).toEqual([1, -2, 3]);
    expect(r.loss).toBeCloseTo(0.7, 12);
  });

  it("2 workers follow the single-thread trajectory (losses and parameters to float tolerance)", async () => {
    const single = trainSync({ ...config, data: randomTokens(16, 6, 8, 4), progress: false }, "wasm");
    const dp = await trainDataParallel({ ...config, data }, { workers: 2 });
    expect(dp.history).toHaveLength(6);
    dp.history.forEach((h, i) => expect(Math.abs(h.loss - single.history[i].loss)).toBeLessThan(1e-4));
    let maxDiff = 0;
    for (let i = 0; i < dp.params.length; i++) maxDiff = Math.max(maxDiff, Math.abs(dp.params[i] - single.params[i]));
    expect(maxDiff).toBeLessThan(1e-4);
    // and the update moved the parameters (the comparison is not vacuous)
    let moved = 0;
    const init = await trainDataParallel({ ...config, steps: 0, data }, { workers: 2 });
    for (let i = 0; i < dp.params.length; i++) moved = Math.max(moved, Math.abs(dp.params[i] - init.params[i]));
    expect(moved).toBeGreaterThan(1e-3);
  }, 60_000);
});
