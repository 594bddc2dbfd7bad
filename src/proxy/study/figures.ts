/**
 * Figures of the transformer proxy study (Wang et al., arXiv 2512.24503, main transfer result and
 * loss-vs-lr view, on synthetic task-family recipes). Each is a pure function of the study's result
 * (`proxyTransformerStudy`).
 */
import { axis, categoricalColor, lineTrace, styleFigure } from "../../plot/style";
import type { FigureDef } from "../../core/figure";
import { proxyTransformerStudy, regimeComparison, type LrAgreement } from "./study";
import { ranks } from "../../core/stats";
import { PAPER_STANDARD_LR_MAX_SPEARMAN, PAPER_TINY_LR_MIN_SPEARMAN } from "./claims";

type Trace = Record<string, unknown>;
const domains = (n: number, gap = 0.08): Array<[number, number]> =>
  Array.from({ length: n }, (_, i) => {
    const w = (1 - gap * (n - 1)) / n;
    return [i * (w + gap), i * (w + gap) + w];
  });
const panelTitle = (text: string, x: number): Record<string, unknown> => ({ text, x, y: 1.0, xref: "paper", yref: "paper", xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 13 } });
const modelName = (m: { layers: number; dModel: number }) => `${m.layers}-layer GPT, d = ${m.dModel}`;

