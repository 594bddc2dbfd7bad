/** `datalaws nn bench`: time full training steps (forward, backward, AdamW) of a benchmark configuration. */
import { BACKENDS } from "../nn/backend";
import { BENCH_CONFIGS } from "../nn/gpt";
import type { Args } from "./args";
import { fmt, jsonLine, table } from "./output";

export const usage = "nn bench --config tiny|small|wide [--models M] [--steps S] [--warmup W] [--threads T] [--backend node-gpu|node|wasm|cpu] [--json]";

export async function run(args: Args): Promise<void> {
  const config = args.oneOf("config", Object.keys(BENCH_CONFIGS) as (keyof typeof BENCH_CONFIGS)[], "tiny");
  const models = args.integer("models", 1, { min: 1 });
  const steps = args.integer("steps", 20, { min: 1 });
  const warmup = args.integer("warmup", 3, { min: 0 });
  const threads = args.has("threads") ? args.integer("threads", undefined, { min: 1 }) : undefined;
  const backend = args.has("backend") ? args.oneOf("backend", BACKENDS) : undefined;
  const json = args.bool("json");
  const { nnBench } = await import("../nn/bench");
  const r = await nnBench(config, { models, steps, warmup, threads, backend });
  const out = { config: r.config, backend: r.backend, models: r.models, threads: r.threads, steps: r.steps, msPerStep: round(r.msPerStep), msPerModelStep: round(r.msPerModelStep), modelStepsPerSecond: round(r.modelStepsPerSecond), gflops: round(r.gflops) };
  if (json) {
    process.stdout.write(jsonLine(out) + "\n");
    return;
  }
  const keys = Object.keys(out) as (keyof typeof out)[];
  process.stdout.write(table(keys, [keys.map((k) => fmt(out[k]))]) + "\n");
}

function round(x: number): number {
  return Number(x.toPrecision(4));
}
