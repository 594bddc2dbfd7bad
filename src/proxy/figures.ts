/**
 * Figures of the proxy-ordering result (Wang et al., "Can Small Training Runs Reliably Guide Data Curation?
 * Rethinking Proxy-Model Practice", arXiv 2512.24503), regenerated as synthetic analogues in the random-feature
 * world. Each is a pure function of results of ./results.ts; the world, recipes, grids and regimes are
 * this toolkit's documented defaults, not the paper's LLM settings.
 */
import { ranks, spearman } from "../core/stats";
import { axis, categoricalColor, lineTrace, sequentialColor, styleFigure } from "../plot/style";
import type { FigureDef, PlotlyFigure } from "../core/figure";
import { rankAgreement } from "../../theory/proxy/ordering";
import { meanLosses } from "./sweepRunner";
import * as R from "./results";

type Trace = Record<string, unknown>;
const fig = (data: Trace[], x: Record<string, unknown>, y: Record<string, unknown>, extra: Record<string, unknown> = {}, legend?: "right" | "bottom" | "top-left" | "top-right" | "bottom-left" | "bottom-right"): PlotlyFigure =>
  styleFigure({ data, layout: { xaxis: x, yaxis: y, ...extra } }, { legend });

/** A vertical reference line drawn as a trace (log axes safe). */
const vline = (x: number, y0: number, y1: number, name: string, dash = "dot", color = "#6e6e6e"): Trace =>
  lineTrace({ x: [x, x], y: [y0, y1], name, method: "reference", dash, color });

const fmtLr = (x: number) => (x >= 0.1 ? x.toPrecision(2) : x.toExponential(1));

/** x-domains of n side-by-side panels. */
const domains = (n: number, gap = 0.07): Array<[number, number]> =>
  Array.from({ length: n }, (_, i) => {
    const w = (1 - gap * (n - 1)) / n;
    return [i * (w + gap), i * (w + gap) + w];
  });

const panelTitle = (text: string, x: number): Record<string, unknown> => ({ text, x, y: 1.0, xref: "paper", yref: "paper", xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 13 } });

const SENSITIVITY_LABEL: Record<string, string> = { lr: "learning rate η", batch: "batch size B", weightDecay: "weight decay ω", steps: "steps T" };

