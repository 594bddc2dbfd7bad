import { execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { zipfModel } from "../../src/core/spectra";
import { uniformOde } from "../../theory/skills/ode";
import { zipfReuseRate } from "../../theory/reuse/zipf";
import { logSpacedTokens, plannerLoss, plannerReuseRate, plannerSaturationK } from "../../src/reuse/planner";

const uniformOdeSteps = (k: number, d: number) => uniformOde({ k, d, eta: 1, maxSteps: 1e40, trajectory: false }).rkSteps;

// The CLI is a stable contract: these tests run the compiled command as scripts would.
const main = path.resolve(__dirname, "../../dist/src/cli/main.js");
const run = (args: string[]) => spawnSync(process.execPath, [main, ...args], { encoding: "utf8" });
const jsonLines = (out: string) => out.trim().split("\n").map((l) => JSON.parse(l));

describe("datalaws reuse rate", () => {
  it("--json prints one object per (N,K) with N, K, E, risk, eta — and nothing else on stdout", () => {
    const r = run(["reuse", "rate", "--spectrum", "zipf:4.5:1", "--d", "1e4", "--sigma", "0", "--N", "1e3,1e4", "--K", "1,4,inf", "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const rows = jsonLines(r.stdout);
    expect(rows).toHaveLength(6);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(["E", "K", "N", "eta", "risk"]);
    expect(rows.map((x) => x.K)).toEqual([1, 4, "inf", 1, 4, "inf"]);
    const m = zipfModel(4.5, 1, 1e4);
    expect(rows[4].E).toBeCloseTo(zipfReuseRate(m, 4, 1e4).E, 10);
    expect(Math.abs(rows[0].E - 1)).toBeLessThan(1e-6);
  });

  it("mc rows carry a standard error, and E at K = 1 is within a few se of 1", () => {
    const r = run(["reuse", "rate", "--spectrum", "isotropic", "--d", "4", "--sigma", "0.1", "--N", "40", "--K", "1,8", "--method", "mc", "--runs", "200", "--seed", "3", "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const rows = jsonLines(r.stdout);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.se).toBeGreaterThan(0);
    expect(Math.abs(rows[0].E - 1)).toBeLessThan(4 * rows[0].se + 0.02);
    expect(rows[1].E).toBeGreaterThan(rows[0].E);
  });

  it("three identical Monte Carlo runs started together all exit 0 with identical output (one shared checkpoint file)", async () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-concurrent-"));
    const args = ["reuse", "rate", "--spectrum", "isotropic", "--d", "6", "--sigma", "0.1", "--N", "100", "--K", "1,2,4", "--method", "mc", "--runs", "300", "--json"];
    const one = () =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const p = spawn(process.execPath, [main, ...args], { env: { ...process.env, DATALAWS_DATA: data } });
        let out = "";
        let err = "";
        p.stdout.on("data", (b) => (out += b));
        p.stderr.on("data", (b) => (err += b));
        p.on("exit", (code) => resolve({ code, out, err }));
      });
    const res = await Promise.all([one(), one(), one()]);
    for (const r of res) expect(r.code, r.err).toBe(0);
    expect(res[1].out).toBe(res[0].out);
    expect(res[2].out).toBe(res[0].out);
    expect(jsonLines(res[0].out)).toHaveLength(3);
    fs.rmSync(data, { recursive: true, force: true });
  }, 120_000);

  it("the same seed gives the same Monte Carlo numbers, whatever the thread count", () => {
    const args = ["reuse", "rate", "--spectrum", "isotropic", "--d", "3", "--sigma", "0.1", "--N", "20", "--K", "3", "--method", "mc", "--runs", "16", "--json"];
    const a = run([...args, "--threads", "1"]).stdout;
    const b = run([...args, "--threads", "2"]).stdout;
    expect(a).toBe(b);
  });

  it("reuse rate --method asymptotic names itself, states its regime and prints its error against the plateau", () => {
    const text = run(["reuse", "rate", "--spectrum", "isotropic", "--d", "100", "--sigma", "0.1", "--N", "1e4", "--K", "inf", "--method", "asymptotic"]).stdout;
    expect(text).toMatch(/^leading-order asymptotic of E\(K,N\) \(Thm 4\.2.*N → ∞.*\) — not E itself/);
    expect(text).toMatch(/10000 +inf +2\.30259 +4\.4593\d +-48\.4 %/);
    const [row] = jsonLines(run(["reuse", "rate", "--spectrum", "isotropic", "--d", "100", "--sigma", "0.1", "--N", "1e4", "--K", "inf", "--method", "asymptotic", "--json"]).stdout);
    expect(row.method).toBe("leading-order asymptotic");
    expect(row.relError).toBeCloseTo((row.E as number) / (row.reference as number) - 1, 12);
    expect(run(["reuse", "rate", "--help"]).stdout).toMatch(/--method asymptotic: the leading-order asymptotics .* NOT E itself/);
    // the asymptote is not E: below 1 at small N it is printed, with no reference where the plateau is undefined
    const small = run(["reuse", "rate", "--spectrum", "isotropic", "--d", "100", "--sigma", "0.1", "--N", "20", "--K", "inf", "--method", "asymptotic"]);
    expect(small.status).toBe(0);
    expect(small.stdout).toMatch(/20 +inf +0\.748933 +— +—/);
  });

  it("reuse onepass prints the optimal risk and η", () => {
    const out = execFileSync(process.execPath, [main, "reuse", "onepass", "--spectrum", "isotropic", "--d", "10", "--sigma", "0.1", "--N", "1e3", "--json"], { encoding: "utf8" });
    const [row] = jsonLines(out);
    expect(Object.keys(row).sort()).toEqual(["N", "eta", "risk"]);
    expect(row.eta).toBeGreaterThan(0);
    expect(row.eta).toBeLessThanOrEqual(0.1);
  });

  const bad: Array<[string, string[], RegExp]> = [
    ["negative N", ["--N", "-5", "--K", "1"], /--N = -5: must be/],
    ["non-integer N", ["--N", "10.5", "--K", "1"], /--N = 10.5: must be .*integer/],
    ["K < 1", ["--N", "100", "--K", "0"], /--K = 0: must be/],
    ["malformed list", ["--N", "1e3,,2", "--K", "1"], /--N = "1e3,,2": must be a comma-separated list/],
    ["malformed number", ["--N", "abc", "--K", "1"], /--N = "abc": must be a comma-separated list of integers/],
    ["N ≤ d + 1 at K = inf", ["--N", "11", "--K", "inf"], /--N = 11: must be ≥ 12 for K = inf with gaussian features/],
    ["Rademacher N < 2d at K = inf", ["--N", "15", "--K", "inf", "--features", "rademacher"], /--N = 15: must be ≥ 39 for K = inf with rademacher features/],
    ["no exact multi-epoch formula", ["--N", "100", "--K", "4", "--method", "exact"], /--method = "exact": must be one of mc, asymptotic .*no exact multi-epoch formula/],
  ];
  for (const [what, extra, msg] of bad) {
    it(`bad input (${what}) exits non-zero with one line naming the parameter`, () => {
      const r = run(["reuse", "rate", "--spectrum", "isotropic", "--d", "10", "--sigma", "0.1", ...extra]);
      expect(r.status).not.toBe(0);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/NaN/);
    });
  }

  it("rejects σ < 0, d < 1, zipf with a ≤ b + 1 and a malformed SPEC", () => {
    expect(run(["reuse", "rate", "--spectrum", "isotropic", "--d", "10", "--sigma", "-1", "--N", "100", "--K", "1"]).stderr).toMatch(/--sigma = -1/);
    expect(run(["reuse", "rate", "--spectrum", "isotropic", "--d", "0", "--sigma", "0.1", "--N", "100", "--K", "1"]).stderr).toMatch(/--d = 0/);
    expect(run(["reuse", "rate", "--spectrum", "zipf:2:1", "--d", "10", "--N", "100", "--K", "1"]).stderr).toMatch(/--spectrum = "zipf:2:1": must be zipf:A:B with B \+ 1 < A/);
    expect(run(["reuse", "rate", "--spectrum", "power", "--d", "10", "--sigma", "0.1", "--N", "100", "--K", "1"]).stderr).toMatch(/--spectrum = "power"/);
  });
});

describe("datalaws reuse plan", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-plan-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  // a curve of the planner's own model (a = 1.6, β = 0.5, η = 0.1), in millions of tokens, with a comment and a blank line
  const truth = { a: 1.6, beta: 0.5, eta: 0.1, c: 50, A: 3, Linf: 2, d: 4096 };
  const tokens = logSpacedTokens(50, 2e5, 24);
  const curveFile = path.join(dir, "onepass.csv");
  fs.writeFileSync(curveFile, "# run 7, tokens in millions\ntokens,loss\n\n" + tokens.map((t) => `${t / 1e6},${plannerLoss(truth, 1, t)}`).join("\n") + "\n");

  it("--json: one row per K {N, K, E, loss, lo, hi, …} then the summary; E as the theory gives it (β, η given)", () => {
    const r = run(["reuse", "plan", "--curve", curveFile, "--N", "0.03", "--K", "1,4,16", "--beta", "0.5", "--eta", "0.1", "--d", "4096", "--bootstrap", "0", "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const rows = jsonLines(r.stdout);
    expect(rows).toHaveLength(4);
    for (const row of rows.slice(0, 3)) expect(Object.keys(row)).toEqual(expect.arrayContaining(["N", "K", "E", "loss", "lo", "hi"]));
    expect(rows.map((x) => x.K).slice(0, 3)).toEqual([1, 4, 16]);
    expect(rows[0].E).toBe(1);
    // the fit (at the curve's d) recovers the model: E in the user's unit (millions) equals E in tokens
    expect(rows[2].E).toBeCloseTo(plannerReuseRate(truth, 16, 3e4), 3);
    const s = rows[3];
    expect(Object.keys(s)).toEqual(expect.arrayContaining(["N", "lambda", "saturationK", "fit"]));
    expect(s.lambda).toBe(0.75);
    expect(s.fit.a).toBeCloseTo(1.6, 4);
    expect(s.saturationK).toBeCloseTo(plannerSaturationK(truth, 3e4, 0.75), 2);
  });

  it("names a bad curve and an N too far beyond it", () => {
    const bad = path.join(dir, "bad.csv");
    fs.writeFileSync(bad, "tokens,loss\n1,3\n2,x\n");
    const r = run(["reuse", "plan", "--curve", bad, "--N", "1", "--json"]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/bad\.csv line 3, column "loss" = "x": must be a finite number/);
    const far = run(["reuse", "plan", "--curve", curveFile, "--N", "50", "--json"]);
    expect(far.status).toBe(2);
    expect(far.stderr.trim()).toMatch(/N is 250× beyond the curve/);
  });

  it("export --table names the tables a result has (checked before anything is computed)", () => {
    const r = run(["export", "reuse.transformer-study", "--scale", "ci", "--table", "nosuch"]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('datalaws: --table = "nosuch": must be one of onepass, runs (the named tables of reuse.transformer-study)');
    expect(run(["export", "reuse.zipf-e-vs-k", "--scale", "ci", "--table", "onepass"]).stderr.trim()).toMatch(/--table = "onepass": must be left out: reuse\.zipf-e-vs-k has no named tables/);
  });
});

describe("datalaws check", () => {
  it("--json prints one line per claim with id, paper, verdict, measured, predicted, tolerance", () => {
    const r = run(["check", "--only", "reuse.zipf-plateau-exponent", "--scale", "ci", "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const [row] = jsonLines(r.stdout);
    expect(Object.keys(row).sort()).toEqual(["id", "measured", "paper", "predicted", "tolerance", "verdict"]);
    expect(row.verdict).toBe("pass");
    expect(row.predicted).toBe(0.28);
  });
  it("unknown result and unknown command are clear errors", () => {
    const only = run(["check", "--only", "nope"]);
    expect(only.status).toBe(2);
    expect(only.stderr.trim().split("\n")).toHaveLength(1);
    expect(only.stderr).toMatch(/--only = "nope": must be comma-separated folders \(reuse, skills, proxy\), claim ids or id prefixes; "nope" matches no claim/);
    const r = run(["frobnicate"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command/);
  });
});

describe("check, figures: one runner per process", () => {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-check-"));
  const runData = (args: string[]) => spawnSync(process.execPath, [main, ...args], { encoding: "utf8", env: { ...process.env, DATALAWS_DATA: data } });
  const computed = (stderr: string) => [...stderr.matchAll(/^\[result\] (\S+) \((\w+)\): computed/gm)].map((m) => `${m[1]}/${m[2]}`);

  afterAll(() => fs.rmSync(data, { recursive: true, force: true }));

  it("check computes each result at most once per run, and a second run loads them all", () => {
    const a = runData(["check", "--only", "reuse", "--scale", "ci", "--json"]);
    expect(a.status, a.stderr).toBe(0);
    const once = computed(a.stderr);
    expect(once.length).toBeGreaterThan(0);
    expect(new Set(once).size).toBe(once.length);
    for (const line of a.stdout.trim().split("\n")) expect(["pass", "fail", "inconclusive"]).toContain(JSON.parse(line).verdict);
    const b = runData(["check", "--only", "reuse", "--scale", "ci", "--json"]);
    expect(computed(b.stderr)).toEqual([]);
    expect(b.stdout).toBe(a.stdout);
  }, 600_000);

  it("figures draws from the stored results and writes <out>/<folder>/<slug>.{json,html}", () => {
    const out = path.join(data, "figures-out");
    const r = runData(["figures", "--only", "reuse.e-vs-k-zipf", "--scale", "ci", "--out", out, "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const [row] = jsonLines(r.stdout);
    expect(row.id).toBe("reuse.e-vs-k-zipf");
    expect(row.files.json).toBe(path.join(out, "reuse", "e-vs-k-zipf.json"));
    expect(fs.existsSync(path.join(out, "reuse", "e-vs-k-zipf.html"))).toBe(true);
    const once = computed(r.stderr);
    expect(new Set(once).size).toBe(once.length);
  }, 300_000);
});

describe("large outputs through a slow pipe", () => {
  it("every --json line reaches a reader that starts late (the process exits only after stdout is flushed)", async () => {
    // 20 000 trajectory points ≈ 2 MB, far beyond a pipe's 64 KiB buffer: exiting before the flush would cut it
    const child = spawn(process.execPath, [main, "skills", "ode", "--k", "6", "--d", "1e6", "--eta", "1", "--output", "trajectory", "--points", "20000", "--json"], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pause();
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    await new Promise((r) => setTimeout(r, 1500)); // the child has long finished computing by now
    child.stdout.resume();
    const status = await new Promise<number | null>((r) => child.on("close", r));
    expect(status).toBe(0);
    const lines = Buffer.concat(chunks).toString("utf8").trimEnd().split("\n");
    const n = (uniformOdeSteps(6, 1e6) + 1);
    expect(lines).toHaveLength(Math.min(n, 20000));
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
    expect(JSON.parse(lines[lines.length - 1]).loss).toBeLessThan(0.05); // the last point: solved
  }, 30_000);
});
