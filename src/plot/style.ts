/**
 * House style of every datalaws figure: one font, white background, light grid, fixed size, a
 * colour and line style per *method* (exact, Monte Carlo, plateau, theory, …) and a sequential
 * colour scale for "one curve per N" families.
 */
import type { PlotlyFigure } from "../core/figure";

/** The one font family of all figures. */
export const FONT_FAMILY = "Inter, Helvetica, Arial, sans-serif";
/** Default figure size in CSS pixels (PNG exports are rendered at scale 2). */
export const FIGURE_WIDTH = 720;
export const FIGURE_HEIGHT = 450;
/** Text colours: near-black for text, mid-grey for axis lines, light grey for the grid. */
export const TEXT_COLOR = "#222222";
export const AXIS_COLOR = "#444444";
export const GRID_COLOR = "#e6e6e6";

/** How a curve was obtained; every method has one colour and line style across the project. */
export type Method = "exact" | "mc" | "plateau" | "theory" | "muennighoff" | "paper" | "reference";

/** Line/marker style of a method. */
export interface MethodStyle {
  color: string;
  /** Plotly dash: solid, dash, dot, dashdot, longdash. */
  dash: string;
  width: number;
  /** Default Plotly mode: `lines`, `markers`, `lines+markers`. */
  mode: string;
  /** Marker symbol when markers are drawn. */
  symbol: string;
  /** One-line description for legends and docs. */
  label: string;
}

/** Colour and line style per method (colour-blind safe, Okabe–Ito based). */
export const METHOD_STYLE: Readonly<Record<Method, MethodStyle>> = {
  exact: { color: "#0072B2", dash: "solid", width: 2.2, mode: "lines", symbol: "circle", label: "exact" },
  mc: { color: "#D55E00", dash: "solid", width: 1.2, mode: "markers", symbol: "circle", label: "Monte Carlo" },
  plateau: { color: "#009E73", dash: "solid", width: 2, mode: "lines", symbol: "square", label: "plateau" },
  theory: { color: "#7B3294", dash: "dash", width: 2, mode: "lines", symbol: "diamond", label: "asymptotic theory" },
  muennighoff: { color: "#E69F00", dash: "dashdot", width: 2, mode: "lines", symbol: "triangle-up", label: "Muennighoff et al." },
  paper: { color: "#6e6e6e", dash: "dot", width: 2, mode: "lines", symbol: "x", label: "paper's fit" },
  reference: { color: "#000000", dash: "dash", width: 1.2, mode: "lines", symbol: "circle-open", label: "reference" },
};

/** Categorical palette (Okabe–Ito without yellow, then Tableau extras) for unordered series. */
export const PALETTE: readonly string[] = [
  "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7B3294", "#8c564b", "#000000", "#6e6e6e",
];

/** Categorical colour i (cycles through PALETTE). */
export function categoricalColor(i: number): string {
  const n = PALETTE.length;
  return PALETTE[((Math.floor(i) % n) + n) % n];
}

/** Stops of the sequential scale: viridis from dark purple to green-yellow (the pale end is cut off for contrast on white). */
const SEQUENTIAL_STOPS: ReadonlyArray<readonly [number, number, number]> = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 73, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [109, 205, 89],
  [180, 222, 44],
];

/** Colour of curve i of n in an ordered family (e.g. one curve per N, small N dark → large N light). */
export function sequentialColor(i: number, n: number): string {
  const t = n <= 1 ? 0 : Math.min(1, Math.max(0, i / (n - 1)));
  const pos = t * (SEQUENTIAL_STOPS.length - 1);
  const k = Math.min(SEQUENTIAL_STOPS.length - 2, Math.floor(pos));
  const f = pos - k;
  const a = SEQUENTIAL_STOPS[k];
  const b = SEQUENTIAL_STOPS[k + 1];
  const hex = (c: number) => Math.round(c).toString(16).padStart(2, "0");
  return `#${hex(a[0] + f * (b[0] - a[0]))}${hex(a[1] + f * (b[1] - a[1]))}${hex(a[2] + f * (b[2] - a[2]))}`;
}

