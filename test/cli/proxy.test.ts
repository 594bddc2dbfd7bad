import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { spearman } from "../../src/core/stats";

// The proxy CLI is a stable contract: these tests run the compiled command as scripts would.
const main = path.resolve(__dirname, "../../dist/src/cli/main.js");
const run = (args: string[]) => spawnSync(process.execPath, [main, ...args], { encoding: "utf8" });
const jsonLines = (out: string) => out.trim().split("\n").map((l) => JSON.parse(l));
const quick = ["--pool", "300", "--target-width", "32", "--width", "8", "--seeds", "2"];

describe("datalaws proxy sweep", () => {
  it("--json prints one line per lr with lr, regime, spearman, kendall, pairwise, regret — and nothing else", () => {
    const r = run(["proxy", "sweep", "--optimizer", "gd", "--lr", "1e-3,0.1,1,30", ...quick, "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const rows = jsonLines(r.stdout);
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      for (const k of ["lr", "regime", "spearman", "kendall", "pairwise", "regret"]) expect(row).toHaveProperty(k);
      expect(row.regime).toBe("fixed-time");
      expect(row.pairwise).toBeGreaterThanOrEqual(0);
      expect(row.pairwise).toBeLessThanOrEqual(1);
    }
    expect(rows.map((x) => x.lr)).toEqual([1e-3, 0.1, 1, 30]);
    // far above the stability edge every run diverges: no ranking information
    expect(rows[3].diverged).toBe(1);
    expect(rows[3].spearman).toBe(0);
  });

  it("fixed-steps SGD: same seed → same numbers whatever the thread count", () => {
    const args = ["proxy", "sweep", "--regime", "fixed-steps", "--steps", "50", "--lr", "0.1,1", "--recipes", "spec10", ...quick, "--json"];
    const a = run([...args, "--threads", "1"]);
    const b = run([...args, "--threads", "2"]);
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(jsonLines(a.stdout)[0].regime).toBe("fixed-steps");
  });

  it("accepts a JSON recipe file and a list of recipe names", () => {
    const f = path.join(os.tmpdir(), `datalaws-recipes-${process.pid}.json`);
    fs.writeFileSync(f, JSON.stringify([{ name: "a", axis: "quality", corruption: 0.1 }, { name: "b", axis: "quality", corruption: 0.4 }, { name: "c", axis: "mixture", mixture: [0.5, 0.5, 0] }]));
    const r = run(["proxy", "sweep", "--optimizer", "gd", "--lr", "1e-3", "--recipes", f, ...quick, "--json"]);
    fs.unlinkSync(f);
    expect(r.status, r.stderr).toBe(0);
    expect(jsonLines(r.stdout)).toHaveLength(1);
    const s = run(["proxy", "sweep", "--optimizer", "gd", "--lr", "1e-3", "--recipes", "mixture-0,mixture-3,quality-2", ...quick, "--json"]);
    expect(s.status, s.stderr).toBe(0);
  });

  const bad: Array<[string, string[], RegExp]> = [
    ["width < 1", ["--width", "0"], /--width = 0: must be/],
    ["lr ≤ 0", ["--lr", "0.1,0"], /--lr\[1\] = 0: must be/],
    ["negative lr", ["--lr", "-1"], /--lr = -1: must be/],
    ["steps < 1", ["--regime", "fixed-steps", "--steps", "0"], /--steps = 0: must be/],
    ["empty recipe list", ["--recipes", ""], /--recipes = "": must be/],
    ["unknown recipe", ["--recipes", "mixture-0,bogus"], /--recipes\[1\] = "bogus": must be/],
    ["malformed lr list", ["--lr", "0.1,,1"], /--lr = "0.1,,1": must be a comma-separated list/],
    ["bad regime", ["--regime", "forever"], /--regime = "forever": must be one of fixed-time, fixed-steps/],
  ];
  for (const [what, extra, msg] of bad) {
    it(`bad input (${what}) exits 2 with one line naming the parameter`, () => {
      const r = run(["proxy", "sweep", "--optimizer", "gd", ...extra]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
    });
  }

  it("a malformed recipe file names the field", () => {
    const f = path.join(os.tmpdir(), `datalaws-bad-${process.pid}.json`);
    fs.writeFileSync(f, JSON.stringify([{ name: "a", axis: "quality", corruption: 2 }, { name: "b", axis: "quality" }]));
    const r = run(["proxy", "sweep", "--optimizer", "gd", "--recipes", f]);
    fs.writeFileSync(f, "[not json");
    const r2 = run(["proxy", "sweep", "--optimizer", "gd", "--recipes", f]);
    fs.writeFileSync(f, "[]");
    const r3 = run(["proxy", "sweep", "--optimizer", "gd", "--recipes", f]);
    fs.unlinkSync(f);
    expect(r.status).toBe(2);
    // the file and the field are named; the file's contents are not echoed
    expect(r.stderr).toMatch(/--recipes \S+\.json\[0\]\.corruption = 2: must be/);
    expect(r2.stderr).toMatch(/--recipes = ".*": must be a JSON file holding an array of recipe specs \(\S+ is not valid JSON\)/);
    expect(r2.stderr).not.toContain("[not json");
    expect(r3.stderr).toMatch(/--recipes \S+\.json = \[\]: must be a non-empty list/);
    for (const x of [r, r2, r3]) expect(x.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("datalaws proxy flip", () => {
  it("--json: one line per pair (45 for spec10); the two noise-flip predictions order the pairs alike", () => {
    const r = run(["proxy", "flip", "--recipes", "spec10", "--width", "16", "--pool", "300", "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const rows = jsonLines(r.stdout);
    expect(rows).toHaveLength(45);
    for (const row of rows) for (const k of ["a", "b", "winner", "oneStep", "noise", "discrete"]) expect(row).toHaveProperty(k);
    const finite = rows.filter((x) => x.noise !== "inf").map((x) => [x.noise, x.noiseEquilibrated]);
    expect(finite.length).toBeGreaterThan(0);
    // the tr(H_v) and equilibrated-trace predictions rank the pairs alike
    expect(spearman(finite.map((x) => x[0]), finite.map((x) => x[1]))).toBeGreaterThan(0.9);
  });
  it("rejects an unknown pair and width < 1", () => {
    expect(run(["proxy", "flip", "--recipes", "spec10", "--pair", "spec-0,nope"]).stderr).toMatch(/--pair = "nope"/);
    expect(run(["proxy", "flip", "--width", "0"]).stderr).toMatch(/--width = 0: must be/);
  });
});

describe("one seed and recipe ranges", () => {
  it("with one seed the standard error of Spearman is said to be undefined (JSON and table), never null", () => {
    const args = ["proxy", "sweep", "--optimizer", "gd", "--lr", "1e-3,1", "--pool", "300", "--target-width", "32", "--width", "8", "--seeds", "1"];
    const j = run([...args, "--json"]);
    expect(j.status, j.stderr).toBe(0);
    for (const row of jsonLines(j.stdout)) expect(row.spearmanSe).toBe("undefined (one seed)");
    expect(j.stdout).not.toMatch(/null/);
    const t = run(args);
    expect(t.status, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/undefined \(one seed\)/);
    // two seeds: a number
    const two = run(["proxy", "sweep", "--optimizer", "gd", "--lr", "1e-3", ...quick, "--json"]);
    expect(typeof jsonLines(two.stdout)[0].spearmanSe).toBe("number");
  });
  it("a recipe file outside the well-posed ranges gets the library's error, prefixed by the flag and file", async () => {
    const { validateRecipes } = await import("../../theory/proxy/recipes");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-ranges-"));
    try {
      for (const [field, value] of [["scale", 1e300], ["labelScale", 0], ["shift", 5e3], ["noise", 2e3]] as const) {
        const list = [{ name: "a", axis: "scale", [field]: value }, { name: "b", axis: "scale" }];
        const file = path.join(dir, `${field}.json`);
        fs.writeFileSync(file, JSON.stringify(list));
        let lib = "";
        try {
          validateRecipes(list, "LIST");
        } catch (e) {
          lib = (e as Error).message;
        }
        expect(lib).toMatch(new RegExp(`^LIST\\[0\\]\\.${field} = `));
        const r = run(["proxy", "sweep", "--recipes", file, "--width", "4", "--pool", "100"]);
        expect(r.status).toBe(2);
        expect(r.stderr.trim()).toContain(lib.replace(/^LIST/, `--recipes ${file}`));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("recipe names are looked up as own names only", () => {
  for (const name of ["constructor", "__proto__", "mixture-0,toString"]) {
    it(`--recipes ${name} exits 2 with one line naming the flag`, () => {
      const r = run(["proxy", "flip", "--recipes", name, "--width", "8", "--pool", "100"]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      // a single name is the flag's value; in a list, the item is named by its index
      expect(r.stderr).toMatch(/--recipes(\[1\])? = "(constructor|__proto__|toString)": must be a recipe set/);
    });
  }
});
