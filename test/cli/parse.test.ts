import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { accepted, commandHelp, parseCommandArgs, UsageError } from "../../src/cli/command";
import { checkDataFolder, COMMANDS, commandTable, resolve } from "../../src/cli/main";

// The command line as scripts call it: strict flags, --help everywhere, a Map of command names.
const root = path.resolve(__dirname, "../..");
const main = path.join(root, "dist/src/cli/main.js");
const data = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-parse-"));
const run = (args: string[], timeout = 30_000) => spawnSync(process.execPath, [main, ...args], { encoding: "utf8", timeout, env: { ...process.env, DATALAWS_DATA: data } });
const oneLine = (s: string) => s.trim().split("\n");
/** Every file under the private data folder (nothing may be written by a rejected call). */
const written = (): string[] => (fs.existsSync(data) ? fs.readdirSync(data, { recursive: true }).map(String) : []);
afterAll(() => fs.rmSync(data, { recursive: true, force: true }));

const mc = ["reuse", "rate", "--spectrum", "isotropic", "--d", "4", "--sigma", "0.1", "--N", "40", "--K", "1,8", "--method", "mc", "--seed", "3"];

describe("strict flags: rejected before any work", () => {
  it("an unknown flag (--metod) exits 2 with one line naming it, the accepted flags and a guess — no progress, no file, no waiting", () => {
    // a million Monte Carlo runs would take minutes: a quick exit proves nothing was computed
    const t0 = Date.now();
    const r = run(["reuse", "rate", "--spectrum", "isotropic", "--d", "4", "--sigma", "0.1", "--N", "40", "--K", "1,8", "--metod", "mc", "--runs", "1e6"]);
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(oneLine(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown flag --metod \(did you mean --method\?\); accepted: .*--method.*--runs/);
    expect(r.stderr).not.toMatch(/Monte Carlo|\[result\]|%/);
    expect(written()).toEqual([]);
  });

  const bad: Array<[string, string[], RegExp]> = [
    ["a stray positional", [...mc, "extra"], /unexpected argument "extra"; it takes flags only/],
    ["a missing value at the end", [...mc, "--runs"], /--runs needs a value: an integer ≥ 2/],
    ["a missing value before another flag", ["reuse", "rate", "--spectrum", "isotropic", "--d", "--sigma", "0.1", "--N", "40", "--K", "1"], /--d needs a value: an integer ≥ 1/],
    ["a malformed number", [...mc, "--runs", "many"], /--runs = "many": must be an integer ≥ 2/],
    ["a malformed list item", ["reuse", "rate", "--spectrum", "isotropic", "--d", "4", "--sigma", "0.1", "--N", "1e3,abc", "--K", "1"], /--N\[1\] = "abc": must be a comma-separated list of integers ≥ 1/],
    ["a value given to a switch", [...mc, "--json=yes"], /--json takes no value/],
    ["a flag given twice", [...mc, "--seed", "4"], /--seed is given twice/],
    ["a required flag missing", ["reuse", "rate", "--spectrum", "isotropic", "--sigma", "0.1", "--N", "40", "--K", "1"], /--d is required: an integer ≥ 1/],
    ["a bad choice", [...mc.slice(0, -4), "--method", "magic"], /--method = "magic": must be one of exact, plateau, mc, asymptotic/],
    ["an unknown flag of check", ["check", "--scale", "ci", "--onyl", "reuse"], /datalaws check: unknown flag --onyl \(did you mean --only\?\)/],
    ["a bad scale of all", ["all", "--scale", "huge"], /--scale = "huge": must be one of ci, small, paper/],
    ["a stray positional of figures", ["figures", "reuse"], /datalaws figures: unexpected argument "reuse"/],
    ["a second study name", ["study", "reuse", "skills", "--scale", "ci"], /datalaws study: unexpected argument "skills"; it takes NAME and flags only/],
    ["an unknown flag of study", ["study", "reuse", "--sclae", "ci"], /unknown flag --sclae \(did you mean --scale\?\)/],
    ["a flag before the command", ["--json", "check"], /--json before a command/],
    ["a group without command", ["skills"], /datalaws skills: missing command; one of sgd, ode, landscape, figures/],
    ["an empty selection of check", ["check", "--only", ""], /--only = "": must be .*none of them empty/],
    ["a selection of only commas", ["check", "--only", ","], /--only = ",": must be .*none of them empty/],
    ["a selection with an empty item", ["check", "--only", "reuse,"], /--only = "reuse,": must be .*none of them empty/],
    ["a blank selection of figures", ["figures", "--only", " "], /--only = " ": must be .*none of them empty/],
    ["an unknown figure", ["figures", "--only", "nosuch"], /"nosuch" matches no figure/],
    ["an unknown claim", ["check", "--only", "reuse.e1-equals-one,nosuch"], /"nosuch" matches no claim/],
    ["an unknown item of all", ["all", "--only", "reuse.e1-equals-one,nosuch"], /"nosuch" matches nothing/],
  ];
  for (const [what, args, msg] of bad) {
    it(`${what} exits 2 with one line naming the flag and what it accepts`, () => {
      const r = run(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(oneLine(r.stderr)).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
      expect(written()).toEqual([]);
    });
  }

  it("negative numbers are values, not flags (--A0 -0.3), and exponent notation is read (--d 1e2)", () => {
    const r = run(["skills", "ode", "--k", "4", "--d", "1e2", "--A0", "-0.3", "--eta", "1", "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const [row] = oneLine(r.stdout).map((l) => JSON.parse(l));
    expect(row.d).toBe(100);
    expect(row.A0).toBeCloseTo(-0.3, 12);
    expect(run(["reuse", "rate", "--spectrum", "isotropic", "--d", "10", "--sigma", "0.1", "--N", "-5", "--K", "1"]).stderr).toMatch(/--N = -5: must be/);
  });
});

describe("parseCommandArgs (in process)", () => {
  const cmd = commandTable.get("reuse rate")!;
  it("types values from the declaration and applies defaults", () => {
    const { values } = parseCommandArgs(cmd, ["--spectrum", "isotropic", "--d", "1e2", "--sigma", "0.1", "--N", "1e3, 1e4", "--K", "1,inf"]);
    expect(values).toMatchObject({ spectrum: "isotropic", d: 100, sigma: 0.1, N: [1000, 10000], K: [1, Infinity], runs: 100, seed: 0, features: "gaussian", json: false });
    expect(values.method).toBeUndefined();
    expect(values.threads).toBeUndefined();
  });
  it("throws a UsageError for an unknown flag, before any value is converted", () => {
    expect(() => parseCommandArgs(cmd, ["--metod", "mc", "--d", "oops"])).toThrow(UsageError);
  });
  it("describes what a flag accepts", () => {
    expect(accepted({ kind: "integers", description: "", bounds: { min: 1, allowInfinity: true } })).toBe("a comma-separated list of integers ≥ 1 or inf, e.g. 1,4,inf");
    expect(accepted({ kind: "choice", description: "", choices: ["a", "b"] })).toBe("one of a, b");
    // the example lies inside the bounds (`reuse plan --K`, numbers ≥ 1, used to suggest 0.1,1,1e1)
    expect(accepted({ kind: "numbers", description: "", bounds: { min: 1 } })).toBe("a comma-separated list of numbers ≥ 1, e.g. 1,2,4");
    expect(accepted({ kind: "numbers", description: "", bounds: { gt: 0 } })).toBe("a comma-separated list of numbers > 0, e.g. 0.1,1,1e1");
  });
});

describe("--help", () => {
  it("the command table holds every command once, under a Map", () => {
    expect(commandTable).toBeInstanceOf(Map);
    expect(commandTable.size).toBe(COMMANDS.length);
    expect([...commandTable.keys()]).toEqual(expect.arrayContaining(["reuse rate", "check", "figures", "all", "study", "list", "nn bench"]));
  });

  for (const cmd of COMMANDS) {
    it(`datalaws ${cmd.name} --help prints its usage, every flag with its default and allowed values; exit 0`, () => {
      const r = run([...cmd.name.split(" "), "--help"]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe(commandHelp(cmd));
      expect(r.stdout).toContain(`usage: datalaws ${cmd.name}`);
      for (const [name, f] of Object.entries(cmd.flags)) {
        expect(r.stdout).toContain(`--${name}`);
        if (f.choices) for (const c of f.choices) expect(r.stdout).toContain(c);
        if (f.default !== undefined && f.kind !== "boolean") expect(r.stdout).toMatch(/default /);
      }
      // -h, and help wins over other (even bad) flags
      expect(run([...cmd.name.split(" "), "-h", "--bogus"]).stdout).toBe(r.stdout);
      expect(run(["help", ...cmd.name.split(" ")]).stdout).toBe(r.stdout);
    });
  }

  it("the reuse commands show the SPEC syntax", () => {
    for (const name of ["reuse rate", "reuse onepass"]) {
      const text = commandHelp(commandTable.get(name)!);
      for (const s of ["isotropic", "even:LO:HI", "power:A", "zipf:A:B"]) expect(text).toContain(s);
    }
  });

  it("datalaws --help, datalaws help, datalaws (no arguments) and datalaws <group> --help", () => {
    const top = run(["--help"]);
    expect(top.status).toBe(0);
    for (const c of COMMANDS) expect(top.stdout).toContain(c.name);
    expect(run(["help"]).stdout).toBe(top.stdout);
    expect(run([]).stdout).toBe(top.stdout);
    for (const g of ["reuse", "skills", "proxy", "nn"]) {
      const r = run([g, "--help"]);
      expect(r.status).toBe(0);
      for (const c of COMMANDS.filter((x) => x.name.startsWith(g + " "))) expect(r.stdout).toContain(c.name);
    }
  });
});

describe("command names resolve through a Map", () => {
  for (const name of ["valueOf", "constructor", "__proto__", "toString", "hasOwnProperty"]) {
    it(`"${name}" is an unknown command (exit 2, one line), also as a sub-command`, () => {
      for (const args of [[name], ["reuse", name], ["help", name]]) {
        const r = run(args);
        expect(r.status).toBe(2);
        expect(r.stdout).toBe("");
        expect(oneLine(r.stderr)).toHaveLength(1);
        expect(r.stderr).toMatch(/unknown command/);
      }
      expect(() => resolve([name])).toThrow(UsageError);
    });
  }
});

describe("the bin entry", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  it("package.json declares bin datalaws → dist/src/cli/main.js, with a shebang, executable", () => {
    expect(pkg.bin).toEqual({ datalaws: "dist/src/cli/main.js" });
    const file = path.join(root, pkg.bin.datalaws);
    expect(fs.readFileSync(file, "utf8").split("\n")[0]).toMatch(/^#!\/usr\/bin\/env (-S )?node( |$)/);
    expect(fs.statSync(file).mode & 0o111).not.toBe(0);
    const r = spawnSync(file, ["--help"], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^datalaws — /);
  });

  it("npx datalaws --help works in the project (npx links the project's own bin)", () => {
    // a private npx cache, offline, without lifecycle scripts: npx links this folder and runs its bin
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-npx-"));
    const env = { ...process.env, npm_config_cache: cache, npm_config_ignore_scripts: "true", npm_config_offline: "true", npm_config_update_notifier: "false" };
    try {
      const r = spawnSync("npx", ["datalaws", "--help"], { cwd: root, encoding: "utf8", timeout: 60_000, env });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/usage: datalaws <command>/);
      const bad = spawnSync("npx", ["datalaws", "reuse", "rate", "--metod", "mc"], { cwd: root, encoding: "utf8", timeout: 60_000, env });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/unknown flag --metod/);
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("datalaws list", () => {
  it("--json: one line per result, study, claim and figure with its folder; ids are <folder>.<slug>", async () => {
    const { FOLDERS, claims, figures } = await import("../../src/registry");
    const r = run(["list", "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const rows = oneLine(r.stdout).map((l) => JSON.parse(l));
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(["folder", "id", "kind", "title"]);
      expect(row.id.startsWith(row.folder + ".")).toBe(true);
    }
    const ids = (kind: string) => rows.filter((x) => x.kind === kind).map((x) => x.id);
    expect(ids("claim")).toEqual(claims.map((c) => c.id));
    expect(ids("figure")).toEqual(figures.map((f) => f.id));
    expect(ids("study")).toEqual(FOLDERS.filter((f) => f.study).map((f) => f.study!.id));
    for (const f of FOLDERS) for (const res of f.results) expect([...ids("result"), ...ids("study")]).toContain(res.id);
    expect(ids("figure")).toContain("reuse.e-vs-k-zipf");
  });

  it("without --json: a table per folder and a count; --kind filters", () => {
    const r = run(["list"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^reuse — /m);
    expect(r.stdout).toMatch(/\d+ results, \d+ studies, \d+ claims, \d+ figures/);
    const figs = run(["list", "--kind", "figure", "--json"]);
    expect(oneLine(figs.stdout).every((l) => JSON.parse(l).kind === "figure")).toBe(true);
  });
});

describe("the data folder is checked before any work", () => {
  it("a bad DATALAWS_DATA is named as such", () => {
    expect(() => checkDataFolder({ DATALAWS_DATA: "/dev/null/x" })).toThrow(/DATALAWS_DATA = "\/dev\/null\/x".*not a folder/);
    expect(() => checkDataFolder({ DATALAWS_DATA: " " })).toThrow(/DATALAWS_DATA.*empty/);
  });
  it("without DATALAWS_DATA, an unusable default folder is named and the way out given", () => {
    expect(() => checkDataFolder({}, "/dev/null/data")).toThrow(/default data folder \(set DATALAWS_DATA to use another\).*\/dev\/null is not a folder/);
    expect(() => checkDataFolder({}, fs.mkdtempSync(path.join(os.tmpdir(), "dl-data-")))).not.toThrow();
  });
});
