/**
 * Multi-threaded driver of the multi-epoch Monte Carlo of K-epoch SGD (E(K,N) of Yan et al., arXiv
 * 2511.13421, measured by simulation where no closed form exists): splits the runs into
 * contiguous chunks, simulates them on worker threads (`dist/src/reuse/mcWorker.js`) and merges them in run
 * order. Run r always uses the stream `new Rng(seed, r)`, so the numbers are bitwise-identical whatever
 * the thread count or chunking.
 */
import { mcAccumulatorProblem, mergeMc, validateMultiEpoch, type McAccumulator, type MultiEpochOptions } from "../../theory/reuse/monteCarlo";
import type { LinearProblem } from "../../theory/reuse/problem";
import * as fs from "node:fs";
import { requireInteger } from "../core/validate";
import { readJson, readRecoverable, writeJsonAtomic } from "../run/files";
import { defaultThreads, runInWorkers } from "../run/pool";
import { configKey } from "../run/store";
import { handle, type McTask } from "./mcWorker";

/** Compiled worker, relative to the package root. */
export const MC_WORKER_FILE = "dist/src/reuse/mcWorker.js";

/**
 * Default number of chunks of runs (fewer when there are fewer runs). It does not depend on the thread
 * count, so a checkpoint written with one thread count is resumed with another.
 */
export const MC_CHUNKS = 16;

/** Options of `multiEpochMcParallel`: those of `multiEpochSgd` plus threads, chunks and progress. */
export interface McParallelOptions extends MultiEpochOptions {
  /** worker threads (default min(2, CPUs)); 1 runs in-process, from the sources, without workers */
  threads?: number;
  /** number of chunks of runs (default min(runs, MC_CHUNKS), whatever the thread count) */
  chunks?: number;
  /** progress in runs: (runs done, runs total) */
  onProgress?: (done: number, total: number) => void;
  /**
   * A checkpoint file: finished chunks are saved there (atomically) as they complete, and a rerun
   * with identical options (same problem, grid, runs, seed and chunking — the thread count may differ)
   * skips them — an interrupted run resumes. A truncated or foreign file is reported by path and set aside. The file is removed
   * when the whole computation has finished.
   */
  checkpoint?: string;
}

/** A chunk checkpoint: the key of the computation (problem, grid, runs, seed, chunking) and the finished chunks. */
interface Checkpoint {
  key: string;
  parts: Record<string, { etas: number[]; Kmax: number; runs: number; runOffset: number; sum: number[]; sumSq: number[]; perRun?: number[] }>;
}

/**
 * Why a checkpoint cannot be resumed for the computation `key` split into `tasks` (undefined if it can):
 * it must belong to this computation and every part must be exactly the chunk it claims to be —
 * a known chunk index, that chunk's η grid, Kmax and run range, every run's risks (finite, of the
 * right length) and sums that are those of its runs. A file that fails is set aside whole, never merged.
 */
function checkpointProblem(c: Checkpoint, key: string, tasks: readonly McTask[]): string | undefined {
  if (!c || typeof c !== "object" || typeof c.parts !== "object" || c.parts === null || Array.isArray(c.parts)) return "is not a Monte Carlo chunk checkpoint";
  if (c.key !== key) return "is a checkpoint of another Monte Carlo computation";
  for (const [k, v] of Object.entries(c.parts)) {
    const i = Number(k);
    if (!/^(0|[1-9][0-9]*)$/.test(k) || i >= tasks.length) return `has a part "${k}" that is not one of its ${tasks.length} chunks`;
    const why = mcAccumulatorProblem(v);
    if (why) return `has a chunk ${k} that ${why}`;
    const t = tasks[i].opts;
    if (v.runOffset !== t.runOffset || v.runs !== t.runCount || v.Kmax !== t.Kmax || v.etas.length !== t.etas.length || v.etas.some((e, m) => e !== t.etas[m])) {
      return `has a chunk ${k} of other runs or another grid (runs ${v.runOffset}…${v.runOffset + v.runs - 1}, expected ${t.runOffset}…${(t.runOffset as number) + (t.runCount as number) - 1})`;
    }
    if (!Array.isArray(v.perRun)) return `has a chunk ${k} without its per-run risks`;
    // the sums must be those of the per-run risks (added in run order, as multiEpochSgd does)
    const size = v.sum.length;
    for (let q = 0; q < size; q++) {
      let s = 0;
      let s2 = 0;
      for (let r = 0; r < v.runs; r++) {
        const x = v.perRun[r * size + q];
        s += x;
        s2 += x * x;
      }
      if (Math.abs(s - v.sum[q]) > 1e-9 * Math.abs(s) || Math.abs(s2 - v.sumSq[q]) > 1e-9 * Math.abs(s2)) {
        return `has a chunk ${k} whose sums do not match its per-run risks`;
      }
    }
  }
  return undefined;
}

/**
 * The finished chunks of a checkpoint file written for the computation `key`; a file that cannot be
 * read (truncated by a kill), belongs to another computation or does not validate (`checkpointProblem`)
 * is reported by path, set aside and its chunks are recomputed.
 */
function loadCheckpoint(file: string, key: string, tasks: readonly McTask[]): Map<number, McAccumulator> {
  const done = new Map<number, McAccumulator>();
  const cp = readRecoverable<Checkpoint>(file, (f) => readJson<Checkpoint>(f), (c) => checkpointProblem(c, key, tasks));
  if (!cp) return done;
  for (const [k, v] of Object.entries(cp.parts)) {
    done.set(Number(k), {
      ...v,
      sum: Float64Array.from(v.sum),
      sumSq: Float64Array.from(v.sumSq),
      perRun: v.perRun ? Float64Array.from(v.perRun) : undefined,
    });
  }
  return done;
}

function saveCheckpoint(file: string, key: string, done: Map<number, McAccumulator>): void {
  // doubles survive the JSON round trip exactly (shortest round-trip formatting; toJson keeps ±Infinity and NaN)
  writeJsonAtomic(file, { key, parts: Object.fromEntries(done) });
}

/** `multiEpochSgd` on worker threads: the same accumulator as the single-threaded call, bitwise. */
export async function multiEpochMcParallel(problem: LinearProblem, opts: McParallelOptions): Promise<McAccumulator> {
  const { threads: t, chunks: c, onProgress, keepRuns, ...mc } = opts;
  const threads = requireInteger("threads", t ?? defaultThreads(), { min: 1 });
  // validate in the main thread, so that a bad parameter throws here with its name
  const { runOffset, runCount } = validateMultiEpoch(problem, mc);
  const chunks = requireInteger("chunks", c ?? Math.min(runCount, MC_CHUNKS), { min: 1, max: runCount });

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
    const key = configKey({ problem: plain, tasks: tasks.map((t) => t.opts) });
    const done = loadCheckpoint(opts.checkpoint, key, tasks);
    for (const k of done.keys()) report(k);
    const todo = tasks.map((_, i) => i).filter((i) => !done.has(i));
    for (let b = 0; b < todo.length; b += threads) {
      const batch = todo.slice(b, b + threads);
      const res = await runInWorkers<McTask, McAccumulator>(MC_WORKER_FILE, batch.map((i) => tasks[i]), { threads, inProcess: handle });
      batch.forEach((i, j) => {
        done.set(i, res[j]);
        report(i);
      });
      saveCheckpoint(opts.checkpoint, key, done);
    }
    parts = tasks.map((_, i) => done.get(i) as McAccumulator);
    fs.rmSync(opts.checkpoint, { force: true });
  }
  const merged = mergeMc(parts);
  if (!keepRuns) delete merged.perRun;
  return merged;
}
