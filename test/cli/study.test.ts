import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FOLDERS, findStudy } from "../../src/registry";

// `datalaws study <name> [--scale] [--threads] [--json]` is a stable contract.
const main = path.resolve(__dirname, "../../dist/src/cli/main.js");
const data = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-study-cli-"));
const run = (args: string[]) => spawnSync(process.execPath, [main, ...args], { encoding: "utf8", env: { ...process.env, DATALAWS_DATA: data } });
afterAll(() => fs.rmSync(data, { recursive: true, force: true }));

describe("datalaws study", () => {
  const bad: Array<[string, string[], RegExp]> = [
    ["no study name", ["study"], /study name = "\(missing\)": must be one of reuse, skills, proxy/],
    ["unknown study", ["study", "vision"], /study = "vision": must be one of reuse, skills, proxy/],
    ["unknown scale", ["study", "reuse", "--scale", "huge"], /--scale = "huge": must be one of ci, small, paper/],
    ["threads < 1", ["study", "reuse", "--scale", "ci", "--threads", "0"], /--threads = 0: must be/],
  ];
  for (const [what, args, msg] of bad) {
    it(`bad input (${what}) exits with status 2 and one line naming the parameter`, () => {
      const r = run(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
    });
  }

  it("--json: one line per claim of the study with id, paper, verdict, measured, predicted, tolerance; a second call loads the stored result and prints the same", () => {
    const study = findStudy("reuse");
    const claims = FOLDERS.find((f) => f.name === "reuse")!.claims.filter((c) => c.needs.includes(study));
    const a = run(["study", "reuse", "--scale", "ci", "--json"]);
    expect(a.status, a.stderr).toBe(0);
    const rows = a.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(rows.map((r) => r.id)).toEqual(claims.map((c) => c.id));
    for (const r of rows) {
      // an inconclusive claim also names the premise that did not pass
      expect(Object.keys(r).sort()).toEqual(["id", "measured", "paper", "predicted", "tolerance", "verdict", ...(r.verdict === "inconclusive" ? ["premise"] : [])].sort());
      expect(["pass", "fail", "inconclusive"]).toContain(r.verdict);
      if (r.verdict === "inconclusive") expect(r.premise.id).toMatch(/premise/);
    }
    // progress and timing go to stderr, never to stdout; the study is computed once
    expect(a.stderr).toMatch(/study reuse \(ci\)/);
    expect(a.stderr.match(new RegExp(`\\[result\\] ${study.id.replace(".", "\\.")} \\(\\w+\\): computed`, "g"))).toHaveLength(1);
    // stored under data/results/<folder>/<slug>/<key>.json
    const dir = path.join(data, "results", "reuse", study.id.slice("reuse.".length));
    expect(fs.readdirSync(dir).some((f) => f.endsWith(".json"))).toBe(true);
    const b = run(["study", "reuse", "--scale", "ci", "--json"]);
    expect(b.status, b.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(b.stderr).toMatch(new RegExp(`\\[result\\] ${study.id.replace(".", "\\.")} \\(\\w+\\): loaded`));
    expect(b.stderr).not.toMatch(/: computed/);
  }, 240_000);
});
