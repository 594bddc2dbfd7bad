/**
 * Transformer studies (issue "Transformer studies of the three results"): the shared run machinery
 * (the registry is in ./study.ts).
 *
 * A study is a set of independent training runs (seeds × data budgets × …) plus an analysis of their
 * records, at a named scale (`ci`, `small`, `paper`). The runner trains the runs on worker threads
 * (`trainMany`, both cores), gives every run its own resume file under
 * data/results/studies/<study>-<scale>/runs-<config hash>/ (a killed study resumes each run where it stopped, and a
 * finished run is read back instead of retrained), and caches the analysed result with the full
 * config (`cached`), so figures and claims reuse it without training. Studies register in ./study.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Claim, Scale } from "../core/claim";
import { ParameterError } from "../core/validate";
import { trainMany } from "../nn/many";
import type { ManyJob } from "../nn/manyWorker";
import type { TrainResult } from "../nn/train";
import { progress } from "./progress";
import { cached, resultsDir } from "./store";

/** Options of a study run. */
export interface StudyRunOptions {
  /** worker threads (default min(2, CPUs)) */
  threads?: number;
  /** no progress output */
  quiet?: boolean;
  /** folder of the run files (default data/results/studies/<study>-<scale>/runs-<config hash>) */
  dir?: string;
  /** test hook: every run stops after this step (saving its resume file), as if the study were killed */
  stopAfter?: number;
}

/** A registered study. */
export interface Study<R = unknown> {
  /** name on the command line: `datalaws study <name>` */
  name: string;
  /** the result its claims and figures belong to (`reuse`, `skills`, `proxy`) */
  result: string;
  title: string;
  /** run or resume the study at a scale (cached: a finished study returns its stored result) */
  run(scale: Scale, opts?: StudyRunOptions): Promise<R>;
  /** its claims (each `check(scale)` calls `run(scale)`, so it trains only when nothing is cached) */
  claims: Claim[];
  /** ids of its registered figures */
  figureIds: string[];
}

/** The folder of a study's files at a scale (or config name): data/results/studies/<study>-<name>. */
export function studyDir(study: string, name: string): string {
  return path.join(resultsDir(), "studies", `${study}-${name}`);
}

/** A short stable hash of a config (FNV-1a of its JSON), to keep run files of different configs apart. */
export function configHash(config: unknown): string {
  const text = JSON.stringify(config);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

/** Cache a study's analysed result (`cached` under studies/<study>-<name>/result.json). */
export function cachedStudy<T>(study: string, name: string, config: unknown, compute: () => Promise<T>): Promise<T> {
  return cached(path.join("studies", `${study}-${name}`, "result"), config, compute);
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
  const jobs: ManyJob[] = runs.map((r) => ({
    ...r.job,
    stateFile: path.join(dir, `${r.key}.state`),
    ...(r.checkpoints ? { checkpointDir: path.join(dir, `${r.key}.ckpt`) } : {}),
    ...(opts.stopAfter !== undefined ? { stopAfter: opts.stopAfter } : {}),
  }));
  for (const j of jobs) if (j.checkpointDir) fs.mkdirSync(j.checkpointDir, { recursive: true });
  const bar = progress(label, { quiet: opts.quiet });
  const t0 = Date.now();
  bar.update(0, runs.length, "runs");
  const threads = opts.threads ?? Math.max(1, Math.min(2, require("node:os").cpus().length));
  const results = await trainMany(jobs, { threads, onProgress: (d, t) => bar.update(d, t, "runs") });
  const complete = results.every((r) => r.history.length >= r.config.steps);
  bar.done(complete ? `${runs.length} runs` : "stopped early (resumable)");
  return { results, complete, seconds: (Date.now() - t0) / 1000, threads };
}

/** Thrown when a study's runs were stopped before the end (test hook); running it again resumes. */
export class StudyInterrupted extends Error {
  constructor(study: string) {
    super(`study ${study} stopped before its runs finished; run it again to resume`);
    this.name = "StudyInterrupted";
  }
}
