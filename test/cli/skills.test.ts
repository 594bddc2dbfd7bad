import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runSgdTask } from "../../theory/skills/sampleComplexity";
import { uniformOde } from "../../theory/skills/ode";

// The CLI is a stable contract: these tests run the compiled command as scripts would (with a private data folder).
const main = path.resolve(__dirname, "../../dist/src/cli/main.js");
const data = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-skills-"));
const run = (args: string[]) => spawnSync(process.execPath, [main, ...args], { encoding: "utf8", env: { ...process.env, DATALAWS_DATA: data } });
const jsonLines = (out: string) => out.trim().split("\n").map((l) => JSON.parse(l));

describe("datalaws skills sgd", () => {
  const base = ["skills", "sgd", "--k", "4", "--d", "32", "--alpha", "1.5", "--eta", "0.2", "--batch", "16", "--budget", "2e5", "--seeds", "3"];
  it("--json prints one line per seed with exactly seed, escape, solve, diverged, finalUniformLoss — equal to the library's run", () => {
    const r = run([...base, "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const rows = jsonLines(r.stdout);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(["diverged", "escape", "finalUniformLoss", "seed", "solve"]);
    expect(rows.map((x) => x.seed)).toEqual([0, 1, 2]);
    const lib = runSgdTask({ k: 4, d: 32, alpha: 1.5, eta: 0.2, batch: 16, budget: 2e5, r: 0.5, seed: 1, order: "random" });
    expect(rows[1].escape).toBe(lib.escape);
    expect(rows[1].solve).toBe(lib.solve);
    expect(rows[1].finalUniformLoss).toBe(lib.finalUniformLoss);
  });
  it("a diverged run (--r 2) is reported as diverged in the table and in JSON, never counted as an escape", () => {
    const args = ["skills", "sgd", "--k", "4", "--d", "32", "--alpha", "1.5", "--eta", "0.2", "--batch", "16", "--budget", "2e4", "--seeds", "2", "--r", "2"];
    const j = run([...args, "--json"]);
    expect(j.status, j.stderr).toBe(0);
    for (const row of jsonLines(j.stdout)) {
      expect(row.diverged).toBe(true);
      expect(row.escape).toBeNull();
      expect(row.solve).toBeNull();
    }
    const t = run(args);
    expect(t.status, t.stderr).toBe(0);
    expect(t.stdout).toContain("escaped 0/2, solved 0/2, diverged 2/2");
    expect(t.stdout).not.toMatch(/^0\s+0\s/m); // the old table printed seed 0 with escape 0
  });
  it("--alpha 0 is uniform; results do not depend on the thread count; a rerun is served from the cache", () => {
    const args = ["skills", "sgd", "--k", "4", "--d", "16", "--alpha", "0", "--eta", "1", "--batch", "8", "--budget", "5e4", "--seeds", "4", "--json"];
    const a = run([...args, "--threads", "1"]).stdout;
    const fresh = spawnSync(process.execPath, [main, ...args, "--threads", "2"], { encoding: "utf8", env: { ...process.env, DATALAWS_DATA: data, DATALAWS_FRESH: "1" } }).stdout;
    expect(fresh).toBe(a);
    expect(run([...args, "--threads", "2"]).stdout).toBe(a);
  });
  const bad: Array<[string, string[], RegExp]> = [
    ["k < 2", ["--k", "1"], /--k = 1: must be/],
    ["α < 0", ["--alpha", "-0.5"], /--alpha = -0.5: must be/],
    ["d < k", ["--d", "3"], /--d = 3: must be ≥ k = 4/],
    ["η ≤ 0", ["--eta", "0"], /--eta = 0: must be/],
    ["η beyond the stability limit", ["--eta", "5"], /--eta = 5: must be .*stability limit/],
    ["batch < 1", ["--batch", "0"], /--batch = 0: must be/],
    ["r ≤ 0", ["--r", "0"], /--r = 0: must be/],
    ["budget < batch", ["--budget", "4"], /--budget = 4: must be/],
  ];
  for (const [what, over, msg] of bad) {
    it(`bad input (${what}) exits 2 with one stderr line naming the flag`, () => {
      const args = [...base];
      for (let i = 0; i < over.length; i += 2) {
        const j = args.indexOf(over[i]);
        if (j >= 0) args[j + 1] = over[i + 1];
        else args.push(over[i], over[i + 1]);
      }
      const r = run(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
    });
  }
});

describe("datalaws skills ode / landscape", () => {
  it("ode --json gives escape and solve steps equal to the library's ODE", () => {
    const r = run(["skills", "ode", "--k", "4", "--d", "100,1000", "--eta", "1", "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const rows = jsonLines(r.stdout);
    expect(rows).toHaveLength(2);
    expect(rows[1].escapeSteps).toBeCloseTo(uniformOde({ k: 4, d: 1000, eta: 1, trajectory: false, maxSteps: 1e40 }).escapeSteps as number, 6);
    expect(run(["skills", "ode", "--k", "4", "--d", "100", "--eta", "20"]).stderr).toMatch(/--eta = 20: must be .*stability limit/);
    expect(run(["skills", "ode", "--k", "1", "--d", "100"]).stderr).toMatch(/--k = 1/);
  });
  it("landscape --json gives an n×n grid whose centre is L(w₀)", () => {
    const r = run(["skills", "landscape", "--k", "6", "--d", "64", "--alpha", "1.5", "--n", "5", "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const rows = jsonLines(r.stdout);
    expect(rows).toHaveLength(25);
    const c = rows.find((x) => x.a === 0 && x.b === 0);
    expect(c.loss).toBeGreaterThan(0.49);
    expect(c.loss).toBeLessThan(0.51);
    expect(run(["skills", "landscape", "--k", "6", "--d", "64", "--alpha", "1.5", "--directions", "pca", "--eta", "0.2", "--n", "3", "--json"]).status).toBe(0);
    expect(run(["skills", "landscape", "--k", "6", "--d", "64", "--alpha", "-1"]).stderr).toMatch(/--alpha = -1/);
  });
});
