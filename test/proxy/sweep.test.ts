/**
 * The proxy lr sweep driver: identical numbers for any thread count, finished cells checkpointed, and a
 * truncated or foreign checkpoint reported by path, set aside and recomputed.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultRecipes } from "../../theory/proxy/recipes";
import { setWarn } from "../../src/run/files";
import { runSweep, type SweepConfig } from "../../src/proxy/sweepRunner";

const config = (): SweepConfig => ({
  world: { d: 4, poolSize: 300, seed: 0 },
  recipes: defaultRecipes().slice(0, 5),
  widths: [8, 16],
  lrs: [0.05, 0.5],
  regime: "fixed-time",
  steps: 100,
  time: 50,
  maxSteps: 1e6,
  batch: 8,
  optimizer: "sgd",
  seeds: 2,
  targetWidth: 32,
  k: 1,
});

describe("proxy sweep driver", () => {
  let dir: string;
  let warnings: string[];
  let prev: (line: string) => void;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-proxy-sweep-"));
    warnings = [];
    prev = setWarn((l) => warnings.push(l));
  });
  afterEach(() => {
    setWarn(prev);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("gives the same cells on 1 and 2 threads, and from its checkpoints", async () => {
    const one = await runSweep(config(), { threads: 1 });
    const two = await runSweep(config(), { threads: 2, checkpointDir: dir });
    expect(two.cells).toEqual(one.cells);
    expect(two.agreement).toEqual(one.agreement);
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(["cell-w16-s0.json", "cell-w16-s1.json", "cell-w8-s0.json", "cell-w8-s1.json"]);
    // a rerun reads every cell back (progress starts at the finished count) and gives the same numbers
    const seen: number[] = [];
    const again = await runSweep(config(), { threads: 1, checkpointDir: dir, onProgress: (d) => seen.push(d) });
    expect(again.cells).toEqual(one.cells);
    expect(seen).toEqual([]);
    expect(warnings).toEqual([]);
  }, 60_000);

  it("reports a truncated or foreign checkpoint by path, sets it aside and recomputes the cell", async () => {
    const full = await runSweep(config(), { threads: 1, checkpointDir: dir });
    const truncated = path.join(dir, "cell-w8-s1.json");
    const text = fs.readFileSync(truncated, "utf8");
    fs.writeFileSync(truncated, text.slice(0, 100));
    const foreign = path.join(dir, "cell-w16-s0.json");
    fs.copyFileSync(path.join(dir, "cell-w16-s1.json"), foreign);
    const seen: number[] = [];
    const again = await runSweep(config(), { threads: 1, checkpointDir: dir, onProgress: (d) => seen.push(d) });
    expect(again.cells).toEqual(full.cells);
    expect(seen).toEqual([3, 4]);
    expect(warnings.length).toBe(2);
    expect(warnings.some((w) => w.includes(truncated) && /not valid JSON/.test(w))).toBe(true);
    expect(warnings.some((w) => w.includes(foreign) && /another sweep/.test(w))).toBe(true);
    expect(fs.existsSync(`${truncated}.bad`)).toBe(true);
    expect(fs.readFileSync(truncated, "utf8")).toBe(text);
  }, 60_000);
});
