/**
 * The fault suite: real processes killed with SIGKILL mid-run and rerun give the numbers of an
 * uninterrupted run (Monte Carlo, the skills SGD sweep, transformer training); empty, garbage, truncated
 * and tampered files at each level of the store are named on stderr and recovered from; three
 * processes computing the same result at once all succeed with the same output. Runs the built CLI
 * (`npm test` builds first).
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
const cli = path.join(root, "dist", "src", "cli", "main.js");
const tmp = (tag: string) => fs.mkdtempSync(path.join(os.tmpdir(), `datalaws-faults-${tag}-`));

interface Out {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a node script or the CLI to completion. */
function run(args: string[], data: string, cwd = root): Promise<Out> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, args, { cwd, env: { ...process.env, DATALAWS_DATA: data, DATALAWS_FRESH: "" } });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (b) => (stdout += b));
    p.stderr.on("data", (b) => (stderr += b));
    p.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Start a process and SIGKILL it as soon as `ready()` holds; resolves whether it was killed before finishing. */
function killWhen(args: string[], data: string, ready: () => boolean, timeoutMs = 30000): Promise<{ killed: boolean; stdout: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, args, { cwd: root, env: { ...process.env, DATALAWS_DATA: data } });
    let stdout = "";
    let done = false;
    p.stdout.on("data", (b) => (stdout += b));
    const t0 = Date.now();
    const poll = setInterval(() => {
      if (done) return;
      if (ready() || Date.now() - t0 > timeoutMs) {
        clearInterval(poll);
        p.kill("SIGKILL");
      }
    }, 10);
    p.on("close", (_code, signal) => {
      done = true;
      clearInterval(poll);
      resolve({ killed: signal === "SIGKILL", stdout });
    });
  });
}

/** Every file under `dir` whose name matches `re`. */
function filesUnder(dir: string, re: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true } as { withFileTypes: true; recursive: true })) {
    const full = path.join((e as fs.Dirent & { parentPath?: string; path?: string }).parentPath ?? (e as fs.Dirent & { path: string }).path, e.name);
    if (e.isFile() && re.test(e.name)) out.push(full);
  }
  return out;
}

/** The four ways a file goes bad, applied to a good file's text. */
const DAMAGE: Record<string, (good: string) => string> = {
  empty: () => "",
  garbage: () => "\u0000\u0001 not json at all \uFFFD",
  truncated: (g) => g.slice(0, Math.floor(g.length / 2)),
  tampered: (g) => {
    // valid JSON of the right kind with one value changed: the key/fingerprint no longer matches
    const j = JSON.parse(g);
    if (typeof j.key === "string") j.key = j.key.replace(/^./, (c: string) => (c === "0" ? "1" : "0"));
    else if (j.task && typeof j.task === "object") j.task.seed = (j.task.seed ?? 0) + 1000;
    else j.tampered = true;
    return JSON.stringify(j);
  },
};

// Monte Carlo: 16 chunks of runs, one checkpoint write per chunk at --threads 1 (about 4 s in all)
const MC = ["reuse", "rate", "--spectrum", "isotropic", "--d", "100", "--sigma", "0.1", "--N", "1000", "--K", "1,4", "--method", "mc", "--runs", "200", "--seed", "3", "--json"];
const MC_SMALL = ["reuse", "rate", "--spectrum", "isotropic", "--d", "20", "--sigma", "0.1", "--N", "100", "--K", "1,3", "--method", "mc", "--runs", "64", "--json"];

