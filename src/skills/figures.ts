/**
 * Figures of the skill-composition result (Wang, Dang, Lee, Lyu, arXiv 2604.22951) on the k-fold
 * multiplicative toy. Each is a pure function of results from ./results.ts; the parameters are this
 * toolkit's defaults, not the paper's (not stated there).
 */
import { pickByScale as pick } from "../core/scale";
import { axis, categoricalColor, lineTrace, sequentialColor, styleFigure } from "../plot/style";
import type { FigureDef, PlotlyFigure } from "../core/figure";
import * as R from "./results";

type Trace = Record<string, unknown>;
const UNIFORM = "#D55E00";
const ZIPF = "#0072B2";

function fig(title: string, data: Trace[], layout: Record<string, unknown>, opts: { height?: number; width?: number; legend?: "right" | "bottom" | "none" | "top-right" | "bottom-left" | "top-left" | "bottom-right" } = {}): PlotlyFigure {
  return styleFigure({ data, layout: { title: { text: title }, ...layout } }, opts);
}

/** A share as a percentage with the digits it needs (0.03 %, 99.97 %, not 0 % and 100 %). */
export function percent(share: number): string {
  const p = 100 * share;
  if (p >= 99.999 && p < 100) return "> 99.999%";
  if (p >= 99.5 && p < 100) return `${(100 - Number((100 - p).toPrecision(1))).toString()}%`;
  if (p >= 10) return `${p.toFixed(0)}%`;
  if (p >= 1) return `${p.toFixed(1)}%`;
  if (p >= 0.001) return `${Number(p.toPrecision(1))}%`;
  return "< 0.001%";
}

/** A colour-bar tick: 0, ±10ⁿ as a power of ten (never an SI prefix such as "100µ"). */
function tickLabel(v: number): string {
  if (v === 0) return "0";
  const e = Math.round(Math.log10(Math.abs(v)));
  const sup = String(e).replace(/-/g, "⁻").replace(/\d/g, (c) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[Number(c)]);
  return `${v < 0 ? "−" : ""}10${sup}`;
}

/** Domains of n side-by-side panels. */
const domains = (n: number, gap = 0.08): Array<[number, number]> =>
  Array.from({ length: n }, (_, i) => {
    const w = (1 - gap * (n - 1)) / n;
    return [i * (w + gap), i * (w + gap) + w];
  });

const panelTitle = (text: string, x: number): Record<string, unknown> => ({ text, x, y: 1.0, xref: "paper", yref: "paper", xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 13 } });

