import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveWorkerFile, runInWorkers } from "../../src/run/pool";
import { packageRoot } from "../../src/run/store";
import { MC_WORKER_FILE, multiEpochMcParallel } from "../../src/reuse/mcParallel";
import { setWarn } from "../../src/run/files";
import { multiEpochSgd, summarizeMc } from "../../theory/reuse/monteCarlo";
import { linearProblem } from "../../theory/reuse/problem";
import { evenSpectrum, powerSpectrum } from "../../src/core/spectra";
import { ParameterError } from "../../src/core/validate";

const root = packageRoot(__dirname);
const distPool = path.join(root, "dist/src/run/pool.js");

function requireBuild(): void {
  for (const f of [distPool, path.join(root, MC_WORKER_FILE)]) {
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: run \`npm run build\` before these tests`);
  }
}

describe("runInWorkers", () => {
  let dir = "";
  let worker = "";
  beforeAll(() => {
    requireBuild();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-pool-"));
    worker = path.join(dir, "square.js");
    fs.writeFileSync(
      worker,
      `const { serveWorker } = require(${JSON.stringify(distPool)});
       const { threadId } = require("node:worker_threads");
       function handle(t) {
         if (t.fail) throw new RangeError("boom " + t.x);
         let s = 0; for (let i = 0; i < t.spin; i++) s += i;   // a little work so both workers get tasks
         return { y: t.x * t.x, data: new Float64Array([t.x, 0.5]), thread: threadId };
       }
       exports.handle = handle;
       serveWorker(handle, __filename);`,
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  type T = { x: number; spin: number; fail?: boolean };
  type R = { y: number; data: Float64Array; thread: number };

  it("returns results in task order, from both threads, with progress", async () => {
    const tasks: T[] = Array.from({ length: 20 }, (_, x) => ({ x, spin: 2e5 }));
    const progress: number[] = [];
    const out = await runInWorkers<T, R>(worker, tasks, { threads: 2, onProgress: (done, total) => progress.push(done / total) });
    expect(out.map((r) => r.y)).toEqual(tasks.map((t) => t.x * t.x));
    expect(out[3].data).toBeInstanceOf(Float64Array);
    expect(Array.from(out[3].data)).toEqual([3, 0.5]);
    expect(new Set(out.map((r) => r.thread)).size).toBe(2);
    expect(out.every((r) => r.thread !== 0)).toBe(true); // not the main thread
    expect(progress).toEqual(tasks.map((_, i) => (i + 1) / 20));
  });

  it("threads = 1 runs in-process (main thread)", async () => {
    const out = await runInWorkers<T, R>(worker, [{ x: 2, spin: 0 }, { x: 3, spin: 0 }], { threads: 1 });
    expect(out.map((r) => r.y)).toEqual([4, 9]);
    expect(out.every((r) => r.thread === 0)).toBe(true);
    const own = await runInWorkers<T, number>(worker, [{ x: 5, spin: 0 }], { threads: 1, inProcess: (t) => -t.x });
    expect(own).toEqual([-5]);
  });

  it("rejects with the task's error, and handles empty task lists", async () => {
    const tasks: T[] = [{ x: 1, spin: 0 }, { x: 7, spin: 0, fail: true }, { x: 2, spin: 0 }];
    await expect(runInWorkers<T, R>(worker, tasks, { threads: 2 })).rejects.toThrow(/task 1 failed.*RangeError: boom 7/);
    await expect(runInWorkers<T, R>(worker, [], { threads: 2 })).resolves.toEqual([]);
    await expect(runInWorkers<T, R>(worker, tasks, { threads: 0 })).rejects.toThrow(ParameterError);
  });

  it("names the missing build when the worker file does not exist", () => {
    expect(() => resolveWorkerFile("dist/src/run/noSuchWorker.js")).toThrow(/npm run build/);
  });
});

describe("multiEpochMcParallel", () => {
  beforeAll(requireBuild);
  const p = linearProblem(powerSpectrum(12, 1.5), { sigma: 0.1, features: "gaussian" });
  const opts = { N: 60, Kmax: 5, etas: [0.02, 0.05, 0.1], runs: 23, seed: 17 };

  it("gives bitwise-identical numbers for 1 and 2 threads and any chunking, equal to the direct call", async () => {
    const direct = multiEpochSgd(p, opts);
    const one = await multiEpochMcParallel(p, { ...opts, threads: 1 });
    const progress: [number, number][] = [];
    const two = await multiEpochMcParallel(p, { ...opts, threads: 2, onProgress: (d, t) => progress.push([d, t]) });
    const odd = await multiEpochMcParallel(p, { ...opts, threads: 2, chunks: 5 });
    for (const acc of [one, two, odd]) {
      expect(acc.runs).toBe(23);
      expect(acc.perRun).toBeUndefined();
      expect(Array.from(acc.sum)).toEqual(Array.from(direct.sum));
      expect(Array.from(acc.sumSq)).toEqual(Array.from(direct.sumSq));
    }
    expect(summarizeMc(two).mean).toEqual(summarizeMc(one).mean);
    expect(progress[progress.length - 1]).toEqual([23, 23]);
    expect(progress.every(([d], i) => i === 0 || d > progress[i - 1][0])).toBe(true);
  });

  it("validates in the main thread", async () => {
    await expect(multiEpochMcParallel(p, { ...opts, etas: [10], threads: 2 })).rejects.toThrow(ParameterError);
    await expect(multiEpochMcParallel(p, { ...opts, threads: 2, chunks: 99 })).rejects.toThrow(/chunks/);
  });
});

describe("Monte Carlo checkpoints", () => {
  it("a run interrupted after its first batch resumes to exactly the uninterrupted result", async () => {
    const p = linearProblem(evenSpectrum(4, 1, 2), { sigma: 0.2, features: "gaussian" });
    const opts = { N: 30, Kmax: 5, etas: [0.01, 0.03, 0.08], runs: 24, seed: 9, threads: 2, chunks: 6 };
    const reference = await multiEpochMcParallel(p, opts);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-cp-")), "mc.json");
    let calls = 0;
    await expect(
      multiEpochMcParallel(p, {
        ...opts,
        checkpoint: file,
        onProgress: () => {
          if (++calls === 3) throw new Error("simulated kill");
        },
      }),
    ).rejects.toThrow(/simulated kill/);
    expect(fs.existsSync(file)).toBe(true);
    const seen: number[] = [];
    const resumed = await multiEpochMcParallel(p, { ...opts, checkpoint: file, onProgress: (d) => seen.push(d) });
    expect(seen[0]).toBeGreaterThan(0); // the first batch was not recomputed
    expect(Array.from(resumed.sum)).toEqual(Array.from(reference.sum));
    expect(Array.from(resumed.sumSq)).toEqual(Array.from(reference.sumSq));
    expect(fs.existsSync(file)).toBe(false);
  });

  it.each([
    [1, 2],
    [1, 3],
    [4, 1],
  ])("a run interrupted with %i thread(s) resumes with %i (the default chunking does not depend on the thread count)", async (before, after) => {
    const p = linearProblem(evenSpectrum(4, 1, 2), { sigma: 0.2, features: "gaussian" });
    const opts = { N: 30, Kmax: 5, etas: [0.01, 0.03, 0.08], runs: 40, seed: 11 };
    const reference = await multiEpochMcParallel(p, { ...opts, threads: 2 });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-cp-")), "mc.json");
    let calls = 0;
    await expect(
      multiEpochMcParallel(p, {
        ...opts,
        threads: before,
        checkpoint: file,
        onProgress: () => {
          if (++calls === before + 2) throw new Error("simulated kill");
        },
      }),
    ).rejects.toThrow(/simulated kill/);
    expect(Object.keys(JSON.parse(fs.readFileSync(file, "utf8")).parts).length).toBeGreaterThan(0); // some of the chunks were saved
    const warnings: string[] = [];
    const prev = setWarn((l) => warnings.push(l));
    const seen: number[] = [];
    try {
      const resumed = await multiEpochMcParallel(p, { ...opts, threads: after, checkpoint: file, onProgress: (d) => seen.push(d) });
      expect(Array.from(resumed.sum)).toEqual(Array.from(reference.sum));
      expect(Array.from(resumed.sumSq)).toEqual(Array.from(reference.sumSq));
    } finally {
      setWarn(prev);
    }
    expect(warnings).toEqual([]); // the checkpoint was used, not set aside
    expect(seen[0]).toBeGreaterThan(0); // the chunks finished before were loaded, not recomputed
    expect(fs.existsSync(file)).toBe(false);
  });

  const q = linearProblem(evenSpectrum(4, 1, 2), { sigma: 0.2, features: "gaussian" });
  const qopts = { N: 30, Kmax: 5, etas: [0.01, 0.03, 0.08], runs: 24, seed: 9, threads: 2, chunks: 6 };

  it("a truncated checkpoint is reported by its path, set aside, and the result recomputed exactly", async () => {
    const reference = await multiEpochMcParallel(q, qopts);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-cp-")), "mc.json");
    fs.writeFileSync(file, '{"key":"abc","parts":{"0":{"etas":[0.01');
    const warnings: string[] = [];
    const prev = setWarn((l) => warnings.push(l));
    try {
      const acc = await multiEpochMcParallel(q, { ...qopts, checkpoint: file });
      expect(Array.from(acc.sum)).toEqual(Array.from(reference.sum));
    } finally {
      setWarn(prev);
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(file);
    expect(fs.existsSync(`${file}.bad`)).toBe(true);
  });

  it("a checkpoint of another computation (other seed) is set aside, not merged", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-cp-"));
    const file = path.join(dir, "mc.json");
    let calls = 0;
    await expect(
      multiEpochMcParallel(q, { ...qopts, seed: 10, checkpoint: file, onProgress: () => {
        if (++calls === 3) throw new Error("simulated kill");
      } }),
    ).rejects.toThrow(/simulated kill/);
    const warnings: string[] = [];
    const prev = setWarn((l) => warnings.push(l));
    try {
      const acc = await multiEpochMcParallel(q, { ...qopts, checkpoint: file });
      expect(Array.from(acc.sum)).toEqual(Array.from((await multiEpochMcParallel(q, qopts)).sum));
    } finally {
      setWarn(prev);
    }
    expect(warnings.join("\n")).toMatch(/another Monte Carlo computation/);
  });

  it("three identical computations sharing one checkpoint file all succeed with identical numbers", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-cp-")), "mc.json");
    const all = await Promise.all([0, 1, 2].map(() => multiEpochMcParallel(q, { ...qopts, checkpoint: file })));
    for (const acc of all) expect(Array.from(acc.sum)).toEqual(Array.from(all[0].sum));
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
