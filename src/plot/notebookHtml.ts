/**
 * The `text/html` form of a figure in a notebook output, for the front-ends that have no Plotly
 * renderer (classic Notebook 6, `jupyter nbconvert --to html`, nbviewer, GitHub): a `<div>` holding
 * the figure's PNG, which a script replaces by the interactive Plotly chart once plotly.js is there.
 *
 * plotly.js is shipped offline, once per kernel session (so once per notebook): the first figure's
 * output carries the library, gzip-compressed and base64-encoded (about 1.9 MB instead of 4.8 MB),
 * inflated in the browser with `DecompressionStream` and evaluated globally. plotly.js 4 sets
 * `window.Plotly` itself; `define` is hidden meanwhile because classic Notebook loads require.js and
 * plotly's older UMD bundles register with it instead (leaving `window.Plotly` unset). Every figure waits on the same promise,
 * `window.__datalawsPlotly`; a figure whose output comes before the loader's on the page (cells run
 * out of order) queues in `window.__datalawsPending`, drained when the loader runs. Where scripts do not run (GitHub, an untrusted notebook), or the output
 * carrying the library was cleared, the PNG stays: nothing is lost but the interactivity.
 * No request leaves the machine.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as zlib from "zlib";
import type { PlotlyFigure } from "../core/figure";
import { fontFaceCss } from "./font";
import { escapeHtml, plotlyConfig, plotlyPath, scriptJson } from "./html";

let loaderCache: string | null = null;

/** A `<script>` that makes `window.__datalawsPlotly` a promise of Plotly (defined once per page). */
export function plotlyLoaderScript(): string {
  if (loaderCache === null) {
    const b64 = zlib.gzipSync(fs.readFileSync(plotlyPath()), { level: 9 }).toString("base64");
    loaderCache = `<style>${fontFaceCss()}</style>
<script type="text/javascript">
(function () {
  if (window.__datalawsPlotly) return;
  // figures whose output came before this one (cells run out of order) wait in __datalawsPending
  var drain = function (Plotly) { (window.__datalawsPending || []).splice(0).forEach(function (draw) { draw(Plotly); }); return Plotly; };
  if (window.Plotly && window.Plotly.newPlot) { window.__datalawsPlotly = Promise.resolve(window.Plotly).then(drain); return; }
  var b64 = "${b64}";
  var bin = atob(b64), bytes = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  window.__datalawsPlotly = new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text().then(function (src) {
    var amd = window.define;
    window.define = undefined; // an older UMD plotly would register with require.js instead of setting window.Plotly
    try { (0, eval)(src); } finally { window.define = amd; }
    return window.Plotly;
  }).then(drain);
})();
</script>`;
  }
  return loaderCache;
}

/** Options of `notebookFigureHtml`. */
export interface NotebookFigureHtmlOptions {
  /** the static image shown until (or instead of) the interactive chart */
  png?: Uint8Array;
  /** alternative text of the image (the figure's title) */
  title: string;
  /** include the plotly.js loader (the first figure of a session) */
  loader: boolean;
  /** a page-unique element id (default: derived from the figure and `index`) */
  id?: string;
  /** position of the figure in the session, for a deterministic id */
  index?: number;
}

/** A figure as a notebook's `text/html` output: its PNG, replaced by the interactive chart where scripts run. */
export function notebookFigureHtml(fig: PlotlyFigure, opts: NotebookFigureHtmlOptions): string {
  const json = scriptJson({ data: fig.data, layout: fig.layout });
  const id = opts.id ?? `datalaws-fig-${crypto.createHash("sha256").update(json).digest("hex").slice(0, 12)}-${opts.index ?? 0}`;
  const width = typeof fig.layout.width === "number" ? fig.layout.width : 720;
  const still = opts.png
    ? `<img src="data:image/png;base64,${Buffer.from(opts.png).toString("base64")}" alt="${escapeHtml(opts.title)}" style="width:${width}px;max-width:100%;height:auto">`
    : `<p>${escapeHtml(opts.title)} (interactive figure: needs JavaScript)</p>`;
  const filename = opts.title.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 60) || "figure";
  return `${opts.loader ? plotlyLoaderScript() + "\n" : ""}<div id="${id}" class="datalaws-figure" style="max-width:100%;overflow-x:auto">${still}</div>
<script type="text/javascript">
(function () {
  var el = document.getElementById("${id}");
  if (!el) return;
  var fig = ${json};
  var draw = function (Plotly) {
    el.innerHTML = "";
    return Plotly.newPlot(el, fig.data, fig.layout, ${scriptJson(plotlyConfig(filename))});
  };
  // the loader may come later on the page (a cell run before the one that carried it): wait for it;
  // with no loader at all the image stays
  if (window.__datalawsPlotly) window.__datalawsPlotly.then(draw);
  else (window.__datalawsPending = window.__datalawsPending || []).push(draw);
})();
</script>`;
}