/** Options of `lineTrace`. */
export interface LineTraceOptions {
  x: ArrayLike<number | string>;
  y: ArrayLike<number>;
  name: string;
  method: Method;
  /** Override the method's dash. */
  dash?: string;
  /** Override the method's mode (`lines`, `markers`, `lines+markers`). */
  mode?: string;
  /** Symmetric error bars (e.g. ±1.96 standard errors), same length as y. */
  errorY?: ArrayLike<number>;
  /** Override the method's colour (e.g. `sequentialColor(i, n)` for one curve per N). */
  color?: string;
  /** Legend group (toggles curves together) and whether this trace shows in the legend. */
  legendgroup?: string;
  showlegend?: boolean;
  /** Line width override. */
  width?: number;
  /** Hover template override. */
  hovertemplate?: string;
}

/** Plain array copy: typed arrays serialise as objects in JSON, and NaN/±∞ become null for Plotly. */
function plain<T extends number | string>(a: ArrayLike<T>): Array<T | null> {
  const out: Array<T | null> = new Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    out[i] = typeof v === "number" && !Number.isFinite(v) ? null : v;
  }
  return out;
}

/** A scatter trace in the house style of its method. */
export function lineTrace(opts: LineTraceOptions): Record<string, unknown> {
  const st = METHOD_STYLE[opts.method];
  if (!st) throw new Error(`lineTrace: unknown method ${JSON.stringify(opts.method)}; allowed ${Object.keys(METHOD_STYLE).join(", ")}`);
  if (opts.x.length !== opts.y.length) {
    throw new Error(`lineTrace "${opts.name}": x has length ${opts.x.length} but y has length ${opts.y.length}`);
  }
  const color = opts.color ?? st.color;
  const mode = opts.mode ?? st.mode;
  const trace: Record<string, unknown> = {
    type: "scatter",
    mode,
    name: opts.name,
    x: plain(opts.x),
    y: plain(opts.y),
    line: { color, dash: opts.dash ?? st.dash, width: opts.width ?? st.width },
  };
  if (mode.includes("markers")) {
    trace.marker = { color, symbol: st.symbol, size: opts.method === "mc" ? 7 : 6, line: { width: 0 } };
  }
  if (opts.errorY) {
    if (opts.errorY.length !== opts.y.length) {
      throw new Error(`lineTrace "${opts.name}": errorY has length ${opts.errorY.length} but y has length ${opts.y.length}`);
    }
    trace.error_y = { type: "data", array: plain(opts.errorY), visible: true, color, thickness: 1.2, width: 3 };
  }
  if (opts.legendgroup !== undefined) trace.legendgroup = opts.legendgroup;
  if (opts.showlegend !== undefined) trace.showlegend = opts.showlegend;
  if (opts.hovertemplate !== undefined) trace.hovertemplate = opts.hovertemplate;
  return trace;
}

/** Options of `axis`. */
export interface AxisOptions {
  log?: boolean;
  /** Axis range; for log axes give it in data units, it is converted to log10 here. */
  range?: [number, number];
  tickformat?: string;
}

/** An axis layout record with a title; log axes are labelled with powers of ten. */
export function axis(title: string, opts: AxisOptions = {}): Record<string, unknown> {
  const ax: Record<string, unknown> = { title: { text: title }, type: opts.log ? "log" : "linear" };
  if (opts.log) {
    ax.exponentformat = "power";
    ax.showexponent = "all";
  }
  if (opts.range) ax.range = opts.log ? opts.range.map((v) => Math.log10(v)) : [...opts.range];
  if (opts.tickformat) ax.tickformat = opts.tickformat;
  return ax;
}

/** Legend placement of `styleFigure`. */
export type LegendPosition = "right" | "bottom" | "top-left" | "top-right" | "bottom-left" | "bottom-right" | "none";

/** Options of `styleFigure`. */
export interface StyleOptions {
  width?: number;
  height?: number;
  /** Set the figure's title (otherwise the layout's own title, if any, is kept). */
  title?: string;
  /** Legend placement; `right` (outside the plot, never over data) by default. */
  legend?: LegendPosition;
  /**
   * A figure for a paper: no in-figure title (the caption carries it), sized for one column
   * (3.4 in) or the full text width (7 in) at 96 px per inch, with print-sized type (9–10 pt).
   */
  paper?: PaperSize;
}

/** Paper figure widths: one column or the full text width. */
export type PaperSize = "column" | "wide";

/** CSS-pixel size and base font size of a paper figure (96 px per inch; 1 pt = 4/3 px). */
export const PAPER_SIZES: Record<PaperSize, { width: number; height: number; font: number }> = {
  column: { width: 326, height: 250, font: 11 }, // 3.4 × 2.6 in, 8 pt
  wide: { width: 672, height: 300, font: 13 }, // 7 × 3.1 in, 10 pt
};

