/**
 * Driver of the skills online-SGD sweeps (Wang, Dang, Lee, Lyu, arXiv 2604.22951, the k-fold
 * multiplicative toy): runs seeds × configurations on worker threads (`dist/src/skills/sgdWorker.js`).
 * Each task is a pure function of its fields, so outcomes do not depend on the thread count. Given a
 * resume folder (a result's `ctx.checkpointDir()`), every finished task is written there, one file per
 * task, and a killed sweep resumes where it stopped; a file that cannot be used is reported and rerun.
 */
import * as path from "node:path";
import { requireInteger } from "../core/validate";
import { runSgdTask, type SgdOutcome, type SgdTask } from "../../theory/skills/sampleComplexity";
import { onlineSgdCost, validateSgd } from "../../theory/skills/onlineSgd";
import { checkCost } from "../core/resources";
import { defaultThreads, runInWorkers } from "../run/pool";
import { readJson, readRecoverable, writeJsonAtomic } from "../run/files";
import { canonicalJson } from "../run/store";
import { handle } from "./sgdWorker";

/** Compiled worker, relative to the package root. */
export const SKILLS_WORKER_FILE = "dist/src/skills/sgdWorker.js";

/** Options of `sgdSweep`. */
export interface SgdSweepOptions {
  /** worker threads (default min(2, CPUs)); 1 runs in-process */
  threads?: number;
  /** a folder for per-task resume files (none: nothing is written) */
  resumeDir?: string;
  /** progress in tasks */
  onProgress?: (done: number, total: number) => void;
  /** names of k, d, batch, budget and the number of runs in resource errors (the CLI passes its flags) */
  names?: SgdSizeNames;
  /** where the one-line ETA of long work goes (default: nowhere) */
  warn?: (line: string) => void;
}

/** Names of the sizes of an SGD sweep in resource errors. */
export type SgdSizeNames = { k?: string; d?: string; batch?: string; budget?: string; runs?: string };

/**
 * Refuse SGD tasks whose memory (d-vectors and the batch·k coordinate list of each run in flight)
 * cannot fit, before any is allocated; warn with the ETA when `warn` is given and the sweep is long.
 */
export function checkSgdSweepSize(tasks: readonly SgdTask[], opts: { threads?: number; names?: SgdSizeNames; warn?: (line: string) => void } = {}): number {
  const names = { k: "k", d: "d", batch: "batch", budget: "budget", runs: "tasks", ...opts.names };
  for (const t of tasks) {
    requireInteger(names.k, t.k, { min: 1 });
    requireInteger(names.d, t.d, { min: 1 });
    validateSgd(t.batch, t.budget);
  }
  if (tasks.length === 0) return 0;
  const max = (f: (t: SgdTask) => number) => Math.max(...tasks.map(f));
  const threads = opts.threads ?? defaultThreads();
  // each run stops at its escape (or divergence), so the budget gives a worst case: the ETA says "up to"
  return checkCost(
    "skills sgd",
    (v) => {
      const one = onlineSgdCost({ k: v.k, d: v.d, batch: v.batch, budget: v.budget, runs: v.runs, threads });
      return { ...one, ops: (v.runs / tasks.length) * tasks.reduce((a, t) => a + (onlineSgdCost({ ...t, d: Math.min(t.d, v.d), batch: Math.min(t.batch, v.batch), budget: Math.min(t.budget, v.budget) }).ops ?? 0), 0) };
    },
    { k: max((t) => t.k), d: max((t) => t.d), batch: max((t) => t.batch), budget: max((t) => t.budget), runs: tasks.length },
    { names: { d: names.d, batch: names.batch, budget: names.budget, runs: names.runs }, threads, warn: opts.warn ?? null, upperBound: true },
  );
}

/** The resume file of task `i` of a sweep. */
export const taskResumeFile = (dir: string, i: number): string => path.join(dir, `task-${String(i).padStart(5, "0")}.json`);

/** What a resume file holds: the task (checked on reading) and its outcome. */
interface TaskRecord {
  task: SgdTask;
  outcome: SgdOutcome;
}

/** Run SGD tasks on worker threads (resuming from `resumeDir` when given); outcomes in task order. */
export async function sgdSweep(tasks: readonly SgdTask[], opts: SgdSweepOptions = {}): Promise<SgdOutcome[]> {
  const threads = requireInteger("threads", opts.threads ?? defaultThreads(), { min: 1 });
  // validate every task in the main thread so that a bad parameter throws here, with its name
  checkSgdSweepSize(tasks, { threads, names: opts.names, warn: opts.warn });
  for (const t of tasks) validateTask(t);
  const out = new Array<SgdOutcome>(tasks.length);
  const todo: number[] = [];
  tasks.forEach((t, i) => {
    const hit = opts.resumeDir
      ? readRecoverable<TaskRecord>(taskResumeFile(opts.resumeDir, i), readJson, (r) =>
          r && typeof r === "object" && r.outcome && canonicalJson(r.task) === canonicalJson(t) ? undefined : "holds another task or no outcome",
        )
      : undefined;
    if (hit) out[i] = hit.outcome;
    else todo.push(i);
  });
  let done = tasks.length - todo.length;
  opts.onProgress?.(done, tasks.length);
  // batches of 4·threads: each finished batch is written before the next starts, so a killed sweep resumes
  const chunk = Math.max(1, 4 * threads);
  for (let b = 0; b < todo.length; b += chunk) {
    const idx = todo.slice(b, b + chunk);
    const res = await runInWorkers<SgdTask, SgdOutcome>(SKILLS_WORKER_FILE, idx.map((i) => tasks[i]), {
      threads,
      inProcess: handle,
      onProgress: () => opts.onProgress?.(++done, tasks.length),
    });
    idx.forEach((i, j) => {
      out[i] = res[j];
      if (opts.resumeDir) writeJsonAtomic(taskResumeFile(opts.resumeDir, i), { task: tasks[i], outcome: res[j] } satisfies TaskRecord);
    });
  }
  return out;
}

/** Validate a task without running it (the model, the learning rate against the stability limit, batch, budget). */
export function validateTask(t: SgdTask): void {
  validateSgd(t.batch, t.budget);
  // a one-step dry run validates everything runSgdTask validates, cheaply
  runSgdTask(t.warmup ? { ...t, budget: 2 * t.batch, warmup: { ...t.warmup, budget: t.batch }, records: 0 } : { ...t, budget: t.batch, records: 0 });
}
