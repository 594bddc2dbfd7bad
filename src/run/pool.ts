/**
 * A small worker-thread pool. A worker module is compiled JS (under dist/) that exports
 * `handle(task) → result` and calls `serveWorker(handle, __filename)` at load; the pool hands tasks to free
 * workers and returns the results in task order. `threads = 1` runs in-process (no worker), for debugging.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import { packageRoot } from "./store";
import * as path from "node:path";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { requireInteger } from "../core/validate";

/** Options of `runInWorkers`. */
export interface PoolOptions<TTask, TResult> {
  /** number of worker threads (default min(2, number of CPUs)); 1 runs in-process */
  threads?: number;
  /** called after each finished task with (tasks done, tasks total, index of the finished task) */
  onProgress?: (done: number, total: number, index: number) => void;
  /** in-process handler for threads = 1 (default: `require(workerFile).handle`) */
  inProcess?: (task: TTask) => TResult;
}

interface TaskMessage<TTask> {
  index: number;
  task: TTask;
}
type ResultMessage<TResult> = { index: number; ok: true; result: TResult } | { index: number; ok: false; error: string };

/** Absolute path of a compiled worker file (relative paths are taken from the package root); throws if it is missing. */
export function resolveWorkerFile(workerFile: string): string {
  const file = path.isAbsolute(workerFile) ? workerFile : path.join(packageRoot(), workerFile);
  if (!fs.existsSync(file)) {
    throw new Error(`worker file ${file} not found: run \`npm run build\` to compile the workers into dist/`);
  }
  return file;
}

/** Default thread count: min(2, number of CPUs). */
export function defaultThreads(): number {
  return Math.max(1, Math.min(2, os.cpus().length));
}

/**
 * Inside a pool worker: answer task messages with `handle`. Call it as `serveWorker(handle, __filename)`;
 * it does nothing unless this thread is a pool worker started on that very file (so importing a worker
 * module elsewhere, even from another worker thread, is harmless).
 */
export function serveWorker<TTask, TResult>(handle: (task: TTask) => TResult, moduleFile: string): void {
  if (isMainThread || parentPort === null) return;
  const data = workerData as { poolWorkerFile?: unknown } | null;
  if (!data || typeof data.poolWorkerFile !== "string") return;
  if (path.resolve(data.poolWorkerFile) !== path.resolve(moduleFile)) return;
  const port = parentPort;
  port.on("message", (msg: TaskMessage<TTask>) => {
    let reply: ResultMessage<TResult>;
    try {
      reply = { index: msg.index, ok: true, result: handle(msg.task) };
    } catch (err) {
      reply = { index: msg.index, ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    }
    port.postMessage(reply);
  });
}

/**
 * Run `tasks` on a pool of worker threads loading `workerFile` (compiled JS; relative to the package
 * root unless absolute); resolves with the results in task order, rejects on the first failing task.
 */
export async function runInWorkers<TTask, TResult>(
  workerFile: string,
  tasks: readonly TTask[],
  opts: PoolOptions<TTask, TResult> = {},
): Promise<TResult[]> {
  const threads = requireInteger("threads", opts.threads ?? defaultThreads(), { min: 1 });
  const total = tasks.length;
  const results = new Array<TResult>(total);
  if (total === 0) return results;

  if (threads === 1) {
    let handle = opts.inProcess;
    if (!handle) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(resolveWorkerFile(workerFile)) as { handle?: (task: TTask) => TResult };
      if (typeof mod.handle !== "function") throw new Error(`worker file ${workerFile} does not export handle(task)`);
      handle = mod.handle;
    }
    for (let i = 0; i < total; i++) {
      results[i] = handle(tasks[i]);
      opts.onProgress?.(i + 1, total, i);
    }
    return results;
  }

  const file = resolveWorkerFile(workerFile);
  const n = Math.min(threads, total);
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      let failed = false;
      const fail = (err: Error): void => {
        if (failed) return;
        failed = true;
        reject(err);
      };
      const feed = (w: Worker): void => {
        if (next < total) {
          const index = next++;
          w.postMessage({ index, task: tasks[index] } satisfies TaskMessage<TTask>);
        }
      };
      for (let k = 0; k < n; k++) {
        const w = new Worker(file, { workerData: { poolWorkerFile: file } });
        workers.push(w);
        w.on("message", (msg: ResultMessage<TResult>) => {
          if (failed) return;
          if (!msg.ok) {
            fail(new Error(`task ${msg.index} failed in worker ${path.basename(file)}: ${msg.error}`));
            return;
          }
          results[msg.index] = msg.result;
          done++;
          opts.onProgress?.(done, total, msg.index);
          if (done === total) resolve();
          else feed(w);
        });
        w.on("error", (err) => fail(new Error(`worker ${path.basename(file)} crashed: ${err.message}`)));
        w.on("exit", (code) => {
          if (done < total) fail(new Error(`worker ${path.basename(file)} exited with code ${code} before finishing`));
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
