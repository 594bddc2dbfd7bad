/**
 * Transformer-engine benchmarks (issue "Small-transformer engine"): full training steps of the tiny
 * config with 8 models on worker threads (figure of merit: ms per model-step) and of the small config
 * with one model, beside the PyTorch-CPU reference `/work/shared/bench/gpt_torch.py` (2 threads,
 * OpenBLAS) when `/usr/bin/python3` has torch.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { nnBench } from "../src/nn/bench";
import { PYTHON, type Benchmark } from "./harness";

const TORCH_SCRIPT = "/work/shared/bench/gpt_torch.py";

function torchSkipReason(): string | undefined {
  if (!fs.existsSync(TORCH_SCRIPT)) return `${TORCH_SCRIPT} not found`;
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
    const out = execFileSync(PYTHON, [TORCH_SCRIPT, "--threads", "2", "--configs", config], {
      encoding: "utf8",
      env: { ...process.env, OMP_NUM_THREADS: "2", OPENBLAS_NUM_THREADS: "2" },
      stdio: ["ignore", "pipe", "ignore"],
    });
    const r = JSON.parse(out.trim().split("\n").pop() as string) as Record<string, number | string>;
    return { value: Number(r.ms_median), extra: r };
  },
});

/** tiny × 8 models (workers) and small × 1, with the PyTorch reference of each. */
export const nnBenchmarks: Benchmark[] = [ours("nn-tiny-x8", "tiny", 8, 10), torch("tiny"), ours("nn-small-x1", "small", 1, 10), torch("small")];
