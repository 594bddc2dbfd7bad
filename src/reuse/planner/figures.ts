/**
 * Figures of the reuse planner: a plan drawn as loss against tokens processed (the fitted one-pass
 * curve, each K's predicted loss at K·N tokens with its interval, Muennighoff et al.'s E_M(K) on the
 * same curve, and measured multi-epoch losses when given), and the planner's validation on the
 * transformer reuse study (E(K,N): measured, predicted from the one-pass curve alone, calibrated, and
 * Muennighoff's).
 */
import type { FigureDef, PlotlyFigure } from "../../core/figure";
import { axis, lineTrace, sequentialColor, styleFigure } from "../../plot/style";
import type { MultiEpochRuns, OnePassCurve } from "./csv";
import { plannerLoss } from "./model";
import type { Plan } from "./plan";
import { plannerStudy } from "./results";

type Trace = Record<string, unknown>;
const fmtN = (N: number) => (N >= 1e6 ? `${+(N / 1e6).toPrecision(3)}M` : N >= 1e3 ? `${+(N / 1e3).toPrecision(3)}k` : String(+N.toPrecision(4)));

/** Asymmetric error bars on a trace (Plotly's error_y with array and arrayminus). */
function withInterval(trace: Trace, y: number[], lo: number[], hi: number[]): Trace {
  const color = (trace.line as { color?: string } | undefined)?.color;
  return { ...trace, error_y: { type: "data", symmetric: false, array: hi.map((h, i) => h - y[i]), arrayminus: lo.map((l, i) => y[i] - l), visible: true, thickness: 1.2, width: 3, ...(color ? { color } : {}) } };
}

/** The plan's figure: loss against tokens processed. */
export function planFigure(curve: OnePassCurve, plan: Plan, runs?: MultiEpochRuns): PlotlyFigure {
  const p = plan.fitted.params;
  const { N } = plan.summary;
  const rows = plan.rows;
  const tMax = Math.max(curve.tokens[curve.tokens.length - 1], ...rows.map((r) => r.K * N));
  const grid = Array.from({ length: 120 }, (_, i) => curve.tokens[0] * Math.pow(tMax / curve.tokens[0], i / 119));
  const x = rows.map((r) => r.K * N);
  const traces: Trace[] = [
    lineTrace({ x: curve.tokens, y: curve.loss, name: "one pass (measured)", method: "reference", mode: "markers", color: "#9a9a9a" }),
    lineTrace({ x: grid, y: grid.map((t) => plannerLoss(p, 1, t)), name: `one pass (fitted: exponent ${((p.a - 1) / p.a).toFixed(3)}, L∞ ${p.Linf.toFixed(3)})`, method: "exact" }),
    withInterval(
      lineTrace({ x, y: rows.map((r) => r.loss), name: `planner: K epochs over N = ${fmtN(N)} (${Math.round(plan.summary.fit.level * 100)}% interval)`, method: "theory", mode: "lines+markers" }),
      rows.map((r) => r.loss),
      rows.map((r) => r.lossLo),
      rows.map((r) => r.lossHi),
    ),
    lineTrace({ x, y: rows.map((r) => r.muennighoffLoss), name: "Muennighoff E<sub>M</sub>(K) on the fitted curve", method: "muennighoff", mode: "lines+markers" }),
  ];
  if (runs) {
    const at = runs.loss.map((_, i) => i).filter((i) => Math.abs(runs.uniqueTokens[i] / N - 1) < 1e-9);
    if (at.length) traces.push(lineTrace({ x: at.map((i) => runs.epochs[i] * N), y: at.map((i) => runs.loss[i]), name: "measured K-epoch losses at this N", method: "mc", mode: "markers" }));
  }
  const s = plan.summary;
  const title = `Plan for N = ${fmtN(N)}: K(${s.lambda}, N) = ${s.saturationK.toPrecision(3)} [${s.saturationLo.toPrecision(3)}, ${s.saturationHi.toPrecision(3)}], Muennighoff ${s.muennighoffSaturationK.toPrecision(3)}`;
  return styleFigure({ data: traces, layout: { title: { text: title }, xaxis: axis("tokens processed (K·N for K epochs)", { log: true }), yaxis: axis("loss") } }, { legend: "bottom", height: 520 });
}

export const plannerFigures: FigureDef[] = [
  {
    id: "reuse.planner-study",
    title: "Reuse planner on the transformer study: E(K,N) measured and predicted",
    caption:
      "E(K,N) of the transformer reuse study (markers, one colour per N: located on the measured one-pass curve), the planner's prediction from the one-pass curve alone with the default β = 0.5, η = 10^−1.5 (dashed; a one-pass curve cannot identify them), and the planner with β, η calibrated on the smallest N's runs (dotted; the other N are held out). Dash-dot: Muennighoff et al.'s E_M(K) (R* = 15.39), the same for every N. Thin dashed: E = K.",
    needs: [plannerStudy],
    build(res) {
      const r = res.get(plannerStudy);
      const n = r.curves.length;
      const traces: Trace[] = [];
      r.curves.forEach((c, i) => {
        const color = sequentialColor(i, n);
        traces.push(lineTrace({ x: r.K, y: c.E, name: `N = ${fmtN(c.N)} measured`, method: "mc", mode: "markers", color, legendgroup: `N${c.N}` }));
        traces.push(lineTrace({ x: r.K, y: c.planE, name: `one pass only`, method: "theory", color, dash: "dash", legendgroup: `N${c.N}`, showlegend: i === 0 }));
        traces.push(lineTrace({ x: r.K, y: c.calE, name: `calibrated on N = ${fmtN(r.calibration.on)}`, method: "theory", color, dash: "dot", legendgroup: `N${c.N}`, showlegend: i === 0 }));
      });
      traces.push(lineTrace({ x: r.K, y: r.muennighoffE, name: "Muennighoff E<sub>M</sub>(K)", method: "muennighoff" }));
      traces.push(lineTrace({ x: r.K, y: r.K, name: "E = K", method: "reference" }));
      return styleFigure(
        { data: traces, layout: { title: { text: "Planner vs measured E(K,N) — transformer reuse study" }, xaxis: axis("epochs K", { log: true }), yaxis: axis("effective reuse rate E(K,N)", { log: true }) } },
        { legend: "bottom", height: 560 },
      );
    },
  },
];
