/**
 * Helpers that keep notebooks thin: the scale from the environment, one shared runner per scale
 * (each result computed or loaded once per notebook session), results, figures and claims by id.
 */
import type { ClaimOutcome } from "./core/claim";
import type { PlotlyFigure } from "./core/figure";
import type { ResultDef } from "./core/result";
import { SCALES, type Scale } from "./core/scale";
import * as path from "path";
import { ParameterError, requireNumber } from "./core/validate";
import { CHROMIUM_HINT, FigureRenderer, writeFigureFiles } from "./plot/export";
import { enableInteractiveFigures, show, showMarkdown, showTable } from "./plot/notebook";
import type { PaperSize } from "./plot/style";
import { formatValue } from "./plot/report";
import { FOLDERS, findFigure, findResult, selectClaims } from "./registry";
import { drawFigure, evaluateClaims } from "./run/evaluate";
import { tidyRows, type Row } from "./run/tidy";
import { Runner } from "./run/runner";

/**
 * The first call of a notebook: sends plotly.js to the page once (so that figures are interactive in
 * classic Notebook and exported HTML, whichever figure cells are re-run later) and returns the scale.
 */
export function setupNotebook(): Scale {
  enableInteractiveFigures();
  return notebookScale();
}

/** The scale notebooks run at: DATALAWS_SCALE (ci | small | paper), default `small`. */
export function notebookScale(): Scale {
  const s = process.env.DATALAWS_SCALE ?? "small";
  if (!(SCALES as readonly string[]).includes(s)) throw new ParameterError("DATALAWS_SCALE", s, `one of ${SCALES.join(", ")}`);
  return s as Scale;
}

const runners = new Map<Scale, Runner>();

/** The runner shared by every helper at a scale (created on first use). */
export function notebookRunner(scale: Scale = notebookScale()): Runner {
  let r = runners.get(scale);
  if (!r) {
    // in a notebook, say what is computed (with its progress), not what is merely loaded
    r = new Runner({ scale, log: (line) => (line.endsWith(": loaded") ? undefined : process.stderr.write(line + "\n")) });
    runners.set(scale, r);
  }
  return r;
}

/**
 * The value of a result (by id or definition) at the notebook scale, computed once per session and
 * stored; `overrides` replace fields of its config (e.g. `{ seeds: 6 }`), an unknown field is an error.
 */
export async function result<V = any>(idOrDef: string | ResultDef<any, V>, overrides?: Record<string, unknown>, scale: Scale = notebookScale()): Promise<V> {
  const def = typeof idOrDef === "string" ? findResult(idOrDef) : idOrDef;
  return notebookRunner(scale).get(def, overrides) as Promise<V>;
}

/** Draw a registered figure by id at a scale (its results computed or loaded once). */
export async function buildFigure(id: string, scale: Scale = notebookScale(), overrides?: Record<string, unknown>): Promise<PlotlyFigure> {
  const def = findFigure(id);
  const o = await drawFigure(def, notebookRunner(scale), overrides);
  if ("error" in o) throw new Error(`figure ${id}: ${o.error}`);
  return o.figure;
}

/**
 * A result as a tidy table (one row per measured point; see `tidyRows`), computed or loaded:
 *   const rows = await dl.resultTable("reuse.zipf-e-vs-k"); dl.showTable(rows.slice(0, 10));
 */
export async function resultTable(id: string, overrides?: Record<string, unknown>, scale: Scale = notebookScale()): Promise<Row[]> {
  return tidyRows(await result(id, overrides, scale));
}

/** The formats `saveFigure` writes. */
export type FigureFormat = "png" | "svg" | "pdf" | "html" | "json";

