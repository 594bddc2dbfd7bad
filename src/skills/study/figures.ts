/**
 * Figures of the transformer skills study (Wang, Dang, Lee, Lyu, arXiv 2604.22951: main figure,
 * one-hop control and per-bin mechanism plots, regenerated on a small GPT). Each is a pure function
 * of the study's result (`skills.transformer-study`).
 */
import { axis, lineTrace, sequentialColor, styleFigure } from "../../plot/style";
import type { FigureDef, PlotlyFigure } from "../../core/figure";
import { skillsTransformerStudy, type SkillsStudyResult, type SkillsTaskSummary } from "./study";

type Trace = Record<string, unknown>;
const UNIFORM = "#D55E00";
const domains = (n: number, gap = 0.08): Array<[number, number]> =>
  Array.from({ length: n }, (_, i) => {
    const w = (1 - gap * (n - 1)) / n;
    return [i * (w + gap), i * (w + gap) + w];
  });
const panelTitle = (text: string, x: number): Record<string, unknown> => ({ text, x, y: 1.0, xref: "paper", yref: "paper", xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 13 } });

/** A readable name of a task with its size. */
export function skillsTaskLabel(t: SkillsTaskSummary): string {
  const s = t.spec;
  const held = s.heldOut ? ", held-out tuples" : "";
  if (s.task === "s5") return `S5 state tracking, k = ${s.k}${held}`;
  if (s.task === "group") return `${s.group} word problem, k = ${s.k}${held}`;
  if (s.task === "arithmetic" && s.operators?.length === 1 && s.operators[0] === "+") return `sum of ${(s.k ?? 0) + 1} residues mod ${s.P}${held}`;
  if (s.task === "arithmetic") return `arithmetic mod ${s.P}, ${(s.k ?? 0) + 1} operands${held}`;
  if (s.task === "multi-hop") return `${s.k}-hop QA, |E| = ${s.entities}, |R| = ${s.relations}${s.heldOut ? ", held-out entities" : ""}`;
  return `one-hop QA (matched control), |E| = ${s.entities}, |R| = ${s.relations}`;
}

const alphaColor = (alpha: number, alphas: number[]) => {
  const pos = alphas.filter((a) => a > 0).sort((a, b) => a - b);
  return alpha === 0 ? UNIFORM : sequentialColor(pos.indexOf(alpha), Math.max(2, pos.length));
};

/**
 * One panel per task, a trace per arm, from `make`. Panels go in a grid of at most two columns, so a
 * four-task study is 2 × 2 at 1000 px wide (a single row of four was 1760 px, shrunk by a notebook to
 * unreadable text).
 */
function panels(r: SkillsStudyResult, title: string, yTitle: string, make: (t: SkillsTaskSummary, xa: string, ya: string, first: boolean) => Trace[], yRange?: [number, number], extra: Trace[] = []): PlotlyFigure {
  const n = r.tasks.length;
  const cols = Math.min(n, 2);
  const rows = Math.ceil(n / cols);
  const xd = domains(cols, 0.1);
  const gap = 0.16;
  const h = (1 - gap * (rows - 1)) / rows;
  const yd = (row: number): [number, number] => [1 - (row + 1) * h - row * gap, 1 - row * (h + gap)];
  const layout: Record<string, unknown> = { title: { text: title }, annotations: [] as unknown[], margin: { t: 95 } };
  const traces: Trace[] = [];
  r.tasks.forEach((t, i) => {
    const [row, col] = [Math.floor(i / cols), i % cols];
    const xa = i === 0 ? "x" : `x${i + 1}`;
    const ya = i === 0 ? "y" : `y${i + 1}`;
    layout[i === 0 ? "xaxis" : `xaxis${i + 1}`] = { ...axis(row === rows - 1 || i + cols >= n ? "training step" : ""), domain: xd[col], anchor: ya };
    layout[i === 0 ? "yaxis" : `yaxis${i + 1}`] = { ...axis(col === 0 ? yTitle : "", yRange ? { range: yRange } : {}), domain: yd(row), anchor: xa };
    (layout.annotations as unknown[]).push({ ...panelTitle(skillsTaskLabel(t), (xd[col][0] + xd[col][1]) / 2), y: yd(row)[1] });
    traces.push(...make(t, xa, ya, i === 0));
  });
  traces.push(...extra);
  return styleFigure({ data: traces, layout }, { width: cols === 1 ? 640 : 1000, height: 150 + 330 * rows, legend: "bottom" });
}

