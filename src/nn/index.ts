/**
 * The small-transformer engine on TensorFlow.js (`dl.nn`): backend selection, the GPT model,
 * AdamW and schedules, the training loop with resume, many models on worker threads, and the
 * step benchmark. TensorFlow.js itself loads on first use (`initBackend`, `train`, …), not on import.
 */
export { BACKENDS, backendCandidates, backendInfo, initBackend, tfjs } from "./backend";
export type { BackendInfo, BackendName, BackendOptions } from "./backend";
export { GPT_DEFAULTS, Gpt, flopsPerStep, gptConfig, initParams, paramLayout, unflatten } from "./gpt";
export type { ForwardResult, GptConfig, ParamLayout, ParamSpec, Params, TokenBatch } from "./gpt";
export { ADAMW_DEFAULTS, AdamW, SCHEDULES, learningRate } from "./optim";
export type { AdamWOptions, AdamWState, Schedule, ScheduleKind, StepInfo } from "./optim";
export { DATA_STREAM, INIT_STREAM, Trainer, train, trainSync } from "./train";
export type { EvalResult, StepRecord, TrainConfig, TrainData, TrainOptions, TrainResult } from "./train";
export { loadCheckpoint, saveCheckpoint } from "./checkpoint";
export type { Checkpoint } from "./checkpoint";
export { NN_WORKER_FILE, benchInWorkers, trainDataParallel, trainMany } from "./many";
export { SharedAllReduce, allReduceBytes, scoredTokens, shardBatch } from "./dataParallel";
export type { ManyOptions } from "./many";
export type { DataSpec, ManyJob } from "./manyWorker";
export { nnBench } from "./bench";
export { BENCH_CONFIGS, benchConfig, randomTokenData, randomTokens, timeSteps } from "./stepTiming";
export type { BenchConfigName, StepTiming } from "./stepTiming";
export type { NnBenchResult } from "./bench";
