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
import { validateSgd } from "../../theory/skills/onlineSgd";
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
  runSgdTask({ ...t, budget: t.batch, records: 0 });
}