/** A legend-only entry (no data) explaining a line style. */
const styleKey = (name: string, dash: string): Trace => ({ type: "scatter", mode: "lines", x: [null], y: [null], name, line: { color: "#555555", width: 2, dash }, hoverinfo: "skip" });

export const skillsTransformerFigures: FigureDef[] = [
  {
    id: "skills.transformer-accuracy",
    title: "Transformer: uniform-test accuracy over training, uniform vs power-law skill frequencies",
    caption:
      "Exact-match accuracy of the answer on a test set whose skills are uniform, against training step, one panel per task; seed mean with ±1 standard error bars. On a composition task every test problem is a tuple held out from training (a quarter of the tuple space, never in a training batch), so the accuracy measures composition, not recall; the one-hop control tests the facts it trains on (memorisation), matched to the composition task in number of atomic facts, model and steps. Vermilion: uniform training skill frequencies (α = 0); dark shades: power law p ∝ rank^−α over a random ranking of the skills (one ranking per seed, shared with that seed's uniform run, which also shares its initialisation). Same model and hyper-parameters for every run — this toolkit's defaults, not the paper's (unknown). The paper's finding: on composition tasks the power law learns faster even on a uniform test set; on one-hop QA (memorisation) uniform wins.",
    needs: [skillsTransformerStudy],
    build(res) {
      const r = res.get(skillsTransformerStudy);
      return panels(
        r,
        `Uniform-test accuracy (${r.config.model.layers}-layer GPT, d = ${r.config.model.dModel}, ${r.config.seeds.length} seeds)`,
        "uniform-test accuracy",
        (t, xa, ya, first) =>
          t.arms.map((a) => ({
            ...lineTrace({
              x: a.steps,
              y: a.accMean,
              name: a.alpha === 0 ? "uniform (α = 0)" : `power law α = ${a.alpha}`,
              method: "mc",
              mode: "lines+markers",
              color: alphaColor(a.alpha, t.spec.alphas),
              errorY: a.accSe.map((s) => (Number.isFinite(s) ? s : 0)),
            }),
            xaxis: xa,
            yaxis: ya,
            showlegend: first,
          })),
        [-0.02, 1.02],
      );
    },
  },
  {
    id: "skills.transformer-bins",
    title: "Transformer: accuracy per skill-rank bin over training",
    caption:
      "Exact-match accuracy on test sets (held-out tuples on a composition task) whose every skill slot is drawn uniformly from one rank bin (bins of equal size in the seed's random ranking; bin 1 holds the most frequent skills under the power law), seed mean. Solid: power-law training (main α); dotted: uniform training of the same seeds, for which the bins are only labels (every skill is equally frequent) — it shows how hard each bin is in itself (with a small modulus a bin may hold e.g. 0, which makes its problems easier), so compare solid with dotted of the same colour. The paper's mechanism: under the power law the head bins are learned first, then the tail.",
    needs: [skillsTransformerStudy],
    build(res) {
      const r = res.get(skillsTransformerStudy);
      const nb = r.config.bins;
      return panels(
        r,
        `Per-bin accuracy, power law α = ${r.config.alpha} (solid) vs uniform (dotted)`,
        "bin test accuracy",
        (t, xa, ya, first) => {
          const pow = t.arms.find((a) => a.alpha === r.config.alpha)!;
          const uni = t.arms.find((a) => a.alpha === 0)!;
          const out: Trace[] = [];
          pow.binAccMean.forEach((y, b) =>
            out.push({ ...lineTrace({ x: pow.steps, y, name: `bin ${b + 1}${b === 0 ? " (head)" : b === nb - 1 ? " (tail)" : ""}`, method: "mc", mode: "lines+markers", color: sequentialColor(b, nb) }), xaxis: xa, yaxis: ya, showlegend: first }),
          );
          uni.binAccMean.forEach((y, b) =>
            out.push({ ...lineTrace({ x: uni.steps, y, name: `uniform, bin ${b + 1}`, method: "mc", mode: "lines", dash: "dot", color: sequentialColor(b, nb) }), xaxis: xa, yaxis: ya, showlegend: false }),
          );
          return out;
        },
        [-0.02, 1.02],
        [styleKey(`power law α = ${r.config.alpha} (solid)`, "solid"), styleKey("uniform training, same bins (dotted)", "dot")],
      );
    },
  },
  {
    id: "skills.transformer-tail-gradients",
    title: "Transformer: gradient norm on tail-skill problems, head vs random context",
    caption:
      "‖∇_θ L‖ of the batch-mean loss on problems with one skill from the tail rank bin (in a random slot) and the other slots from the head bin (solid) or uniform over all skills (dashed), at parameter checkpoints of the uniform (vermilion) and power-law (dark) runs of the first composition task; mean over the diagnostic batches, the same batches at every checkpoint (paired: same tail skill, slot and operators in both contexts). The paper's stage II: once the head skills are learned, the gradient reaching a tail skill is larger when its context is made of head skills. The first seed is drawn; the claim checks the ratio on every seed (per-seed table in notebook 12).",
    needs: [skillsTransformerStudy],
    build(res) {
      const r = res.get(skillsTransformerStudy);
      const g = r.gradient;
      const traces: Trace[] = [];
      if (g) {
        for (const a of g.arms) {
          const color = a.alpha === 0 ? UNIFORM : sequentialColor(0, 2);
          const label = a.alpha === 0 ? "uniform" : `power law α = ${a.alpha}`;
          traces.push(lineTrace({ x: g.steps, y: a.head, name: `${label}: head context`, method: "mc", mode: "lines+markers", color }));
          traces.push(lineTrace({ x: g.steps, y: a.random, name: `${label}: random context`, method: "mc", mode: "lines+markers", color, dash: "dash" }));
        }
      }
      const title = g ? `Tail-skill gradient norms (${g.task}, seed ${g.seed})` : "Tail-skill gradient norms (not measured in this configuration)";
      return styleFigure({ data: traces, layout: { title: { text: title }, xaxis: axis("training step (checkpoint)"), yaxis: axis("mean ‖∇L‖ on tail-skill batches", { log: true }) } }, { legend: "bottom", height: 520 });
    },
  },
  {
    id: "skills.transformer-landscape",
    title: "Transformer: PCA loss landscape of the uniform and power-law runs",
    caption:
      "Uniform-test loss on the plane θ₀ + a·v₁ + b·v₂ through the initialisation θ₀, where v₁, v₂ are the top-2 principal directions of the consecutive checkpoint differences θ_{t+1} − θ_t of each run (so each panel has its own plane; explained fractions of Σ‖δ‖² in the panel titles), with the checkpoints projected on it (white markers, initialisation = star; a checkpoint lies off the plane, so the colour under its marker is not its own loss). First composition task, first seed. The paper (S5, multi-hop QA) reports a flat patch around the initialisation for uniform training and a descent direction for the power law; which loss it plots and its grid ranges are unknown — here the grid spans each projected trajectory with a 15 % margin.",
    needs: [skillsTransformerStudy],
    build(res) {
      const r = res.get(skillsTransformerStudy);
      const g = r.gradient;
      const traces: Trace[] = [];
      const layout: Record<string, unknown> = { annotations: [] as unknown[] };
      if (g) {
        const all = g.landscapes.flatMap((l) => l.loss.flat());
        const zmin = Math.min(...all);
        const zmax = Math.max(...all);
        const doms = domains(g.landscapes.length, 0.1);
        g.landscapes.forEach((l, i) => {
          const xa = i === 0 ? "x" : `x${i + 1}`;
          const ya = i === 0 ? "y" : `y${i + 1}`;
          layout[i === 0 ? "xaxis" : `xaxis${i + 1}`] = { ...axis("a (along v₁)"), domain: [doms[i][0], doms[i][1] - 0.04], anchor: ya };
          layout[i === 0 ? "yaxis" : `yaxis${i + 1}`] = { ...axis(i === 0 ? "b (along v₂)" : ""), anchor: xa };
          const label = l.alpha === 0 ? "uniform" : `power law α = ${l.alpha}`;
          (layout.annotations as unknown[]).push(panelTitle(`${label} (v₁ ${(100 * l.explained[0]).toFixed(0)} %, v₂ ${(100 * l.explained[1]).toFixed(0)} %)`, (doms[i][0] + doms[i][1]) / 2));
          traces.push({
            type: "contour",
            x: l.a,
            y: l.b,
            z: l.loss,
            zmin,
            zmax,
            colorscale: "Viridis",
            contours: { coloring: "heatmap", showlabels: true, labelfont: { size: 10, color: "white" } },
            showscale: i === g.landscapes.length - 1,
            colorbar: { title: { text: "test loss" }, x: 1.02 },
            xaxis: xa,
            yaxis: ya,
            name: label,
            showlegend: false,
          });
          traces.push({ type: "scatter", mode: "lines+markers", x: l.trajA, y: l.trajB, xaxis: xa, yaxis: ya, line: { color: "white", width: 1.5 }, marker: { color: "white", size: 6, line: { color: "black", width: 1 } }, name: "checkpoints", showlegend: false });
          traces.push({ type: "scatter", mode: "markers", x: [0], y: [0], xaxis: xa, yaxis: ya, marker: { symbol: "star", color: "white", size: 14, line: { color: "black", width: 1 } }, name: "θ₀", showlegend: false });
        });
      }
      const title = g ? `PCA loss landscape, uniform-test loss (${g.task}, seed ${g.seed})` : "PCA loss landscape (not measured in this configuration)";
      return styleFigure({ data: traces, layout: { ...layout, title: { text: title } } }, { width: 1000, height: 480, legend: "none" });
    },
  },
  {
    id: "skills.transformer-alpha",
    title: "Transformer: the exponent trade-off",
    caption:
      "For each task trained with more than one power-law exponent: the area under the uniform-test accuracy curve (mean accuracy over the evaluations — rewards learning early), the final uniform-test accuracy, the head rank bin's accuracy area (how early the head is learned) and the tail rank bin's final accuracy, against α (α = 0 is uniform); held-out tuples on a composition task; seed means with ±1 standard error bars on the first two. The paper's trade-off: a larger α speeds the early, head-driven stage but lightens the tail, which slows the final stage (claim skills.transformer-alpha-tradeoff compares the largest and the smallest power law on the last two). The exponent values the paper used are unknown; α ∈ {0, 1.5, 2} at small is this toolkit's choice.",
    needs: [skillsTransformerStudy],
    build(res) {
      const r = res.get(skillsTransformerStudy);
      const traces: Trace[] = [];
      const tasks = r.tasks.filter((t) => t.arms.length > 2);
      tasks.forEach((t, i) => {
        const x = t.arms.map((a) => a.alpha);
        const lab = tasks.length > 1 ? `${t.task}: ` : "";
        const dash = ["solid", "dash", "dot"][i % 3];
        const fin = (a: (typeof t.arms)[number], b: number) => a.binAccMean[b][a.binAccMean[b].length - 1];
        traces.push(lineTrace({ x, y: t.arms.map((a) => a.auc), name: `${lab}accuracy-curve area (early)`, method: "mc", mode: "lines+markers", color: sequentialColor(0, 4), dash, errorY: t.arms.map((a) => (Number.isFinite(a.aucSe) ? a.aucSe : 0)) }));
        traces.push(lineTrace({ x, y: t.arms.map((a) => a.final), name: `${lab}final accuracy`, method: "mc", mode: "lines+markers", color: sequentialColor(1, 4), dash, errorY: t.arms.map((a) => (Number.isFinite(a.finalSe) ? a.finalSe : 0)) }));
        traces.push(lineTrace({ x, y: t.arms.map((a) => a.binAuc[0]), name: `${lab}head-bin accuracy area (early)`, method: "mc", mode: "lines+markers", color: sequentialColor(2, 4), dash }));
        traces.push(lineTrace({ x, y: t.arms.map((a) => fin(a, a.binAccMean.length - 1)), name: `${lab}final tail-bin accuracy`, method: "mc", mode: "lines+markers", color: sequentialColor(3, 4), dash }));
      });
      const title = tasks.length ? `Exponent trade-off (${tasks.map((t) => skillsTaskLabel(t)).join("; ")})` : "Exponent trade-off (only one power law trained in this configuration)";
      return styleFigure({ data: traces, layout: { title: { text: title }, xaxis: axis("power-law exponent α (0 = uniform)"), yaxis: axis("accuracy", { range: [-0.02, 1.02] }) } }, { legend: "bottom", height: 540 });
    },
  },
];
