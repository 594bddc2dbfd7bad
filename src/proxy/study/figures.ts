/**
 * Figures of the transformer proxy study (Wang et al., arXiv 2512.24503, main transfer result and
 * loss-vs-lr view, on synthetic task-family recipes). Each is a pure function of the study's result
 * (`proxyTransformerStudy`).
 */
import { axis, categoricalColor, lineTrace, styleFigure } from "../../plot/style";
import type { FigureDef } from "../../core/figure";
import { proxyTransformerStudy, standardAndTiny } from "./study";
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
    title: "Transformer: agreement of proxy recipe rankings with tuned targets, against the proxy learning rate",
    caption:
      "Spearman ρ between the recipe ranking of small proxy GPTs trained at one learning rate (a fixed number of steps, warm-up + cosine) and the ranking of larger target GPTs tuned per recipe (best validation loss over the target learning rates, seed mean). Blue: ranking by the seed-mean proxy loss; grey: each proxy seed's own ranking (bars on the blue curve: ±1 standard error of the per-seed ρ); green: pairwise accuracy (share of recipe pairs ordered as by the target) of the seed-mean ranking. Black diamonds: the same proxies trained longer (the study's long runs, at the standard and the tiny lr), ±1 standard error of the per-seed ρ. Dashed: the proxy tuned per recipe as well (best over its short-run lrs). Dotted: the paper's levels for GPT2-125M → Pythia-1B on 23 real recipes (ρ < 0.75 at the standard lr, > 0.95 at 1e-5). Synthetic recipes, models, lrs and steps are this toolkit's defaults, not the paper's (unknown).",
    needs: [proxyTransformerStudy],
    build(res) {
      const r = res.get(proxyTransformerStudy);
      const lrs = r.agreement.map((a) => a.lr);
      const traces: Trace[] = [];
      r.config.proxy.seeds.forEach((_, k) =>
        traces.push(
          lineTrace({ x: lrs, y: r.agreement.map((a) => a.spearmanSeeds[k]), name: "ρ, single seeds", method: "reference", mode: "markers", color: "#a0a0a0", legendgroup: "seeds", showlegend: k === 0 }),
        ),
      );
      traces.push(
        lineTrace({ x: lrs, y: r.agreement.map((a) => a.mean.spearman), name: "ρ, seed-mean ranking", method: "mc", mode: "lines+markers", color: "#0072B2", errorY: r.agreement.map((a) => (Number.isFinite(a.spearmanSeedSe) ? a.spearmanSeedSe : 0)) }),
      );
      traces.push(lineTrace({ x: lrs, y: r.agreement.map((a) => a.mean.pairwise), name: "pairwise accuracy", method: "mc", mode: "lines+markers", color: "#009E73", dash: "dot" }));
      if (r.agreementLong.length > 0) {
        const long = r.agreementLong;
        // markers only: the long runs are at a few lrs, and a line between them would suggest values in between
        const t = lineTrace({ x: long.map((a) => a.lr), y: long.map((a) => a.mean.spearman), name: `ρ, seed-mean ranking, long runs (${r.config.longProxy!.steps} steps)`, method: "mc", mode: "markers", color: "#000000", errorY: long.map((a) => (Number.isFinite(a.spearmanSeedSe) ? a.spearmanSeedSe : 0)) });
        traces.push({ ...t, marker: { ...(t.marker as Record<string, unknown>), symbol: "diamond", size: 11 } });
      }
      const span = [Math.min(...lrs) / 1.5, Math.max(...lrs) * 1.5];
      traces.push(lineTrace({ x: span, y: [r.tunedProxy.spearman, r.tunedProxy.spearman], name: "proxy tuned per recipe (ρ)", method: "reference", dash: "dash", color: "#555555" }));
      traces.push(lineTrace({ x: span, y: [PAPER_STANDARD_LR_MAX_SPEARMAN, PAPER_STANDARD_LR_MAX_SPEARMAN], name: "paper: ρ < 0.75 at standard lr", method: "paper", color: "#D55E00", dash: "dot" }));
      traces.push(lineTrace({ x: span, y: [PAPER_TINY_LR_MIN_SPEARMAN, PAPER_TINY_LR_MIN_SPEARMAN], name: "paper: ρ > 0.95 at tiny lr", method: "paper", color: "#CC79A7", dash: "dot" }));
      const mark = (lr: number, text: string) => ({ x: Math.log10(lr), y: 1.02, xref: "x", yref: "paper", text, showarrow: false, yanchor: "bottom", font: { size: 11, color: "#555555" } });
      return styleFigure(
        {
          data: traces,
          layout: {
            title: { text: `Proxy (${modelName(r.config.proxy.model)}, ${r.config.proxy.steps} steps) → tuned target (${modelName(r.config.target.model)})<br><sup>${r.recipes.length} recipes; ranking agreement at each proxy lr</sup>` },
            xaxis: axis("proxy learning rate", { log: true }),
            yaxis: axis("agreement with tuned-target ranking", { range: [-1.05, 1.05] }),
            annotations: [mark(r.config.standardLr, "standard"), mark(r.config.tinyLr, "tiny")],
          },
        },
        { legend: "bottom", height: 560 },
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
            annotations: [panelTitle(`proxy: ${modelName(r.config.proxy.model)}, ${r.config.proxy.steps} steps`, (d1[0] + d1[1]) / 2), panelTitle(`target: ${modelName(r.config.target.model)}, ${r.config.target.steps} steps`, (d2[0] + d2[1]) / 2)],
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
      "Each recipe's rank by the seed-mean proxy validation loss (1 = best; ties share the average rank) against its rank by the tuned target loss, at the standard proxy lr (orange) and at the tiny proxy lr (blue); recipes are labelled on the horizontal axis at their target rank. On the dashed diagonal the proxy ranks a recipe exactly as the tuned target does. Settings are this toolkit's defaults, not the paper's (unknown).",
    needs: [proxyTransformerStudy],
    build(res) {
      const r = res.get(proxyTransformerStudy);
      const { standard, tiny } = standardAndTiny(r);
      const tr = Array.from(ranks(r.targetBest));
      const n = r.recipes.length;
      const pts = (a: typeof tiny, name: string, color: string, shift: number): Trace => ({
        ...lineTrace({ x: tr.map((x) => x + shift), y: Array.from(ranks(a.loss)), name: `${name} lr ${a.lr} (ρ = ${a.mean.spearman.toFixed(2)})`, method: "mc", mode: "markers", color }),
        text: r.recipes,
        hovertemplate: "%{text}: target rank %{x}, proxy rank %{y}<extra></extra>",
      });
      return styleFigure(
        {
          data: [
            lineTrace({ x: [0.5, n + 0.5], y: [0.5, n + 0.5], name: "proxy rank = target rank", method: "reference", dash: "dash" }),
            pts(standard, "standard", "#D55E00", -0.12),
            pts(tiny, "tiny", "#0072B2", 0.12),
          ],
          layout: {
            title: { text: `Recipe ranks: proxy vs tuned target (${n} recipes)` },
            xaxis: { ...axis("recipe, by tuned-target rank (1 = best, left)", { range: [0.5, n + 0.5] }), tickvals: tr, ticktext: r.recipes, tickangle: -35, tickfont: { size: 11 } },
            yaxis: { ...axis("proxy rank (1 = best)", { range: [0.5, n + 0.5] }), dtick: 1 },
          },
        },
        { legend: "top-left", height: 620 },
      );
    },
  },
];