type Rec = Record<string, unknown>;

function isRecord(v: unknown): v is Rec {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

/** Deep merge: values of `over` win; records are merged recursively; neither argument is mutated. */
function mergeDefaults(defaults: Rec, over: Rec): Rec {
  const out: Rec = { ...defaults };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    out[k] = isRecord(v) && isRecord(out[k]) ? mergeDefaults(out[k] as Rec, v) : v;
  }
  return out;
}

/** A Plotly title given as a string or a record, as a record. */
function titleRecord(t: unknown): Rec | undefined {
  if (t === undefined || t === null || t === "") return undefined;
  if (typeof t === "string") return { text: t };
  return isRecord(t) ? t : undefined;
}

function legendLayout(pos: LegendPosition): Rec {
  const base: Rec = {
    font: { size: 12 },
    bgcolor: "rgba(255,255,255,0.85)",
    bordercolor: "#cccccc",
    borderwidth: 1,
    tracegroupgap: 2,
  };
  switch (pos) {
    case "right":
      return { ...base, x: 1.02, xanchor: "left", y: 1, yanchor: "top", orientation: "v", bgcolor: "rgba(255,255,255,0)", borderwidth: 0 };
    case "bottom":
      return { ...base, x: 0.5, xanchor: "center", y: -0.2, yanchor: "top", orientation: "h", borderwidth: 0 };
    case "top-left":
      return { ...base, x: 0.01, xanchor: "left", y: 0.99, yanchor: "top" };
    case "top-right":
      return { ...base, x: 0.99, xanchor: "right", y: 0.99, yanchor: "top" };
    case "bottom-left":
      return { ...base, x: 0.01, xanchor: "left", y: 0.01, yanchor: "bottom" };
    case "bottom-right":
      return { ...base, x: 0.99, xanchor: "right", y: 0.01, yanchor: "bottom" };
    case "none":
      return {};
  }
}

