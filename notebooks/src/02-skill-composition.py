#!/usr/bin/env python3
"""Generate notebooks/02-skill-composition.ipynb (unexecuted). Execute it with
`node scripts/notebooks-check.js 02` (small scale) or `DATALAWS_SCALE=ci node scripts/notebooks-check.js 02`."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nbgen import code, md, write  # noqa: E402

md(r"""
# 02 — Power-law skill composition

Wang, Dang, Lee, Lyu, *The Power of Power Law: Asymmetry Enables Compositional Reasoning* (arXiv 2604.22951) claim that when a task needs **k skills composed inside one forward pass**, training data whose skill frequencies follow a **power law** trains faster than data with **uniform** skill frequencies — even when the test set is uniform. This notebook runs the paper's toy model end to end: exact formulas, gradient flow, population GD, online SGD on fresh samples, exact loss landscapes, and the claims with honest verdicts.

**What is the paper's and what is ours.** The toy model, the formulas L, ∇L, Var A(w₀), and its two theorems (a CSQ lower bound for uniform skills, a minibatch-SGD upper bound for power-law skills) are the paper's (as summarised by its first author; only the abstract was available as primary text). Every experimental setting here — α values, d, η, batch, budgets, rank bins, thresholds (escape |mean(w⊙w⋆)| > 0.5, solve L_unif < 0.05) — is this toolkit's default: the paper's settings are unknown. The ODE escape exponent 1 + (k−1)(k−2)/k is derived here, not in the paper.
""")
code(r"""
import * as dl from "datalaws";

const scale = dl.notebookScale();
console.log(`datalaws scale: ${scale}`);
""")
md(r"""
## 1. The toy model

d skills carry hidden signs w⋆ ∈ {±1}^d. An example draws k skill indices I₁…I_k i.i.d. from a distribution p over skills; its label is y = ∏ w⋆_{I_t}. The learner has one scalar per skill and predicts f_w = ∏ w_{I_t}. With the weighted alignment A(w) = Σ pᵢ wᵢ w⋆ᵢ and weighted norm B(w) = Σ pᵢ wᵢ², the population square loss is exactly

L(w) = ½(B^k − 2A^k + 1),  ∇L = k D(B^{k−1} w − A^{k−1} w⋆),  D = diag(p).

