/**
 * Figures of the transformer reuse study (Yan et al., arXiv 2511.13421, Section 6.3 analogue on a
 * Zipf facts language). Each is a pure function of the study's result (`reuse.transformer-study`).
 */
import { PAPER_LLM_SATURATION_FIT } from "../../../theory/reuse/asymptotics";
import { axis, lineTrace, sequentialColor, styleFigure } from "../../plot/style";
import type { FigureDef, PlotlyFigure } from "../../core/figure";
import { reuseTransformerStudy } from "./study";

type Trace = Record<string, unknown>;
const fmtN = (N: number) => (N >= 1e6 ? `${+(N / 1e6).toPrecision(3)}M` : N >= 1e3 ? `${+(N / 1e3).toPrecision(3)}k` : String(N));
const fig = (title: string, data: Trace[], x: Record<string, unknown>, y: Record<string, unknown>, legend?: "bottom"): PlotlyFigure =>
  styleFigure({ data, layout: { title: { text: title }, xaxis: x, yaxis: y } }, legend ? { legend, height: 520 } : {});
export const reuseTransformerFigures: FigureDef[] = [
  {
    id: "reuse.transformer-loss",
    title: "Transformer: validation loss of K-epoch runs and of one pass over fresh tokens",
    caption:
      "Validation loss (nats per scored value, weighted by Λ_i = i^−b; seed mean) against tokens processed. Coloured: K epochs over N unique tokens, one marker per epoch (K·N tokens). Black: one pass over fresh tokens of the same language (grey dots: measured; line: its non-increasing isotonic fit, interpolated in log tokens, on which each K-epoch loss is located to read N′). Dashed: the fitted power law with a floor, L∞ + c·t^p, over N_min … K_max·N_max (the study's premise: the floor L∞ below half the last loss). Dotted: the loss of a model that knows no fact; the Bayes loss is 0 (every value is determined by its key). Both axes are logarithmic: a power law is a straight line. Settings are this toolkit's defaults, not the paper's (unknown).",
    needs: [reuseTransformerStudy],
    build(res) {
      const r = res.get(reuseTransformerStudy);
      const n = r.curves.length;
      const traces: Trace[] = [
        lineTrace({ x: r.onePassMean.tokens, y: r.onePassMean.valLoss, name: "one pass (measured)", method: "reference", mode: "markers", color: "#9a9a9a" }),
        lineTrace({ x: r.curve.t, y: r.curve.loss, name: "one pass (monotone fit)", method: "reference", dash: "solid", width: 2 }),
      ];
      r.curves.forEach((c, i) =>
        traces.push(lineTrace({ x: r.K.map((k) => k * c.N), y: c.valLoss, name: `N = ${fmtN(c.N)}, K = 1…${r.config.Kmax}`, method: "mc", mode: "lines+markers", color: sequentialColor(i, n) })),
      );
      const t = r.onePassMean.tokens;
      const f = r.onePassFit;
      if (f) {
        const grid = Array.from({ length: 40 }, (_, i) => f.range[0] * Math.pow(f.range[1] / f.range[0], i / 39));
        traces.push(lineTrace({ x: grid, y: grid.map((x) => f.floor + f.coefficient * Math.pow(x, f.exponent)), name: `fit ${f.floor.toPrecision(2)} + c·t^${f.exponent.toFixed(2)}`, method: "theory" }));
      }
      traces.push(lineTrace({ x: [t[0], t[t.length - 1]], y: [r.chanceLoss, r.chanceLoss], name: "knows no fact", method: "paper" }));
      return fig(`Validation loss vs tokens processed (${r.config.model.layers}-layer GPT, d = ${r.config.model.dModel})`, traces, axis("tokens processed", { log: true }), axis("validation loss (nats per value, weighted)", { log: true }));
    },
  },
  {
    id: "reuse.transformer-e-vs-k",
    title: "Transformer: effective reuse rate E(K,N) against epochs K",
    caption:
      "E(K,N) = N′/N, where one pass over N′ fresh tokens reaches the validation loss of K epochs over N unique tokens (seed-mean losses; bars: ±1 standard error of the per-seed E, each seed's runs located on its own one-pass curve). Dashed: E = K (repeated tokens as good as fresh); dash-dot: Muennighoff et al.'s E_M(K) (R* = 15.39), which does not depend on N. With a constant learning rate the K-epoch loss rises again once the model overfits, so E falls after its peak. Missing points: the loss lies outside the one-pass curve's range.",
    needs: [reuseTransformerStudy],
    build(res) {
      const r = res.get(reuseTransformerStudy);
      const n = r.curves.length;
      const traces: Trace[] = r.curves.map((c, i) =>
        lineTrace({ x: r.K, y: c.E, name: `N = ${fmtN(c.N)}`, method: "mc", mode: "lines+markers", color: sequentialColor(i, n), errorY: c.Ese.map((s) => (Number.isFinite(s) ? s : 0)) }),
      );
      traces.push(lineTrace({ x: r.K, y: r.K, name: "E = K", method: "reference" }));
      traces.push(lineTrace({ x: r.K, y: r.muennighoff, name: "Muennighoff E<sub>M</sub>(K)", method: "muennighoff" }));
      return fig("E(K,N) vs K — small transformer, Zipf facts", traces, axis("epochs K", { log: true }), axis("effective reuse rate E(K,N)", { log: true }));
    },
  },
  {
    id: "reuse.transformer-saturation",
    title: "Transformer: saturation point K(0.75, N) against N",
    caption: `The first K at which E(K,N) ≤ 0.75·K (crossing interpolated linearly in K; the paper's tie-breaking is unknown), from seed-mean losses (large markers) and per seed (small), with the least-squares fit a·ln N + b (N in tokens). Dotted: the paper's fit ${PAPER_LLM_SATURATION_FIT.slope}·log N + ${PAPER_LLM_SATURATION_FIT.intercept} (0.3B models, N = 0.2–2B tokens, r = ${PAPER_LLM_SATURATION_FIT.r}) drawn with N in tokens and the natural log — the paper's unit of N and log base are unknown, so only its slope per unit of ln N is comparable, not its level. An N where E/K never fell to 0.75 within K_max is not drawn.`,
    needs: [reuseTransformerStudy],
    build(res) {
      const r = res.get(reuseTransformerStudy);
      const N = r.curves.map((c) => c.N);
      const traces: Trace[] = [];
      const seedN: number[] = [];
      const seedK: number[] = [];
      for (const c of r.curves) for (const k of c.KsatSeeds) if (Number.isFinite(k)) (seedN.push(c.N), seedK.push(k));
      traces.push(lineTrace({ x: seedN, y: seedK, name: "per seed", method: "mc", color: "#e8a27c" }));
      traces.push(lineTrace({ x: N, y: r.curves.map((c) => c.Ksat), name: "seed mean", method: "mc", mode: "markers" }));
      const grid = Array.from({ length: 20 }, (_, i) => N[0] * Math.pow(N[N.length - 1] / N[0], i / 19));
      if (r.fit) {
        const f = r.fit;
        traces.push(
          lineTrace({ x: grid, y: grid.map((x) => f.intercept + f.slope * Math.log(x)), name: `fit ${f.slope.toFixed(2)}·ln N ${f.intercept >= 0 ? "+" : "−"} ${Math.abs(f.intercept).toFixed(2)} (r = ${f.r.toFixed(2)})`, method: "exact" }),
        );
      }
      traces.push(
        lineTrace({
          x: grid,
          y: grid.map((x) => PAPER_LLM_SATURATION_FIT.intercept + PAPER_LLM_SATURATION_FIT.slope * Math.log(x)),
          name: "paper fit 0.80·ln N + 5.21 (unit of N unknown)",
          method: "paper",
        }),
      );
      return fig("Saturation point K(0.75, N) vs N", traces, axis("unique tokens N", { log: true }), axis("K(0.75, N) (epochs)"), "bottom");
    },
  },
];
