import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng";
import { initBackend, tfjs } from "../../src/nn/backend";
import { AdamW, learningRate } from "../../src/nn/optim";
import { savedProgress, train, trainConfigOf, Trainer, type TrainOptions } from "../../src/nn/train";
import { setWarn } from "../../src/run/files";
import type { TokenBatch } from "../../src/nn/gpt";

beforeAll(async () => {
  await initBackend({ backend: "wasm", verbose: false });
});

/** A fixed training set of random rows (so that the data order comes from the seeded epoch permutations). */
function rows(n: number, T: number, V: number, seed: number): TokenBatch {
  const rng = new Rng(seed, 5);
  const inputs = Int32Array.from({ length: n * T }, () => rng.int(V));
  const targets = Int32Array.from({ length: n * T }, (_, i) => (i % T === T - 1 ? -1 : inputs[i + 1]));
  return { batchSize: n, length: T, inputs, targets };
}

const base = (seed: number, extra: Partial<TrainOptions> = {}): TrainOptions => ({
  model: { vocab: 9, context: 8, layers: 1, dModel: 16, heads: 2 },
  seed,
  steps: 12,
  batchSize: 5,
  schedule: { kind: "wsd", lr: 2e-3, warmup: 3, decayFraction: 0.3 },
  optimizer: { weightDecay: 0.1, clipNorm: 0.5 },
  data: rows(13, 8, 9, 3), // 13 rows, batches of 5: epochs wrap inside batches
  evalSets: { test: rows(6, 8, 9, 4) },
  evalEvery: 4,
  progress: false,
  ...extra,
});

