/** `datalaws figures` (and `datalaws <folder> figures`): draw figures from their results and export them. */
import * as path from "node:path";
import type { Scale } from "../core/scale";
import { defineCommand, type Command } from "./command";
import { FRESH_FLAG, JSON_FLAG, ONLY_FLAG, SCALE_FLAG, THREADS_FLAG } from "./common";
import { jsonLine } from "./output";
import { ParameterError } from "../core/validate";

const OUT_FLAG = { kind: "string", metavar: "DIR", defaultText: "data/figures (under DATALAWS_DATA when set)", description: "output folder (files at DIR/<folder>/<slug>.{json,html,png,svg})" } as const;
const FORMAT_FLAG = { kind: "string", metavar: "LIST", defaultText: "json,html,png,svg", description: "comma-separated formats among json, html, png, svg, pdf" } as const;
const STYLE_FLAG = { kind: "choice", choices: ["screen", "paper-column", "paper-wide"], default: "screen", description: "screen (titled, 720 px) or a paper figure: no title, one column (3.4 in) or the text width (7 in)" } as const;
const WIDTH_FLAG = { kind: "integer", bounds: { min: 100, max: 10000 }, metavar: "PX", description: "width in CSS pixels (default the style's)" } as const;
const HEIGHT_FLAG = { kind: "integer", bounds: { min: 100, max: 10000 }, metavar: "PX", description: "height in CSS pixels (default the style's)" } as const;
const RATIO_FLAG = { kind: "number", bounds: { min: 0.5, max: 10 }, default: 2, metavar: "R", description: "PNG pixels per CSS pixel" } as const;
const SET_FLAG = {
  kind: "string",
  metavar: "JSON",
  description: 'parameters of the figures\' results, a JSON object, e.g. \'{"N":[1e3,1e5]}\' (fields as in `datalaws list --json` configs)',
} as const;
const FORMATS = ["json", "html", "png", "svg", "pdf"] as const;

/** The formats of --format. */
export function parseFormats(list: string | undefined): Record<(typeof FORMATS)[number], boolean> {
  const given = (list ?? "json,html,png,svg").split(",").map((x) => x.trim().toLowerCase());
  for (const f of given) if (!(FORMATS as readonly string[]).includes(f)) throw new ParameterError("--format", list, `a comma-separated list of ${FORMATS.join(", ")}`);
  return Object.fromEntries(FORMATS.map((f) => [f, given.includes(f)])) as Record<(typeof FORMATS)[number], boolean>;
}

/** The overrides of --set: a JSON object. */
export function parseOverrides(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new ParameterError("--set", text, 'a JSON object of result parameters, e.g. {"N":[1000,100000]}');
  }
  if (!v || typeof v !== "object" || Array.isArray(v) || Object.keys(v).length === 0) throw new ParameterError("--set", text, 'a non-empty JSON object of result parameters, e.g. {"N":[1000,100000]}');
  return v as Record<string, unknown>;
}

const NOTES = "PNG, SVG and PDF need Chromium (apt-get install chromium, or CHROMIUM_PATH); without it JSON and HTML are written.\nExit status: 0 when every figure was exported, 1 when a figure errored, 2 on bad arguments.\nWith --json: one line per figure {id, files} or {id, error}.";

/** Draw and export the selected figures through one runner; returns the exit status. */
interface FigureFlags {
  scale: string;
  threads?: number;
  fresh: boolean;
  json: boolean;
  out?: string;
  format?: string;
  style: string;
  width?: number;
  height?: number;
  "pixel-ratio": number;
  set?: string;
}

async function drawAndExport(only: string | undefined, o: FigureFlags): Promise<number> {
  const formats = parseFormats(o.format);
  const overrides = parseOverrides(o.set);
  const { selectFigures } = await import("../registry");
  const { Runner } = await import("../run/runner");
  const { drawFigure } = await import("../run/evaluate");
  const { exportFigures } = await import("../plot/export");
  const { dataDir } = await import("../run/store");
  const defs = selectFigures(only, "--only");
  const runner = new Runner({ scale: o.scale as Scale, threads: o.threads, fresh: o.fresh || undefined });
  const drawn = [];
  for (const d of defs) drawn.push(await drawFigure(d, runner, overrides));
  if (overrides) {
    // a figure at other parameters is another figure: its files get a suffix (the default's stay as they are)
    const { configKey } = await import("../run/store");
    const tag = configKey(overrides).slice(0, 8);
    for (const d of drawn) d.def = { ...d.def, id: `${d.def.id}-set-${tag}`, caption: `${d.def.caption} Drawn with ${JSON.stringify(overrides)}.` };
  }
  const paper = o.style === "paper-column" ? "column" : o.style === "paper-wide" ? "wide" : undefined;
  const exported = await exportFigures(drawn, {
    outDir: o.out ?? path.join(dataDir(), "figures"),
    log: (line) => process.stderr.write(line + "\n"),
    ...formats,
    style: { paper, width: o.width, height: o.height },
    scale: o["pixel-ratio"],
  });
  for (const f of exported) {
    if (o.json) process.stdout.write(jsonLine(f.error !== undefined ? { id: f.def.id, error: f.error } : { id: f.def.id, files: f.files }) + "\n");
    else process.stdout.write(f.error !== undefined ? `${f.def.id}: FAILED: ${f.error}\n` : `${f.def.id}: ${Object.values(f.files).filter(Boolean).join(", ")}\n`);
  }
  return exported.some((f) => f.error !== undefined) ? 1 : 0;
}

export const command = defineCommand({
  name: "figures",
  summary: "draw figures from their results (computed once per run) and export JSON, HTML, PNG and SVG",
  flags: { only: ONLY_FLAG, scale: SCALE_FLAG, threads: THREADS_FLAG, out: OUT_FLAG, format: FORMAT_FLAG, style: STYLE_FLAG, width: WIDTH_FLAG, height: HEIGHT_FLAG, "pixel-ratio": RATIO_FLAG, set: SET_FLAG, fresh: FRESH_FLAG, json: JSON_FLAG },
  notes: NOTES,
  examples: ["figures --only reuse.e-vs-k-zipf --scale ci", "figures --only skills", "figures --only reuse.e-vs-k-zipf --format pdf --style paper-column --out paper/", "figures --only reuse.e-vs-k-zipf --set '{\"N\":[1e3,1e5]}' --format png"],
  run: (o) => drawAndExport(o.only, o),
});

/** `datalaws <folder> figures`: the figures of one folder. */
export function folderFigures(folder: string): Command {
  return defineCommand({
    name: `${folder} figures`,
    summary: `draw and export the ${folder} figures (same as datalaws figures --only ${folder})`,
    flags: { scale: SCALE_FLAG, threads: THREADS_FLAG, out: OUT_FLAG, format: FORMAT_FLAG, style: STYLE_FLAG, width: WIDTH_FLAG, height: HEIGHT_FLAG, "pixel-ratio": RATIO_FLAG, set: SET_FLAG, fresh: FRESH_FLAG, json: JSON_FLAG },
    notes: NOTES,
    run: (o) => drawAndExport(folder, o),
  }) as unknown as Command;
}