A coordinate only helps if the *other* k−1 factors already agree: the useful signal k pᵢ A^{k−1} w⋆ᵢ carries the global factor A^{k−1}. At a Gaussian initialisation w₀ ~ 𝒩(0, r²I), Var A(w₀) = r² Σpᵢ²: that is r²/d for uniform p but Θ(r²) for a Zipf law with α > 1. The skill distributions (ranks assigned by a seeded random permutation of the skills — the toolkit's default):
""")
code(r"""
await dl.showFigure("skills.distributions", scale);
dl.showTable([0, 1, 1.2, 1.5, 2].map((alpha) => {
  const s = dl.skillStats(dl.zipfSkills(120, alpha, { seed: 0 }));
  return { α: alpha, p1: s.p1.toPrecision(3), pMin: s.pMin.toPrecision(3), "Σp²": s.sumP2.toPrecision(3), "sd A(w0)/r": s.sdA0OverR.toPrecision(3), "top-10 mass": s.top10.toPrecision(3), "Σp² as d→∞": s.sumP2Limit.toPrecision(3) };
}));
""")
md(r"""
The closed forms are checked against finite differences and Monte Carlo (claims `skills.gradient`, `skills.initial-alignment-variance` below). A quick look at the numbers that matter at k = 6, d = 256, r = 0.5: the typical initial signal k|A₀|^{k−1} and the GD stability limit 2/λ_max of the Hessian at w⋆ (uniform: 2d/k²).
""")
code(r"""
dl.showTable([0, 1.1, 1.5, 2].map((alpha) => {
  const m = dl.skillModel(6, dl.zipfSkills(256, alpha, { seed: 0 }), { seed: 0 });
  const sdA = Math.sqrt(dl.initialAlignmentVariance(m.p, 0.5));
  return { α: alpha, "sd A(w0)": sdA.toPrecision(3), "signal k·sd^5": (6 * sdA ** 5).toExponential(2), "GD limit 2/λmax": dl.gdStabilityLimit(m).toPrecision(4) };
}));
""")
md(r"""
## 2. Uniform p: an exact two-dimensional ODE

For uniform p, gradient flow closes on (A, B): dA/dt = (ηk/d)(A^{k−1} − B^{k−1}A), dB/dt = (2ηk/d)(A^k − B^k). The origin is a high-order saddle and the line A = 0 is invariant. Starting at |A| ≈ r/√d the trajectory creeps: the self term B^{k−1}A first *shrinks* A while B decays, and |A| only grows once |A/√B|^{k−2} > B^{k/2} (the escape condition).
""")
code(r"""
await dl.showFigure("skills.phase-portrait", scale);
""")
md(r"""
Integrating it (adaptive RK4, so 10¹⁶ steps cost a few hundred RK steps) gives the escape time against d. The fitted exponents grow with k and exceed k/2, the CSQ lower bound's rate. The creeping phase explains the exact value: B(τ) decays like τ^{−1/(k−1)}, A like A₀ τ^{−1/(2(k−1))}, and escape needs A^{k−2} ≳ B^{k−1}, which gives steps ∝ d^{1+(k−1)(k−2)/k} at fixed η (derived here and checked numerically; with η ∝ d every exponent drops by one).
""")
code(r"""
await dl.showFigure("skills.ode-escape-vs-d", scale);
""")
md(r"""
## 3. Population gradient descent: three stages

For general p there is no closure, so GD runs in d dimensions (O(d) per step). At d = 1000, k = 4, Zipf α = 1.5, η = 0.3: **stage I** — A(w₀) = Θ(r) gives a descent direction at once; **stage II** — the head rank bins align first and lift A, which multiplies the signal reaching the tail; **stage III** — the tail, with pⱼ ≈ d^{−α}/ζ(α), converges last and dominates the time to solve. Uniform p at the same η stays on the plateau L = ½. At half its own (much larger) stability limit, η = 62.5, uniform also stays there for this seed over 1.5–3·10⁵ steps — but not at every seed: in the claim `skills.three-stages` at `small` scale (seeds 1–3, 3·10⁵ steps) uniform at η = 62.5 escapes at seeds 2 and 3 after 1.3·10⁵ and 1.8·10⁵ steps, about ten times later than Zipf (1.4–1.5·10⁴). That part of the claim as stated ("uniform does not escape") therefore **fails** at small scale; the head→tail ordering holds at every seed.
""")
code(r"""
await dl.showFigure("skills.three-stages", scale);
""")
md(r"""
## 4. Online SGD on fresh samples

The claim that matters in practice: minibatch SGD on fresh samples, each distribution at its own stable learning rate (uniform η = d/36, half of 2d/k²; Zipf α = 1.5 η = 0.2, this toolkit's defaults). At k = 6, d = 256, batch 64 and 2.56M samples uniform never leaves the plateau; the power law escapes in a fraction of seeds — those whose |A(w₀)| happens to be large. Implementations disagree on that fraction at this budget; ours is in the claim table below, with every seed.
""")
code(r"""
await dl.showFigure("skills.sgd-learning-curves", scale);
""")
md(r"""
The same runs from the command line (one JSON line per seed; `--alpha 0` is uniform):

```sh
npm run -s datalaws -- skills sgd --k 6 --d 256 --alpha 1.5 --eta 0.2 --batch 64 --budget 2.56e6 --seeds 16 --json
npm run -s datalaws -- skills sgd --k 6 --d 256 --alpha 0 --eta 7.11 --batch 64 --budget 2.56e6 --seeds 16
```

Samples against d at k = 4 (each distribution at half its own limit). Here the separation is weaker: at k = 4 with a tuned, d-proportional η uniform can escape stochastically, and the fitted exponents come with large standard errors from few seeds. The exponents are reported, not tested.
""")
code(r"""
await dl.showFigure("skills.samples-vs-d", scale);
const sv = (await dl.result("skills.samples-vs-d")) as { series: Array<{ alpha: number; solveFit: { exponent: number; se: number } | null; escapeFit: { exponent: number; se: number } | null; unreachedSolve: number; runs: unknown[] }> };
dl.showTable(sv.series.map((s) => ({
  distribution: s.alpha === 0 ? "uniform" : `Zipf α = ${s.alpha}`,
  "solve exponent": s.solveFit ? `${s.solveFit.exponent.toFixed(2)} ± ${s.solveFit.se.toFixed(2)}` : "—",
  "escape exponent": s.escapeFit ? `${s.escapeFit.exponent.toFixed(2)} ± ${s.escapeFit.se.toFixed(2)}` : "—",
  "runs not solved": `${s.unreachedSolve}/${s.runs.length}`,
  "reference exponent": s.alpha === 0 ? "CSQ d^{k/2} = 2 (asymptotic, log factors); ODE with η ∝ d: 1.5" : "Thm B: ≤ 2α = 3 (upper bound)",
})));
""")
md(r"""
## 5. Loss landscapes at initialisation

A and B are linear and quadratic in w, so the loss on any plane w₀ + a·u + b·v is exact and costs O(1) per grid point. Top row: u = w⋆, v random and p-orthogonal. Bottom row: the top-2 PCA directions of consecutive differences of a GD trajectory (the paper's F8 procedure), with the projected trajectory. Uniform: a symmetric bowl from the self term and no tilt toward ±w⋆ — GD only shrinks w (PC1 explains everything). Zipf: tilted toward w⋆, a descent direction from the start.
""")
code(r"""
await dl.showFigure("skills.landscape-init", scale);
""")
md(r"""
## 6. The α trade-off

With the same η for every α: a larger α puts more mass on the head, so the (head-dominated) training alignment A rises sooner; but its tail is lighter (p_min ≈ d^{−α}/ζ(α)) and aligns later — and since the uniform test weighs every skill equally, the uniform-test loss falls *later* for larger α at these sizes. (With α = 1.2 the head is weak: at d = 1000, seed 1, it does not escape at all.)
""")
code(r"""
await dl.showFigure("skills.alpha-tradeoff", scale);
""")
md(r"""
## 7. The claims, checked

Each statement above is a registered claim; `npm run -s datalaws -- check --only skills --scale small` runs the same objects. Seed sweeps use both cores. At `ci` scale the k = 6 SGD claim runs the full configuration with 8 seeds; `small` uses 16 (the issue asks for ≥ 12), `paper` 48. A failing claim is shown as failing, with its numbers.
""")
code(r"""
const outcomes = await dl.checkClaims("skills", scale, { includeStudies: false }); // the transformer study is notebook 12
dl.showClaims(outcomes);
console.log(`${outcomes.filter((o) => o.verdict === "pass").length}/${outcomes.length} claims pass at scale ${scale}`);
""")
md(r"""
Per-seed detail of the k = 6 escape claim — |A(w₀)| in units of its standard deviation r√Σp², the escape-condition margin, and the samples to escape and to solve (`null`: not within the budget):
""")
code(r"""
const esc = outcomes.find((o) => o.id === "skills.sgd-escape-k6")!;
dl.showTable((esc.details!.perSeed as Array<Record<string, unknown>>).map((r) => ({ ...r, zA0: (r.zA0 as number).toFixed(2), escapeMargin: (r.escapeMargin as number).toFixed(2) })));
""")
md(r"""
## 8. What this does and does not show

- **Failed as stated:** `skills.three-stages` at `small` scale — population GD with uniform p at half its stability limit does escape at 2 of 3 seeds within 3·10⁵ steps (≈ 10× later than Zipf). With a tuned, d-proportional learning rate, uniform is slow, not stuck, in population GD at k = 4 (as SGD can at k = 4).
- **Reproduced in the toy:** uniform composition at k = 6 sits on the L = ½ plateau for the whole budget while a power law escapes in a fraction of seeds, predicted by |A(w₀)|; head bins learn before tail bins; the landscape at initialisation is flat in the useful direction for uniform (signal ∝ d^{−(k−1)/2}) and tilted for the power law; the α trade-off; for odd k = 3 uniform is faster (the SGD upper bound assumes even k).
- **Derived here:** the exact Hessian spectrum at w⋆ (so the stability limit is sharp, checked), and the uniform ODE escape exponent 1 + (k−1)(k−2)/k, which is larger than the CSQ rate k/2 for gradient flow from a random start.
- **Not shown:** anything about transformers or the paper's tasks (another notebook), the paper's own numbers (none are available for the toy), and the constants and polylog factors of the two theorems. The fraction of Zipf seeds that escape at k = 6, d = 256 is an implementation-dependent outcome of a stochastic process at a fixed budget, reported rather than predicted.
""")


write("02-skill-composition.ipynb", sys.argv[1] if len(sys.argv) > 1 else None)
