/** Figure types shared by the plot engine and the figure definitions. */
import type { Scale } from "../core/claim";

/** A Plotly figure as plain JSON: traces and layout (plotly.js schema). */
export interface PlotlyFigure {
  data: Array<Record<string, unknown>>;
  layout: Record<string, unknown>;
}

/** A registered figure: a pure function from results to a Plotly figure, with its id and caption. */
export interface FigureDef {
  /** `<result>/<slug>`, e.g. `reuse/e-vs-k`; also the file name under data/figures/. */
  id: string;
  /** Which result: `reuse`, `skills`, `proxy`. */
  result: string;
  title: string;
  /** One or two sentences: what is shown, the parameters, and what to see. */
  caption: string;
  /** Build the figure at a scale (may compute or load results). */
  build(scale: Scale): Promise<PlotlyFigure> | PlotlyFigure;
}
