/**
 * Many models at once. The studies train dozens of small models (seeds × distributions × learning
 * rates); here each worker thread holds its own TensorFlow.js instance on the wasm backend (one core
 * each) and trains whole runs, so every model's trajectory is the one it has alone (the same code on
 * the same backend: bitwise equal) and both cores are busy.
 *
 * Alternatives: stacking models in one program was measured beforehand not to help on one thread
 * (and would still use one core); the wasm backend's own threads do not start under Node. Worker
 * threads give 1.9× one thread's model-steps per second (tiny config, 8 models).
 */
import { ParameterError, requireInteger } from "../core/validate";
import { defaultThreads, runInWorkers } from "../run/pool";
import { initBackend, type BackendName } from "./backend";
import type { StepTiming } from "./stepTiming";
import { handle, type ManyJob, type ManyReply, type ManyTask } from "./manyWorker";
import type { StepRecord, TrainResult } from "./train";
import { allReduceBytes } from "./dataParallel";
import { gptConfig, paramLayout } from "./gpt";

/** The compiled worker file (relative to the package root). */
export const NN_WORKER_FILE = "dist/src/nn/manyWorker.js";

/** Options of `trainMany`. */
export interface ManyOptions {
  /** worker threads (default min(2, CPUs)); 1 trains in this thread */
  threads?: number;
  /** backend (default automatic; native TensorFlow / GPU backends train in this thread, one run after another) */
  backend?: BackendName;
  /** called after each finished run */
  onProgress?: (done: number, total: number) => void;
}

/** Train every job (see `ManyJob`) and return the results in job order. */
export async function trainMany(jobs: ManyJob[], opts: ManyOptions = {}): Promise<TrainResult[]> {
  const info = await initBackend({ backend: opts.backend });
  const workersOk = info.name === "wasm" || info.name === "cpu";
  const threads = workersOk ? requireInteger("threads", opts.threads ?? defaultThreads(), { min: 1 }) : 1;
  const tasks: ManyTask[] = jobs.map((job) => ({ kind: "train", job, backend: info.name }));
  const replies = await runWithBackend(tasks, threads, info.name, (d, t) => opts.onProgress?.(d, t));
  return replies.map((r) => (r as Extract<ManyReply, { kind: "train" }>).result);
}

/** Benchmark `models` models split over `threads` workers whose timed loops start together. */
export async function benchInWorkers(config: string, o: { models: number; steps: number; warmup: number; threads: number; backend: BackendName }): Promise<StepTiming[]> {
  const barrier = new SharedArrayBuffer(4);
  const tasks: ManyTask[] = [];
  for (let w = 0; w < o.threads; w++) {
    const models = Math.floor(o.models / o.threads) + (w < o.models % o.threads ? 1 : 0);
    tasks.push({ kind: "bench", config, models, steps: o.steps, warmup: o.warmup, barrier, parties: o.threads, seed: 1 + 1000 * w });
  }
  const replies = await runWithBackend(tasks, o.threads, o.backend);
  return replies.map((r) => (r as Extract<ManyReply, { kind: "bench" }>).timing);
}

/**
 * Train ONE model data-parallel on `workers` worker threads (wasm/cpu backends): each worker computes
 * the gradient of its rows of every batch; gradients are averaged in shared memory (dataParallel.ts).
 * Returns the step history, the final parameters and the median ms per step after `warmup` steps.
 */
export async function trainDataParallel(
  job: ManyJob,
  opts: { workers?: number; warmup?: number; backend?: BackendName } = {},
): Promise<{ history: StepRecord[]; params: Float32Array; medianMs: number }> {
  const workers = requireInteger("workers", opts.workers ?? 2, { min: 1 });
  const info = await initBackend({ backend: opts.backend });
  if (info.name !== "wasm" && info.name !== "cpu") throw new ParameterError("backend", info.name, "wasm or cpu for data-parallel worker threads");
  const size = paramLayout(gptConfig(job.model)).size;
  const sab = new SharedArrayBuffer(allReduceBytes(size, workers));
  const tasks: ManyTask[] = Array.from({ length: workers }, (_, rank) => ({ kind: "dataParallel", job, sab, rank, parties: workers, warmup: opts.warmup ?? 0 }));
  // every shard must run at once (they meet at barriers): one thread per worker, never in-process
  const replies = (await runWithBackend(tasks, Math.max(2, workers), info.name)) as Extract<ManyReply, { kind: "dataParallel" }>[];
  return { history: replies[0].history, params: replies[0].params as Float32Array, medianMs: replies[0].medianMs };
}

async function runWithBackend(tasks: ManyTask[], threads: number, backend: string, onProgress?: (done: number, total: number) => void): Promise<ManyReply[]> {
  const prev = process.env.DATALAWS_BACKEND;
  process.env.DATALAWS_BACKEND = backend; // workers inherit the environment at creation
  try {
    return await runInWorkers<ManyTask, ManyReply>(NN_WORKER_FILE, tasks, { threads, inProcess: handle, onProgress: onProgress && ((d, t) => onProgress(d, t)) });
  } finally {
    if (prev === undefined) delete process.env.DATALAWS_BACKEND;
    else process.env.DATALAWS_BACKEND = prev;
  }
}
