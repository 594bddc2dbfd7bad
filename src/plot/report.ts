/**
 * The HTML report: header, claim table (pass/fail with numbers) and one section per result with
 * its figures (PNG via relative <img>, else the interactive HTML in an iframe) and captions.
 */
import * as fs from "fs";
import * as path from "path";
import type { ClaimOutcome } from "../core/claim";
import type { Scale } from "../core/scale";
import type { FigureDef } from "../core/figure";
import type { ExportedFiles } from "./export";
import { escapeHtml } from "./html";
import { folderOf } from "../core/result";
import { toolkitVersion } from "../run/store";
import { writeFileAtomic } from "../run/files";

/** A number to 4 significant digits, without trailing zeros; exponent form outside [1e-3, 1e6). */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (Number.isInteger(x) && a < 1e6) return String(x);
  const strip = (s: string) => s.replace(/(\.\d*?)0+(?=$|e)/, "$1").replace(/\.(?=$|e)/, "");
  if (a >= 1e-3 && a < 1e6) {
    const s = x.toPrecision(4);
    if (!s.includes("e")) return strip(s);
  }
  return strip(x.toExponential(3)).replace("e+", "e");
}

/** A compact one-line rendering of a value: numbers to 4 significant digits, short arrays and records. */
export function formatValue(v: unknown, maxItems = 8, depth = 0): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "string") return v;
  if (typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (v instanceof Date) return v.toISOString();
  if (depth > 2) return "…";
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    const arr = Array.from(v as ArrayLike<unknown>);
    const f = (x: unknown) => formatValue(x, maxItems, depth + 1);
    if (arr.length <= maxItems) return `[${arr.map(f).join(", ")}]`;
    return `[${[...arr.slice(0, maxItems - 2).map(f), "…", f(arr[arr.length - 1])].join(", ")}] (${arr.length})`;
  }
  if (typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>);
    const shown = entries.slice(0, maxItems).map(([k, x]) => `${k}: ${formatValue(x, maxItems, depth + 1)}`);
    if (entries.length > maxItems) shown.push(`… (${entries.length} keys)`);
    return `{${shown.join(", ")}}`;
  }
  return String(v);
}

/** One figure of the report: its definition and exported files, or the error that prevented it. */
export interface ReportFigure {
  def: Pick<FigureDef, "id" | "title" | "caption">;
  files?: ExportedFiles | null;
  error?: string;
}

/** Options of `writeReport`. */
export interface ReportOptions {
  title: string;
  figures: ReportFigure[];
  claims: ClaimOutcome[];
  /** Output file (default `data/report/index.html`); figure paths are linked relative to it. */
  outPath?: string;
  /** Scale the results were computed at (shown in the header). */
  scale?: Scale;
  /** Extra header lines, e.g. `{ "git commit": "abc123", host: "2 CPU" }`. */
  meta?: Record<string, string>;
  /** Report date (default now). */
  date?: Date;
  /** Section heading of each folder (default: the folder name). */
  folderTitles?: Record<string, string>;
}

/** Relative URL from the report folder to a file. */
function relUrl(fromDir: string, file: string): string {
  const rel = path.relative(fromDir, path.resolve(file)).split(path.sep).join("/");
  return encodeURI(rel);
}

