/**
 * `datalaws study <name> --shard I/N` and `--merge`, as separate processes (as on a cluster): two
 * shards of the reuse study train concurrently into one data folder, a merge assembles them, and the
 * stored value is the one an unsharded run stores in another data folder — the same JSON text, apart
 * from the study's own wall-time field `seconds` (timing, like the record's provenance). A merge
 * before every shard has finished names the missing runs and their shards and stores nothing; bad
 * --shard values exit 2 with one line naming the flag.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { toJson } from "../../src/run/files";

const main = path.resolve(__dirname, "../../dist/src/cli/main.js");
const root = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-shards-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const folder = (name: string) => {
  const d = path.join(root, name);
  fs.mkdirSync(d, { recursive: true });
  return d;
};

interface Out {
  status: number | null;
  stdout: string;
  stderr: string;
}
const env = (data: string) => ({ ...process.env, DATALAWS_DATA: data, DATALAWS_FRESH: "", DATALAWS_DEBUG: "" });
const runSync = (data: string, args: string[]): Out => spawnSync(process.execPath, [main, ...args], { encoding: "utf8", env: env(data) });
/** A process that runs alongside others. */
function runAsync(data: string, args: string[]): Promise<Out> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [main, ...args], { env: env(data) });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (b) => (stdout += b));
    p.stderr.on("data", (b) => (stderr += b));
    p.on("close", (status) => done({ status, stdout, stderr }));
  });
}

const studyDir = (data: string) => path.join(data, "results", "reuse", "transformer-study");
/** The stored records of the reuse study in a data folder. */
const stored = (data: string) =>
  fs.existsSync(studyDir(data))
    ? fs
        .readdirSync(studyDir(data))
        .filter((f) => f.endsWith(".json"))
        .map((f) => JSON.parse(fs.readFileSync(path.join(studyDir(data), f), "utf8")))
    : [];
/** The one checkpoint folder of the study (<key>.v<version>.partial). */
const partial = (data: string) => {
  const d = fs.readdirSync(studyDir(data)).filter((f) => f.endsWith(".partial"));
  expect(d).toHaveLength(1);
  return path.join(studyDir(data), d[0]);
};
const shardRecord = (data: string, i: number, n: number) => JSON.parse(fs.readFileSync(path.join(partial(data), "shards", `shard-${i}-of-${n}.json`), "utf8"));
/** The value as JSON text without the study's wall time. */
const valueText = (rec: { value: Record<string, unknown> }) => {
  const { seconds, ...rest } = rec.value;
  expect(typeof seconds).toBe("number");
  return toJson(rest);
};

