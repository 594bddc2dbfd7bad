/**
 * Notebook display for the tslab kernel: figures (interactive Plotly + PNG fallback in ONE output),
 * tables and markdown. Outside tslab (plain node) figures go to a temp folder and tables print as text.
 *
 * How tslab emits displays (tslab 1.0.22, node_modules/tslab/dist): `display.png(b)`, `display.html(s)`
 * … all call `display.raw(mime, value)`, which sends a `display_data` message whose bundle holds that
 * ONE mime type: `jupyter.lastWriteDisplayData({data: {[mime]: value}, metadata: {}, transient}, update)`.
 * `lastWriteDisplayData` is an export of `tslab/dist/jupyter.js`, set to the current cell's writer at
 * the start of every execution (`handleExecuteImpl`), and it forwards `data` unchanged as the message
 * content. So the lowest-level hook accepts a full MIME bundle: we call it directly with
 * `{ "application/vnd.plotly.v1+json", "text/html", "image/png", "text/plain" }` — Jupyter front-ends
 * then pick the richest type they can render: JupyterLab and VS Code the Plotly MIME type; classic
 * Notebook and nbconvert HTML the `text/html` form, interactive offline (see notebookHtml.ts); GitHub
 * the PNG held in that HTML (scripts do not run there); PDF/markdown exports the `image/png`.
 * We look the module up in `require.cache` (the instance the running kernel loaded, which is the one
 * whose writer is set), so it works whether the kernel's tslab is this project's or another install.
 * If that hook is not found (a future tslab), we fall back to `display.raw` twice: the PNG, then
 * the Plotly JSON (two outputs instead of one).
 */
import { writeFileAtomic } from "../run/files";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PlotlyFigure } from "../core/figure";
import { FigureRenderer, findChromium, CHROMIUM_HINT } from "./export";
import { escapeHtml, figureHtml } from "./html";
import { notebookFigureHtml, plotlyLoaderScript } from "./notebookHtml";
import { styleFigure } from "./style";
import { formatValue } from "./report";

/** A Jupyter MIME bundle. */
export type MimeBundle = Record<string, unknown>;

type WriteDisplayData = (content: { data: MimeBundle; metadata: Record<string, unknown>; transient?: Record<string, unknown> }, update?: boolean) => void;

interface TslabPublic {
  display: { raw(mime: string, value: string | Uint8Array): void };
}

/** The running kernel's `lastWriteDisplayData`, or null when not executing inside tslab. */
function kernelWriter(): WriteDisplayData | null {
  const cache = require.cache as Record<string, NodeJS.Module | undefined>;
  for (const [file, mod] of Object.entries(cache)) {
    if (!mod || !/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(file)) continue;
    const w = (mod.exports as { lastWriteDisplayData?: unknown }).lastWriteDisplayData;
    if (typeof w === "function") return w as WriteDisplayData;
  }
  return null;
}

/** tslab's public module as the kernel sees it (its hooked `require("tslab")` when available), or null. */
function tslabPublic(): TslabPublic | null {
  const hooked = (globalThis as { __tslab__?: { require?: (id: string) => unknown } }).__tslab__;
  try {
    if (hooked?.require) return hooked.require("tslab") as TslabPublic;
  } catch {
    /* fall through */
  }
  try {
    // Lazy: the toolkit never needs tslab outside notebooks.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("tslab") as TslabPublic;
  } catch {
    return null;
  }
}

/** Whether we run inside a tslab kernel cell (a display writer is live). */
export function inNotebook(): boolean {
  return kernelWriter() !== null;
}

/**
 * Send one display_data with a whole MIME bundle; returns false outside tslab. Binary values
 * (Buffer/Uint8Array) are base64-encoded as Jupyter expects for images.
 */