describe("fault suite", () => {
  it("Monte Carlo: SIGKILL after its first checkpoint, rerun (at another thread count) = the uninterrupted run", async () => {
    const ref = await run([cli, ...MC, "--threads", "2"], tmp("mc-ref"));
    expect(ref.code).toBe(0);
    const data = tmp("mc-kill");
    const partial = path.join(data, "results", "reuse", "rate");
    const k = await killWhen([cli, ...MC, "--threads", "1"], data, () => filesUnder(partial, /^mc-.*\.json$/).length > 0);
    expect(k.killed).toBe(true);
    expect(k.stdout).toBe("");
    const resumed = await run([cli, ...MC, "--threads", "2"], data);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe(ref.stdout);
    expect(filesUnder(partial, /./)).toEqual([]); // the checkpoint is removed when the run finishes
  }, 60000);

  it("Monte Carlo checkpoint: empty, garbage, truncated and tampered files are named and recomputed", async () => {
    const ref = await run([cli, ...MC_SMALL, "--threads", "1"], tmp("mcs-ref"));
    expect(ref.code).toBe(0);
    // a good checkpoint to damage: kill a run right after it writes one
    const data = tmp("mcs");
    const partial = path.join(data, "results", "reuse", "rate");
    await killWhen([cli, ...MC_SMALL, "--threads", "1"], data, () => filesUnder(partial, /^mc-.*\.json$/).length > 0);
    const [file] = filesUnder(partial, /^mc-.*\.json$/);
    expect(file).toBeDefined();
    const good = fs.readFileSync(file, "utf8");
    for (const [how, damage] of Object.entries(DAMAGE)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, damage(good));
      const r = await run([cli, ...MC_SMALL, "--threads", "1"], data);
      expect(r.code, how).toBe(0);
      expect(r.stdout, how).toBe(ref.stdout);
      expect(r.stderr, how).toContain(file);
    }
  }, 60000);

  it("skills SGD sweep: SIGKILL after its first task files, rerun = the uninterrupted sweep; bad task files are named and rerun", async () => {
    const dir = tmp("sgd");
    const script = path.join(dir, "sweep.js");
    fs.writeFileSync(
      script,
      `const { sgdSweep } = require(${JSON.stringify(path.join(root, "dist", "src", "skills", "sgdSweep.js"))});
const tasks = Array.from({ length: 12 }, (_, i) => ({ k: 4, d: 400, alpha: 1.5, etaFraction: 0.3, batch: 16, budget: 4e5, r: 0.5, seed: i }));
sgdSweep(tasks, { threads: 1, resumeDir: process.argv[2] }).then((o) => process.stdout.write(JSON.stringify(o) + "\\n"));`,
    );
    const ref = await run([script, path.join(dir, "ref")], dir);
    expect(ref.code).toBe(0);
    const resume = path.join(dir, "resume");
    const k = await killWhen([script, resume], dir, () => filesUnder(resume, /^task-.*\.json$/).length > 0);
    expect(k.killed).toBe(true);
    const files = filesUnder(resume, /^task-.*\.json$/);
    expect(files.length).toBeGreaterThan(0);
    expect(files.length).toBeLessThan(12);
    const resumed = await run([script, resume], dir);
    expect(resumed.stdout).toBe(ref.stdout);
    // damage a finished task file in each of the four ways: named on stderr, rerun, same outcome
    const file = filesUnder(resume, /^task-00000\.json$/)[0];
    const good = fs.readFileSync(file, "utf8");
    for (const [how, damage] of Object.entries(DAMAGE)) {
      fs.writeFileSync(file, damage(good));
      const r = await run([script, resume], dir);
      expect(r.stdout, how).toBe(ref.stdout);
      expect(r.stderr, how).toContain(file);
    }
  }, 60000);

  it("transformer training: SIGKILL of the training process, rerun from its .state = the uninterrupted run; a bad .state is named", async () => {
    const dir = tmp("train");
    const script = path.join(dir, "train.js");
    fs.writeFileSync(
      script,
      `const { initBackend } = require(${JSON.stringify(path.join(root, "dist", "src", "nn", "backend.js"))});
const { train } = require(${JSON.stringify(path.join(root, "dist", "src", "nn", "train.js"))});
const { Rng } = require(${JSON.stringify(path.join(root, "dist", "src", "core", "rng.js"))});
function rows(n, T, V, seed) {
  const rng = new Rng(seed, 5);
  const inputs = Int32Array.from({ length: n * T }, () => rng.int(V));
  const targets = Int32Array.from({ length: n * T }, (_, i) => (i % T === T - 1 ? -1 : inputs[i + 1]));
  return { batchSize: n, length: T, inputs, targets };
}
(async () => {
  await initBackend({ backend: "wasm", verbose: false });
  const r = await train({ model: { vocab: 9, context: 8, layers: 1, dModel: 16, heads: 2 }, seed: 3, steps: 400, batchSize: 5,
    schedule: { kind: "wsd", lr: 2e-3, warmup: 3, decayFraction: 0.3 }, optimizer: { weightDecay: 0.1, clipNorm: 0.5 },
    data: rows(13, 8, 9, 3), evalSets: { test: rows(6, 8, 9, 4) }, evalEvery: 50, progress: false,
    stateFile: process.argv[2] || undefined, saveEvery: 20 });
  process.stdout.write(JSON.stringify({ resumedFrom: r.resumedFrom, history: r.history, evals: r.evals, params: Array.from(r.params) }) + "\\n");
})();`,
    );
    const ref = await run([script, ""], dir);
    expect(ref.code).toBe(0);
    const refOut = JSON.parse(ref.stdout);
    const state = path.join(dir, "run.state");
    const k = await killWhen([script, state], dir, () => fs.existsSync(state));
    expect(k.killed).toBe(true);
    const resumed = JSON.parse((await run([script, state], dir)).stdout);
    expect(resumed.resumedFrom).toBeGreaterThan(0);
    expect(resumed.history).toEqual(refOut.history);
    expect(resumed.evals).toEqual(refOut.evals);
    expect(resumed.params).toEqual(refOut.params);
    for (const how of ["empty", "garbage"] as const) {
      fs.writeFileSync(state, DAMAGE[how](""));
      const r = await run([script, state], dir);
      expect(r.code, how).toBe(0);
      expect(r.stderr, how).toContain(state);
      const o = JSON.parse(r.stdout);
      expect(o.resumedFrom, how).toBe(0);
      expect(o.params, how).toEqual(refOut.params);
    }
  }, 90000);

  it("stored results: empty, garbage, truncated and tampered files are named and recomputed; three concurrent processes agree", async () => {
    const data = tmp("store");
    const args = [cli, "check", "--only", "skills.stability-limit", "--scale", "ci", "--json"];
    // three processes on one data folder, none of which finds the result stored
    const three = await Promise.all([run(args, data), run(args, data), run(args, data)]);
    for (const r of three) expect(r.code).toBe(0);
    expect(three[1].stdout).toBe(three[0].stdout);
    expect(three[2].stdout).toBe(three[0].stdout);
    expect(filesUnder(data, /\.tmp/)).toEqual([]);
    const [file] = filesUnder(path.join(data, "results", "skills"), /^[0-9a-f]{16}\.json$/);
    const good = fs.readFileSync(file, "utf8");
    for (const [how, damage] of Object.entries(DAMAGE)) {
      fs.writeFileSync(file, how === "tampered" ? JSON.stringify({ ...JSON.parse(good), id: "skills.other" }) : damage(good));
      const r = await run(args, data);
      expect(r.code, how).toBe(0);
      expect(r.stdout, how).toBe(three[0].stdout);
      expect(r.stderr, how).toContain(file);
      expect(JSON.parse(fs.readFileSync(file, "utf8")).id, how).toBe("skills.stability-limit");
    }
  }, 60000);

  it("input limits: sizes beyond the machine's memory are refused at once, naming the flag and the estimate", () => {
    const cases: Array<[string[], string]> = [
      [["reuse", "rate", "--spectrum", "zipf:4.5:1", "--d", "1e10", "--N", "1e3", "--K", "1"], "--d"],
      [["reuse", "rate", "--spectrum", "isotropic", "--d", "1e5", "--sigma", "0.1", "--N", "1e7", "--K", "2", "--method", "mc"], "--N"],
      [["skills", "sgd", "--k", "4", "--d", "1e10", "--alpha", "1.5", "--eta", "0.2", "--batch", "16", "--budget", "2e5", "--seeds", "3"], "--d"],
      [["skills", "sgd", "--k", "4", "--d", "32", "--alpha", "1.5", "--eta", "0.2", "--batch", "1e10", "--budget", "2e10", "--seeds", "1"], "--batch"],
      [["skills", "landscape", "--k", "6", "--d", "1e10", "--alpha", "1.5"], "--d"],
      [["proxy", "sweep", "--width", "1e6", "--seeds", "1"], "--width"],
      [["nn", "bench", "--models", "1e8"], "--models"],
    ];
    for (const [args, flag] of cases) {
      const t0 = Date.now();
      const r = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", env: { ...process.env, DATALAWS_DATA: tmp("limits") }, timeout: 20000 });
      expect(r.status, args.join(" ")).toBe(2);
      expect(Date.now() - t0, args.join(" ")).toBeLessThan(10000);
      const lines = r.stderr.trim().split("\n");
      expect(lines, args.join(" ")).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^datalaws: (.*, )?${flag} = .*must be smaller.*would need .* (GB|TB|PB|EB)`));
    }
  }, 60000);

  it("recipe files: names win over files, a non-JSON file is refused without echoing it, a schema error names the file and the field", () => {
    const dir = tmp("recipes");
    fs.writeFileSync(path.join(dir, "default"), "[1, 2]");
    fs.writeFileSync(path.join(dir, "secret.json"), "root:x:0:0:SECRET-CONTENT\n");
    fs.writeFileSync(path.join(dir, "bad.json"), JSON.stringify([{ name: "a", axis: "scale", scale: 1 }, { name: "b", axis: "scale", scale: "big" }]));
    const sweep = (recipes: string) =>
      spawnSync(process.execPath, [cli, "proxy", "sweep", "--recipes", recipes, "--optimizer", "gd", "--lr", "1", "--width", "4", "--seeds", "1", "--target-width", "8", "--json"], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, DATALAWS_DATA: path.join(dir, "data") },
      });
    expect(sweep("default").status).toBe(0); // the set, not ./default
    const secret = sweep("secret.json");
    expect(secret.status).toBe(2);
    expect(secret.stderr).toContain(path.join(dir, "secret.json"));
    expect(secret.stderr).toContain("not valid JSON");
    expect(secret.stderr).not.toContain("SECRET");
    expect(secret.stderr).not.toContain("root:x");
    const bad = sweep("bad.json");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--recipes bad\.json\[1\]\.scale/);
  }, 30000);
});
