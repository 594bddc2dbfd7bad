/**
 * Transformer-engine benchmarks: full training steps of the tiny config with 8 models on worker
 * threads (figure of merit: ms per model-step) and of the small config with one model, beside a
 * PyTorch-CPU reference script (2 threads, OpenBLAS) when the environment variable
 * DATALAWS_TORCH_BENCH names that script and `/usr/bin/python3` has torch; otherwise the torch
 * benchmarks are skipped with the reason.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { nnBench } from "../src/nn/bench";
import { benchConfig } from "../src/nn/stepTiming";
import { gptConfig } from "../src/nn/gpt";
import { trainDataParallel } from "../src/nn/many";
import { packageRoot } from "../src/run/store";
import { PYTHON, type Benchmark } from "./harness";

/** The PyTorch reference script (same model, prints one JSON line with `ms_median`), from DATALAWS_TORCH_BENCH. */
const torchScript = (): string | undefined => process.env.DATALAWS_TORCH_BENCH || undefined;

function torchSkipReason(): string | undefined {
  const script = torchScript();
  if (!script) return "DATALAWS_TORCH_BENCH is not set (set it to the path of the PyTorch reference script)";
  if (!fs.existsSync(script)) return `DATALAWS_TORCH_BENCH = ${script}: file not found`;
  try {
    execFileSync(PYTHON, ["-c", "import torch"], { stdio: "ignore" });
  } catch {
    return "torch is not installed for /usr/bin/python3 (apt-get install python3-torch libopenblas0-openmp)";
  }
  return undefined;
}

const ours = (name: string, config: string, models: number, steps: number): Benchmark => ({
  name,
  unit: "ms per model-step",
  params: { config, models, steps, threads: Math.min(2, models) },
  repeats: 3,
  run: async () => {
    const r = await nnBench(config, { models, steps, warmup: 3 });
    return { value: r.msPerModelStep, extra: { ...r } };
  },
});

const torch = (config: string): Benchmark => ({
  name: `nn-torch-${config}`,
  unit: "ms per step",
  params: { config, threads: 2, impl: "torch" },
  repeats: 1,
  skip: torchSkipReason,
  run: () => {
    const out = execFileSync(PYTHON, [torchScript() as string, "--threads", "2", "--configs", config], {
      encoding: "utf8",
      env: { ...process.env, OMP_NUM_THREADS: "2", OPENBLAS_NUM_THREADS: "2" },
      stdio: ["ignore", "pipe", "ignore"],
    });
    const r = JSON.parse(out.trim().split("\n").pop() as string) as Record<string, number | string>;
    return { value: Number(r.ms_median), extra: r };
  },
});

/** One model trained data-parallel on 2 worker threads (each computes half of every batch). */
const dataParallel = (name: string, config: string, steps: number): Benchmark => ({
  name,
  unit: "ms per step",
  params: { config, models: 1, workers: 2, steps, warmup: 3 },
  repeats: 3,
  run: async () => {
    const bc = benchConfig(config);
    const cfg = gptConfig(bc.model);
    const r = await trainDataParallel(
      {
        model: bc.model,
        seed: 1,
        steps: steps + 3,
        batchSize: bc.batch,
        schedule: { kind: "constant", lr: 1e-3 },
        optimizer: { weightDecay: 0.01 },
        data: { module: path.join(packageRoot(__dirname), "dist", "src", "nn", "stepTiming.js"), export: "randomTokenData", args: { V: cfg.vocab, B: bc.batch, T: cfg.context, seed: 1 } },
      },
      { workers: 2, warmup: 3 },
    );
    return { value: r.medianMs, extra: { lossFirst: r.history[0].loss, lossLast: r.history[r.history.length - 1].loss } };
  },
});

/** tiny × 8 models (workers), small × 1 (one core, and data-parallel on both), with the PyTorch reference of each. */
export const nnBenchmarks: Benchmark[] = [
  ours("nn-tiny-x8", "tiny", 8, 10),
  torch("tiny"),
  ours("nn-small-x1", "small", 1, 10),
  dataParallel("nn-small-dp2", "small", 12),
  torch("small"),
];
