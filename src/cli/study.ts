/**
 * `datalaws study <name> [--scale ci|small|paper] [--threads N] [--json]`: run or resume a
 * transformer study (training on worker threads, progress on stderr, resumable) and print its claims
 * as `datalaws check` does (with --json: one line per claim with id, paper, verdict, measured,
 * predicted, tolerance).
 */
import { runClaim } from "../core/claim";
import { SCALES } from "../core/scale";
import { ParameterError } from "../core/validate";
import { getStudy, studyNames } from "../studies";
import { initBackend } from "../nn/backend";
import type { Args } from "./args";
import { fmt, jsonLine, table } from "./output";

export const usage = "study <name> [--scale ci|small|paper] [--threads N] [--json]";

export async function run(args: Args): Promise<void> {
  const name = args.positional[1];
  if (!name) throw new ParameterError("study name", "(missing)", `one of ${studyNames().join(", ")}`);
  const study = getStudy(name);
  const scale = args.oneOf("scale", SCALES, "small");
  const json = args.bool("json");
  const threads = args.has("threads") ? args.integer("threads", 2, { min: 1 }) : undefined;
  if (scale === "paper") {
    const backend = await initBackend({ verbose: false });
    if (backend.name !== "node-gpu")
      process.stderr.write(
        `study ${name}: the paper scale is sized for a GPU, and this machine trains on the ${backend.name} backend — expect days (the progress line estimates the time left); the study resumes where it stopped after Ctrl-C. See the README for the GPU backend.\n`,
      );
  }
  const t0 = Date.now();
  await study.run(scale, { threads });
  process.stderr.write(`study ${name} (${scale}): results ready in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  const outcomes = [];
  for (const c of study.claims) {
    const o = await runClaim(c, scale);
    outcomes.push(o);
    if (json) process.stdout.write(jsonLine({ id: o.id, paper: o.paper, verdict: o.verdict, measured: o.measured, predicted: o.predicted, tolerance: o.tolerance }) + "\n");
  }
  if (!json) {
    const rows = outcomes.map((o) => [o.verdict === "pass" ? "pass" : "FAIL", o.id, fmt(o.measured), fmt(o.predicted), fmt(o.tolerance)]);
    process.stdout.write(table(["verdict", "claim", "measured", "predicted", "tolerance"], rows) + "\n");
    const failed = outcomes.filter((o) => o.verdict === "fail").length;
    process.stdout.write(`${outcomes.length - failed}/${outcomes.length} claims pass in study ${name} at scale ${scale}\n`);
    for (const o of outcomes) if (o.details && "error" in o.details) process.stdout.write(`  ${o.id}: error: ${o.details.error}\n`);
  }
}