export const proxyTransformerFigures: FigureDef[] = [
  {
    id: "proxy.transformer-spearman-vs-lr",
    title: "Transformer: agreement of proxy recipe rankings with tuned targets, against the proxy learning rate, in two regimes",
    caption:
      "Spearman ρ between the recipe ranking of small proxy GPTs trained at one learning rate (warm-up + cosine) and the ranking of larger target GPTs tuned per recipe (best validation loss over the target learning rates, seed mean), in the two regimes of the random-feature theory. Blue: a fixed number of steps at every lr; black diamonds: a fixed training time lr × steps (the smaller the lr, the more steps). Bars: ±1 exact-bootstrap standard error over the proxy and the target seeds (targets re-tuned in every resample); grey: each proxy seed's own ranking (fixed steps). Dashed / dash-dotted: the proxy tuned per recipe as well (best over its fixed-steps / fixed-time lrs) against the tuned target — how far the proxy's own optimum ranking is from the target's (the paper's Finding II). Labels: the standard lr (the baseline recipe's best proxy lr, measured) and the reduced lr two decades below. Dotted: the paper's levels for GPT2-125M → Pythia-1B on 23 real recipes (ρ < 0.75 at the standard lr, > 0.95 at 1e-5). Synthetic recipes, models, lrs and steps are this toolkit's defaults, not the paper's (unknown).",
    needs: [proxyTransformerStudy],
    build(res) {
      const r = res.get(proxyTransformerStudy);
      const lrs = r.agreement.map((a) => a.lr);
      const se = (xs: LrAgreement[]) => xs.map((a) => (Number.isFinite(a.spearman.se) ? a.spearman.se : 0));
      const traces: Trace[] = [];
      r.config.proxy.seeds.forEach((_, k) =>
        traces.push(
          lineTrace({ x: lrs, y: r.agreement.map((a) => a.spearmanSeeds[k]), name: "ρ, single proxy seeds (fixed steps)", method: "reference", mode: "markers", color: "#a0a0a0", legendgroup: "seeds", showlegend: k === 0 }),
        ),
      );
      traces.push(lineTrace({ x: lrs, y: r.agreement.map((a) => a.spearman.value), name: `fixed steps (${r.config.proxy.steps} at every lr)`, method: "mc", mode: "lines+markers", color: "#0072B2", errorY: se(r.agreement) }));
      const ft = r.agreementFixedTime;
      const t = lineTrace({ x: ft.map((a) => a.lr), y: ft.map((a) => a.spearman.value), name: `fixed time (lr × steps = ${r.config.fixedTime.time})`, method: "mc", mode: "lines+markers", color: "#000000", dash: "dash", errorY: se(ft) });
      traces.push({ ...t, marker: { ...(t.marker as Record<string, unknown>), symbol: "diamond", size: 11 } });
      const all = [...lrs, ...ft.map((a) => a.lr)];
      const span = [Math.min(...all) / 1.5, Math.max(...all) * 1.5];
      traces.push(lineTrace({ x: span, y: [r.tunedProxy.spearman, r.tunedProxy.spearman], name: "proxy tuned per recipe, fixed steps (ρ)", method: "reference", dash: "dash", color: "#555555" }));
      traces.push(lineTrace({ x: span, y: [r.tunedProxyFixedTime.spearman, r.tunedProxyFixedTime.spearman], name: "proxy tuned per recipe, fixed time (ρ)", method: "reference", dash: "dashdot", color: "#009E73" }));
      traces.push(lineTrace({ x: span, y: [PAPER_STANDARD_LR_MAX_SPEARMAN, PAPER_STANDARD_LR_MAX_SPEARMAN], name: "paper: ρ < 0.75 at standard lr", method: "paper", color: "#D55E00", dash: "dot" }));
      traces.push(lineTrace({ x: span, y: [PAPER_TINY_LR_MIN_SPEARMAN, PAPER_TINY_LR_MIN_SPEARMAN], name: "paper: ρ > 0.95 at tiny lr", method: "paper", color: "#CC79A7", dash: "dot" }));
      const mark = (lr: number, text: string) => ({ x: Math.log10(lr), y: 1.02, xref: "x", yref: "paper", text, showarrow: false, yanchor: "bottom", font: { size: 11, color: "#555555" } });
      return styleFigure(
        {
          data: traces,
          layout: {
            title: { text: `Proxy (${modelName(r.config.proxy.model)}) → tuned target (${modelName(r.config.target.model)})<br><sup>${r.recipes.length} recipes; ranking agreement at each proxy lr, two regimes</sup>` },
            xaxis: axis("proxy learning rate", { log: true }),
            yaxis: axis("Spearman ρ with tuned-target ranking", { range: [-1.05, 1.05] }),
            annotations: [mark(r.standardLr, "standard"), mark(r.reducedLr, "reduced")],
          },
        },
        { legend: "bottom", height: 580 },
      );
    },
  },
  {
    id: "proxy.transformer-loss-vs-lr",
    title: "Transformer: validation loss against learning rate, per recipe (proxy and target)",
    caption:
      "Validation loss (mean over the four clean domains of each domain's per-token loss; seed mean) against the peak learning rate, one colour per recipe. Left: the small proxy at every proxy lr of the sweep (the same number of steps at every lr; at the smallest lrs the loss has barely left its initial value, dotted grey). Right: the larger target at its tuning grid; large markers: each recipe's best lr (its tuned loss, which defines the target ranking). Where curves cross, the recipe ranking depends on the learning rate.",
    needs: [proxyTransformerStudy],
    build(res) {
      const r = res.get(proxyTransformerStudy);
      const [d1, d2] = domains(2, 0.1);
      const traces: Trace[] = [];
      const n = r.recipes.length;
      const lrs = r.config.proxy.lrs;
      const init = r.initialLoss.proxy.reduce((a, b) => a + b, 0) / r.initialLoss.proxy.length;
      traces.push(lineTrace({ x: [Math.min(...lrs), Math.max(...lrs)], y: [init, init], name: "proxy at initialisation", method: "reference", dash: "dot", color: "#a0a0a0" }));
      r.recipes.forEach((name, i) => {
        const color = categoricalColor(i % 8);
        const dash = i < 8 ? "solid" : "dash";
        traces.push(lineTrace({ x: lrs, y: r.agreement.map((a) => a.loss[i]), name, method: "mc", mode: "lines+markers", color, dash, legendgroup: name }));
        traces.push({ ...lineTrace({ x: r.config.target.lrs, y: r.targetLoss.map((row) => row[i]), name, method: "mc", mode: "lines+markers", color, dash, legendgroup: name, showlegend: false }), xaxis: "x2", yaxis: "y2" });
        traces.push({
          ...lineTrace({ x: [r.targetBestLr[i]], y: [r.targetBest[i]], name: `${name} (tuned)`, method: "mc", mode: "markers", color, legendgroup: name, showlegend: false }),
          marker: { color, size: 13, symbol: "star", line: { width: 0 } },
          xaxis: "x2",
          yaxis: "y2",
        });
      });
      return styleFigure(
        {
          data: traces,
          layout: {
            title: { text: `Validation loss vs learning rate, ${n} recipes` },
            xaxis: { ...axis("proxy learning rate", { log: true }), domain: d1 },
            yaxis: axis("validation loss (nats/token)"),
            xaxis2: { ...axis("target learning rate", { log: true }), domain: d2, anchor: "y2" },
            yaxis2: { ...axis("validation loss (nats/token)"), anchor: "x2" },
            annotations: [panelTitle(`proxy: ${modelName(r.config.proxy.model)}, ${r.config.proxy.steps} steps (standard lr ${r.standardLr})`, (d1[0] + d1[1]) / 2), panelTitle(`target: ${modelName(r.config.target.model)}, ${r.config.target.steps} steps`, (d2[0] + d2[1]) / 2)],
          },
        },
        { width: 1000, height: 620, legend: "bottom" },
      );
    },
  },
  {
    id: "proxy.transformer-ranks",
    title: "Transformer: proxy rank against tuned-target rank, per recipe",
    caption:
      "Each recipe's rank by the seed-mean proxy validation loss (1 = best; ties share the average rank) against its rank by the tuned target loss, at the standard proxy lr (orange) and at the reduced proxy lr (blue), in the fixed-time regime (lr × steps the same for both; the fixed-steps regime if the fixed-time sweep lacks either lr); recipes are labelled on the horizontal axis at their target rank. On the dashed diagonal the proxy ranks a recipe exactly as the tuned target does. Settings are this toolkit's defaults, not the paper's (unknown).",
    needs: [proxyTransformerStudy],
    build(res) {
      const r = res.get(proxyTransformerStudy);
      const ft = regimeComparison(r, "fixed-time");
      const x = ft.standard && ft.reduced ? ft : regimeComparison(r, "fixed-steps");
      const regime = x.regime;
      if (!x.standard || !x.reduced) throw new Error(`no regime of this result has runs at both the standard lr ${r.standardLr} and the reduced lr ${r.reducedLr}`);
      const standard = x.standard;
      const tiny = x.reduced;
      const tr = Array.from(ranks(r.targetBest));
      const n = r.recipes.length;
      const pts = (a: LrAgreement, name: string, color: string, shift: number): Trace => ({
        ...lineTrace({ x: tr.map((v) => v + shift), y: Array.from(ranks(a.loss)), name: `${name} lr ${a.lr}, ${a.steps} steps (ρ = ${a.spearman.value.toFixed(2)})`, method: "mc", mode: "markers", color }),
        text: r.recipes,
        hovertemplate: "%{text}: target rank %{x}, proxy rank %{y}<extra></extra>",
      });
      return styleFigure(
        {
          data: [
            lineTrace({ x: [0.5, n + 0.5], y: [0.5, n + 0.5], name: "proxy rank = target rank", method: "reference", dash: "dash" }),
            pts(standard, "standard", "#D55E00", -0.12),
            pts(tiny, "reduced", "#0072B2", 0.12),
          ],
          layout: {
            title: { text: `Recipe ranks: proxy (${regime} regime) vs tuned target (${n} recipes)` },
            xaxis: { ...axis("recipe, by tuned-target rank (1 = best, left)", { range: [0.5, n + 0.5] }), tickvals: tr, ticktext: r.recipes, tickangle: -35, tickfont: { size: 11 } },
            yaxis: { ...axis("proxy rank (1 = best)", { range: [0.5, n + 0.5] }), dtick: 1 },
          },
        },
        { legend: "top-left", height: 620 },
      );
    },
  },
];