export const skillsFigures: FigureDef[] = [
  {
    id: "skills.distributions",
    title: "Skill distributions: uniform vs power law",
    caption:
      "p_i against frequency rank i for d = 120 skills (the size of S₅): uniform (α = 0) and Zipf p_i ∝ i^−α for α ∈ {1, 1.2, 1.5, 2} (the toolkit's default sweep; the paper's α values are unknown), and a power law over 6 coarse rank bins at α = 1.5 (dashed; the granularity ablation). Log–log axes: Zipf laws are straight lines of slope −α.",
    needs: [R.distributions],
    build(res) {
      const r = res.get(R.distributions);
      const n = r.curves.length;
      const traces: Trace[] = r.curves.map((c, i) =>
        lineTrace({ x: r.rank, y: c.p, name: c.alpha === 0 ? "uniform (α = 0)" : `Zipf α = ${c.alpha}`, method: "exact", color: c.alpha === 0 ? UNIFORM : sequentialColor(i - 1, n - 1) }),
      );
      traces.push(lineTrace({ x: r.rank, y: r.binned, name: "α = 1.5 over 6 coarse bins", method: "exact", color: "#6e6e6e", dash: "dash" }));
      return fig("Skill distributions over d = 120 skills", traces, { xaxis: axis("frequency rank i", { log: true }), yaxis: axis("probability p<sub>i</sub>", { log: true }) });
    },
  },
  {
    id: "skills.sgd-learning-curves",
    title: "Online SGD learning curves: uniform vs power law (k = 6)",
    caption:
      "Uniform-test loss of online minibatch SGD on fresh samples (k = 6, d = 256, r = 0.5, batch 64, 2.56M samples), each distribution at its own stable learning rate: uniform η = d/36 (½ of its GD limit 2d/k²), Zipf α = 1.5 η = 0.2 (≈ 0.8 of its limit; the toolkit's defaults). One curve per seed (the first 3, 6 or 12 seeds of the sweep of claim skills.sgd-escape-k6 at ci, small, paper); circles mark escape (|mean(w⊙w⋆)| > 0.5), diamonds solve (uniform-test loss < 0.05). Uniform stays on the L = ½ plateau; Zipf seeds with a large |A(w₀)| escape, the rest wait.",
    needs: [R.sgdEscapeK6],
    build(res, scale) {
      const r = res.get(R.sgdEscapeK6);
      // the first few seeds of the claim's sweep (every seed would crowd the figure)
      const shown = pick(scale, 3, 6, 12);
      const traces: Trace[] = [];
      let firstU = true;
      let firstZ = true;
      // Zipf first, uniform last: uniform curves are drawn on top of the Zipf seeds that also sit at L = ½
      for (const run of r.runs.filter((o) => o.seed < shown).sort((a, b) => b.alpha - a.alpha)) {
        if (!run.curve) continue;
        const uni = run.alpha === 0;
        const color = uni ? UNIFORM : ZIPF;
        const x = run.curve.samples.map((s) => Math.max(s, r.config.batch));
        traces.push({
          ...lineTrace({ x, y: run.curve.lossUniform, name: uni ? `uniform, η = ${run.eta.toPrecision(3)}` : `Zipf α = 1.5, η = ${run.eta}`, method: "exact", color, width: 1.5, legendgroup: uni ? "u" : "z", showlegend: uni ? firstU : firstZ }),
          hovertemplate: `seed ${run.seed}, |A(w0)|/sd = ${run.zA0.toFixed(2)}<br>%{x} samples, L = %{y:.4f}<extra></extra>`,
        });
        if (uni) firstU = false;
        else firstZ = false;
        const at = (s: number) => {
          let j = 0;
          while (j + 1 < x.length && x[j + 1] <= s) j++;
          return run.curve!.lossUniform[j];
        };
        if (run.escape !== null) traces.push({ type: "scatter", mode: "markers", x: [run.escape], y: [at(run.escape)], marker: { symbol: "circle-open", size: 10, color, line: { width: 2 } }, name: "escape", legendgroup: "esc", showlegend: traces.every((t) => t.name !== "escape") });
        if (run.solve !== null) traces.push({ type: "scatter", mode: "markers", x: [run.solve], y: [0.05], marker: { symbol: "diamond", size: 10, color }, name: "solve (L < 0.05)", legendgroup: "sol", showlegend: traces.every((t) => t.name !== "solve (L < 0.05)") });
      }
      traces.push(lineTrace({ x: [r.config.batch, r.config.budget], y: [0.05, 0.05], name: "solve threshold", method: "reference", showlegend: false }));
      return fig(`Online SGD, k = 6, d = 256: ${Math.min(shown, r.config.seeds)} seeds per distribution`, traces, { xaxis: axis("samples", { log: true, range: [1e4, r.config.budget * 1.1] }), yaxis: axis("uniform-test loss", { log: true }) }, { legend: "bottom", height: 500 });
    },
  },
  {
    id: "skills.three-stages",
    title: "Three stages: head skills first, then the tail (population GD)",
    caption:
      "Population gradient descent (d = 1000, k = 4, r = 0.5), the first seed of claim skills.three-stages whose uniform escape falls within the step budget (seed 2 at ci and small). Left: Zipf α = 1.5 at η = 0.3 — mean alignment w_i w⋆_i in 5 log-spaced rank bins (relative to the global sign the run converges to: even k recovers w⋆ only up to sign): stage I escape, stage II the head bins align and lift A, stage III the tail converges slowly. Right: uniform-test loss of that run against uniform p at η = 0.3 and at ½ its stability limit (η = 62.5), from the same w₀, and (dashed grey) the exact uniform ODE started from this seed's own A₀ = mean(w₀⊙w⋆), B₀ = mean(w₀²) at η = 62.5: the GD curve leaves the plateau where the ODE does, ≈ 10× later than Zipf. A seed with a small |A₀| waits much longer (seed 1: |A₀| = 0.06 r/√d, predicted ≈ 3·10⁸ steps).",
    needs: [R.threeStages],
    build(res) {
      const all = res.get(R.threeStages).seeds;
      // a seed whose uniform escape is within the budget shows the ODE prediction at work
      const r = all.find((x) => x.uniform.escapeStep !== null) ?? all[0];
      const [d1, d2] = domains(2, 0.12);
      const nb = r.zipf.bins.length;
      const x = (t: number[]) => t.map((s) => s + 1);
      // each panel has its own legend under it; the loss curves avoid the rank-bin (viridis) colours
      const traces: Trace[] = r.zipf.binAlignment.map((y, j) => ({
        ...lineTrace({ x: x(r.zipf.t), y, name: `ranks ${r.zipf.bins[j].lo + 1}–${r.zipf.bins[j].hi}`, method: "exact", color: sequentialColor(j, nb) }),
        legend: "legend",
      }));
      const right = (t: Trace): Trace => ({ ...t, xaxis: "x2", yaxis: "y2", legend: "legend2" });
      traces.push(right(lineTrace({ x: x(r.zipf.t), y: r.zipf.lossUniform, name: "Zipf α = 1.5, η = 0.3", method: "exact", color: "#222222" })));
      traces.push(right(lineTrace({ x: x(r.uniform.t), y: r.uniform.lossUniform, name: `uniform, η = ${r.uniform.eta.toPrecision(3)} (½ its limit)`, method: "exact", color: UNIFORM })));
      traces.push(right(lineTrace({ x: x(r.uniform.ode.t), y: r.uniform.ode.loss, name: `uniform ODE from this seed's A₀ (escape at ${r.uniform.predictedEscape === null ? "—" : r.uniform.predictedEscape.toExponential(1)})`, method: "theory", color: "#6e6e6e", dash: "dash" })));
      // drawn last and wider, in its own colour: it lies on the η = 62.5 plateau until that run escapes
      traces.push(right({ ...lineTrace({ x: x(r.uniformSameEta.t), y: r.uniformSameEta.lossUniform, name: "uniform, η = 0.3 (no escape within the run)", method: "exact", color: "#CC79A7", dash: "dot" }), line: { color: "#CC79A7", dash: "dot", width: 3.5 } }));
      const legendUnder = (d: [number, number]) => ({ x: (d[0] + d[1]) / 2, xanchor: "center", y: -0.22, yanchor: "top", orientation: "v", font: { size: 12 }, bgcolor: "rgba(255,255,255,0)", borderwidth: 0 });
      return fig(
        `Three-stage dynamics, d = 1000, k = 4, seed ${r.seed}`,
        traces,
        {
          xaxis: { ...axis("GD step + 1", { log: true }), domain: d1 },
          yaxis: axis("bin mean alignment", { range: [-0.2, 1.05] }),
          xaxis2: { ...axis("GD step + 1", { log: true }), domain: d2, anchor: "y2" },
          yaxis2: { ...axis("uniform-test loss", { log: true }), anchor: "x2" },
          annotations: [panelTitle("Zipf α = 1.5: alignment per rank bin", (d1[0] + d1[1]) / 2), panelTitle("uniform-test loss", (d2[0] + d2[1]) / 2)],
          legend: legendUnder(d1),
          legend2: legendUnder(d2),
          margin: { b: 190 },
        },
        { width: 980, height: 560 },
      );
    },
  },
  {
    id: "skills.phase-portrait",
    title: "Phase portrait of the uniform (A, B) ODE",
    caption:
      "Gradient flow of the toy under uniform p reduces exactly to (A, B): arrows show the direction of (dA/dτ, dB/dτ), curves are RK4 trajectories, squares the fixed points (0,0), (1,1) and, for even k, (−1,1); grey: the boundary A² = B. For k ≥ 3 the origin is a high-order saddle: trajectories near A = 0 collapse toward it and only a large enough |A|/√B escapes.",
    needs: [R.phasePortrait],
    build(res) {
      const r = res.get(R.phasePortrait);
      const doms = domains(3, 0.06);
      const traces: Trace[] = [];
      const layout: Record<string, unknown> = { annotations: [] as unknown[] };
      r.panels.forEach((pnl, i) => {
        const xa = i === 0 ? "x" : `x${i + 1}`;
        const ya = i === 0 ? "y" : `y${i + 1}`;
        layout[i === 0 ? "xaxis" : `xaxis${i + 1}`] = { ...axis("alignment A", { range: [-1.25, 1.25] }), domain: doms[i], anchor: ya };
        layout[i === 0 ? "yaxis" : `yaxis${i + 1}`] = { ...axis(i === 0 ? "weighted norm B" : "", { range: [0, 1.55] }), anchor: xa };
        (layout.annotations as unknown[]).push(panelTitle(`k = ${pnl.k}`, (doms[i][0] + doms[i][1]) / 2));
        const bx: number[] = [];
        for (let a = -1.24; a <= 1.2401; a += 0.02) bx.push(a);
        traces.push({ ...lineTrace({ x: bx, y: bx.map((a) => a * a), name: "A² = B", method: "reference", color: "#999999", showlegend: i === 0 }), xaxis: xa, yaxis: ya });
        // arrows: short segments with an arrow-head marker, length normalised
        const ax: Array<number | null> = [];
        const ay: Array<number | null> = [];
        for (const f of pnl.field) {
          const n = Math.hypot(f.dA, f.dB);
          if (!(n > 0)) continue;
          const L = 0.07;
          ax.push(f.A, f.A + (L * f.dA) / n, null);
          ay.push(f.B, f.B + (L * f.dB) / n, null);
        }
        traces.push({ type: "scatter", mode: "lines+markers", x: ax, y: ay, xaxis: xa, yaxis: ya, line: { color: "#b0b0b0", width: 1 }, marker: { symbol: "arrow", angleref: "previous", size: 6, color: "#b0b0b0" }, name: "flow direction", showlegend: i === 0, hoverinfo: "skip" });
        pnl.trajectories.forEach((t, j) => {
          traces.push({ ...lineTrace({ x: t.A, y: t.B, name: "trajectories", method: "exact", color: categoricalColor(j), width: 1.8, showlegend: false }), xaxis: xa, yaxis: ya });
          traces.push({ type: "scatter", mode: "markers", x: [t.A0], y: [t.B0], xaxis: xa, yaxis: ya, marker: { size: 6, color: categoricalColor(j) }, showlegend: false, hoverinfo: "skip" });
        });
        traces.push({ type: "scatter", mode: "markers", x: pnl.fixed.map((f) => f[0]), y: pnl.fixed.map((f) => f[1]), xaxis: xa, yaxis: ya, marker: { symbol: "square", size: 9, color: "#000" }, name: "fixed points", showlegend: i === 0 });
      });
      return fig("Uniform (A, B) gradient flow", traces, layout, { width: 1050, height: 430, legend: "bottom" });
    },
  },
  {
    id: "skills.ode-escape-vs-d",
    title: "Uniform ODE: escape time against d",
    caption:
      "GD steps for the uniform ODE to reach A = 0.5 from A(0) = r/√d, B(0) = r² (r = 0.5, η = 1), against d for k ∈ {2, 3, 4, 6} (markers), with power-law fits (lines). The exponent grows with k and exceeds k/2 (the CSQ rate): B first decays while A creeps, giving the derived 1 + (k−1)(k−2)/k. With η ∝ d (a fixed fraction of the limit 2d/k²) every exponent drops by one.",
    needs: [R.odeEscape],
    build(res) {
      const r = res.get(R.odeEscape);
      const traces: Trace[] = [];
      r.rows.forEach((row, i) => {
        const color = sequentialColor(i, r.rows.length);
        traces.push(lineTrace({ x: row.d, y: row.escapeSteps, name: `k = ${row.k}: ODE`, method: "exact", color, mode: "markers" }));
        traces.push(lineTrace({ x: row.d, y: row.d.map((d) => row.fit.coefficient * d ** row.fit.exponent), name: `fit ∝ d<sup>${row.fit.exponent.toFixed(2)}</sup> (derived ${row.derived.toFixed(2)})`, method: "theory", color }));
      });
      return fig("Uniform ODE escape time vs d (η = 1)", traces, { xaxis: axis("number of skills d", { log: true }), yaxis: axis("GD steps to A = 0.5", { log: true }) });
    },
  },
  {
    id: "skills.landscape-init",
    title: "Loss landscape at initialisation: uniform vs power law",
    caption:
      "Exact training loss (no sampling) around the same w₀ ~ 𝒩(0, r²I) (k = 6, d = 256, r = 0.5, seed 0), minus L(w₀). Top: the plane w₀ + a·w⋆ + b·v, v random and p-orthogonal to w⋆. Bottom: the top-2 PCA directions of consecutive differences of a population-GD trajectory (η = ½ of each limit, 4000 steps), with the projected trajectory (white). Colours: red = below L(w₀), blue = above, on a signed logarithmic scale (labelled in L − L(w₀)) so that small descents and large ascents both show. Uniform: a symmetric bowl (the shrinking self term) with no tilt toward ±w⋆ — flat in the useful direction; Zipf: tilted toward w⋆ with a descent direction from the start.",
    needs: [R.landscapes],
    build(res) {
      const r = res.get(R.landscapes);
      const doms = domains(2, 0.16);
      const traces: Trace[] = [];
      const layout: Record<string, unknown> = { annotations: [] as unknown[] };
      const rows: Array<[number, number]> = [[0.55, 0.94], [0, 0.4]];
      let q = 0;
      r.runs.forEach((run, i) => {
        for (const [row, g] of [[0, run.star], [1, run.pca]] as const) {
          q++;
          const xa = q === 1 ? "x" : `x${q}`;
          const ya = q === 1 ? "y" : `y${q}`;
          const name = run.alpha === 0 ? "uniform" : `Zipf α = ${run.alpha}`;
          const xt = row === 0 ? "a (along w⋆)" : `PC1 (${percent(run.explained[0])} of the steps' variance)`;
          const yt = row === 0 ? "b (random ⊥)" : `PC2 (${percent(run.explained[1])})`;
          layout[q === 1 ? "xaxis" : `xaxis${q}`] = { ...axis(xt), domain: doms[i], anchor: ya };
          layout[q === 1 ? "yaxis" : `yaxis${q}`] = { ...axis(yt), domain: rows[row], anchor: xa };
          const z = g.z.map((rw) => rw.map((v) => v - run.loss0));
          // signed-log colours, sign(ΔL)·log10(1 + |ΔL|/s) with s a tenth of the deepest descent: the B^k
          // term makes ascents orders of magnitude larger than descents, and a linear scale either hides
          // the descent or saturates most of the panel; the colour bar is labelled in ΔL itself
          const flat = z.flat();
          const s = Math.max(1e-15, -Math.min(...flat), 1e-6 * Math.max(...flat.map(Math.abs))) / 10;
          const f = (v: number) => Math.sign(v) * Math.log10(1 + Math.abs(v) / s);
          const zt = z.map((rw) => rw.map(f));
          const lim = Math.max(...zt.flat().map(Math.abs));
          const mags: number[] = [];
          for (let e = Math.ceil(Math.log10(s)); 10 ** e <= s * (10 ** lim - 1) * 1.0001; e++) mags.push(10 ** e);
          const ticks = [...mags.slice().reverse().map((m) => -m), 0, ...mags];
          traces.push({
            type: "contour",
            x: g.a,
            y: g.b,
            z: zt,
            customdata: z,
            hovertemplate: "a = %{x:.3g}<br>b = %{y:.3g}<br>L − L(w₀) = %{customdata:.3g}<extra></extra>",
            xaxis: xa,
            yaxis: ya,
            colorscale: "RdBu",
            reversescale: true,
            zmin: -lim,
            zmax: lim,
            contours: { coloring: "heatmap", showlines: true },
            line: { width: 0.5, color: "rgba(0,0,0,0.3)" },
            ncontours: 24,
            showscale: true,
            colorbar: {
              len: 0.4,
              y: rows[row][0] + 0.22,
              x: doms[i][1] + 0.01,
              thickness: 10,
              title: { text: "L − L(w₀)", side: "right", font: { size: 11 } },
              tickfont: { size: 10 },
              tickvals: ticks.map(f),
              ticktext: ticks.map(tickLabel),
            },
            name,
          });
          if (row === 1) traces.push({ type: "scatter", mode: "lines+markers", x: run.projection.a, y: run.projection.b, xaxis: xa, yaxis: ya, line: { color: "#ffffff", width: 2 }, marker: { size: 3, color: "#000" }, showlegend: false, name: "trajectory" });
          (layout.annotations as unknown[]).push({ ...panelTitle(`${name}: ${row === 0 ? "w⋆ / random slice" : "PCA of the GD trajectory"}`, (doms[i][0] + doms[i][1]) / 2), y: rows[row][1] });
        }
      });
      layout.margin = { t: 80 };
      return fig("Exact loss landscape around w₀ (k = 6, d = 256)", traces, layout, { width: 1000, height: 900, legend: "none" });
    },
  },
  {
    id: "skills.samples-vs-d",
    title: "Samples to solve against d (online SGD, k = 4)",
    caption:
      "Online SGD (k = 4, r = 0.5, batch 64), each distribution at ½ its own GD stability limit (uniform η = d/16, Zipf α = 1.5 η ≈ 0.1–0.15): samples to escape (open) and to solve (filled) per seed, with log–log fits over the reached runs. Runs that never solve within the budget are drawn at the budget (×) and left out of the fits. At k = 4 with a tuned, d-proportional η uniform is not stuck: the two fits are close, with large standard errors from 4 seeds. The paper's CSQ lower bound d^{k/2} = d² is an asymptotic CSQ bound with log factors; for gradient flow with η ∝ d the uniform ODE predicts d^{(k−1)(k−2)/k} = d^{1.5} for escape. its minibatch-SGD upper bound d^{2α} = d³ is an upper bound. Why no separation can show at k = 4 (both step exponents are 1.5) and where it opens: claim skills.theorem-b-regime.",
    needs: [R.samplesVsD],
    build(res) {
      const r = res.get(R.samplesVsD);
      const traces: Trace[] = [];
      for (const s of r.series) {
        const color = s.alpha === 0 ? UNIFORM : ZIPF;
        const name = s.alpha === 0 ? "uniform" : `Zipf α = ${s.alpha}`;
        const jit = (d: number, seed: number) => d * (1 + 0.03 * (seed - (r.config.seeds - 1) / 2));
        const ok = s.runs.filter((o) => o.solve !== null);
        const esc = s.runs.filter((o) => o.escape !== null);
        const miss = s.runs.filter((o) => o.solve === null);
        traces.push({ type: "scatter", mode: "markers", x: ok.map((o) => jit(o.d, o.seed)), y: ok.map((o) => o.solve), marker: { color, size: 8, symbol: "circle" }, name: `${name}: solve` });
        traces.push({ type: "scatter", mode: "markers", x: esc.map((o) => jit(o.d, o.seed)), y: esc.map((o) => o.escape), marker: { color, size: 8, symbol: "circle-open" }, name: `${name}: escape` });
        if (miss.length) traces.push({ type: "scatter", mode: "markers", x: miss.map((o) => jit(o.d, o.seed)), y: miss.map(() => r.config.budget), marker: { color, size: 9, symbol: "x" }, name: `${name}: not solved` });
        for (const [fit, dash, what] of [[s.solveFit, "solid", "solve"], [s.escapeFit, "dot", "escape"]] as const) {
          if (!fit) continue;
          traces.push(lineTrace({ x: r.config.d, y: r.config.d.map((d) => fit.coefficient * d ** fit.exponent), name: `${name} ${what}: ∝ d<sup>${fit.exponent.toFixed(2)} ± ${fit.se.toFixed(2)}</sup>`, method: "theory", color, dash }));
        }
      }
      return fig(`Samples vs d, k = 4 (${r.config.seeds} seeds per point)`, traces, { xaxis: axis("number of skills d", { log: true }), yaxis: axis("samples", { log: true }) }, { height: 520 });
    },
  },
  {
    id: "skills.alpha-tradeoff",
    title: "The α trade-off: heavier head, lighter tail",
    caption:
      "Population GD (k = 4, r = 0.5, same η = 0.25 for every α, seed 1) for α ∈ {1.2, 1.5, 1.75, 2}. Left: the training alignment |A(t)| = |Σ pᵢ wᵢ w⋆ᵢ|, dominated by the head — larger α rises sooner. Right: mean alignment of the tail rank bin — larger α aligns it later (its skills are rarer), so the uniform-test loss, which needs the tail, also falls later for larger α. α = 1.2 may not escape at all within the run (a weak head; it does not at d = 1000, seed 1).",
    needs: [R.alphaTradeoff],
    build(res) {
      const all = res.get(R.alphaTradeoff);
      // the first seed of the claim's runs
      const r = { config: all.config, curves: all.curves.filter((c) => c.seed === all.config.seeds[0]).map((c) => ({ ...c, tail: c.binAlignment[c.binAlignment.length - 1] })) };
      const [d1, d2] = domains(2, 0.12);
      const traces: Trace[] = [];
      r.curves.forEach((c, i) => {
        const color = sequentialColor(i, r.curves.length);
        const x = c.t.map((t) => t + 1);
        traces.push(lineTrace({ x, y: c.A.map(Math.abs), name: `α = ${c.alpha}`, method: "exact", color, legendgroup: String(c.alpha) }));
        traces.push({ ...lineTrace({ x, y: c.tail, name: `α = ${c.alpha}`, method: "exact", color, legendgroup: String(c.alpha), showlegend: false }), xaxis: "x2", yaxis: "y2" });
      });
      return fig(
        `α trade-off, d = ${r.config.d}, k = 4, η = 0.25`,
        traces,
        {
          xaxis: { ...axis("GD step + 1", { log: true }), domain: d1 },
          yaxis: axis("training alignment |A|", { range: [0, 1.05] }),
          xaxis2: { ...axis("GD step + 1", { log: true }), domain: d2, anchor: "y2" },
          yaxis2: { ...axis("tail-bin mean alignment", { range: [-0.2, 1.05] }), anchor: "x2" },
          annotations: [panelTitle("head: training alignment |A|", (d1[0] + d1[1]) / 2), panelTitle("tail rank bin", (d2[0] + d2[1]) / 2)],
        },
        { width: 980, height: 440, legend: "bottom" },
      );
    },
  },
  {
    id: "skills.ablations",
    title: "Ablations at k = 6: granularity, rank order, curriculum (online SGD)",
    caption:
      "Online SGD in the setting of claim skills.sgd-escape-k6 (k = 6, d = 256, r = 0.5, batch 64, 2.56M samples; Zipf α = 1.5 at η = 0.2, uniform at η = d/36). Left: fraction of seeds that escape (|mean(w⊙w⋆)| > 0.5) — the fine power law with random ranks, the same power law over 6 (and, beyond ci, 24) coarse rank bins of equal size, and the fine power law with identity and reverse rank assignments; error bars are binomial standard errors. Coarse bins spread the head mass and lower |A(w₀)|; rank order cannot matter in the toy (its skills are exchangeable). Right: samples to solve (uniform-test loss < 0.05) per seed with and without a curriculum over k (k = 2 first, at ¼ of its own stability limit, then k = 6); runs that do not solve are drawn at the budget (×). The curriculum rescues uniform; with it, uniform solves far sooner than the power law, whose tail skills are rare (claim skills.curriculum).",
    needs: [R.sgdEscapeK6, R.granularityAblation, R.rankOrderAblation, R.curriculumAblation],
    build(res) {
      const k6 = res.get(R.sgdEscapeK6);
      const gr = res.get(R.granularityAblation);
      const ro = res.get(R.rankOrderAblation);
      const cu = res.get(R.curriculumAblation);
      const escaped = (runs: ReadonlyArray<{ escape: number | null; diverged: boolean }>) => runs.filter((o) => !o.diverged && o.escape !== null).length / runs.length;
      const zipfK6 = k6.runs.filter((o) => o.alpha !== 0);
      const bars: Array<{ name: string; frac: number; n: number; color: string }> = [
        { name: "fine, random ranks", frac: escaped(zipfK6), n: zipfK6.length, color: ZIPF },
        ...gr.variants.map((v) => ({ name: `${v.bins} coarse bins`, frac: escaped(v.runs), n: v.runs.length, color: "#6e6e6e" })),
        ...ro.variants.map((v) => ({ name: `fine, ${v.order} ranks`, frac: escaped(v.runs), n: v.runs.length, color: "#56B4E9" })),
      ];
      const [d1, d2] = domains(2, 0.14);
      const traces: Trace[] = [
        {
          type: "bar",
          x: bars.map((b) => b.name),
          y: bars.map((b) => b.frac),
          marker: { color: bars.map((b) => b.color) },
          error_y: { type: "data", array: bars.map((b) => Math.sqrt((b.frac * (1 - b.frac)) / b.n)), visible: true, color: "#333333" },
          name: "Zipf α = 1.5: escape fraction",
          showlegend: false,
          hovertemplate: "%{x}: %{y:.3f}<extra></extra>",
        },
      ];
      const groups: Array<{ name: string; color: string; runs: ReadonlyArray<{ seed: number; solve: number | null; diverged: boolean }> }> = [
        { name: "uniform", color: UNIFORM, runs: k6.runs.filter((o) => o.alpha === 0) },
        { name: "uniform + curriculum", color: UNIFORM, runs: cu.runs.filter((o) => o.alpha === 0) },
        { name: "Zipf α = 1.5", color: ZIPF, runs: zipfK6 },
        { name: "Zipf + curriculum", color: ZIPF, runs: cu.runs.filter((o) => o.alpha !== 0) },
      ];
      for (const g of groups) {
        const ok = g.runs.filter((o) => !o.diverged && o.solve !== null);
        const miss = g.runs.filter((o) => o.diverged || o.solve === null);
        const curriculum = g.name.includes("curriculum");
        traces.push({ type: "scatter", mode: "markers", x: ok.map(() => g.name), y: ok.map((o) => o.solve), marker: { color: g.color, size: 9, symbol: curriculum ? "diamond" : "circle" }, name: `${g.name}: solved`, xaxis: "x2", yaxis: "y2", showlegend: false });
        if (miss.length) traces.push({ type: "scatter", mode: "markers", x: miss.map(() => g.name), y: miss.map(() => k6.config.budget), marker: { color: g.color, size: 10, symbol: "x" }, name: `${g.name}: not solved`, xaxis: "x2", yaxis: "y2", showlegend: false });
      }
      return fig(
        `Ablations, k = 6, d = 256 (${zipfK6.length} seeds each)`,
        traces,
        {
          xaxis: { ...axis(""), domain: d1, type: "category", tickangle: -30 },
          yaxis: axis("fraction of seeds that escape", { range: [0, 1.05] }),
          xaxis2: { ...axis(""), domain: d2, anchor: "y2", type: "category", tickangle: -30 },
          yaxis2: { ...axis("samples to solve (× = not within the budget)", { log: true }), anchor: "x2" },
          annotations: [panelTitle("Zipf escape: granularity and rank order", (d1[0] + d1[1]) / 2), panelTitle("curriculum over k: samples to solve", (d2[0] + d2[1]) / 2)],
        },
        { width: 980, height: 500, legend: "none" },
      );
    },
  },
];
