/** `datalaws figures` (and `datalaws <folder> figures`): draw figures from their results and export them. */
import * as path from "node:path";
import type { Scale } from "../core/scale";
import { defineCommand, type Command } from "./command";
import { FRESH_FLAG, JSON_FLAG, ONLY_FLAG, SCALE_FLAG, THREADS_FLAG } from "./common";
import { jsonLine } from "./output";

const OUT_FLAG = { kind: "string", metavar: "DIR", defaultText: "data/figures (under DATALAWS_DATA when set)", description: "output folder (files at DIR/<folder>/<slug>.{json,html,png,svg})" } as const;
const NOTES = "PNG and SVG need Chromium (apt-get install chromium, or CHROMIUM_PATH); without it JSON and HTML are written.\nExit status: 0 when every figure was exported, 1 when a figure errored, 2 on bad arguments.\nWith --json: one line per figure {id, files} or {id, error}.";

/** Draw and export the selected figures through one runner; returns the exit status. */
async function drawAndExport(only: string | undefined, o: { scale: string; threads?: number; fresh: boolean; json: boolean; out?: string }): Promise<number> {
  const { selectFigures } = await import("../registry");
  const { Runner } = await import("../run/runner");
  const { drawFigure } = await import("../run/evaluate");
  const { exportFigures } = await import("../plot/export");
  const { dataDir } = await import("../run/store");
  const defs = selectFigures(only, "--only");
  const runner = new Runner({ scale: o.scale as Scale, threads: o.threads, fresh: o.fresh || undefined });
  const drawn = [];
  for (const d of defs) drawn.push(await drawFigure(d, runner));
  const exported = await exportFigures(drawn, { outDir: o.out ?? path.join(dataDir(), "figures"), log: (line) => process.stderr.write(line + "\n") });
  for (const f of exported) {
    if (o.json) process.stdout.write(jsonLine(f.error !== undefined ? { id: f.def.id, error: f.error } : { id: f.def.id, files: f.files }) + "\n");
    else process.stdout.write(f.error !== undefined ? `${f.def.id}: FAILED: ${f.error}\n` : `${f.def.id}: ${Object.values(f.files).filter(Boolean).join(", ")}\n`);
  }
  return exported.some((f) => f.error !== undefined) ? 1 : 0;
}

export const command = defineCommand({
  name: "figures",
  summary: "draw figures from their results (computed once per run) and export JSON, HTML, PNG and SVG",
  flags: { only: ONLY_FLAG, scale: SCALE_FLAG, threads: THREADS_FLAG, out: OUT_FLAG, fresh: FRESH_FLAG, json: JSON_FLAG },
  notes: NOTES,
  examples: ["figures --only reuse.e-vs-k-zipf --scale ci", "figures --only skills"],
  run: (o) => drawAndExport(o.only, o),
});

/** `datalaws <folder> figures`: the figures of one folder. */
export function folderFigures(folder: string): Command {
  return defineCommand({
    name: `${folder} figures`,
    summary: `draw and export the ${folder} figures (same as datalaws figures --only ${folder})`,
    flags: { scale: SCALE_FLAG, threads: THREADS_FLAG, out: OUT_FLAG, fresh: FRESH_FLAG, json: JSON_FLAG },
    notes: NOTES,
    run: (o) => drawAndExport(folder, o),
  }) as unknown as Command;
}
