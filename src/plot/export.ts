/**
 * Figure export: Plotly JSON, interactive HTML, and PNG/SVG rendered by ONE headless Chromium
 * (playwright-core driving the system Chromium, plotly.js injected from the local file; no network).
 */
import * as fs from "fs";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import { folderOf, ID_PATTERN } from "../core/result";
import type { FigureOutcome } from "../run/evaluate";
import { writeFileAtomic } from "../run/files";
import { dataDir } from "../run/store";
import type { FigureDef, PlotlyFigure } from "../core/figure";
import { embedFontInSvg, fontFaceCss } from "./font";
import { figureHtml, plotlyPath } from "./html";
import { FIGURE_HEIGHT, FIGURE_WIDTH, styleFigure, type StyleOptions } from "./style";

/** How to get PNG/SVG export when no Chromium is found. */
export const CHROMIUM_HINT =
  "apt-get install -y --no-install-recommends chromium (or set CHROMIUM_PATH to a Chrome/Chromium binary)";

/** Chromium command-line flags: headless, sandbox-free (containers), and no background network traffic. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function isExecutableFile(p: string): boolean {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) return false;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Path of a Chromium/Chrome binary: $CHROMIUM_PATH, then /usr/bin/chromium, chromium-browser, google-chrome; null if none. */
export function findChromium(): string | null {
  const env = process.env.CHROMIUM_PATH;
  if (env && isExecutableFile(env)) return env;
  const names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
  const dirs = ["/usr/bin", ...(process.env.PATH ?? "").split(path.delimiter).filter((d) => d && d !== "/usr/bin")];
  for (const name of names) {
    for (const dir of dirs) {
      const p = path.join(dir, name);
      if (isExecutableFile(p)) return p;
    }
  }
  return null;
}

/** Size and resolution of a raster export. */
export interface ImageOptions {
  /** CSS pixels; default the figure's layout.width, else 720. */
  width?: number;
  /** CSS pixels; default the figure's layout.height, else 450. */
  height?: number;
  /** Device pixel ratio of PNG output (default 2: a 720×450 figure becomes 1440×900 pixels). */
  scale?: number;
}

/** Options of `FigureRenderer.open`. */
export interface RendererOptions {
  /** Chromium binary; default `findChromium()`. */
  executablePath?: string;
  /** Per-figure render timeout in milliseconds (default 60 000). */
  timeoutMs?: number;
}

