import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng";
import { packageRoot } from "../../src/run/store";
import { initBackend } from "../../src/nn/backend";
import { NN_WORKER_FILE, trainMany } from "../../src/nn/many";
import type { ManyJob } from "../../src/nn/manyWorker";
import { trainSync } from "../../src/nn/train";
import type { TokenBatch } from "../../src/nn/gpt";

const root = packageRoot(__dirname);

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, NN_WORKER_FILE))) throw new Error(`${NN_WORKER_FILE} is missing: run \`npm run build\` first`);
  await initBackend({ backend: "wasm", verbose: false });
});

function rows(n: number, T: number, V: number, seed: number): TokenBatch {
  const rng = new Rng(seed, 5);
  const inputs = Int32Array.from({ length: n * T }, () => rng.int(V));
  const targets = Int32Array.from({ length: n * T }, (_, i) => inputs[(i + 3) % (n * T)]);
  return { batchSize: n, length: T, inputs, targets };
}

describe("many models on worker threads", () => {
  it("each model's trajectory in a worker equals training it alone in this thread", async () => {
    const data = rows(20, 8, 10, 1);
    const jobs: ManyJob[] = [1, 2, 3].map((seed, k) => ({
      model: { vocab: 10, context: 8, layers: 1, dModel: 16, heads: 2 },
      seed,
      steps: 6,
      batchSize: 4,
      schedule: { kind: "cosine", lr: 1e-3 * (k + 1), warmup: 2 },
      data: { rows: data },
      evalSets: { test: rows(4, 8, 10, 2) },
    }));
    const many = await trainMany(jobs, { threads: 2 });
    expect(many).toHaveLength(3);
    for (let k = 0; k < jobs.length; k++) {
      const { data: _d, ...rest } = jobs[k];
      const alone = trainSync({ ...rest, data, progress: false }, "wasm");
      expect(many[k].backend).toBe("wasm");
      expect(many[k].history.map((h) => h.loss)).toEqual(alone.history.map((h) => h.loss));
      const a = many[k].params;
      const b = alone.params;
      let worst = 0;
      for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
      expect(worst).toBeLessThanOrEqual(1e-6);
    }
  }, 60_000);
});

describe("datalaws nn bench (CLI contract)", () => {
  it("--json prints one object with config, backend, models, msPerStep, msPerModelStep, gflops", () => {
    const main = path.join(root, "dist/src/cli/main.js");
    const r = spawnSync(process.execPath, [main, "nn", "bench", "--config", "tiny", "--steps", "2", "--warmup", "1", "--backend", "wasm", "--json"], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const o = JSON.parse(lines[0]);
    for (const k of ["config", "backend", "models", "msPerStep", "msPerModelStep", "gflops"]) expect(o).toHaveProperty(k);
    expect(o.config).toBe("tiny");
    expect(o.backend).toBe("wasm");
    expect(o.msPerModelStep).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/backend wasm/);
  }, 60_000);

  it("a bad config exits 2 with one line naming the flag", () => {
    const main = path.join(root, "dist/src/cli/main.js");
    const r = spawnSync(process.execPath, [main, "nn", "bench", "--config", "huge", "--json"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/--config = "huge": must be one of tiny, small, wide/);
  });
});
