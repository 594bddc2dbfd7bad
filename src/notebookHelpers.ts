/** Small helpers that keep notebooks thin: the scale from the environment, figures and claims by id. */
import { runClaim, type ClaimOutcome } from "./core/claim";
import { SCALES, type Scale } from "./core/scale";
import { ParameterError } from "./core/validate";
import { selectClaims } from "./cli/check";
import { isStudyClaim } from "./studies";
import { figures } from "./figures";
import { show, showMarkdown, showTable } from "./plot/notebook";
import { formatValue } from "./plot/report";
import type { PlotlyFigure } from "./core/figure";

/** The scale notebooks run at: DATALAWS_SCALE (ci | small | paper), default `small`. */
export function notebookScale(): Scale {
  const s = process.env.DATALAWS_SCALE ?? "small";
  if (!(SCALES as readonly string[]).includes(s)) throw new ParameterError("DATALAWS_SCALE", s, `one of ${SCALES.join(", ")}`);
  return s as Scale;
}

/** Build a registered figure by id at a scale (computing or loading its result). */
export async function buildFigure(id: string, scale: Scale = notebookScale()): Promise<PlotlyFigure> {
  const def = figures.find((f) => f.id === id);
  if (!def) throw new ParameterError("figure id", id, `one of ${figures.map((f) => f.id).join(", ")}`);
  return def.build(scale);
}

/** Build and display a registered figure in the notebook, with its caption underneath. */
export async function showFigure(id: string, scale: Scale = notebookScale()): Promise<void> {
  const def = figures.find((f) => f.id === id);
  if (!def) throw new ParameterError("figure id", id, `one of ${figures.map((f) => f.id).join(", ")}`);
  await show(await def.build(scale));
  showMarkdown(`*${def.caption}*`);
}

/**
 * Run the claims of a result (or id prefix) and return their outcomes. `includeStudies: false` leaves
 * out the transformer-study claims (which need their study trained or cached).
 */
export async function checkClaims(
  only: string,
  scale: Scale = notebookScale(),
  opts: { includeStudies?: boolean } = {},
): Promise<ClaimOutcome[]> {
  const out: ClaimOutcome[] = [];
  for (const c of selectClaims(only)) {
    if (opts.includeStudies === false && isStudyClaim(c.id)) continue;
    out.push(await runClaim(c, scale));
  }
  return out;
}

/** Display claim outcomes as a table: verdict, id, measured, predicted, tolerance, seconds. */
export function showClaims(outcomes: ClaimOutcome[]): void {
  showTable(
    outcomes.map((o) => ({
      verdict: o.verdict,
      claim: o.id,
      statement: o.statement,
      measured: formatValue(o.measured),
      predicted: formatValue(o.predicted),
      tolerance: formatValue(o.tolerance),
      seconds: o.seconds.toFixed(1),
    })),
  );
}