/** Decades spanned by the positive values of the traces drawn on an axis (by range when given); null if unknown. */
function logDecades(ax: Rec, key: string, data: ReadonlyArray<Rec>): number | null {
  if (Array.isArray(ax.range) && ax.range.length === 2 && ax.range.every((v) => typeof v === "number")) {
    return Math.abs((ax.range[1] as number) - (ax.range[0] as number));
  }
  const letter = key[0];
  const ref = letter + key.slice(5); // "xaxis2" → "x2"; "xaxis" → "x"
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of data) {
    const onAxis = (t[`${letter}axis`] ?? letter) === ref;
    const vals = t[letter];
    if (!onAxis || !Array.isArray(vals)) continue;
    for (const v of vals) {
      if (typeof v === "number" && v > 0 && Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  return lo <= hi ? Math.log10(hi / lo) : null;
}

function axisDefaults(ax: Rec, decades: number | null = null): Rec {
  const d: Rec = {
    showgrid: true,
    gridcolor: GRID_COLOR,
    gridwidth: 1,
    zeroline: false,
    showline: true,
    linecolor: AXIS_COLOR,
    linewidth: 1,
    mirror: true,
    ticks: "outside",
    tickcolor: AXIS_COLOR,
    ticklen: 5,
    tickfont: { size: 12, color: TEXT_COLOR },
    title: { font: { size: 14, color: TEXT_COLOR }, standoff: 8 },
    automargin: true,
  };
  if (ax.type === "log") {
    d.exponentformat = "power";
    d.showexponent = "all";
    // Over a few decades Plotly labels every digit 2…9 (crowded); label only 2 and 5 between powers.
    if (decades !== null && decades >= 0.8 && decades <= 3.5 && ax.dtick === undefined && ax.tickvals === undefined) d.dtick = "D2";
  }
  const merged = mergeDefaults(d, ax);
  if (typeof ax.title === "string") merged.title = { ...(d.title as Rec), text: ax.title };
  return merged;
}

/** Apply the house style to a figure (non-mutating and idempotent; the figure's own settings win). */
export function styleFigure(fig: PlotlyFigure, opts: StyleOptions = {}): PlotlyFigure {
  if (opts.paper !== undefined && !(opts.paper in PAPER_SIZES)) throw new Error(`paper = ${JSON.stringify(opts.paper)}: must be one of ${Object.keys(PAPER_SIZES).join(", ")}`);
  const paper = opts.paper ? PAPER_SIZES[opts.paper] : undefined;
  const src = fig.layout ?? {};
  const title = paper ? undefined : titleRecord(opts.title ?? src.title);
  const hasLegend = src.showlegend !== false && opts.legend !== "none" && fig.data.length > 1;
  const legendPos: LegendPosition = opts.legend ?? "right";
  // entries a legend row holds under a paper figure: fewer when names are long (markup such as <sub> not counted)
  const longest = Math.max(0, ...fig.data.map((t) => String(t.name ?? "").replace(/<[^>]+>/g, "").length));
  const perRow = paper ? Math.max(1, Math.min(paper.width > 500 ? 3 : 2, Math.floor(paper.width / (longest * paper.font * 0.6 + 40)))) : 1;
  const entries = hasLegend ? fig.data.filter((t) => t.showlegend !== false && t.name).length : 0;
  const legendRows = paper && opts.legend === undefined ? Math.ceil(entries / perRow) : 0;

  const defaults: Rec = {
    width: FIGURE_WIDTH,
    height: FIGURE_HEIGHT,
    font: { family: FONT_FAMILY, size: paper?.font ?? 13, color: TEXT_COLOR },
    paper_bgcolor: "#ffffff",
    plot_bgcolor: "#ffffff",
    margin: paper ? { l: 58, r: 10, t: 10, b: 44 + 18 * legendRows, pad: 0 } : { l: 70, r: 20, t: title ? 56 : 20, b: 60, pad: 0 },
    hovermode: "closest",
    hoverlabel: { font: { family: FONT_FAMILY } },
    colorway: [...PALETTE],
  };
  if (hasLegend) {
    defaults.legend = paper && opts.legend === undefined
      ? // under the plot and its axis title, anchored to the bottom of the figure, in columns
        { ...legendLayout("bottom"), yref: "container", y: 0, yanchor: "bottom", font: { size: paper.font - 1 }, entrywidth: 1 / perRow, entrywidthmode: "fraction" }
      : legendLayout(legendPos);
  }
  const over: Rec = { ...src };
  if (paper) {
    // the paper size wins over the screen size a figure asks for (its proportions are kept when it is taller)
    const w = typeof src.width === "number" ? src.width : FIGURE_WIDTH;
    const h = typeof src.height === "number" ? src.height : FIGURE_HEIGHT;
    over.width = paper.width;
    // a legend goes under the plot (the width is for the data): room for its rows
    over.height = Math.max(paper.height, Math.round((paper.width * h) / w)) + 18 * legendRows;
    delete over.margin;
    if (opts.legend === undefined) delete over.legend;
  }
  if (opts.width !== undefined) over.width = opts.width;
  if (opts.height !== undefined) over.height = opts.height;
  delete over.title;
  if (opts.legend !== undefined && isRecord(src.legend)) {
    // An explicit placement replaces the layout's own legend position but keeps its other settings.
    const { x: _x, y: _y, xanchor: _xa, yanchor: _ya, orientation: _o, ...rest } = src.legend;
    over.legend = rest;
  }
  const layout = mergeDefaults(defaults, over);
  if (opts.legend === "none") layout.showlegend = false;
  if (title) {
    layout.title = mergeDefaults(
      { x: 0.0, xref: "paper", xanchor: "left", y: 0.97, yanchor: "top", font: { size: 16, color: TEXT_COLOR } },
      title,
    );
  }

  // Style every axis present in the layout or referenced by a trace.
  const axisKeys = new Set<string>(["xaxis", "yaxis"]);
  for (const k of Object.keys(layout)) if (/^[xy]axis\d*$/.test(k)) axisKeys.add(k);
  for (const t of fig.data) {
    for (const [ref, letter] of [[t.xaxis, "x"], [t.yaxis, "y"]] as const) {
      if (typeof ref === "string" && /^[xy]\d+$/.test(ref)) axisKeys.add(`${letter}axis${ref.slice(1)}`);
    }
  }
  for (const k of axisKeys) {
    const ax = isRecord(layout[k]) ? (layout[k] as Rec) : {};
    layout[k] = axisDefaults(ax, ax.type === "log" ? logDecades(ax, k, fig.data) : null);
  }

  const data = fig.data.map((t) => structuredClone(t));
  return { data, layout: structuredClone(layout) };
}
