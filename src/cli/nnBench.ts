/** `datalaws nn bench`: time full training steps (forward, backward, AdamW) of a benchmark configuration. */
import { BACKENDS } from "../nn/backend";
import { BENCH_CONFIGS } from "../nn/stepTiming";
import { defineCommand } from "./command";
import { JSON_FLAG } from "./common";
import { fmt, jsonLine, table } from "./output";

export const command = defineCommand({
  name: "nn bench",
  summary: "time full transformer training steps (forward, backward, AdamW) on this machine",
  flags: {
    config: { kind: "choice", choices: Object.keys(BENCH_CONFIGS), default: "tiny", description: "benchmark model configuration" },
    models: { kind: "integer", default: 1, bounds: { min: 1 }, description: "models trained side by side" },
    steps: { kind: "integer", default: 20, bounds: { min: 1 }, description: "timed steps" },
    warmup: { kind: "integer", default: 3, bounds: { min: 0 }, description: "untimed warm-up steps" },
    threads: { kind: "integer", bounds: { min: 1, max: 256 }, defaultText: "1, or min(2, models) with several models", description: "worker threads" },
    backend: { kind: "choice", choices: BACKENDS, defaultText: "DATALAWS_BACKEND, else the first that starts", description: "TensorFlow.js backend" },
    json: JSON_FLAG,
  },
  notes: "With --json: one line {config, backend, models, threads, steps, msPerStep, msPerModelStep, modelStepsPerSecond, gflops}.",
  examples: ["nn bench --config tiny --steps 5 --backend wasm"],
  async run(o) {
    const { nnBench } = await import("../nn/bench");
    const r = await nnBench(o.config as keyof typeof BENCH_CONFIGS, { models: o.models, steps: o.steps, warmup: o.warmup, threads: o.threads, backend: o.backend as (typeof BACKENDS)[number] | undefined, names: { models: "--models", steps: "--steps" }, warn: (line) => process.stderr.write(line + "\n") });
    const round = (x: number) => Number(x.toPrecision(4));
    const out = { config: r.config, backend: r.backend, models: r.models, threads: r.threads, steps: r.steps, msPerStep: round(r.msPerStep), msPerModelStep: round(r.msPerModelStep), modelStepsPerSecond: round(r.modelStepsPerSecond), gflops: round(r.gflops) };
    if (o.json) {
      process.stdout.write(jsonLine(out) + "\n");
      return;
    }
    const keys = Object.keys(out) as (keyof typeof out)[];
    process.stdout.write(table(keys, [keys.map((k) => fmt(out[k]))]) + "\n");
  },
});
