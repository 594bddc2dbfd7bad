/**
 * Training the runs of a transformer study: a study is a result (declared in its folder, e.g.
 * src/reuse/study/) whose compute function trains a set of independent runs (seeds × data budgets ×
 * …) and analyses their records. Here the runs are trained on worker threads (`trainMany`, both
 * cores), each with its own resume file in the result's checkpoint folder: a killed study resumes
 * every run where it stopped, and a finished run is read back instead of retrained.
 *
 * On a cluster (`datalaws study <name> --shard I/N`, then `--merge`) the same folder is shared: shard
 * I/N trains only its runs (a cost-balanced assignment every machine computes alike, `shardOfRuns`)
 * and stops with `StudyShardDone`; the merge trains nothing — it names the unfinished runs and their
 * shards (`StudyRunsMissing`), or reads every run back, so the study's analysis sees exactly what an
 * unsharded run sees. Every file is per run (or per shard) and written atomically, so shards never clash.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ComputeContext } from "../core/result";
import { assignShards, shardName, type Shard, type ShardRole } from "../core/shard";
import { ParameterError } from "../core/validate";
import { trainMany } from "./many";
import type { ManyJob } from "./manyWorker";
import { savedProgress, trainConfigOf, type TrainResult } from "./train";
import { readJson, readRecoverable, writeJsonAtomic } from "../run/files";
import { progress } from "../run/progress";
import { checkpointFileName, loadCheckpoint, type Checkpoint } from "./checkpoint";
import { gptConfig, paramLayout } from "./gpt";

/** Options of training a study's runs. */
export interface StudyRunOptions {
  /** worker threads (default min(2, CPUs)) */
  threads?: number;
  /** no progress output */
  quiet?: boolean;
  /** test hook: every run stops after this step (saving its resume file), as if the study were killed */
  stopAfter?: number;
  /**
   * On a cluster: train only shard i/n's runs and throw `StudyShardDone` (nothing is analysed), or
   * merge: train nothing, throw `StudyRunsMissing` unless every run is finished, then read them back.
   */
  shard?: ShardRole;
}

/** The run options a study's compute function passes on from its context. */
export function studyRunOptions(ctx: ComputeContext): StudyRunOptions {
  return {
    threads: ctx.threads,
    quiet: ctx.quiet,
    ...(ctx.stopAfter !== undefined ? { stopAfter: ctx.stopAfter } : {}),
    ...(ctx.shard !== undefined ? { shard: ctx.shard } : {}),
  };
}

/** One training run of a study: a stable key (its file name) and the job. */
export interface StudyRun {
  key: string;
  job: ManyJob;
  /** write parameter checkpoints at `job.checkpointSteps` into <dir>/<key>.ckpt/ */
  checkpoints?: boolean;
}

/** Outcome of `trainStudyRuns`: results in run order; `complete` is false if a run stopped early (`stopAfter`). */
export interface StudyRunsOutcome {
  results: TrainResult[];
  complete: boolean;
  seconds: number;
  threads: number;
}

/**
 * Train (or resume, or read back) every run on worker threads with a progress bar. Each run gets the
 * resume file <dir>/<key>.state (saved every `saveEvery` steps and at the end), so a killed study
 * continues every unfinished run exactly where it stopped and returns finished runs without training.
 */
export async function trainStudyRuns(label: string, dir: string, runs: StudyRun[], opts: StudyRunOptions = {}): Promise<StudyRunsOutcome> {
  const keys = new Set<string>();
  for (const r of runs) {
    if (!/^[A-Za-z0-9._-]+$/.test(r.key)) throw new ParameterError("run key", r.key, "letters, digits, '.', '_' or '-'");
    if (keys.has(r.key)) throw new ParameterError("run key", r.key, "unique within a study");
    keys.add(r.key);
  }
  fs.mkdirSync(dir, { recursive: true });
  if (opts.shard?.kind === "shard") return trainShard(label, dir, runs, opts.shard, opts);
  if (opts.shard?.kind === "merge") requireFinished(label, dir, runs);
  const jobs: ManyJob[] = runs.map((r) => ({
    ...r.job,
    stateFile: path.join(dir, `${r.key}.state`),
    ...(r.checkpoints ? { checkpointDir: path.join(dir, `${r.key}.ckpt`) } : {}),
    ...(opts.stopAfter !== undefined ? { stopAfter: opts.stopAfter } : {}),
  }));
  for (const j of jobs) if (j.checkpointDir) fs.mkdirSync(j.checkpointDir, { recursive: true });
  const bar = progress(label, { quiet: opts.quiet });
  const t0 = Date.now();
  // progress in optimizer steps (read from the runs' resume files, saved every few hundred steps) and in
  // finished runs; counted from where this call started, so a resumed study's ETA is for what is left
  const stepsNow = () => runs.reduce((acc, r) => acc + Math.min(r.job.steps, progressOf(dir, r).step), 0);
  const total = runs.reduce((acc, r) => acc + r.job.steps, 0);
  const start = stepsNow();
  let finished = 0;
  const show = () => bar.update(stepsNow() - start, total - start, `steps (${finished}/${runs.length} runs finished)`);
  show();
  const poll = opts.quiet ? undefined : setInterval(show, 5000);
  poll?.unref();
  const threads = opts.threads ?? Math.max(1, Math.min(2, require("node:os").cpus().length));
  let results: TrainResult[];
  try {
    results = await trainMany(jobs, {
      threads,
      onProgress: (d) => {
        finished = d;
        show();
      },
    });
  } finally {
    if (poll) clearInterval(poll);
  }
  const complete = results.every((r) => r.history.length >= r.config.steps);
  bar.done(complete ? `${runs.length} runs` : "stopped early (resumable)");
  return { results, complete, seconds: (Date.now() - t0) / 1000, threads };
}