/** Renders Plotly figures to PNG/SVG in one long-lived headless Chromium page (~0.1–0.4 s per figure after a ~3 s start). */
export class FigureRenderer {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    /** The Chromium binary in use. */
    readonly executablePath: string,
    private readonly timeoutMs: number,
  ) {}

  /** Launch Chromium and load plotly.js into a blank page; null when no Chromium is installed (throws if it fails to start). */
  static async open(opts: RendererOptions = {}): Promise<FigureRenderer | null> {
    const exe = opts.executablePath ?? findChromium();
    if (!exe) return null;
    // Lazy: the rest of the toolkit never loads playwright.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { chromium } = require("playwright-core") as typeof import("playwright-core");
    // launch() uses a fresh temporary profile (user-data-dir) that is deleted on close.
    const browser = await chromium.launch({ executablePath: exe, headless: true, args: [...CHROMIUM_ARGS] });
    try {
      const context = await browser.newContext({ deviceScaleFactor: 1, offline: true });
      // Belt and braces: nothing may leave the machine.
      await context.route(/^(https?|wss?|ftp):/, (route) => route.abort());
      const page = await context.newPage();
      await page.setContent('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body></body></html>');
      await page.addScriptTag({ path: plotlyPath() });
      const ok = await page.evaluate(() => typeof (globalThis as { Plotly?: unknown }).Plotly === "object");
      if (!ok) throw new Error("plotly.js did not load in Chromium");
      return new FigureRenderer(browser, page, exe, opts.timeoutMs ?? 60_000);
    } catch (e) {
      await browser.close().catch(() => undefined);
      throw e;
    }
  }

  /** Whether close() has been called. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Render with Plotly.toImage; returns the data URL. Calls are serialised. */
  private toDataUrl(fig: PlotlyFigure, format: "png" | "svg", opts: ImageOptions): Promise<string> {
    if (this.closed) return Promise.reject(new Error("FigureRenderer is closed"));
    const width = opts.width ?? (typeof fig.layout.width === "number" ? fig.layout.width : FIGURE_WIDTH);
    const height = opts.height ?? (typeof fig.layout.height === "number" ? fig.layout.height : FIGURE_HEIGHT);
    const scale = opts.scale ?? 2;
    if (!(width > 0 && height > 0 && scale > 0)) {
      return Promise.reject(new Error(`image size must be positive, got width=${width} height=${height} scale=${scale}`));
    }
    const arg = { data: fig.data, layout: fig.layout, format, width, height, scale };
    const run = async (): Promise<string> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Plotly.toImage timed out after ${this.timeoutMs} ms`)), this.timeoutMs);
      });
      try {
        const render = this.page.evaluate(async (a) => {
          const P = (globalThis as unknown as { Plotly: { toImage: (f: unknown, o: unknown) => Promise<string> } }).Plotly;
          return P.toImage(
            { data: a.data, layout: a.layout, config: { staticPlot: true } },
            { format: a.format, width: a.width, height: a.height, scale: a.scale },
          );
        }, arg);
        return await Promise.race([render, timeout]);
      } finally {
        clearTimeout(timer);
      }
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /**
   * PNG bytes of a figure (default scale 2): its SVG, with the shipped font embedded, rasterised on a
   * canvas in the page (Plotly's own PNG path draws an SVG image that cannot see the page's fonts).
   */
  async toPng(fig: PlotlyFigure, opts: ImageOptions = {}): Promise<Buffer> {
    const width = opts.width ?? (typeof fig.layout.width === "number" ? fig.layout.width : FIGURE_WIDTH);
    const height = opts.height ?? (typeof fig.layout.height === "number" ? fig.layout.height : FIGURE_HEIGHT);
    const scale = opts.scale ?? 2;
    if (!(scale > 0)) throw new Error(`image scale must be positive, got ${scale}`);
    const svg = await this.toSvg(fig, { width, height });
    const run = () =>
      this.page.evaluate(
        async (a) =>
          new Promise<string>((resolve, reject) => {
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            const g = globalThis as any; // a browser page (this package compiles without the DOM types)
            const img = new g.Image();
            img.onload = () => {
              const canvas = g.document.createElement("canvas");
              canvas.width = Math.round(a.width * a.scale);
              canvas.height = Math.round(a.height * a.scale);
              const ctx = canvas.getContext("2d");
              if (!ctx) return reject(new Error("no 2-d canvas"));
              ctx.fillStyle = "#ffffff";
              ctx.fillRect(0, 0, canvas.width, canvas.height);
              ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
              resolve(canvas.toDataURL("image/png"));
            };
            img.onerror = () => reject(new Error("the figure's SVG did not load as an image"));
            img.src = g.URL.createObjectURL(new g.Blob([a.svg], { type: "image/svg+xml" }));
          }),
        { svg, width, height, scale },
      );
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    const url = await p;
    if (!url.startsWith("data:image/png;base64,")) throw new Error(`unexpected PNG data URL: ${url.slice(0, 40)}`);
    return Buffer.from(url.slice(url.indexOf(",") + 1), "base64");
  }

  /** SVG text of a figure, with the shipped font embedded (the same on every machine). */
  async toSvg(fig: PlotlyFigure, opts: Omit<ImageOptions, "scale"> = {}): Promise<string> {
    const url = await this.toDataUrl(fig, "svg", { ...opts, scale: 1 });
    const comma = url.indexOf(",");
    const head = url.slice(0, comma);
    const body = url.slice(comma + 1);
    if (!head.startsWith("data:image/svg+xml")) throw new Error(`unexpected SVG data URL: ${url.slice(0, 40)}`);
    return embedFontInSvg(head.endsWith(";base64") ? Buffer.from(body, "base64").toString("utf8") : decodeURIComponent(body));
  }

  /** A one-page vector PDF of a figure (its SVG, with the shipped font, printed by Chromium at the figure's size). */
  async toPdf(fig: PlotlyFigure, opts: Omit<ImageOptions, "scale"> = {}): Promise<Buffer> {
    const width = opts.width ?? (typeof fig.layout.width === "number" ? fig.layout.width : FIGURE_WIDTH);
    const height = opts.height ?? (typeof fig.layout.height === "number" ? fig.layout.height : FIGURE_HEIGHT);
    const svg = await this.toSvg(fig, { width, height });
    const run = async (): Promise<Buffer> => {
      const page = await this.page.context().newPage();
      try {
        await page.setContent(`<!DOCTYPE html><html><head><meta charset="utf-8"><style>@page{size:${width}px ${height}px;margin:0}html,body{margin:0;padding:0}svg{display:block}</style></head><body>${svg}</body></html>`);
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        await page.evaluate(() => (globalThis as any).document.fonts.ready.then(() => undefined));
        return await page.pdf({ width: `${width}px`, height: `${height}px`, printBackground: true, pageRanges: "1" });
      } finally {
        await page.close();
      }
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** Close the browser (idempotent). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => undefined);
    await this.browser.close().catch(() => undefined);
  }
}

/** Files written for one figure (paths as given by outDir, i.e. relative when outDir is). */
export interface ExportedFiles {
  json?: string;
  html?: string;
  png?: string;
  svg?: string;
  pdf?: string;
}

/** Check a figure id (`<folder>.<slug>`); throws naming the id otherwise. */
export function validateFigureId(id: string): void {
  if (!ID_PATTERN.test(id)) throw new Error(`figure id ${JSON.stringify(id)} must be <folder>.<slug> in lower-case letters, digits and '-', e.g. "reuse.e-vs-k-zipf"`);
}

/** The files of a figure without extension: `<outDir>/<folder>/<slug>`. */
export function figureBase(outDir: string, id: string): string {
  const folder = folderOf(id);
  return path.join(outDir, folder, id.slice(folder.length + 1));
}

/** Shared files already checked in this process (a report exports dozens of figures into one folder). */
const sharedDone = new Set<string>();

/** Write `content` to `target` unless it already holds exactly that (checked once per process and file). */
function writeShared(target: string, content: () => Buffer): string {
  if (sharedDone.has(target)) return target;
  const want = content();
  let same = false;
  try {
    same = fs.statSync(target).size === want.length && fs.readFileSync(target).equals(want);
  } catch {
    same = false;
  }
  if (!same) writeFileAtomic(target, want);
  sharedDone.add(target);
  return target;
}

/** `<outDir>/plotly.min.js`, copied from the installed package when absent or of another version. */
export function sharedPlotly(outDir: string): string {
  return writeShared(path.join(outDir, "plotly.min.js"), () => fs.readFileSync(plotlyPath()));
}

/** `<outDir>/inter.css`: the shipped font's @font-face rules, shared by the figure pages. */
export function sharedFontCss(outDir: string): string {
  return writeShared(path.join(outDir, "inter.css"), () => Buffer.from(fontFaceCss(), "utf8"));
}

/** What to write: JSON and HTML always unless turned off; PNG and SVG (default on) and PDF (default off) when a renderer is available. */
export interface ExportFormats {
  json?: boolean;
  html?: boolean;
  png?: boolean;
  svg?: boolean;
  pdf?: boolean;
  /** house-style options: `paper` (no title, column or text width), width, height */
  style?: StyleOptions;
  /** PNG pixel ratio (default 2) */
  scale?: number;
}

/** The image formats a renderer writes. */
export const IMAGE_FORMATS = ["png", "svg", "pdf"] as const;

/**
 * Write `<outDir>/<folder>/<slug>.json` (Plotly JSON with id, title, caption), `.html` (interactive,
 * offline) and, with a renderer, `.png` (scale 2), `.svg` and (when asked) `.pdf`. The figure gets the
 * house style first (`formats.style`: e.g. `{paper: "column"}`).
 */
export async function exportFigure(
  fig: PlotlyFigure,
  def: Pick<FigureDef, "id" | "title" | "caption">,
  outDir: string,
  renderer: FigureRenderer | null,
  formats: ExportFormats = {},
): Promise<ExportedFiles> {
  validateFigureId(def.id);
  return writeFigureFiles(fig, def, figureBase(outDir, def.id), outDir, renderer, formats);
}

/** Write a figure's files at `<base>.<ext>` (shared plotly.js and font in `sharedDir`). */
export async function writeFigureFiles(
  fig: PlotlyFigure,
  def: Pick<FigureDef, "id" | "title" | "caption">,
  base: string,
  sharedDir: string | null,
  renderer: FigureRenderer | null,
  formats: ExportFormats = {},
): Promise<ExportedFiles> {
  const styled = styleFigure(fig, formats.style);
  const files: ExportedFiles = {};
  fs.mkdirSync(path.dirname(base), { recursive: true });
  if (formats.json !== false) {
    files.json = `${base}.json`;
    writeFileAtomic(files.json, JSON.stringify({ id: def.id, title: def.title, caption: def.caption, data: styled.data, layout: styled.layout }) + "\n");
  }
  if (formats.html !== false) {
    files.html = `${base}.html`;
    // in a figure folder: one shared plotly.min.js and font stylesheet, loaded by every page (offline,
    // relative); a figure saved on its own: a standalone page with both inlined
    const rel = (f: string) => path.relative(path.dirname(base), f).split(path.sep).join("/");
    const shared = sharedDir ? { plotlySrc: rel(sharedPlotly(sharedDir)), fontCssSrc: rel(sharedFontCss(sharedDir)) } : {};
    writeFileAtomic(files.html, figureHtml(styled, { title: def.title, caption: def.caption, id: def.id, ...shared }));
  }
  if (renderer) {
    if (formats.png !== false) {
      files.png = `${base}.png`;
      writeFileAtomic(files.png, await renderer.toPng(styled, { scale: formats.scale ?? 2 }));
    }
    if (formats.svg !== false) {
      files.svg = `${base}.svg`;
      writeFileAtomic(files.svg, await renderer.toSvg(styled));
    }
    if (formats.pdf === true) {
      files.pdf = `${base}.pdf`;
      writeFileAtomic(files.pdf, await renderer.toPdf(styled));
    }
  }
  return files;
}

/** One exported figure: its definition and the files written, or the error that prevented it. */
export type FigureExport = { def: FigureDef; files: ExportedFiles; seconds: number; error?: undefined } | { def: FigureDef; files?: undefined; seconds: number; error: string };

/** Options of `exportFigures`. */
export interface ExportFiguresOptions extends ExportFormats {
  /** Output folder (default `figures` in the data folder: DATALAWS_DATA, else the project's data/). */
  outDir?: string;
  /** Progress sink (default console.error: progress never goes to stdout). */
  log?: (line: string) => void;
  /** Use this renderer (not closed here); default: open one, use it for all figures, close it. */
  renderer?: FigureRenderer | null;
}

/**
 * Export drawn figures (see `drawFigure`) with one shared Chromium; progress lines go to `log`
 * (stderr). A figure that could not be drawn or exported comes back with its error; the others are
 * exported. Without Chromium, JSON + HTML are still written and one line says how to get PNG/SVG.
 */
export async function exportFigures(drawn: readonly FigureOutcome[], opts: ExportFiguresOptions = {}): Promise<FigureExport[]> {
  const outDir = opts.outDir ?? path.join(dataDir(), "figures");
  const log = opts.log ?? ((line: string) => console.error(line));
  const seen = new Set<string>();
  for (const d of drawn) {
    validateFigureId(d.def.id);
    if (seen.has(d.def.id)) throw new Error(`duplicate figure id ${JSON.stringify(d.def.id)}`);
    seen.add(d.def.id);
  }

  let renderer: FigureRenderer | null = null;
  const own = opts.renderer === undefined;
  const wantImages = opts.png !== false || opts.svg !== false || opts.pdf === true;
  if (!own) renderer = opts.renderer ?? null;
  else if (wantImages && drawn.some((d) => "figure" in d)) {
    try {
      renderer = await FigureRenderer.open();
      if (!renderer) log(`[figures] Chromium not found: writing JSON + HTML only, PNG/SVG skipped. To get them: ${CHROMIUM_HINT}.`);
    } catch (e) {
      log(`[figures] Chromium failed to start (${e instanceof Error ? e.message.split("\n")[0] : String(e)}): writing JSON + HTML only, PNG/SVG skipped.`);
      renderer = null;
    }
  }

  const out: FigureExport[] = [];
  try {
    for (let i = 0; i < drawn.length; i++) {
      const d = drawn[i];
      const tag = `[figures ${i + 1}/${drawn.length}] ${d.def.id}`;
      if (!("figure" in d)) {
        log(`${tag}  FAILED: ${d.error}`);
        out.push({ def: d.def, seconds: d.seconds, error: d.error });
        continue;
      }
      const t0 = Date.now();
      try {
        const files = await exportFigure(d.figure, d.def, outDir, renderer, opts);
        const seconds = d.seconds + (Date.now() - t0) / 1000;
        const kinds = (["json", "html", "png", "svg", "pdf"] as const).filter((k) => files[k]).join(" ");
        log(`${tag}  ${seconds.toFixed(2)} s  (${kinds})`);
        out.push({ def: d.def, files, seconds });
      } catch (e) {
        const seconds = d.seconds + (Date.now() - t0) / 1000;
        const msg = (e instanceof Error ? e.message : String(e)).split("\n")[0];
        log(`${tag}  FAILED: ${msg}`);
        out.push({ def: d.def, seconds, error: msg });
      }
    }
  } finally {
    if (own && renderer) await renderer.close();
  }
  return out;
}
