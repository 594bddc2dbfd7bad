/**
 * Training the runs of a transformer study: a study is a result (declared in its folder, e.g.
 * src/reuse/study/) whose compute function trains a set of independent runs (seeds × data budgets ×
 * …) and analyses their records. Here the runs are trained on worker threads (`trainMany`, both
 * cores), each with its own resume file in the result's checkpoint folder: a killed study resumes
 * every run where it stopped, and a finished run is read back instead of retrained.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ParameterError } from "../core/validate";
import { trainMany } from "./many";
import type { ManyJob } from "./manyWorker";
import type { TrainResult } from "./train";
import { readRecoverable } from "../run/files";
import { progress } from "../run/progress";
import { checkpointFileName, loadCheckpoint, type Checkpoint } from "./checkpoint";

/** Options of training a study's runs. */
export interface StudyRunOptions {
  /** worker threads (default min(2, CPUs)) */
  threads?: number;
  /** no progress output */
  quiet?: boolean;
  /** test hook: every run stops after this step (saving its resume file), as if the study were killed */
  stopAfter?: number;
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