/** Options of `saveFigure`. */
export interface SaveFigureOptions {
  /** default: from the file's extension */
  format?: FigureFormat;
  /** CSS pixels (default the figure's own, or the paper size) */
  width?: number;
  height?: number;
  /** PNG pixel ratio (default 2) */
  scale?: number;
  /** a paper figure: no title, one column or the full text width (see `styleFigure`) */
  paper?: PaperSize;
  /** parameters of the figure's results, e.g. `{ N: [1e3, 1e4] }` (see `figureOverrides`) */
  overrides?: Record<string, unknown>;
  /** the scale of the results (default the notebook's: DATALAWS_SCALE, else small) */
  at?: Scale;
}

/**
 * Draw a registered figure and write it to `file` in one format (PNG, SVG and PDF need Chromium; HTML
 * is a standalone interactive page). Returns the path written.
 *   await dl.saveFigure("reuse.e-vs-k-zipf", "fig2.pdf", { paper: "column", overrides: { N: [1e4, 1e6] } })
 */
export async function saveFigure(id: string, file: string, opts: SaveFigureOptions = {}): Promise<string> {
  const ext = path.extname(file).slice(1).toLowerCase();
  const format = opts.format ?? (ext as FigureFormat);
  const formats: FigureFormat[] = ["png", "svg", "pdf", "html", "json"];
  if (!formats.includes(format)) throw new ParameterError("format", opts.format ?? file, `one of ${formats.join(", ")} (or a file name ending in one)`);
  for (const k of ["width", "height", "scale"] as const) if (opts[k] !== undefined) requireNumber(k, opts[k], { gt: 0, max: 20000 });
  const def = findFigure(id);
  const fig = await buildFigure(id, opts.at ?? notebookScale(), opts.overrides);
  const base = path.resolve(file.endsWith(`.${format}`) ? file.slice(0, -format.length - 1) : file);
  const renderer = format === "png" || format === "svg" || format === "pdf" ? await FigureRenderer.open() : null;
  if ((format === "png" || format === "svg" || format === "pdf") && !renderer) throw new Error(`saving ${format.toUpperCase()} needs Chromium: ${CHROMIUM_HINT}`);
  try {
    const only = Object.fromEntries(formats.map((f) => [f, f === format]));
    const files = await writeFigureFiles(fig, def, base, null, renderer, { ...only, style: { paper: opts.paper, width: opts.width, height: opts.height }, scale: opts.scale });
    return files[format] as string;
  } finally {
    await renderer?.close();
  }
}

/** Draw and display a registered figure in the notebook, with its caption underneath. */
export async function showFigure(id: string, scale: Scale = notebookScale(), overrides?: Record<string, unknown>): Promise<void> {
  const def = findFigure(id);
  await show(await buildFigure(id, scale, overrides));
  showMarkdown(`*${def.caption}*`);
}

/** True if a claim needs a transformer study. */
function needsStudy(needs: readonly ResultDef<any, any>[]): boolean {
  return needs.some((n) => FOLDERS.some((f) => f.study === n));
}

/**
 * Judge the claims of a folder (or id prefix) and return their outcomes. `includeStudies: false`
 * leaves out the claims that need a transformer study.
 */
export async function checkClaims(only: string, scale: Scale = notebookScale(), opts: { includeStudies?: boolean } = {}): Promise<ClaimOutcome[]> {
  const claims = selectClaims(only).filter((c) => opts.includeStudies !== false || !needsStudy(c.needs));
  return evaluateClaims(claims, notebookRunner(scale));
}

/** Display claim outcomes as a table: verdict, id, measured, predicted, tolerance, seconds. */
export function showClaims(outcomes: ClaimOutcome[]): void {
  showTable(
    outcomes.map((o) => ({
      verdict: o.verdict,
      claim: o.id,
      statement: o.error ? `${o.statement} (error: ${o.error})` : o.premise ? `${o.statement} (inconclusive: premise ${o.premise.id} did not pass; alone it would ${o.premise.withheld})` : o.statement,
      measured: formatValue(o.measured ?? "—"),
      predicted: formatValue(o.predicted ?? "—"),
      tolerance: formatValue(o.tolerance ?? "—"),
      seconds: o.seconds.toFixed(1),
    })),
  );
}