/** Rough work of a run (tokens trained × parameters; at least 1): only for balancing shards. */
export function runCost(r: StudyRun): number {
  const m = gptConfig(r.job.model);
  return Math.max(1, r.job.steps * r.job.batchSize * m.context * paramLayout(m).size);
}

/** The shard (1-based) of every run of a study split into `count` shards (see `assignShards`). */
export function shardOfRuns(runs: readonly StudyRun[], count: number): number[] {
  return assignShards(runs.map(runCost), count).map((s) => s + 1);
}

/** A run's progress by its resume file in `dir` (reads headers only). */
function progressOf(dir: string, r: StudyRun): { saved: boolean; step: number; steps: number; note?: string } {
  return { ...savedProgress(path.join(dir, `${r.key}.state`), trainConfigOf(r.job)), steps: r.job.steps };
}

const isFinished = (p: { saved: boolean; step: number; steps: number }) => p.saved && p.step >= p.steps;

/** The record a shard leaves in <dir>/shards/: which runs it owns and when it started and finished. */
export interface ShardRecord {
  index: number;
  count: number;
  runs: string[];
  started: string;
  finished?: string;
}

const shardRecordFile = (dir: string, s: Shard) => path.join(dir, "shards", `shard-${s.index}-of-${s.count}.json`);

/** The shard records in a study folder (unreadable ones are reported and skipped). */
export function shardRecords(dir: string): ShardRecord[] {
  const folder = path.join(dir, "shards");
  const names = fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => /^shard-\d+-of-\d+\.json$/.test(f)) : [];
  const out: ShardRecord[] = [];
  for (const f of names.sort()) {
    const rec = readRecoverable<ShardRecord>(path.join(folder, f), (x) => readJson<ShardRecord>(x), (r) => (r && Number.isInteger(r.index) && Number.isInteger(r.count) && Array.isArray(r.runs) ? undefined : "is not a shard record"));
    if (rec) out.push(rec);
  }
  return out.sort((a, b) => a.count - b.count || a.index - b.index);
}

/** Train shard i/n's runs (resuming them), leave its record, and throw `StudyShardDone`. */
async function trainShard(label: string, dir: string, runs: StudyRun[], shard: Shard, opts: StudyRunOptions): Promise<never> {
  const owner = shardOfRuns(runs, shard.count);
  const mine = runs.filter((_, i) => owner[i] === shard.index);
  const file = shardRecordFile(dir, shard);
  const record: ShardRecord = { index: shard.index, count: shard.count, runs: mine.map((r) => r.key), started: new Date().toISOString() };
  writeJsonAtomic(file, record);
  const { shard: _, ...rest } = opts;
  const out = mine.length ? await trainStudyRuns(`${label} shard ${shardName(shard)}`, dir, mine, rest) : { complete: true, seconds: 0 };
  if (out.complete) writeJsonAtomic(file, { ...record, finished: new Date().toISOString() });
  const othersLeft = runs.filter((r, i) => owner[i] !== shard.index && !isFinished(progressOf(dir, r))).length;
  throw new StudyShardDone(label, shard, mine.length, runs.length, othersLeft, out.complete, out.seconds);
}

/**
 * Throw `StudyRunsMissing` unless every run's resume file says it is finished. The owners of a missing
 * run are computed from the run list for every shard count a shard record in the folder shows (so a
 * shard that never started is named too), with that shard's state from its record.
 */
function requireFinished(label: string, dir: string, runs: StudyRun[]): void {
  const records = shardRecords(dir);
  const counts = [...new Set(records.map((r) => r.count))];
  const owners = new Map(counts.map((n) => [n, shardOfRuns(runs, n)]));
  const missing: MissingRun[] = [];
  runs.forEach((r, i) => {
    const p = progressOf(dir, r);
    if (isFinished(p)) return;
    const mine = counts.map((count) => {
      const index = owners.get(count)![i];
      const rec = records.find((x) => x.count === count && x.index === index);
      return { index, count, state: !rec ? ("not started" as const) : rec.finished ? ("finished" as const) : ("started" as const) };
    });
    missing.push({ key: r.key, step: p.step, steps: p.steps, ...(p.note ? { note: p.note } : {}), owners: mine });
  });
  if (missing.length) throw new StudyRunsMissing(label, dir, runs.length, missing, records.length > 0);
}