export const proxyFigures: FigureDef[] = [
  {
    id: "proxy.loss-vs-lr",
    title: "Validation loss against proxy learning rate, one curve per recipe",
    caption:
      "Default 16 recipes, online SGD (B = 8) in the fixed-time regime (τ = ηT = 10⁴; 3·10³ at ci), widest proxy of the scale, mean over seeds. Colour = the recipe's rank under the wide target's optimal loss (dark = best). At tiny lr the curves sit in the target's order; as lr grows the SGD-noise excess η σ²_eff tr(H_v)/(4B) lifts the noisy-but-good recipes above the clean-but-worse ones, so the curves cross; beyond the stability edge runs diverge (curves end).",
    needs: [R.sgdFixedTimeSweep],
    build(res) {
      const r = res.get(R.sgdFixedTimeSweep);
      const width = r.config.widths[r.config.widths.length - 1];
      const cells = r.cells.filter((c) => c.width === width);
      const L = meanLosses(cells);
      const rk = ranks(r.target.optimum);
      const order = Array.from(rk.keys()).sort((a, b) => rk[a] - rk[b]);
      const n = order.length;
      const fin = L.flat().filter((v) => Number.isFinite(v));
      const ymin = Math.min(...fin);
      const ymax = Math.max(...fin);
      const ref = R.referenceLrs(r, width);
      const traces: Trace[] = order.map((k, i) =>
        lineTrace({ x: r.config.lrs, y: L.map((row) => row[k]), name: `${i + 1}. ${r.target.names[k]}`, method: "exact", mode: "lines+markers", color: sequentialColor(i, n), width: 1.6 }),
      );
      traces.push(vline(ref.invLambdaMax, ymin, ymax, "1/λ<sub>max</sub>(H<sub>v</sub>)"));
      traces.push(vline(ref.gdEdge, ymin, ymax, "GD edge 2/λ<sub>max</sub>(H<sub>k</sub>)", "dash", "#000000"));
      return fig(traces, axis("proxy learning rate η", { log: true }), axis("validation loss (mean over seeds)"), {
        title: { text: `Validation loss vs lr — width ${width}, fixed time τ = ${r.config.time}` },
        width: 860,
        height: 520,
      });
    },
  },
  {
    id: "proxy.spearman-vs-lr",
    title: "Spearman agreement with the target's optimal-loss ranking against proxy learning rate",
    caption:
      "Spearman ρ between the proxy's validation-loss ranking of the 16 default recipes and the wide target's optimal-loss ranking (L* tuned over lr × steps), mean over seeds. Solid: online SGD Monte Carlo (B = 8) in the fixed-time regime (τ = ηT), per proxy width; dashed: the same regime's exact mean path (the η → 0 limit of E[SGD]) at τ = 10⁴ — the claims' numbers (at ci the Monte Carlo is shortened to τ = 3·10³, the exact path is not); dotted: fixed steps T = 1000 (SGD), which at tiny lr drifts toward the first-order alignment ranking instead. Colour: proxy width; line style: regime (grey key). Vertical lines: 1/λ_max(H_v) (dotted) and the full-batch stability edge (dashed). Paper (LLMs): ρ < 0.75 at the standard lr, > 0.92 below 1e-4.",
    needs: [R.sgdFixedTimeSweep, R.sgdFixedStepsSweep, R.gdFixedTimeSweep],
    build(res) {
      const ft = res.get(R.sgdFixedTimeSweep);
      const fs = res.get(R.sgdFixedStepsSweep);
      const gd = res.get(R.gdFixedTimeSweep);
      const traces: Trace[] = [];
      const nW = ft.config.widths.length;
      // the lr range the Monte Carlo covers; the exact path is drawn over the same range
      const sgdLrs = ft.config.widths.flatMap((w) => [...R.rowsOf(ft, w), ...R.rowsOf(fs, w)].map((r) => r.lr));
      const lo = Math.min(...sgdLrs) / 1.4;
      const hi = Math.max(...sgdLrs) * 1.4;
      // colour = proxy width (one legend entry per width toggles its three curves); line style = regime
      ft.config.widths.forEach((w, i) => {
        const color = categoricalColor(i);
        const group = { legendgroup: `width-${w}` };
        const rows = R.rowsOf(ft, w);
        traces.push({ ...lineTrace({ x: rows.map((r) => r.lr), y: rows.map((r) => r.spearman), errorY: rows.map((r) => (Number.isFinite(r.spearmanSe) ? r.spearmanSe : 0)), name: `proxy width ${w}`, method: "mc", mode: "lines+markers", color }), ...group });
        const g = R.rowsOf(gd, w).filter((r) => r.lr >= lo && r.lr <= hi);
        traces.push({ ...lineTrace({ x: g.map((r) => r.lr), y: g.map((r) => r.spearman), name: `width ${w}: exact mean path`, method: "theory", color }), ...group, showlegend: false });
        const st = R.rowsOf(fs, w);
        traces.push({ ...lineTrace({ x: st.map((r) => r.lr), y: st.map((r) => r.spearman), name: `width ${w}: SGD, fixed steps`, method: "mc", mode: "lines+markers", dash: "dot", color }), ...group, showlegend: false });
      });
      // the key to the line styles, in grey (legend only)
      const key = (name: string, dash: string | undefined, mode: string): Trace => ({ type: "scatter", mode, x: [null], y: [null], name, line: { color: "#555555", width: 2, ...(dash ? { dash } : {}) }, marker: { color: "#555555", size: 6 }, legendgroup: "key", hoverinfo: "skip" });
      traces.push(key(`SGD, fixed time τ = ${ft.config.time}`, undefined, "lines+markers"));
      traces.push(key(`exact mean path, τ = ${gd.config.time}`, "dash", "lines"));
      traces.push(key(`SGD, fixed steps T = ${fs.config.steps}`, "dot", "lines+markers"));
      const ref = R.referenceLrs(ft, ft.config.widths[nW - 1]);
      traces.push({ ...vline(ref.invLambdaMax, -1, 1, "1/λmax(Hv)"), showlegend: false });
      traces.push({ ...vline(ref.gdEdge, -1, 1, "GD stability edge", "dash", "#000000"), showlegend: false });
      const label = (x: number, text: string, anchor: "left" | "right") => ({ x: Math.log10(x), y: -1, xref: "x", yref: "y", text, showarrow: false, xanchor: anchor, yanchor: "bottom", xshift: anchor === "left" ? 4 : -4, font: { size: 11, color: "#444444" } });
      return fig(traces, { ...axis("proxy learning rate η", { log: true }), range: [Math.log10(lo), Math.log10(hi)] }, { ...axis("Spearman ρ vs target optimum"), range: [-1.05, 1.05] }, {
        title: { text: "Ranking agreement vs proxy lr (16 default recipes)" },
        width: 900,
        height: 520,
        annotations: [label(ref.invLambdaMax, "1/λ<sub>max</sub>(H<sub>v</sub>)", "right"), label(ref.gdEdge, "GD edge", "left")],
      });
    },
  },
  {
    id: "proxy.regimes",
    title: "Which ranking each regime tracks: optimal loss or first-order alignment",
    caption:
      "Exact mean path (GD closed form) at proxy width 32, mean over feature seeds (the sweeps the claims judge). Fixed time (τ = ηT = 10⁴) tracks the optimal-loss ranking at every lr below the stability edge. Fixed steps (T = 1000) at tiny lr ranks by the first-order alignment a_k = b_vᵀb_k (ρ → 1 against it) — and on the default recipes the alignment order differs from the optimal-loss order (horizontal line: ρ between the two), so short tiny-lr training picks the wrong recipes here.",
    needs: [R.gdFixedTimeSweep, R.gdFixedStepsSweep],
    build(res) {
      const ft = res.get(R.gdFixedTimeSweep);
      const fs = res.get(R.gdFixedStepsSweep);
      const w = R.PROXY_WIDTH;
      const a = R.rowsOf(ft, w);
      const b = R.rowsOf(fs, w);
      const t = ft.target;
      const alignVsOpt = spearman(t.alignment.map((x) => -x), t.optimum);
      const la = a.map((r) => r.lr);
      const lb = b.map((r) => r.lr);
      const lo = Math.min(la[0], lb[0]);
      const hi = Math.max(la[la.length - 1], lb[lb.length - 1]);
      return fig(
        [
          lineTrace({ x: la, y: a.map((r) => r.spearman), name: `fixed time τ = ${ft.config.time}: vs optimal loss`, method: "exact", color: categoricalColor(0) }),
          lineTrace({ x: la, y: a.map((r) => r.spearmanAlignment), name: `fixed time τ = ${ft.config.time}: vs alignment`, method: "exact", dash: "dash", color: categoricalColor(0) }),
          lineTrace({ x: lb, y: b.map((r) => r.spearman), name: `fixed steps T = ${fs.config.steps}: vs optimal loss`, method: "exact", color: categoricalColor(1) }),
          lineTrace({ x: lb, y: b.map((r) => r.spearmanAlignment), name: `fixed steps T = ${fs.config.steps}: vs alignment`, method: "exact", dash: "dash", color: categoricalColor(1) }),
          lineTrace({ x: [lo, hi], y: [alignVsOpt, alignVsOpt], name: "alignment vs optimal loss", method: "reference" }),
        ],
        axis("proxy learning rate η", { log: true }),
        { ...axis("Spearman ρ"), range: [-1.05, 1.05] },
        { title: { text: `Two tiny-lr regimes (exact, width ${w})` }, width: 860 },
      );
    },
  },
  {
    id: "proxy.rank-map",
    title: "Rank of each recipe against proxy learning rate (bump chart)",
    caption:
      "Ranks (1 = lowest validation loss) of the 16 default recipes from the seed-mean SGD losses in the fixed-time regime at the widest proxy; colour = rank under the wide target's optimal loss. Lines cross as the lr grows: small lr adjustments reorder the recipes (the paper's Figure 3 message); diverged runs tie at the bottom.",
    needs: [R.sgdFixedTimeSweep],
    build(res) {
      const r = res.get(R.sgdFixedTimeSweep);
      const width = r.config.widths[r.config.widths.length - 1];
      const L = meanLosses(r.cells.filter((c) => c.width === width));
      const perLr = L.map((row) => ranks(row));
      const rk = ranks(r.target.optimum);
      const order = Array.from(rk.keys()).sort((a, b) => rk[a] - rk[b]);
      const n = order.length;
      const traces = order.map((k, i) =>
        lineTrace({ x: r.config.lrs, y: perLr.map((p) => p[k]), name: `${i + 1}. ${r.target.names[k]}`, method: "exact", mode: "lines+markers", color: sequentialColor(i, n), width: 1.6 }),
      );
      return fig(traces, axis("proxy learning rate η", { log: true }), { ...axis("rank at this lr (1 = best)"), autorange: "reversed" }, {
        title: { text: `Recipe ranks vs lr — width ${width}, fixed time` },
        width: 860,
        height: 520,
      });
    },
  },
  {
    id: "proxy.regret",
    title: "Top-k decision regret at tiny and large proxy learning rates",
    caption:
      "regret@k = min over the proxy's top-k recipes of the target's optimal loss, minus the best target loss (the paper's regret@k), from the seed-mean SGD losses (fixed time, widest proxy). At the tiniest lr the proxy's top picks contain the target's best recipe almost at once; near 1/λ_max the first picks cost a visible loss of optimality. Paper (LLMs): > 0.25 at the standard lr for small k, ≈ 0 at tiny lr (in its units).",
    needs: [R.regretAtK],
    build(res) {
      const r = res.get(R.regretAtK);
      const traces = r.curves.map((c, i) =>
        lineTrace({ x: c.regret.map((_, k) => k + 1), y: c.regret, name: `η = ${fmtLr(c.lr)}`, method: "exact", mode: "lines+markers", color: sequentialColor(i, r.curves.length) }),
      );
      return fig(traces, axis("k (recipes the proxy shortlists)"), axis("regret@k (target validation loss)"), { title: { text: `Top-k regret — width ${r.width}` } }, "top-right");
    },
  },
  {
    id: "proxy.width",
    title: "Proxy width against agreement with the wide target",
    caption:
      "Spearman ρ against the wide target's optimal-loss ranking (16 default recipes) as the proxy width grows; mean (line) and min–max over feature seeds (bars). Tuned proxy: its own L*(m); tiny-lr proxy: fixed time τ = 10⁴ at η = 10⁻³ (exact mean path). Both are the cells of the exact-GD fixed-time sweep whose η = 10⁻³ column the tiny-lr claims judge (same widths, seeds and target). Narrow proxies are unreliable; above a width threshold both rankings reach their ceiling (Theorem 1: the width error is O(m^−1/2)).",
    needs: [R.gdFixedTimeSweep],
    build(res) {
      const sw = res.get(R.gdFixedTimeSweep);
      const l = R.lrIndex(sw, R.TINY_LR);
      const target = sw.target.optimum;
      const stats = (xs: number[]) => ({ mean: xs.reduce((u, v) => u + v, 0) / xs.length, min: Math.min(...xs), max: Math.max(...xs) });
      const rows = sw.config.widths.map((width) => {
        const cells = sw.cells.filter((c) => c.width === width);
        return {
          width,
          tuned: stats(cells.map((c) => rankAgreement(c.selfOptimum, target).spearman)),
          tiny: stats(cells.map((c) => rankAgreement(c.loss[l], target).spearman)),
        };
      });
      const x = rows.map((q) => q.width);
      const bar = (s: "tuned" | "tiny") => ({
        type: "data",
        symmetric: false,
        array: rows.map((q) => q[s].max - q[s].mean),
        arrayminus: rows.map((q) => q[s].mean - q[s].min),
        visible: true,
        thickness: 1.2,
        width: 3,
      });
      const t1 = lineTrace({ x, y: rows.map((q) => q.tuned.mean), name: "tuned proxy L*(m)", method: "exact", mode: "lines+markers", color: categoricalColor(0) });
      t1.error_y = { ...bar("tuned"), color: categoricalColor(0) };
      const t2 = lineTrace({ x, y: rows.map((q) => q.tiny.mean), name: `tiny-lr proxy (η = ${R.TINY_LR}), fixed time τ = ${sw.config.time}`, method: "exact", mode: "lines+markers", color: categoricalColor(1), dash: "dash" });
      t2.error_y = { ...bar("tiny"), color: categoricalColor(1) };
      return fig([t1, t2], axis("proxy width m", { log: true }), { ...axis("Spearman ρ vs target optimum"), range: [-0.6, 1.05] }, { title: { text: `Width scan (target width ${sw.config.targetWidth}, ${sw.config.seeds} feature seeds)` } }, "bottom-right");
    },
  },
  {
    id: "proxy.agreement-vs-time",
    title: "Tiny-lr proxy agreement with the target against the training time τ = ηT",
    caption:
      "Exact GD mean path (the η → 0 limit of E[SGD]) at the tiny lr η = 10⁻³ for T = τ/η steps, 16 default recipes, against the wide target's optimal-loss ranking; mean over feature seeds with ±1 standard error (Spearman ρ, solid) and Kendall τ-b (dashed), per proxy width. Grey line: ρ = 0.9; dotted vertical: the claims' horizon τ = 10⁴. At short τ the recipes have barely moved from θ₀ = 0 (ranking by first-order alignment); agreement rises as the drift settles and changes little beyond τ ≈ 10⁴ (at scale small it levels off at width 32 and keeps rising slowly at width 128). The horizon is this toolkit's choice, read off this curve; the paper states none.",
    needs: [R.agreementVsTime],
    build(res) {
      const r = res.get(R.agreementVsTime);
      const traces: Trace[] = [];
      r.widths.forEach(({ width, rows }, i) => {
        const color = categoricalColor(i);
        const x = rows.map((q) => q.time);
        traces.push(lineTrace({ x, y: rows.map((q) => q.spearman), errorY: rows.map((q) => (Number.isFinite(q.spearmanSe) ? q.spearmanSe : 0)), name: `width ${width}: Spearman ρ`, method: "exact", mode: "lines+markers", color }));
        traces.push(lineTrace({ x, y: rows.map((q) => q.kendall), errorY: rows.map((q) => (Number.isFinite(q.kendallSe) ? q.kendallSe : 0)), name: `width ${width}: Kendall τ-b`, method: "exact", mode: "lines+markers", dash: "dash", color }));
      });
      const t = r.config.times;
      traces.push(lineTrace({ x: [t[0], t[t.length - 1]], y: [0.9, 0.9], name: "ρ = 0.9", method: "reference" }));
      traces.push(vline(R.FIXED_TIME, -1, 1.02, `claims' horizon τ = ${R.FIXED_TIME}`));
      const lowest = Math.min(0, ...r.widths.flatMap((q) => q.rows.map((x) => x.kendall - (Number.isFinite(x.kendallSe) ? x.kendallSe : 0))));
      return fig(traces, axis("training time τ = ηT", { log: true }), { ...axis("agreement with the target's optimal-loss ranking"), range: [lowest - 0.05, 1.02] }, {
        title: { text: `Agreement vs training time (η = ${R.TINY_LR}, target width ${r.config.targetWidth}, ${r.config.seeds} feature seeds)` },
        width: 860,
        height: 500,
      }, "bottom-right");
    },
  },
  {
    id: "proxy.sensitivity",
    title: "Ranking agreement when one hyperparameter moves (lr, batch size, weight decay, steps)",
    caption:
      "Online SGD proxies (width 32, 16 default recipes) from the standard-lr base η₀ = 1/λ_max(H_v), B = 8, no weight decay, τ = η₀T₀ = 10⁴; one hyperparameter moved at a time (lr at fixed τ, batch, steps at fixed η₀ by ×1/8 … ×8; weight decay 0 … 0.1 (η₀ω ≤ 0.35), drawn at 10⁻⁵ for 0), Spearman ρ against the wide target's optimal-loss ranking, mean over feature seeds ± 1 standard error. The panel title gives each swing (max − min of ρ). In this world the lr and the batch size act together through the SGD-noise excess η σ²_eff tr(H_v)/(4B), so the batch size swings the ranking about as much as the lr (unlike the paper's LLMs); weight decay and steps move it much less. A lr above the stability edge, or B = 1, diverges (ρ of a constant ranking = 0). Paper (LLMs): the lr is by far the most sensitive hyperparameter.",
    needs: [R.sensitivitySweep],
    build(res) {
      const r = res.get(R.sensitivitySweep);
      const doms = domains(r.panels.length);
      const traces: Trace[] = [];
      const layout: Record<string, unknown> = { annotations: [] as unknown[] };
      const WD_ZERO = 1e-5;
      r.panels.forEach((pnl, i) => {
        const xa = i === 0 ? "x" : `x${i + 1}`;
        const ya = i === 0 ? "y" : `y${i + 1}`;
        layout[i === 0 ? "xaxis" : `xaxis${i + 1}`] = { ...axis(SENSITIVITY_LABEL[pnl.parameter], { log: true }), domain: doms[i], anchor: ya };
        layout[i === 0 ? "yaxis" : `yaxis${i + 1}`] = { ...axis(i === 0 ? "Spearman ρ vs target optimum" : ""), range: [-1.05, 1.05], anchor: xa };
        (layout.annotations as unknown[]).push(panelTitle(`${pnl.parameter}: swing ${pnl.swing.toFixed(2)}`, (doms[i][0] + doms[i][1]) / 2));
        const x = pnl.values.map((v) => (pnl.parameter === "weightDecay" && v === 0 ? WD_ZERO : v));
        const baseValue = pnl.parameter === "lr" ? r.base.lr : pnl.parameter === "batch" ? r.base.batch : pnl.parameter === "steps" ? r.base.steps : r.base.weightDecay === 0 ? WD_ZERO : r.base.weightDecay;
        traces.push({ ...lineTrace({ x, y: pnl.spearman, errorY: pnl.spearmanSe.map((e) => (Number.isFinite(e) ? e : 0)), name: "mean ρ over seeds", method: "mc", mode: "lines+markers", color: categoricalColor(0), showlegend: i === 0, legendgroup: "rho" }), xaxis: xa, yaxis: ya });
        traces.push({ ...lineTrace({ x: [baseValue, baseValue], y: [-1, 1], name: "base setting", method: "reference", dash: "dot", showlegend: i === 0, legendgroup: "base" }), xaxis: xa, yaxis: ya });
      });
      return fig(traces, layout.xaxis as Record<string, unknown>, layout.yaxis as Record<string, unknown>, { ...layout, title: { text: `Sensitivity of the ranking (η₀ = ${fmtLr(r.base.lr)}, B = ${r.base.batch}, T₀ = ${r.base.steps})` }, width: 1100, height: 430 }, "bottom");
    },
  },
  {
    id: "proxy.flip-lr",
    title: "Predicted against observed flip learning rates",
    caption:
      "Each point is a recipe pair whose order flips as lr grows. Predicted: the SGD-noise flip, where the drift gap equals η·(σ²_eff,A − σ²_eff,B)·tr_eq(H_v)/(4B). Observed: the crossing of the seed-averaged SGD losses. Circles: every flipping pair of the 10-recipe world (all 45 pairs simulated; width 128, τ = 1000, fine half-octave grid around each prediction; a pair without a crossing on it is counted, not drawn); crosses: default recipes, crossings read off the coarser main sweep grid. Grey band: within a factor of 2.",
    needs: [R.flipSpec10, R.flipDefaultRecipes],
    build(res) {
      const flipping = R.flippingRows(res.get(R.flipSpec10));
      const a = flipping.filter((x) => x.observed !== null);
      const b = res.get(R.flipDefaultRecipes).rows;
      const all = [...a.map((x) => x.discrete), ...a.map((x) => x.observed as number), ...b.map((x) => x.predicted), ...b.map((x) => x.observed)];
      const lo = Math.min(...all) / 1.5;
      const hi = Math.max(...all) * 1.5;
      const within = (p: number, o: number) => o / p >= 0.5 && o / p <= 2;
      const fa = a.filter((x) => within(x.discrete, x.observed as number)).length;
      const fb = b.filter((x) => within(x.predicted, x.observed)).length;
      return fig(
        [
          { type: "scatter", mode: "lines", x: [lo, hi, hi, lo], y: [lo / 2, hi / 2, hi * 2, lo * 2], fill: "toself", fillcolor: "rgba(150,150,150,0.18)", line: { width: 0 }, name: "within ×2", hoverinfo: "skip" },
          lineTrace({ x: [lo, hi], y: [lo, hi], name: "observed = predicted", method: "reference" }),
          {
            ...lineTrace({ x: a.map((x) => x.discrete), y: a.map((x) => x.observed as number), name: `10-recipe world (${fa}/${flipping.length} flipping pairs within ×2${flipping.length > a.length ? `; ${flipping.length - a.length} without a crossing` : ""})`, method: "mc", mode: "markers", color: categoricalColor(0) }),
            text: a.map((x) => `${x.a} vs ${x.b}`),
          },
          {
            ...lineTrace({ x: b.map((x) => x.predicted), y: b.map((x) => x.observed), name: `default recipes (${fb}/${b.length} within ×2)`, method: "mc", mode: "markers", color: categoricalColor(1) }),
            marker: { symbol: "x", size: 7, color: categoricalColor(1) },
            text: b.map((x) => `${x.a} vs ${x.b}`),
          },
        ],
        axis("predicted flip lr", { log: true, range: [lo, hi] }),
        axis("observed flip lr", { log: true, range: [lo, hi] }),
        { title: { text: "Flip lr: predicted (SGD-noise mechanism) vs observed" }, width: 760, height: 560 },
        "bottom-right",
      );
    },
  },
];
