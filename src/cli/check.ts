/** `datalaws check`: judge the claims on their results (each result computed at most once per run). */
import type { Scale } from "../core/scale";
import { defineCommand } from "./command";
import { FRESH_FLAG, JSON_FLAG, ONLY_FLAG, SCALE_FLAG, THREADS_FLAG } from "./common";
import { claimJson, claimProgressLine, claimTable, jsonLine } from "./output";

export const command = defineCommand({
  name: "check",
  summary: "judge the papers' claims on their results (computed once per run, loaded when stored)",
  flags: { only: ONLY_FLAG, scale: SCALE_FLAG, threads: THREADS_FLAG, fresh: FRESH_FLAG, json: JSON_FLAG },
  notes: "Exit status: 0 when every claim could be judged (pass or fail), 1 when a claim errored, 2 on bad arguments.\nWith --json: one line per claim {id, paper, verdict, measured, predicted, tolerance} (+ error when it errored).",
  examples: ["check --only reuse --scale ci", "check --only reuse.zipf-plateau-exponent --json"],
  async run(o) {
    const { selectClaims } = await import("../registry");
    const { Runner } = await import("../run/runner");
    const { evaluateClaims } = await import("../run/evaluate");
    const claims = selectClaims(o.only, "--only");
    const runner = new Runner({ scale: o.scale as Scale, threads: o.threads, fresh: o.fresh || undefined });
    const outcomes = await evaluateClaims(claims, runner, (c) => {
      if (o.json) process.stdout.write(jsonLine(claimJson(c)) + "\n");
      else process.stderr.write(claimProgressLine(c) + "\n");
    });
    if (!o.json) process.stdout.write(claimTable(outcomes, `at scale ${o.scale}`));
    return outcomes.some((c) => c.verdict === "error") ? 1 : 0;
  },
});