describe("training loop", () => {
  it("the same seed gives the same run; another seed another run", async () => {
    const a = await train(base(1));
    const b = await train(base(1));
    const c = await train(base(2));
    expect(b.history).toEqual(a.history);
    expect(b.evals).toEqual(a.evals);
    expect(Array.from(b.params)).toEqual(Array.from(a.params));
    expect(c.history[0].loss).not.toBe(a.history[0].loss);
    expect(a.evals.map((e) => e.step)).toEqual([4, 8, 12]);
  });

  it("a run killed after step 5 and resumed from its state file equals the uninterrupted run", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-nn-"));
    const stateFile = path.join(dir, "run.state");
    const full = await train(base(3));
    const part = await train(base(3, { stateFile, saveEvery: 100, stopAfter: 5 }));
    expect(part.history).toHaveLength(5);
    const resumed = await train(base(3, { stateFile, saveEvery: 100 }));
    expect(resumed.resumedFrom).toBe(5);
    expect(resumed.history).toEqual(full.history);
    expect(resumed.evals).toEqual(full.evals);
    expect(Array.from(resumed.params)).toEqual(Array.from(full.params));
    // a state file of another config is reported by path, set aside, and the run starts over
    const warnings: string[] = [];
    const prev = setWarn((l) => warnings.push(l));
    let other;
    try {
      other = await train(base(4, { stateFile }));
    } finally {
      setWarn(prev);
    }
    expect(other.resumedFrom).toBe(0);
    expect(other.history).toEqual((await train(base(4))).history);
    expect(warnings.join("\n")).toContain(stateFile);
    expect(warnings.join("\n")).toContain("another config");
    expect(fs.existsSync(stateFile + ".bad")).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a finished run read back from its resume file equals the run in memory; savedProgress tells the step without changing the file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-nn-"));
    const stateFile = path.join(dir, "finished.state");
    const opts = base(5, { stateFile });
    expect(savedProgress(stateFile, trainConfigOf(opts))).toEqual({ saved: false, step: 0 });
    const part = await train({ ...opts, stopAfter: 4 });
    expect(part.history).toHaveLength(4);
    expect(savedProgress(stateFile, trainConfigOf(opts))).toEqual({ saved: true, step: 4 });
    const live = await train(opts);
    expect(savedProgress(stateFile, trainConfigOf(opts))).toEqual({ saved: true, step: 12 });
    expect(savedProgress(stateFile, trainConfigOf(base(6)))).toEqual({ saved: false, step: 0, note: "holds a run of another config" });
    const back = await train(opts);
    expect(back.resumedFrom).toBe(12);
    expect(back.history).toEqual(live.history);
    expect(back.evals).toEqual(live.evals);
    expect(fs.existsSync(stateFile + ".bad")).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("hooks see every step, evaluations per row, and checkpoints", async () => {
    const steps: number[] = [];
    const ck: number[] = [];
    let rowsSeen = 0;
    const r = await train(
      base(5, {
        checkpointSteps: [0, 6, 12],
        onStep: (s) => steps.push(s.step),
        onEval: (_step, res) => (rowsSeen = res.test.rowCorrect.length),
        onCheckpoint: (s, p) => {
          ck.push(s);
          expect(p.length).toBeGreaterThan(0);
        },
      }),
    );
    expect(steps).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(ck).toEqual([0, 6, 12]);
    expect(rowsSeen).toBe(6);
    for (const h of r.history) expect(h.gradNorm).toBeGreaterThan(0);
  });

  it("evaluate() of a weighted set is the training loss (mean over scored tokens of weight × cross-entropy) for any chunk size, and names a bad weight", () => {
    const tf = tfjs();
    const opts = base(6);
    const set: TokenBatch = { ...rows(7, 8, 9, 8) };
    const wr = new Rng(8, 6);
    set.weights = Float32Array.from({ length: 7 * 8 }, () => (wr.uniform() < 0.2 ? 0 : 3 * wr.uniform()));
    const trainer = new Trainer({ model: opts.model, seed: 6, steps: 0, batchSize: 1, schedule: { kind: "constant", lr: 1e-3 } }, set);
    const model = trainer.model;
    const theta = trainer.params();
    const trainingLoss = tf.tidy(() => model.forward(tf.tensor1d(theta), set).loss.dataSync()[0]);
    for (const chunk of [1, 3, 64]) expect(trainer.evaluate(set, chunk).loss).toBeCloseTo(trainingLoss, 5);
    // a NaN or negative weight at a scored position used to give a NaN (or too small) loss silently
    const scoredAt = set.targets.findIndex((t) => t >= 0);
    expect(() => trainer.evaluate({ ...set, weights: set.weights.map((w, i) => (i === scoredAt ? NaN : w)) })).toThrow(new RegExp(`eval set\\.weights\\[${scoredAt}\\]`));
    expect(() => trainer.evaluate({ ...set, weights: set.weights.map((w, i) => (i === scoredAt ? -1 : w)) })).toThrow(/eval set\.weights/);
    // where the target is not scored, the weight is ignored (as in the training loss)
    const unscored = set.targets.findIndex((t) => t < 0);
    expect(trainer.evaluate({ ...set, weights: set.weights.map((w, i) => (i === unscored ? NaN : w)) }).loss).toBeCloseTo(trainingLoss, 5);
    trainer.dispose();
  });
});

describe("schedules", () => {
  it("constant, warmup + cosine and warmup-stable-decay have their defining values", () => {
    expect(learningRate({ kind: "constant", lr: 0.1 }, 57, 100)).toBe(0.1);
    const cos = { kind: "cosine" as const, lr: 1, warmup: 10, minRatio: 0.1 };
    expect(learningRate(cos, 0, 110)).toBeCloseTo(0.1, 12); // linear warmup: (s+1)/warmup
    expect(learningRate(cos, 9, 110)).toBeCloseTo(1, 12);
    expect(learningRate(cos, 10, 110)).toBeCloseTo(1, 12);
    expect(learningRate(cos, 60, 110)).toBeCloseTo(0.1 + 0.9 * 0.5, 12); // half-way: cos(π/2) = 0
    expect(learningRate(cos, 110, 110)).toBeCloseTo(0.1, 12);
    const wsd = { kind: "wsd" as const, lr: 2, warmup: 5, decayFraction: 0.2 };
    expect(learningRate(wsd, 50, 100)).toBe(2);
    expect(learningRate(wsd, 79, 100)).toBe(2);
    expect(learningRate(wsd, 89, 100)).toBeCloseTo(2 * (1 - 10 / 20), 12);
    expect(learningRate(wsd, 99, 100)).toBeCloseTo(0, 12);
  });

  it("AdamW matches the closed-form update (decoupled decay, bias correction) and clips by global norm", () => {
    const tf = tfjs();
    const n = 6;
    const rng = new Rng(2);
    const th = Float32Array.from({ length: n }, () => rng.normal());
    const mask = Float32Array.from({ length: n }, (_, i) => (i % 2 ? 1 : 0));
    const opt = new AdamW(n, mask, { beta1: 0.8, beta2: 0.9, eps: 1e-6, weightDecay: 0.5, clipNorm: 1 });
    let theta = tf.tensor1d(th);
    const ref = Float64Array.from(th);
    const m = new Float64Array(n);
    const v = new Float64Array(n);
    for (let t = 1; t <= 3; t++) {
      const g = Float32Array.from({ length: n }, () => 3 * rng.normal());
      const norm = Math.hypot(...g);
      const out = opt.step(theta, tf.tensor1d(g), 0.01);
      expect(out.info.gradNorm).toBeCloseTo(norm, 4);
      const scale = norm > 1 ? 1 / (norm + 1e-6) : 1;
      for (let i = 0; i < n; i++) {
        const gi = g[i] * scale;
        m[i] = 0.8 * m[i] + 0.2 * gi;
        v[i] = 0.9 * v[i] + 0.1 * gi * gi;
        ref[i] -= 0.01 * 0.5 * mask[i] * ref[i];
        ref[i] -= (0.01 / (1 - 0.8 ** t)) * (m[i] / (Math.sqrt(v[i]) / Math.sqrt(1 - 0.9 ** t) + 1e-6));
      }
      theta.dispose();
      theta = out.theta;
    }
    const got = theta.dataSync();
    for (let i = 0; i < n; i++) expect(got[i]).toBeCloseTo(ref[i], 5);
    opt.dispose();
  });
});
