/**
 * `datalaws study <name>`: compute (or resume, or load) a folder's transformer study — training on
 * worker threads, progress on stderr — and judge the claims of that folder that need it.
 */
import type { Scale } from "../core/scale";
import { ParameterError } from "../core/validate";
import { defineCommand } from "./command";
import { FRESH_FLAG, JSON_FLAG, SCALE_FLAG, THREADS_FLAG } from "./common";
import { claimJson, claimTable, jsonLine } from "./output";

export const command = defineCommand({
  name: "study",
  summary: "train (or resume, or load) a folder's transformer study and judge its claims",
  positionals: [{ name: "name", description: "the folder whose study to run: reuse, skills or proxy (see datalaws list)" }],
  flags: { scale: SCALE_FLAG, threads: THREADS_FLAG, fresh: FRESH_FLAG, json: JSON_FLAG },
  notes: "An interrupted study (Ctrl-C) resumes where it stopped when run again with the same scale and backend.\nExit status: 0 when every claim could be judged, 1 when a claim errored, 2 on bad arguments.\nWith --json: one line per claim {id, paper, verdict, measured, predicted, tolerance}.",
  examples: ["study reuse --scale ci", "study skills --threads 2 --json"],
  async run(o, [name]) {
    const reg = await import("../registry");
    if (name === undefined) throw new ParameterError("study name", "(missing)", `one of ${reg.studyFolders().map((f) => f.name).join(", ")}`);
    const def = reg.findStudy(name);
    const folder = reg.FOLDERS.find((f) => f.name === name)!;
    const claims = folder.claims.filter((c) => c.needs.includes(def));
    const scale = o.scale as Scale;
    if (scale === "paper") {
      const { initBackend } = await import("../nn/backend");
      const backend = await initBackend({ verbose: false });
      if (backend.name !== "node-gpu")
        process.stderr.write(
          `study ${name}: the paper scale is sized for a GPU, and this machine trains on the ${backend.name} backend — expect days (the progress line estimates the time left); the study resumes where it stopped after Ctrl-C. See the README for the GPU backend.\n`,
        );
    }
    const { Runner } = await import("../run/runner");
    const { evaluateClaims } = await import("../run/evaluate");
    const runner = new Runner({ scale, threads: o.threads, fresh: o.fresh || undefined });
    const t0 = Date.now();
    await runner.get(def);
    process.stderr.write(`study ${name} (${scale}): results ready in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    const outcomes = await evaluateClaims(claims, runner, (c) => {
      if (o.json) process.stdout.write(jsonLine(claimJson(c)) + "\n");
    });
    if (!o.json) process.stdout.write(claimTable(outcomes, `in study ${name} at scale ${scale}`));
    return outcomes.some((c) => c.verdict === "error") ? 1 : 0;
  },
});
