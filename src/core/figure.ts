/** Figures: pure functions from named results to a Plotly figure, with an id, title and caption. */
import type { Results, ResultDef } from "./result";
import type { Scale } from "./scale";

/** A Plotly figure as plain JSON: traces and layout (plotly.js schema). */
export interface PlotlyFigure {
  data: Array<Record<string, unknown>>;
  layout: Record<string, unknown>;
}

/** A registered figure. */
export interface FigureDef {
  /** `<folder>.<slug>`, e.g. `reuse.e-vs-k-zipf`; also the file name under data/figures/<folder>/ */
  id: string;
  title: string;
  /** One or two sentences: what is shown, the parameters, and what to see. */
  caption: string;
  /** the results it is drawn from */
  needs: readonly ResultDef<any, any>[];
  /** Draw it from its results (pure: no computing, no files). */
  build(results: Results, scale: Scale): PlotlyFigure;
}
