/**
 * Multi-threaded driver of the multi-epoch Monte Carlo (reuse spec §4.4): splits the runs into
 * contiguous chunks, simulates them on worker threads (`dist/src/run/mcWorker.js`) and merges them in run
 * order. Run r always uses the stream `new Rng(seed, r)`, so the numbers are bitwise-identical whatever
 * the thread count or chunking.
 */
import { mergeMc, validateMultiEpoch, type McAccumulator, type MultiEpochOptions } from "../../theory/reuse/monteCarlo";
import type { LinearProblem } from "../../theory/reuse/problem";
import { requireInteger } from "../core/validate";
import { defaultThreads, runInWorkers } from "./pool";
import { handle, type McTask } from "./mcWorker";

/** Compiled worker, relative to the package root. */
export const MC_WORKER_FILE = "dist/src/run/mcWorker.js";

/** Options of `multiEpochMcParallel`: those of `multiEpochSgd` plus threads, chunks and progress. */
export interface McParallelOptions extends MultiEpochOptions {
  /** worker threads (default min(2, CPUs)); 1 runs in-process, from the sources, without workers */
  threads?: number;
  /** number of chunks of runs (default min(runs, max(8, 4·threads))) */
  chunks?: number;
  /** progress in runs: (runs done, runs total) */
  onProgress?: (done: number, total: number) => void;
}

/** `multiEpochSgd` on worker threads: the same accumulator as the single-threaded call, bitwise. */
export async function multiEpochMcParallel(problem: LinearProblem, opts: McParallelOptions): Promise<McAccumulator> {
  const { threads: t, chunks: c, onProgress, keepRuns, ...mc } = opts;
  const threads = requireInteger("threads", t ?? defaultThreads(), { min: 1 });
  // validate in the main thread, so that a bad parameter throws here with its name
  const { runOffset, runCount } = validateMultiEpoch(problem, mc);
  const chunks = requireInteger("chunks", c ?? Math.min(runCount, Math.max(8, 4 * threads)), { min: 1, max: runCount });

  // typed-array copies of the problem: structured cloning to the workers is exact and cheap
  const plain: LinearProblem = {
    lambda: Float64Array.from(problem.lambda),
    wstar: Float64Array.from(problem.wstar),
    sigma: problem.sigma,
    features: problem.features,
  };
  const tasks: McTask[] = [];
  for (let q = 0; q < chunks; q++) {
    const lo = runOffset + Math.floor((q * runCount) / chunks);
    const hi = runOffset + Math.floor(((q + 1) * runCount) / chunks);
    tasks.push({ problem: plain, opts: { ...mc, etas: [...mc.etas], runOffset: lo, runCount: hi - lo } });
  }
  let runsDone = 0;
  const parts = await runInWorkers<McTask, McAccumulator>(MC_WORKER_FILE, tasks, {
    threads,
    inProcess: handle,
    onProgress: onProgress
      ? (_done, _total, index) => {
          runsDone += tasks[index].opts.runCount as number;
          onProgress(runsDone, runCount);
        }
      : undefined,
  });
  const merged = mergeMc(parts);
  if (!keepRuns) delete merged.perRun;
  return merged;
}