const CSS = `
  :root { --pass: #1a7f37; --fail: #cf222e; --inconclusive: #9a6700; --muted: #666; --rule: #e3e3e3; }
  body { font-family: Inter, Helvetica, Arial, sans-serif; color: #222; background: #fff; margin: 0; line-height: 1.45; }
  main { max-width: 1180px; margin: 0 auto; padding: 1.5rem 1.5rem 4rem; }
  header h1 { font-size: 1.6rem; margin: 0 0 0.4rem; }
  dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; font-size: 0.9rem; color: #444; margin: 0.5rem 0 0; }
  dl.meta dt { color: var(--muted); }
  dl.meta dd { margin: 0; font-family: ui-monospace, Menlo, Consolas, monospace; }
  nav { margin: 1rem 0; font-size: 0.9rem; }
  nav a { margin-right: 1rem; }
  h2 { font-size: 1.3rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.3rem; margin-top: 2.5rem; }
  p.summary { font-size: 1rem; }
  p.summary .pass { color: var(--pass); font-weight: 600; }
  p.summary .fail { color: var(--fail); font-weight: 600; }
  table.claims { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
  table.claims th, table.claims td { border-bottom: 1px solid var(--rule); padding: 0.35rem 0.5rem; vertical-align: top; text-align: left; }
  table.claims th { background: #f6f8fa; position: sticky; top: 0; }
  table.claims td.num { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.8rem; font-variant-numeric: tabular-nums; }
  table.claims td.sec { text-align: right; }
  td.verdict { font-weight: 700; text-transform: uppercase; font-size: 0.8rem; }
  td.verdict.pass { color: #fff; background: var(--pass); }
  td.verdict.fail, td.verdict.error { color: #fff; background: var(--fail); }
  td.verdict.inconclusive { color: #fff; background: var(--inconclusive); }
  p.summary .inconclusive { color: var(--inconclusive); font-weight: 600; }
  .premise { color: var(--inconclusive); font-size: 0.8rem; }
  td code { font-size: 0.8rem; }
  .error { color: var(--fail); font-size: 0.8rem; white-space: pre-wrap; }
  figure { margin: 1.5rem 0 2.5rem; }
  figure h3 { font-size: 1.05rem; margin: 0 0 0.5rem; }
  figure img { max-width: 100%; height: auto; border: 1px solid var(--rule); }
  figure iframe { border: 1px solid var(--rule); width: 780px; max-width: 100%; height: 560px; }
  figcaption { max-width: 760px; font-size: 0.92rem; color: #333; margin-top: 0.4rem; }
  figcaption .links { display: block; font-size: 0.8rem; color: var(--muted); margin-top: 0.2rem; }
  figcaption .links code { color: var(--muted); }
`;

function claimRow(c: ClaimOutcome): string {
  const err = c.error
    ? `<div class="error">error: ${escapeHtml(c.error)}</div>`
    : c.premise
      ? `<div class="premise">inconclusive: its premise <a href="#claim-${escapeHtml(c.premise.id)}"><code>${escapeHtml(c.premise.id)}</code></a> did not pass (${escapeHtml(c.premise.statement)}); on its own the claim would ${escapeHtml(c.premise.withheld ?? "—")}</div>`
      : "";
  const verdict = c.verdict;
  return `<tr id="claim-${escapeHtml(c.id)}">
  <td><code>${escapeHtml(c.id)}</code></td>
  <td>${escapeHtml(c.paper)}</td>
  <td>${escapeHtml(c.statement)}${err}</td>
  <td class="num">${escapeHtml(formatValue(c.measured))}</td>
  <td class="num">${escapeHtml(formatValue(c.predicted))}</td>
  <td class="num">${escapeHtml(formatValue(c.tolerance))}</td>
  <td class="verdict ${verdict}">${escapeHtml(verdict)}</td>
  <td class="num sec">${escapeHtml(formatNumber(c.seconds))}</td>
</tr>`;
}

