/**
 * `datalaws study <name>`: compute (or resume, or load) a folder's transformer study — training on
 * worker threads, progress on stderr — and judge the claims of that folder that need it.
 */
import type { Scale } from "../core/scale";
import { parseShard, shardName, type ShardRole } from "../core/shard";
import { ParameterError } from "../core/validate";
import { defineCommand } from "./command";
import { FRESH_FLAG, JSON_FLAG, SCALE_FLAG, THREADS_FLAG } from "./common";
import { claimJson, claimTable, jsonLine } from "./output";

export const command = defineCommand({
  name: "study",
  summary: "train (or resume, or load) a folder's transformer study and judge its claims",
  positionals: [{ name: "name", description: "the folder whose study to run: reuse, skills or proxy (see datalaws list)" }],
  flags: {
    scale: SCALE_FLAG,
    threads: THREADS_FLAG,
    fresh: FRESH_FLAG,
    json: JSON_FLAG,
    shard: { kind: "string", metavar: "I/N", description: "train only shard I of N of the study's runs into the shared DATALAWS_DATA, then exit (no analysis); 1 ≤ I ≤ N" },
    merge: { kind: "boolean", description: "train nothing: check that every run is finished (else name the missing runs and their shards, exit 1), then analyse and store the study as an unsharded run would" },
  },
  notes:
    "An interrupted study (Ctrl-C) resumes where it stopped when run again with the same scale and backend.\n" +
    "On a cluster: run --shard 1/N … --shard N/N (one per machine, any order, concurrently) with DATALAWS_DATA on a shared file system, then --merge once; every process must use the same scale, backend and toolkit version (see scripts/cluster/).\n" +
    "Exit status: 0 when every claim could be judged (a shard: when its runs are trained), 1 when a claim errored or a merge found unfinished runs, 2 on bad arguments.\n" +
    "With --json: one line per claim {id, paper, verdict, measured, predicted, tolerance}; a shard prints one line {shard, runs, total, othersLeft, complete}.",
  examples: ["study reuse --scale ci", "study skills --threads 2 --json", "study proxy --scale paper --shard 3/8", "study proxy --scale paper --merge"],
  async run(o, [name]) {
    let role: ShardRole | undefined;
    if (o.shard !== undefined) {
      const s = parseShard(o.shard, "--shard");
      if (o.merge) throw new ParameterError("--shard", o.shard, "absent with --merge (the shards train, then one --merge assembles them)");
      role = { kind: "shard", ...s };
    } else if (o.merge) role = { kind: "merge" };
    if (role && (o.fresh || process.env.DATALAWS_FRESH === "1"))
      throw new ParameterError(o.fresh ? "--fresh" : "DATALAWS_FRESH", o.fresh ? "given" : "1", `absent with ${role.kind === "merge" ? "--merge" : "--shard"} (it would discard the runs every shard writes into the shared folder)`);
    const reg = await import("../registry");
    if (name === undefined) throw new ParameterError("study name", "(missing)", `one of ${reg.studyFolders().map((f) => f.name).join(", ")}`);
    const def = reg.findStudy(name);
    const folder = reg.FOLDERS.find((f) => f.name === name)!;
    const claims = folder.claims.filter((c) => c.needs.includes(def));
    const scale = o.scale as Scale;
    if (scale === "paper") {
      const { initBackend } = await import("../nn/backend");
      const backend = await initBackend({ verbose: false });
      if (backend.name !== "node-gpu")
        process.stderr.write(
          `study ${name}: the paper scale is sized for a GPU, and this machine trains on the ${backend.name} backend — expect days (the progress line estimates the time left); the study resumes where it stopped after Ctrl-C. See the README for the GPU backend.\n`,
        );
    }
    const { Runner } = await import("../run/runner");
    const { evaluateClaims } = await import("../run/evaluate");
    const { StudyRunsMissing, StudyShardDone } = await import("../nn/studyRuns");
    const runner = new Runner({ scale, threads: o.threads, fresh: o.fresh || undefined, ...(role ? { shard: role } : {}) });
    const t0 = Date.now();
    try {
      await runner.get(def);
    } catch (err) {
      if (err instanceof StudyShardDone) {
        process.stderr.write(err.message + "\n");
        if (o.json) process.stdout.write(jsonLine({ shard: shardName(err.shard), runs: err.mine, total: err.total, othersLeft: err.othersLeft, complete: err.complete }) + "\n");
        return 0;
      }
      if (err instanceof StudyRunsMissing) {
        process.stderr.write(err.message + "\n");
        return 1;
      }
      throw err;
    }
    if (role?.kind === "shard") {
      // the study was stored already (merged, or computed unsharded): nothing left to train
      process.stderr.write(`study ${name} (${scale}): the study's result is stored already; shard ${shardName(role)} has nothing to train\n`);
      if (o.json) process.stdout.write(jsonLine({ shard: shardName(role), runs: 0, total: 0, othersLeft: 0, complete: true }) + "\n");
      return 0;
    }
    process.stderr.write(`study ${name} (${scale}): results ready in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    const outcomes = await evaluateClaims(claims, runner, (c) => {
      if (o.json) process.stdout.write(jsonLine(claimJson(c)) + "\n");
    });
    if (!o.json) process.stdout.write(claimTable(outcomes, `in study ${name} at scale ${scale}`));
    return outcomes.some((c) => c.verdict === "error") ? 1 : 0;
  },
});