/** Thrown by a shard after training its runs: what it did (the CLI reports it and exits 0; nothing is stored). */
export class StudyShardDone extends Error {
  constructor(
    readonly study: string,
    readonly shard: Shard,
    /** runs of this shard, of all runs */
    readonly mine: number,
    readonly total: number,
    /** runs of other shards not finished yet */
    readonly othersLeft: number,
    /** false when stopped early (test hook): running the shard again resumes */
    readonly complete: boolean,
    readonly seconds: number,
  ) {
    super(
      `${study}: shard ${shardName(shard)} ${complete ? "trained" : "stopped early in"} its ${mine} of ${total} runs in ${seconds.toFixed(1)} s; ` +
        (othersLeft === 0 ? "every run of the study is finished: run it with --merge" : `${othersLeft} run${othersLeft === 1 ? "" : "s"} of other shards ${othersLeft === 1 ? "is" : "are"} not finished yet; then --merge`),
    );
    this.name = "StudyShardDone";
  }
}

/** An unfinished run found by a merge: its progress and the shard(s) whose record lists it. */
export interface MissingRun {
  key: string;
  step: number;
  steps: number;
  note?: string;
  /** per shard count seen in the folder: the run's shard and that shard's state by its record */
  owners: { index: number; count: number; state: "not started" | "started" | "finished" }[];
}

/** Thrown by a merge when runs are not finished: names them and the shards that own them (the CLI exits 1). */
export class StudyRunsMissing extends Error {
  constructor(
    readonly study: string,
    readonly dir: string,
    readonly total: number,
    readonly missing: MissingRun[],
    readonly anyShard: boolean,
  ) {
    const show = (m: MissingRun) => {
      const where = m.step > 0 ? `at step ${m.step} of ${m.steps}` : "not started";
      const state = { "not started": "not started yet", started: "started, still running or stopped", finished: "finished, but not this run: run it again" };
      const who = m.owners.length ? m.owners.map((o) => `shard ${o.index}/${o.count} (${state[o.state]})`).join(" or ") : "no shard";
      return `  ${m.key}: ${where}${m.note ? ` (resume file ${m.note})` : ""}; owned by ${who}`;
    };
    const limit = 40;
    const lines = missing.slice(0, limit).map(show);
    if (missing.length > limit) lines.push(`  … and ${missing.length - limit} more`);
    super(
      `${study}: cannot merge: ${missing.length} of ${total} runs are not finished in ${dir}:\n${lines.join("\n")}\n` +
        (anyShard ? "run the shards that own them (again; they resume), then --merge" : "no shard has run for this study here (same scale, backend and DATALAWS_DATA?): start them with --shard I/N"),
    );
    this.name = "StudyRunsMissing";
  }
}

/** Thrown when a study's runs were stopped before the end (test hook); running it again resumes. */
export class StudyInterrupted extends Error {
  constructor(study: string) {
    super(`study ${study} stopped before its runs finished; run it again to resume`);
    this.name = "StudyInterrupted";
  }
}

/** The parameter checkpoint of run `key` at step `step` in a study folder (written when the run has `checkpoints`). */
export function paramCheckpointFile(dir: string, key: string, step: number): string {
  return path.join(dir, `${key}.ckpt`, checkpointFileName(step));
}

/**
 * A parameter checkpoint, or undefined when it is absent or unusable (an unusable one is reported by
 * path and set aside): it must hold a non-empty, finite params array, and the step in its header must be
 * the step in its file name (a checkpoint copied over another step's is not that step's).
 */
export function readParamCheckpoint(file: string): Checkpoint | undefined {
  const named = /step-(\d+)\.ckpt$/.exec(file);
  return readRecoverable(
    file,
    (f) => (fs.existsSync(f) ? loadCheckpoint(f) : undefined),
    (ck) => {
      const p = ck.arrays.params;
      if (!p || p.length === 0) return "has no params array";
      if (!p.every(Number.isFinite)) return "has non-finite parameters";
      const step = (ck.header as { step?: unknown } | null)?.step;
      if (named && step !== Number(named[1])) return `is the checkpoint of step ${String(step)}, not of step ${Number(named[1])}`;
      return undefined;
    },
  );
}

/**
 * The runs (of `wanted`, each with the steps whose checkpoints are needed) one of whose parameter
 * checkpoints is missing or unusable. Their resume files are set aside, so that training the runs
 * again rewrites every checkpoint: a study never gets stuck on a bad checkpoint.
 */
export function runsToRetrain(dir: string, wanted: ReadonlyArray<{ key: string; steps: readonly number[] }>): string[] {
  const out: string[] = [];
  for (const { key, steps } of wanted) {
    if (steps.every((s) => readParamCheckpoint(paramCheckpointFile(dir, key, s)))) continue;
    out.push(key);
    const state = path.join(dir, `${key}.state`);
    if (fs.existsSync(state)) fs.renameSync(state, `${state}.bad`);
  }
  return out;
}