export function displayBundle(bundle: MimeBundle): boolean {
  const data: MimeBundle = {};
  for (const [k, v] of Object.entries(bundle)) data[k] = v instanceof Uint8Array ? Buffer.from(v).toString("base64") : v;
  const w = kernelWriter();
  if (w) {
    w({ data, metadata: {}, transient: {} }, false);
    return true;
  }
  // Fallback (should not happen with tslab 1.x): one output per MIME type via the public API.
  const pub = tslabPublic();
  if (!pub || !(globalThis as { __tslab__?: unknown }).__tslab__) return false;
  try {
    for (const [k, v] of Object.entries(bundle)) {
      if (k === "text/plain" && Object.keys(bundle).length > 1) continue;
      pub.display.raw(k, v instanceof Uint8Array ? v : typeof v === "string" ? v : JSON.stringify(v));
    }
    return true;
  } catch {
    return false;
  }
}

let renderer: FigureRenderer | null = null;
let rendererPromise: Promise<FigureRenderer | null> | null = null;
let warnedNoChromium = false;
let idleTimer: NodeJS.Timeout | null = null;

/** The cached renderer, opened on first use; null (with one warning) when Chromium is missing. */
async function getRenderer(): Promise<FigureRenderer | null> {
  if (renderer && !renderer.isClosed) return renderer;
  if (!rendererPromise) {
    if (!findChromium()) {
      if (!warnedNoChromium) console.error(`[datalaws] Chromium not found: figures are shown without PNG. To get PNG: ${CHROMIUM_HINT}.`);
      warnedNoChromium = true;
      return null;
    }
    rendererPromise = FigureRenderer.open().then(
      (r) => {
        renderer = r;
        // Playwright kills its browsers on process exit; closing on beforeExit covers a clean end too.
        process.once("beforeExit", () => void closeRenderer());
        return r;
      },
      (e) => {
        rendererPromise = null;
        throw e;
      },
    );
  }
  return rendererPromise;
}

/** Close the cached renderer (the next `show` reopens it). */
export async function closeRenderer(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const r = renderer;
  renderer = null;
  rendererPromise = null;
  if (r) await r.close();
}

/**
 * In plain node the open browser would keep the process alive, so the renderer closes itself after
 * a short idle time (consecutive `show` calls still share it). In a kernel it stays open.
 */
function scheduleIdleClose(ms: number): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => void closeRenderer(), ms);
}

/** Options of `show`. */
export interface ShowOptions {
  /** Apply the house style first (default true; idempotent). */
  style?: boolean;
  width?: number;
  height?: number;
  /** PNG pixel ratio (default 2). */
  scale?: number;
  /** Title for text/plain and the HTML page (default: the layout title). */
  title?: string;
  /** Outside a notebook: folder for the PNG/HTML (default a fresh temp folder). */
  outDir?: string;
}

function layoutTitle(fig: PlotlyFigure): string | undefined {
  const t = fig.layout.title;
  if (typeof t === "string") return t;
  if (t && typeof t === "object" && typeof (t as { text?: unknown }).text === "string") return (t as { text: string }).text;
  return undefined;
}

let showCount = 0;

/**
 * Send plotly.js to the page now, as its own output (meant for a notebook's first cell): figures shown
 * later do not carry it, so re-running a figure cell never removes the library from the saved page.
 * Returns false outside a notebook. Without it, the first figure of the session carries the library.
 */
export function enableInteractiveFigures(): boolean {
  const sent = displayBundle({ "text/html": `${plotlyLoaderScript()}\n<small>plotly.js loaded for interactive figures (offline).</small>`, "text/plain": "plotly.js loaded for interactive figures" });
  if (sent) loaderSent = true;
  return sent;
}
/** whether this session (kernel) has sent plotly.js to the page, with its first figure */
let loaderSent = false;

/**
 * Show a figure. In tslab: ONE display_data with `application/vnd.plotly.v1+json` (interactive in
 * JupyterLab/VS Code), `text/html` (interactive in classic Notebook and nbconvert HTML, its PNG
 * elsewhere), `image/png` (static) and `text/plain` (the title). In plain node: writes
 * PNG + HTML to a temp folder and prints their paths; returns them.
 */