function figureBlock(f: ReportFigure, reportDir: string): string {
  const { def, files } = f;
  const anchor = `fig-${def.id.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
  const caption = def.caption ? escapeHtml(def.caption) : "";
  if (!files) {
    return `<figure id="${escapeHtml(anchor)}">
<h3>${escapeHtml(def.title)}</h3>
<div class="error">figure failed: ${escapeHtml(f.error ?? "unknown error")}</div>
<figcaption>${caption}<span class="links"><code>${escapeHtml(def.id)}</code></span></figcaption>
</figure>`;
  }
  const html = relUrl(reportDir, files.html ?? "");
  const pngExists = files.png !== undefined && fs.existsSync(files.png);
  const body = pngExists
    ? `<a href="${escapeHtml(html)}" title="open the interactive figure"><img src="${escapeHtml(relUrl(reportDir, files.png!))}" alt="${escapeHtml(def.title)}" width="720" loading="lazy"></a>`
    : `<iframe src="${escapeHtml(html)}" title="${escapeHtml(def.title)}" loading="lazy"></iframe>`;
  const links = [`<a href="${escapeHtml(html)}">interactive</a>`];
  if (files.svg && fs.existsSync(files.svg)) links.push(`<a href="${escapeHtml(relUrl(reportDir, files.svg))}">SVG</a>`);
  if (files.pdf && fs.existsSync(files.pdf)) links.push(`<a href="${escapeHtml(relUrl(reportDir, files.pdf))}">PDF</a>`);
  if (files.json) links.push(`<a href="${escapeHtml(relUrl(reportDir, files.json))}">JSON</a>`);
  return `<figure id="${escapeHtml(anchor)}">
<h3>${escapeHtml(def.title)}</h3>
${body}
<figcaption>${caption}<span class="links"><code>${escapeHtml(def.id)}</code> · ${links.join(" · ")}</span></figcaption>
</figure>`;
}

/** Render the report page as a string (see `writeReport`). */
export function reportHtml(opts: ReportOptions): string {
  const outPath = opts.outPath ?? "data/report/index.html";
  const reportDir = path.dirname(path.resolve(outPath));
  const date = opts.date ?? new Date();
  const meta: Array<[string, string]> = [
    ["date", date.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC")],
    ["datalaws", toolkitVersion()],
  ];
  if (opts.scale) meta.push(["scale", opts.scale]);
  meta.push(["node", process.version]);
  for (const [k, v] of Object.entries(opts.meta ?? {})) meta.push([k, v]);

  const pass = opts.claims.filter((c) => c.verdict === "pass").length;
  const errors = opts.claims.filter((c) => c.verdict === "error").length;
  const inconclusive = opts.claims.filter((c) => c.verdict === "inconclusive").length;
  const fail = opts.claims.length - pass - errors - inconclusive;
  const names = opts.folderTitles ?? {};

  // Sections in order of first appearance of each result, among figures then claims.
  const results: string[] = [];
  for (const r of [...opts.figures.map((f) => folderOf(f.def.id)), ...opts.claims.map((c) => folderOf(c.id))]) {
    if (r && !results.includes(r)) results.push(r);
  }
  const sections = results
    .map((r) => {
      const figs = opts.figures.filter((f) => folderOf(f.def.id) === r);
      const claims = opts.claims.filter((c) => folderOf(c.id) === r);
      if (figs.length === 0) return "";
      const claimLine = claims.length
        ? `<p class="summary">Claims: ${claims
            .map((c) => `<a href="#claim-${escapeHtml(c.id)}"><code>${escapeHtml(c.id)}</code></a> <span class="${c.verdict === "pass" ? "pass" : c.verdict === "inconclusive" ? "inconclusive" : "fail"}">${c.verdict}</span>`)
            .join(", ")}</p>`
        : "";
      return `<section id="result-${escapeHtml(r)}">
<h2>${escapeHtml(names[r] ?? r)}</h2>
${claimLine}
${figs.map((f) => figureBlock(f, reportDir)).join("\n")}
</section>`;
    })
    .filter((s) => s)
    .join("\n");

  const nav = [`<a href="#claims">Claims</a>`, ...results.filter((r) => opts.figures.some((f) => folderOf(f.def.id) === r)).map((r) => `<a href="#result-${escapeHtml(r)}">${escapeHtml(names[r] ?? r)}</a>`)].join("");

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(opts.title)}</h1>
<dl class="meta">
${meta.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("\n")}
</dl>
</header>
<nav>${nav}</nav>
<section id="claims">
<h2>Claims</h2>
<p class="summary">${opts.claims.length === 0 ? "No claims were run." : `<span class="pass">${pass} pass</span>, <span class="fail">${fail} fail</span>${inconclusive ? `, <span class="inconclusive">${inconclusive} inconclusive (a premise did not pass)</span>` : ""}${errors ? `, <span class="fail">${errors} could not be judged (error)</span>` : ""} of ${opts.claims.length} claims.`}</p>
${
  opts.claims.length
    ? `<table class="claims">
<thead><tr><th>id</th><th>paper</th><th>statement</th><th>measured</th><th>predicted</th><th>tolerance</th><th>verdict</th><th>s</th></tr></thead>
<tbody>
${opts.claims.map(claimRow).join("\n")}
</tbody>
</table>`
    : ""
}
</section>
${sections}
</main>
</body>
</html>
`;
}

/** Write the report (creating folders) and return its path. */
export function writeReport(opts: ReportOptions): string {
  const outPath = opts.outPath ?? "data/report/index.html";
  writeFileAtomic(outPath, reportHtml({ ...opts, outPath }));
  return outPath;
}
