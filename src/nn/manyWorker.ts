/**
 * Worker of the many-model runner: each worker thread holds its own TensorFlow.js instance (wasm
 * backend, one core) and trains whole runs, one task at a time; or times training steps for the
 * benchmark. Tasks only reach `handle` once the backend is ready (the worker's message port queues
 * them until `serveWorker` attaches).
 */
import { serveWorker } from "../run/pool";
import { initBackend, type BackendName } from "./backend";
import type { TokenBatch } from "./gpt";
import { Trainer, trainSync, type StepRecord, type TrainData, type TrainOptions, type TrainResult } from "./train";
import { SharedAllReduce } from "./dataParallel";
import { timeSteps, type StepTiming } from "./stepTiming";

/** Where a worker gets its training data: rows sent along, or a module function `(args) => TrainData` it loads itself. */
export type DataSpec = { rows: TokenBatch } | { module: string; export: string; args?: unknown };

/** A training run for a worker: `train` options without functions, and a data spec. */
export type ManyJob = Omit<TrainOptions, "data" | "onStep" | "onEval" | "onCheckpoint" | "progress" | "backend"> & { data: DataSpec };

export type ManyTask =
  | { kind: "train"; job: ManyJob; backend: string }
  | { kind: "bench"; config: string; models: number; steps: number; warmup: number; barrier: SharedArrayBuffer; parties: number; seed: number }
  | { kind: "dataParallel"; job: ManyJob; sab: SharedArrayBuffer; rank: number; parties: number; warmup: number };

export type ManyReply =
  | { kind: "train"; result: TrainResult }
  | { kind: "bench"; timing: StepTiming }
  | { kind: "dataParallel"; history: StepRecord[]; params: Float32Array | null; medianMs: number };

/** Resolve a data spec to training data. */
export function resolveData(spec: DataSpec): TrainData {
  if ("rows" in spec) return spec.rows;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(spec.module) as Record<string, (args: unknown) => TrainData>;
  const f = mod[spec.export];
  if (typeof f !== "function") throw new Error(`data module ${spec.module} has no function ${spec.export}`);
  return f(spec.args);
}

/** Run one task (the backend must be initialised). */
export function handle(task: ManyTask): ManyReply {
  if (task.kind === "train") {
    const { data, ...rest } = task.job;
    return { kind: "train", result: trainSync({ ...rest, data: resolveData(data), progress: false }, task.backend) };
  }
  if (task.kind === "dataParallel") {
    const { data, ...config } = task.job;
    const trainer = new Trainer(config, resolveData(data));
    try {
      const ar = new SharedAllReduce(task.sab, trainer.model.layout.size, task.parties, task.rank);
      ar.barrier(); // start together
      const history: StepRecord[] = [];
      const times: number[] = [];
      while (trainer.step < config.steps) {
        const t0 = performance.now();
        history.push(trainer.trainStepSharded(task.rank, task.parties, (g, w, l) => ar.reduce(g, w, l)));
        if (trainer.step > task.warmup) times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      return { kind: "dataParallel", history, params: task.rank === 0 ? trainer.params() : null, medianMs: times.length ? times[times.length >> 1] : NaN };
    } finally {
      trainer.dispose();
    }
  }
  // benchmark: wait until every worker is ready, so that their timed loops overlap
  const flag = new Int32Array(task.barrier);
  Atomics.add(flag, 0, 1);
  while (Atomics.load(flag, 0) < task.parties) Atomics.wait(flag, 0, Atomics.load(flag, 0), 50);
  return { kind: "bench", timing: timeSteps(task.config, { models: task.models, steps: task.steps, warmup: task.warmup, seed: task.seed, barrier: flag, parties: task.parties }) };
}

if (process.env.DATALAWS_NN_WORKER !== "0") {
  const { isMainThread } = require("node:worker_threads") as typeof import("node:worker_threads");
  if (!isMainThread) {
    initBackend({ backend: (process.env.DATALAWS_BACKEND as BackendName) || "wasm", verbose: false }).then(
      () => serveWorker(handle, __filename),
      (err: unknown) => {
        throw err;
      },
    );
  }
}
