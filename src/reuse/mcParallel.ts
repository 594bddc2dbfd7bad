/**
 * Multi-threaded driver of the multi-epoch Monte Carlo (reuse spec §4.4): splits the runs into
 * contiguous chunks, simulates them on worker threads (`dist/src/reuse/mcWorker.js`) and merges them in run
 * order. Run r always uses the stream `new Rng(seed, r)`, so the numbers are bitwise-identical whatever
 * the thread count or chunking.
 */
import { mergeMc, validateMultiEpoch, type McAccumulator, type MultiEpochOptions } from "../../theory/reuse/monteCarlo";
import type { LinearProblem } from "../../theory/reuse/problem";
import * as fs from "node:fs";
import * as path from "node:path";
import { requireInteger } from "../core/validate";
import { defaultThreads, runInWorkers } from "../run/pool";
import { handle, type McTask } from "./mcWorker";

/** Compiled worker, relative to the package root. */
export const MC_WORKER_FILE = "dist/src/reuse/mcWorker.js";

/** Options of `multiEpochMcParallel`: those of `multiEpochSgd` plus threads, chunks and progress. */
export interface McParallelOptions extends MultiEpochOptions {
  /** worker threads (default min(2, CPUs)); 1 runs in-process, from the sources, without workers */
  threads?: number;
  /** number of chunks of runs (default min(runs, max(8, 4·threads))) */
  chunks?: number;
  /** progress in runs: (runs done, runs total) */
  onProgress?: (done: number, total: number) => void;
  /**
   * A checkpoint file: finished chunks are saved there as they complete, and a rerun with identical
   * options (same problem, grid, runs, seed and chunking) skips them — an interrupted run resumes.
   * The file is removed when the whole computation has finished.
   */
  checkpoint?: string;
}

interface Checkpoint {
  fingerprint: string;
  parts: Record<string, { etas: number[]; Kmax: number; runs: number; runOffset: number; sum: number[]; sumSq: number[]; perRun?: number[] }>;
}

function loadCheckpoint(file: string, fingerprint: string): Map<number, McAccumulator> {
  const done = new Map<number, McAccumulator>();
  if (!fs.existsSync(file)) return done;
  try {
    const cp = JSON.parse(fs.readFileSync(file, "utf8")) as Checkpoint;
    if (cp.fingerprint !== fingerprint) return done;
    for (const [k, v] of Object.entries(cp.parts)) {
      done.set(Number(k), {
        ...v,
        sum: Float64Array.from(v.sum),
        sumSq: Float64Array.from(v.sumSq),
        perRun: v.perRun ? Float64Array.from(v.perRun) : undefined,
      });
    }
  } catch {
    /* unreadable checkpoint: start afresh */
  }
  return done;
}

function saveCheckpoint(file: string, fingerprint: string, done: Map<number, McAccumulator>): void {
  const parts: Checkpoint["parts"] = {};
  for (const [k, v] of done) {
    parts[k] = { ...v, sum: Array.from(v.sum), sumSq: Array.from(v.sumSq), perRun: v.perRun ? Array.from(v.perRun) : undefined };
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = file + ".tmp";
  // doubles survive a JSON round trip exactly (shortest round-trip formatting)
  fs.writeFileSync(tmp, JSON.stringify({ fingerprint, parts }));
  fs.renameSync(tmp, file);
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
  const total = runCount;
  let runsDone = 0;
  const report = (index: number): void => {
    runsDone += tasks[index].opts.runCount as number;
    onProgress?.(runsDone, total);
  };
  let parts: McAccumulator[];
  if (!opts.checkpoint) {
    parts = await runInWorkers<McTask, McAccumulator>(MC_WORKER_FILE, tasks, {
      threads,
      inProcess: handle,
      onProgress: onProgress ? (_d, _t, index) => report(index) : undefined,
    });
  } else {
    // run `threads` chunks at a time and save each batch, so that a killed run loses at most one batch
    const fingerprint = JSON.stringify({ plain: { ...plain, lambda: Array.from(plain.lambda), wstar: Array.from(plain.wstar) }, tasks: tasks.map((t) => t.opts) });
    const done = loadCheckpoint(opts.checkpoint, fingerprint);
    for (const k of done.keys()) report(k);
    const todo = tasks.map((_, i) => i).filter((i) => !done.has(i));
    for (let b = 0; b < todo.length; b += threads) {
      const batch = todo.slice(b, b + threads);
      const res = await runInWorkers<McTask, McAccumulator>(MC_WORKER_FILE, batch.map((i) => tasks[i]), { threads, inProcess: handle });
      batch.forEach((i, j) => {
        done.set(i, res[j]);
        report(i);
      });
      saveCheckpoint(opts.checkpoint, fingerprint, done);
    }
    parts = tasks.map((_, i) => done.get(i) as McAccumulator);
    fs.rmSync(opts.checkpoint, { force: true });
  }
  const merged = mergeMc(parts);
  if (!keepRuns) delete merged.perRun;
  return merged;
}
