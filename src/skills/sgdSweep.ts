/**
 * Driver of the skills online-SGD sweeps: runs seeds × configurations on worker threads
 * (`dist/src/skills/sgdWorker.js`, both cores by default). Each task is a pure function of its fields, so
 * results do not depend on the thread count. Finished tasks are cached one file per task under
 * data/results/skills/sgd/ (keyed by the task and the toolkit version): a rerun reuses them and an
 * interrupted sweep resumes where it stopped. `DATALAWS_FRESH=1` recomputes.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { requireInteger } from "../core/validate";
import { runSgdTask, type SgdOutcome, type SgdTask } from "../../theory/skills/sampleComplexity";
import { validateSgd } from "../../theory/skills/onlineSgd";
import { makeSkillsClaims } from "./claims";
import { defaultThreads, runInWorkers } from "../run/pool";
import { handle } from "./sgdWorker";
import { resultsDir, toolkitVersion } from "../run/store";

/** Compiled worker, relative to the package root. */
export const SKILLS_WORKER_FILE = "dist/src/skills/sgdWorker.js";

/** Options of `sgdSweep`. */
export interface SgdSweepOptions {
  /** worker threads (default min(2, CPUs)); 1 runs in-process */
  threads?: number;
  /** cache finished tasks on disk (default true) */
  cache?: boolean;
  /** progress in tasks */
  onProgress?: (done: number, total: number) => void;
}

const FIELDS: ReadonlyArray<keyof SgdTask> = ["k", "d", "alpha", "eta", "etaFraction", "batch", "budget", "r", "seed", "order", "bins", "records", "fullBudget"];

/** The cache file of a task (every field that affects the result, plus the toolkit version). */
export function taskCacheFile(t: SgdTask): string {
  const key = JSON.stringify([toolkitVersion(), ...FIELDS.map((f) => t[f] ?? null)]);
  const h = createHash("sha1").update(key).digest("hex").slice(0, 20);
  return path.join(resultsDir(), "skills", "sgd", `${h}.json`);
}

function load(file: string): SgdOutcome | undefined {
  if (process.env.DATALAWS_FRESH || !fs.existsSync(file)) return undefined;
  try {
    const o = JSON.parse(fs.readFileSync(file, "utf8"), (_k, v) => (v === "inf" ? Infinity : v)) as SgdOutcome;
    return o;
  } catch {
    return undefined;
  }
}

function save(file: string, o: SgdOutcome): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(o, (_k, v) => (v === Infinity ? "inf" : v)));
  fs.renameSync(tmp, file);
}

/** Run SGD tasks on worker threads (cached per task); outcomes in task order. */
export async function sgdSweep(tasks: readonly SgdTask[], opts: SgdSweepOptions = {}): Promise<SgdOutcome[]> {
  const threads = requireInteger("threads", opts.threads ?? defaultThreads(), { min: 1 });
  const useCache = opts.cache ?? true;
  // validate every task in the main thread so that a bad parameter throws here, with its name
  for (const t of tasks) validateTask(t);
  const out = new Array<SgdOutcome>(tasks.length);
  const todo: number[] = [];
  tasks.forEach((t, i) => {
    const hit = useCache ? load(taskCacheFile(t)) : undefined;
    if (hit) out[i] = hit;
    else todo.push(i);
  });
  let done = tasks.length - todo.length;
  opts.onProgress?.(done, tasks.length);
  // batches of 4·threads: each finished batch is saved before the next starts, so a killed sweep resumes
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
      if (useCache) save(taskCacheFile(tasks[i]), res[j]);
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

/** The skills claims with seed sweeps on worker threads (uncached: a check always computes). */
export const skillsClaims = makeSkillsClaims((tasks) => sgdSweep(tasks, { cache: false }));
