/**
 * Interactive, standalone HTML for a figure: plotly.js is inlined (works offline, no CDN).
 */
import * as fs from "fs";
import type { PlotlyFigure } from "../core/figure";
import { fontFaceCss } from "./font";

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(s: unknown): string {
  return String(s)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** JSON that is safe inside a `<script>` element (no `</script>`, no `<!--`, no U+2028/9 line breaks). */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

let plotlyPathCache: string | null = null;
let plotlySourceCache: string | null = null;

/** Absolute path of the local plotly.min.js (from the installed `plotly.js-dist-min` package). */
export function plotlyPath(): string {
  if (plotlyPathCache === null) plotlyPathCache = require.resolve("plotly.js-dist-min/plotly.min.js");
  return plotlyPathCache;
}

/** The source of plotly.min.js, read once per process. */
export function plotlySource(): string {
  if (plotlySourceCache === null) {
    // A literal "</script" inside the bundle would end the inline element early; escape it defensively.
    plotlySourceCache = fs.readFileSync(plotlyPath(), "utf8").replace(/<\/script/gi, "<\\/script");
  }
  return plotlySourceCache;
}

/** A `<script>` element with plotly.min.js inlined (about 4.8 MB). */
export function plotlyScriptTag(): string {
  return `<script type="text/javascript">${plotlySource()}</script>`;
}

/** Plotly config for the interactive pages: no logo, PNG download at the export scale. */
export function plotlyConfig(filename = "figure"): Record<string, unknown> {
  return {
    displaylogo: false,
    responsive: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d"],
    toImageButtonOptions: { format: "png", scale: 2, filename },
  };
}

/** Options of `figureHtml`. */
export interface FigureHtmlOptions {
  title: string;
  caption?: string;
  /** Figure id, shown small under the caption and used as download name. */
  id?: string;
  /**
   * Where plotly.js comes from: inlined (default, a standalone page of about 4.8 MB) or a relative URL of
   * one shared copy (the figure folder: 34 pages load one file instead of carrying 34 copies).
   */
  plotlySrc?: string;
  /** a relative URL of the shared font stylesheet (default: the font inlined) */
  fontCssSrc?: string;
}

/** A standalone interactive HTML page for a figure, with plotly.js inlined (offline). */
export function figureHtml(fig: PlotlyFigure, opts: FigureHtmlOptions): string {
  const filename = (opts.id ?? "figure").replace(/[^A-Za-z0-9._-]+/g, "_");
  const width = typeof fig.layout.width === "number" ? fig.layout.width : 720;
  // No page heading when the figure draws the same title itself.
  const t = fig.layout.title;
  const ownTitle = typeof t === "string" ? t : t && typeof t === "object" ? (t as { text?: unknown }).text : undefined;
  const heading = ownTitle === opts.title ? "" : `<h1>${escapeHtml(opts.title)}</h1>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)}</title>
<style>
  body { font-family: Inter, Helvetica, Arial, sans-serif; color: #222; background: #fff; margin: 2rem auto; max-width: ${Math.max(width, 600) + 40}px; padding: 0 1rem; }
  h1 { font-size: 1.25rem; font-weight: 600; margin: 0 0 0.75rem 0; }
  p.caption { font-size: 0.95rem; line-height: 1.45; color: #333; margin: 0.75rem 0 0.25rem 0; }
  p.id { font-size: 0.8rem; color: #888; margin: 0; font-family: ui-monospace, Menlo, Consolas, monospace; }
</style>
${opts.fontCssSrc ? `<link rel="stylesheet" href="${escapeHtml(opts.fontCssSrc)}">` : `<style>${fontFaceCss()}</style>`}
${opts.plotlySrc ? `<script type="text/javascript" src="${escapeHtml(opts.plotlySrc)}"></script>` : plotlyScriptTag()}
</head>
<body>
${heading}
<div id="figure"></div>
${opts.caption ? `<p class="caption">${escapeHtml(opts.caption)}</p>` : ""}
${opts.id ? `<p class="id">${escapeHtml(opts.id)}</p>` : ""}
<script type="text/javascript">
  (function () {
    var fig = ${scriptJson({ data: fig.data, layout: fig.layout })};
    Plotly.newPlot("figure", fig.data, fig.layout, ${scriptJson(plotlyConfig(filename))});
  })();
</script>
</body>
</html>
`;
}
