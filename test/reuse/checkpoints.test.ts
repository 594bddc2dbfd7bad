/**
 * Resume files are validated on load, not trusted: a Monte Carlo chunk checkpoint or a proxy sweep cell
 * with the right key but tampered contents (a shortened per-run array, an extra part, wrong lengths,
 * non-finite sums) is reported by path, set aside as `.bad` and recomputed — never merged.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { multiEpochMcParallel } from "../../src/reuse/mcParallel";
import { readJson, setWarn, writeJsonAtomic } from "../../src/run/files";
import { linearProblem } from "../../theory/reuse/problem";
import { evenSpectrum } from "../../src/core/spectra";
import { runSweep, type SweepConfig } from "../../src/proxy/sweepRunner";
import { defaultRecipes } from "../../theory/proxy/recipes";

type Part = { etas: number[]; Kmax: number; runs: number; runOffset: number; sum: number[]; sumSq: number[]; perRun: number[] };
type Cp = { key: string; parts: Record<string, Part> };

const q = linearProblem(evenSpectrum(4, 1, 2), { sigma: 0.2, features: "gaussian" });
const qopts = { N: 30, Kmax: 5, etas: [0.01, 0.03, 0.08], runs: 24, seed: 9, threads: 1, chunks: 6 };

/** A checkpoint left by a run killed after its third chunk. */
async function interrupted(): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-tamper-")), "mc.json");
  let calls = 0;
  await expect(
    multiEpochMcParallel(q, { ...qopts, checkpoint: file, onProgress: () => {
      if (++calls === 3) throw new Error("simulated kill");
    } }),
  ).rejects.toThrow(/simulated kill/);
  return file;
}

const tampers: Array<[string, (cp: Cp) => void, RegExp]> = [
  ["a shortened per-run array", (cp) => void cp.parts["0"].perRun.splice(-15), /perRun of length/],
  ["a shortened per-run array with matching sums", (cp) => {
    const p = cp.parts["0"];
    p.perRun = p.perRun.slice(0, p.perRun.length - 15); // one run fewer
    p.runs -= 1;
  }, /runs|perRun/],
  ["an extra part key", (cp) => void (cp.parts["99"] = cp.parts["0"]), /part "99"/],
  ["a non-numeric part key", (cp) => void (cp.parts["x"] = cp.parts["0"]), /part "x"/],
  ["a sum of the wrong length", (cp) => void cp.parts["1"].sum.pop(), /sum of length/],
  ["a non-finite sum", (cp) => void (cp.parts["1"].sum[0] = NaN), /sum\[0\] = NaN/],
  ["a risk changed in the per-run array", (cp) => void (cp.parts["1"].perRun[3] *= 2), /do not match/],
  ["a part of other runs", (cp) => void (cp.parts["1"] = cp.parts["0"]), /other runs/],
];

describe("Monte Carlo checkpoints are validated on load", () => {
  it.each(tampers)("%s: set aside with the file named, and the result recomputed exactly", async (_name, tamper, reason) => {
    const reference = await multiEpochMcParallel(q, { ...qopts });
    const file = await interrupted();
    const cp = readJson<Cp>(file)!;
    expect(Object.keys(cp.parts).length).toBeGreaterThanOrEqual(2);
    tamper(cp);
    writeJsonAtomic(file, cp);
    const warnings: string[] = [];
    const prev = setWarn((l) => warnings.push(l));
    try {
      const acc = await multiEpochMcParallel(q, { ...qopts, checkpoint: file });
      expect(Array.from(acc.sum)).toEqual(Array.from(reference.sum));
      expect(Array.from(acc.sumSq)).toEqual(Array.from(reference.sumSq));
    } finally {
      setWarn(prev);
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(file);
    expect(warnings[0]).toMatch(reason);
    expect(fs.existsSync(`${file}.bad`)).toBe(true);
  });

  it("an untampered checkpoint is still resumed without a warning", async () => {
    const reference = await multiEpochMcParallel(q, { ...qopts });
    const file = await interrupted();
    const warnings: string[] = [];
    const prev = setWarn((l) => warnings.push(l));
    const seen: number[] = [];
    try {
      const acc = await multiEpochMcParallel(q, { ...qopts, checkpoint: file, onProgress: (d) => seen.push(d) });
      expect(Array.from(acc.sum)).toEqual(Array.from(reference.sum));
    } finally {
      setWarn(prev);
    }
    expect(warnings).toEqual([]);
    expect(seen[0]).toBeGreaterThan(0);
  });
});

describe("proxy sweep cells are validated on load", () => {
  const config = (): SweepConfig => ({
    world: { d: 4, poolSize: 300, seed: 0 },
    recipes: defaultRecipes().slice(0, 5),
    widths: [8],
    lrs: [0.05, 0.5],
    regime: "fixed-time",
    steps: 100,
    time: 50,
    maxSteps: 1e6,
    batch: 8,
    optimizer: "sgd",
    seeds: 1,
    targetWidth: 16,
    k: 1,
  });
  type Cell = { loss: number[][]; selfOptimum: number[]; steps: number[]; lambdaMaxVal: number };
  it.each<[string, (c: Cell) => void, RegExp]>([
    ["a NaN loss", (c) => void (c.loss[0][1] = NaN), /loss\[0\]\[1\] = NaN/],
    ["a shortened selfOptimum", (c) => void c.selfOptimum.pop(), /selfOptimum/],
    ["fractional step counts", (c) => void (c.steps[0] = 1.5), /step counts/],
    ["a negative lambdaMaxVal", (c) => void (c.lambdaMaxVal = -1), /lambdaMaxVal/],
  ])("%s: set aside and recomputed", async (_name, tamper, reason) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-tamper-sweep-"));
    const full = await runSweep(config(), { threads: 1, checkpointDir: dir });
    const file = path.join(dir, "cell-w8-s0.json");
    const cell = readJson<Cell>(file)!;
    tamper(cell);
    writeJsonAtomic(file, cell);
    const warnings: string[] = [];
    const prev = setWarn((l) => warnings.push(l));
    try {
      const again = await runSweep(config(), { threads: 1, checkpointDir: dir });
      expect(again.cells).toEqual(full.cells);
    } finally {
      setWarn(prev);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(file);
    expect(warnings[0]).toMatch(reason);
  }, 60_000);
});