export async function show(fig: PlotlyFigure, opts: ShowOptions = {}): Promise<{ png?: string; html?: string } | void> {
  const styled = opts.style === false ? fig : styleFigure(fig, { width: opts.width, height: opts.height });
  const title = opts.title ?? layoutTitle(styled) ?? "Figure";
  const notebook = inNotebook();
  let png: Buffer | undefined;
  try {
    const r = await getRenderer();
    if (r) png = await r.toPng(styled, { width: opts.width, height: opts.height, scale: opts.scale ?? 2 });
  } catch (e) {
    console.error(`[datalaws] PNG rendering failed: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
  } finally {
    if (!notebook && renderer) scheduleIdleClose(1500);
  }

  if (notebook) {
    const bundle: MimeBundle = {
      "application/vnd.plotly.v1+json": { data: styled.data, layout: styled.layout, config: { displaylogo: false } },
      "text/html": notebookFigureHtml(styled, { png, title, loader: !loaderSent, index: ++showCount }),
      "text/plain": title,
    };
    if (png) bundle["image/png"] = png;
    if (displayBundle(bundle)) loaderSent = true;
    return;
  }

  const dir = opts.outDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-show-"));
  fs.mkdirSync(dir, { recursive: true });
  const stem = `figure-${++showCount}`;
  const out: { png?: string; html?: string } = {};
  out.html = path.join(dir, `${stem}.html`);
  writeFileAtomic(out.html, figureHtml(styled, { title }));
  if (png) {
    out.png = path.join(dir, `${stem}.png`);
    writeFileAtomic(out.png, png);
  }
  console.log(`${title}\n  html: ${out.html}${out.png ? `\n  png:  ${out.png}` : ""}`);
  return out;
}

/** Column names of rows, in first-seen order. */
function columnsOf(rows: Record<string, unknown>[]): string[] {
  const cols: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), cols.push(k));
  return cols;
}

/** Rows as an HTML table (numbers to 4 significant digits, right-aligned). */
export function tableHtml(rows: Record<string, unknown>[]): string {
  const cols = columnsOf(rows);
  const head = cols.map((c) => `<th style="text-align:left">${escapeHtml(c)}</th>`).join("");
  const body = rows
    .map((r) => {
      const tds = cols.map((c) => {
        const v = r[c];
        const align = typeof v === "number" ? "right" : "left";
        const color = v === "pass" ? ' style="color:#1a7f37;font-weight:600"' : v === "fail" || v === "error" ? ' style="color:#cf222e;font-weight:600"' : v === "inconclusive" ? ' style="color:#9a6700;font-weight:600"' : "";
        return `<td style="text-align:${align}"${color}>${escapeHtml(formatValue(v))}</td>`;
      });
      return `<tr>${tds.join("")}</tr>`;
    })
    .join("\n");
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** Rows as a fixed-width text table. */
export function tableText(rows: Record<string, unknown>[]): string {
  const cols = columnsOf(rows);
  const cells = rows.map((r) => cols.map((c) => formatValue(r[c])));
  const widths = cols.map((c, j) => Math.max(c.length, ...cells.map((row) => row[j].length)));
  const line = (vals: string[]) => vals.map((v, j) => v.padEnd(widths[j])).join("  ").trimEnd();
  return [line(cols), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

/** Show rows as a table (text/html + text/plain in tslab; printed text otherwise). */
export function showTable(rows: Record<string, unknown>[]): void {
  const text = tableText(rows);
  if (!displayBundle({ "text/html": tableHtml(rows), "text/plain": text })) console.log(text);
}

/** Show markdown (text/markdown + text/plain in tslab; printed as is otherwise). */
export function showMarkdown(md: string): void {
  if (!displayBundle({ "text/markdown": md, "text/plain": md })) console.log(md);
}