describe("datalaws study --shard / --merge (reuse, scale ci, separate processes)", () => {
  it("two shards run concurrently, then a merge stores exactly the unsharded value; a merge before the shards finish names the missing runs and their shards", async () => {
    // the unsharded study in its own data folder
    const plain = folder("plain");
    const a = runSync(plain, ["study", "reuse", "--scale", "ci", "--threads", "2", "--json"]);
    expect(a.status, a.stderr).toBe(0);
    const [unsharded] = stored(plain);
    expect(unsharded.id).toBe("reuse.transformer-study");

    // a merge with nothing trained: exit 1, every run named, nothing stored
    const early = folder("early");
    const e0 = runSync(early, ["study", "reuse", "--scale", "ci", "--merge"]);
    expect(e0.status, e0.stderr).toBe(1);
    expect(e0.stderr).toMatch(/cannot merge: 8 of 8 runs are not finished/);
    expect(e0.stderr).toMatch(/no shard has run for this study here/);
    // one shard of four, then a merge: the runs of the other three are named with their owners
    const s4 = runSync(early, ["study", "reuse", "--scale", "ci", "--shard", "4/4", "--threads", "2"]);
    expect(s4.status, s4.stderr).toBe(0);
    const mine4: string[] = shardRecord(early, 4, 4).runs;
    expect(mine4.length).toBeGreaterThan(0);
    const e1 = runSync(early, ["study", "reuse", "--scale", "ci", "--merge"]);
    expect(e1.status, e1.stderr).toBe(1);
    expect(e1.stdout).toBe("");
    const named = [...e1.stderr.matchAll(/^ {2}(\S+): not started; owned by shard ([123])\/4 \(not started yet\)$/gm)].map((m) => m[1]);
    expect(named).toHaveLength(8 - mine4.length);
    for (const k of mine4) expect(named).not.toContain(k);
    expect(e1.stderr).toMatch(new RegExp(`cannot merge: ${8 - mine4.length} of 8 runs are not finished`));
    expect(stored(early)).toEqual([]);

    // two shards as concurrent processes into one folder
    const shared = folder("shared");
    const [s1, s2] = await Promise.all([
      runAsync(shared, ["study", "reuse", "--scale", "ci", "--shard", "1/2", "--threads", "1", "--json"]),
      runAsync(shared, ["study", "reuse", "--scale", "ci", "--shard", "2/2", "--threads", "1", "--json"]),
    ]);
    for (const [s, i] of [[s1, 1], [s2, 2]] as const) {
      expect(s.status, s.stderr).toBe(0);
      expect(s.stderr).toMatch(new RegExp(`shard ${i}/2 trained its 4 of 8 runs`));
      const line = JSON.parse(s.stdout);
      expect(line).toMatchObject({ shard: `${i}/2`, runs: 4, total: 8, complete: true });
    }
    // the shards' runs are disjoint and cover the study, and a shard stores no result
    const r1: string[] = shardRecord(shared, 1, 2).runs;
    const r2: string[] = shardRecord(shared, 2, 2).runs;
    expect(r1.filter((k) => r2.includes(k))).toEqual([]);
    expect(new Set([...r1, ...r2]).size).toBe(8);
    expect(stored(shared)).toEqual([]);
    expect(fs.readdirSync(partial(shared)).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    const m = runSync(shared, ["study", "reuse", "--scale", "ci", "--merge", "--threads", "2", "--json"]);
    expect(m.status, m.stderr).toBe(0);
    expect(m.stderr).not.toMatch(/warning/);
    // the same claims with the same numbers, and the same stored value, bit for bit
    expect(m.stdout).toBe(a.stdout);
    const [merged] = stored(shared);
    expect(merged.key).toBe(unsharded.key);
    expect(merged.config).toEqual(unsharded.config);
    expect(valueText(merged)).toBe(valueText(unsharded));
    expect(merged.provenance.environment).toEqual(unsharded.provenance.environment);

    // once stored, a shard has nothing left to do
    const again = runSync(shared, ["study", "reuse", "--scale", "ci", "--shard", "1/2"]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/stored already; shard 1\/2 has nothing to train/);
  }, 600_000);

  const bad: Array<[string[], RegExp]> = [
    [["--shard", "0/2"], /--shard = "0\/2": must be I\/N with integers 1 ≤ I ≤ N/],
    [["--shard", "3/2"], /--shard = "3\/2": must be I\/N/],
    [["--shard", "1/0"], /--shard = "1\/0": must be I\/N/],
    [["--shard", "a/b"], /--shard = "a\/b": must be I\/N/],
    [["--shard", "1/2", "--merge"], /--shard = "1\/2": must be absent with --merge/],
    [["--shard", "1/2", "--fresh"], /--fresh = "given": must be absent with --shard/],
    [["--merge", "--fresh"], /--fresh = "given": must be absent with --merge/],
  ];
  for (const [args, msg] of bad) {
    it(`study reuse ${args.join(" ")}: exit 2, one line naming the flag`, () => {
      const data = folder("bad");
      const r = runSync(data, ["study", "reuse", "--scale", "ci", ...args]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
      expect(fs.existsSync(path.join(data, "results"))).toBe(false);
    });
  }

  it("DATALAWS_FRESH=1 with --shard: exit 2 naming it (a fresh run would discard the shared runs)", () => {
    const r = spawnSync(process.execPath, [main, "study", "reuse", "--scale", "ci", "--shard", "1/2"], { encoding: "utf8", env: { ...env(folder("bad")), DATALAWS_FRESH: "1" } });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/DATALAWS_FRESH = "1": must be absent with --shard/);
  });

  // the cluster scripts hand the task index to --shard: shard I+1 of N for Kubernetes' 0-based index,
  // task I of N for Slurm's 1-based array index (checked with an index one past N: the CLI names it)
  it("the Slurm script's shard task and the Kubernetes shard command pass their index to --shard", () => {
    const project = path.resolve(__dirname, "../..");
    const slurm = path.join(project, "scripts/cluster/slurm-study.sh");
    const data = folder("scripts");
    const base = { ...env(data), PROJECT: project, STUDY: "reuse", SCALE: "ci", SHARDS: "2", DATALAWS_BACKEND: "wasm" };
    const s = spawnSync("bash", [slurm], { encoding: "utf8", env: { ...base, DATALAWS_ROLE: "shard", SLURM_ARRAY_TASK_ID: "3" } });
    expect(s.status, s.stderr).toBe(2);
    expect(s.stderr).toMatch(/--shard = "3\/2": must be I\/N/);
    const yaml = fs.readFileSync(path.join(project, "scripts/cluster/k8s-study.yaml"), "utf8");
    const cmd = /^\s+- (exec node dist\/src\/cli\/main\.js study .*--shard.*)$/m.exec(yaml)?.[1];
    expect(cmd).toBeDefined();
    const k = spawnSync("/bin/sh", ["-c", cmd!], { cwd: project, encoding: "utf8", env: { ...base, JOB_COMPLETION_INDEX: "2" } });
    expect(k.status, k.stderr).toBe(2);
    expect(k.stderr).toMatch(/--shard = "3\/2": must be I\/N/);
    // the Indexed Job runs N pods, N as in its SHARDS variable
    const n = (re: RegExp) => Number(re.exec(yaml)?.[1]);
    expect(n(/completions: (\d+)/)).toBe(n(/name: SHARDS\s+value: "(\d+)"/));
    expect(yaml).toMatch(/completionMode: Indexed/);
    expect(yaml).toMatch(/nvidia\.com\/gpu: 1/);
    expect(yaml).toMatch(/ReadWriteMany/);
  });
});
