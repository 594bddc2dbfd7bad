#!/usr/bin/env python3
"""Generate notebooks/02-skill-composition.ipynb (unexecuted). Execute it with
`npm run notebooks:update -- 02` (executes it in place at small; `DATALAWS_SCALE=ci npm run notebooks:check -- 02` checks a copy at ci)."""
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

const scale = dl.setupNotebook(); // the scale (DATALAWS_SCALE, default small), and plotly.js for interactive figures
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

**Premise.** For general p there is no closure, so GD runs in d dimensions (O(d) per step). At d = 1000, k = 4, Zipf α = 1.5, η = 0.3: **stage I** — A(w₀) = Θ(r) gives a descent direction at once; **stage II** — the head rank bins align first and lift A, which multiplies the signal reaching the tail; **stage III** — the tail, with pⱼ ≈ d^{−α}/ζ(α), converges last and dominates the time to solve. For uniform p the theory is sharper still: the exact (A, B) ODE of §2, started from a seed's *own* A₀ = mean(w₀⊙w⋆) and B₀ = mean(w₀²), predicts when population GD escapes.

**Claim** (`skills.three-stages`): on every seed the head bins reach alignment 0.5 strictly before the tail bins, and uniform p escapes when the ODE from that seed's A₀ says — within 1% where the prediction falls inside the step budget (seeds 2 and 3: 133,874 and 183,222 steps predicted, 133,889 and 183,238 measured at η = 62.5, half the stability limit), and not at all where it falls beyond (seed 1 has |A₀| = 0.06 r/√d, predicted ≈ 3·10⁸ steps). An earlier statement ("uniform at half its limit does not escape") held at `ci` only because `ci` used seed 1; `ci` now runs seeds 1 and 2 so that both branches are checked.

**Meaning.** Uniform composition is *slow from a small |A₀|*, not stuck: with a tuned, d-proportional η its escape time is set by how lucky the initial alignment is, exactly as the two-dimensional ODE says. Zipf escapes ~10× sooner on the same seeds because its head gives A₀ = Θ(r). The figure shows seed 1, with the ODE curve (dashed) on top of the uniform GD curve.
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

Samples against d at k = 4 (each distribution at half its own limit). The fitted exponents are close (at `small`: uniform solve 1.14 ± 0.51 and escape 1.16 ± 0.52, Zipf solve 1.14 ± 0.33) — §5 explains why no separation can show here.""")
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
## 5. The two theorems at the sizes we can afford

**Theorem A — premise.** Under uniform skills two sign-vector targets are correlated as ⟨f_{w₁}, f_{w₂}⟩ = (w₁·w₂/d)^k, and Hoeffding plus a union bound promise a family of M = exp(ε²d/4) sign vectors whose pairwise overlaps |w₁·w₂/d| are all ≤ ε. So exponentially many targets are nearly uncorrelated (≤ ε^k), and a correlational-SQ learner needs tolerance ~(log(dq)/d)^{k/2}, i.e. Ω̃(d^{k/2}) samples.

**Claim** (`skills.csq-packing`): the family exists at that size — a greedy pass over seeded random sign vectors keeps all M = 317 candidates it draws at (d, ε) = (256, 0.3) and (1024, 0.15) (no rejection was needed: Hoeffding is loose), no pair of M plain random vectors exceeds ε (Hoeffding allows 2·10⁻⁵ of them), and a Monte Carlo over uniform inputs reproduces (w₁·w₂/d)^k for k = 4 and 6 within 3 standard errors, including a strongly overlapping pair (0.40 at k = 4).

**Theorem B — premise.** Under Zipf(α > 1) minibatch SGD succeeds with Õ(d^{2α}/(ηε)) samples. Comparing with Theorem A's d^{k/2} suggests an advantage only for k > 4α — at α = 1.5 that is k > 6. Our k = 4 samples-vs-d fits show no separation. Is that a failure to reproduce, or what the theory predicts?

**Claim** (`skills.theorem-b-regime`): what the theory predicts. With each distribution at half its own stability limit, the exact dynamics give step exponents d^{(k−1)(k−2)/k} for uniform escape (ODE from the typical A₀ = r/√d, η ∝ d; fitted 1.47, 3.33, 5.25 for k = 4, 6, 8) and d^α for the Zipf tail (population GD at k = 4; fitted 1.53 at `ci`, 1.41 at `small`, against 1.5). At k = 4 both are 1.5 — **no separation is possible** — and the two SGD fits indeed agree within their errors. The separation opens at k = 6 (3.33 against 1.5), but there uniform needs ≈ 1.3·10⁶ ODE steps at d = 64 and 1.3·10⁸ at d = 256, i.e. ≈ 8·10⁷ and 8·10⁹ samples at batch 64: no affordable SGD budget reaches uniform escapes to fit an exponent. At k = 6 the separation shows as "uniform never escapes" (§4), and through the exact ODE, not through an SGD fit.

**Meaning.** The theorem's bounds are bounds: the measured Zipf rate d^α is below the upper bound d^{2α}, and the uniform rate of gradient methods from a random start, d^{(k−1)(k−2)/k} in steps with tuned η, differs from the CSQ rate d^{k/2}. Only their ordering at large k is what the toy can show.
""")
code(r"""
for (const id of ["skills.csq-packing", "skills.theorem-b-regime"]) {
  const [o] = await dl.checkClaims(id, scale, { includeStudies: false });
  dl.showClaims([o]);
}
const tb = (await dl.result("skills.theorem-b-regime")) as { uniform: Array<{ k: number; d: number[]; escapeSteps: number[]; exponent: number; derived: number }>; zipf: { exponent: number | null; se: number | null } };
dl.showTable(tb.uniform.map((u) => ({ k: u.k, "uniform escape exponent (ODE)": u.exponent.toFixed(2), "derived (k−1)(k−2)/k": u.derived.toFixed(2), "Zipf tail exponent (α = 1.5)": tb.zipf.exponent?.toFixed(2) ?? "—", "steps at d = 64": u.escapeSteps[0].toExponential(2), "steps at d = 256": u.escapeSteps[2].toExponential(2) })));
""")
md(r"""
## 6. Ablations: granularity, rank order, curriculum

**Premises** (the paper's ablation findings, §3.6 of the spec): a power law over individual skills beats one over coarse bins; random and reverse rank orders still learn (the effect is not "easy skills first"); uniform + curriculum can work, and power law + curriculum trains faster. All three are run here in the k = 6 SGD setting of §4 (same seeds, budget and η).

**Claims.**
- `skills.granularity`: 6 coarse bins (uniform inside each) escape in fewer seeds than the fine power law (1/8 against 6/8 at `ci`). Why: spreading the head mass over a bin lowers √Σp², the typical |A(w₀)|/r, from 0.44 to 0.14 at d = 256.
- `skills.rank-order`: identity and reverse rank assignments escape at a rate indistinguishable from random ranks (Fisher p > 0.05). In this toy that is exact in distribution — skills are exchangeable, w⋆ and w₀ are i.i.d. — so the test checks the implementation, and there is no "easy first" in the toy to find.
- `skills.curriculum`: a curriculum over k (k = 2 first, then k = 6) rescues uniform — every seed solves, against none without it. The paper's second half **fails** in the toy: power law + curriculum is slower, ≈ 10⁶ samples to solve against ≈ 2·10³ for uniform + curriculum. Once the curriculum removes the flat start, only stage III is left, and the uniform test needs every tail skill, which Zipf samples at p_min ≈ d^{−α}/ζ(α).

**Meaning.** The power law's advantage in the toy is entirely the escape from the flat start (stage I); anything else that provides an escape — here a curriculum — removes it and leaves Zipf's tail cost. (At half the k = 2 stability limit, uniform SGD with batch 64 diverges; the curriculum uses a quarter, and a diverged run is reported as diverged, never as an escape.)
""")
code(r"""
await dl.showFigure("skills.ablations", scale);
""")
md(r"""
## 7. Loss landscapes at initialisation

A and B are linear and quadratic in w, so the loss on any plane w₀ + a·u + b·v is exact and costs O(1) per grid point. Top row: u = w⋆, v random and p-orthogonal. Bottom row: the top-2 PCA directions of consecutive differences of a GD trajectory (the paper's F8 procedure), with the projected trajectory. Uniform: a symmetric bowl from the self term and no tilt toward ±w⋆ — GD only shrinks w (PC1 explains everything). Zipf: tilted toward w⋆, a descent direction from the start.
""")
code(r"""
await dl.showFigure("skills.landscape-init", scale);
""")
md(r"""
## 8. The α trade-off

With the same η for every α: a larger α puts more mass on the head, so the (head-dominated) training alignment A rises sooner; but its tail is lighter (p_min ≈ d^{−α}/ζ(α)) and aligns later — and since the uniform test weighs every skill equally, the uniform-test loss falls *later* for larger α at these sizes. (With α = 1.2 the head is weak: at d = 1000, seed 1, it does not escape at all.)
""")
code(r"""
await dl.showFigure("skills.alpha-tradeoff", scale);
""")
md(r"""
## 9. The claims, checked

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
## 10. What this does and does not show

- **Failed as stated:** `skills.curriculum` — power law + curriculum is not faster than uniform + curriculum in the toy (the tail stage is left once the curriculum removes the flat start). The former failure of `skills.three-stages` was a mis-statement: restated as the theory says (uniform escapes when the ODE from A₀ predicts), it passes on every seed.
- **Why k = 4 shows no separation:** the uniform and Zipf step exponents coincide there (1.5 and 1.5); the separation opens at k ≥ 6, where uniform SGD cannot escape at affordable d (`skills.theorem-b-regime`).
- **Reproduced in the toy:** uniform composition at k = 6 sits on the L = ½ plateau for the whole budget while a power law escapes in a fraction of seeds, predicted by |A(w₀)|; head bins learn before tail bins; the landscape at initialisation is flat in the useful direction for uniform (signal ∝ d^{−(k−1)/2}) and tilted for the power law; the α trade-off; for odd k = 3 uniform is faster (the SGD upper bound assumes even k).
- **Derived here:** the exact Hessian spectrum at w⋆ (so the stability limit is sharp, checked), and the uniform ODE escape exponent 1 + (k−1)(k−2)/k, which is larger than the CSQ rate k/2 for gradient flow from a random start.
- **Not shown:** anything about transformers or the paper's tasks (another notebook), the paper's own numbers (none are available for the toy), and the constants and polylog factors of the two theorems. The fraction of Zipf seeds that escape at k = 6, d = 256 is an implementation-dependent outcome of a stochastic process at a fixed budget, reported rather than predicted.
""")


write("02-skill-composition.ipynb", sys.argv[1] if len(sys.argv) > 1 else None)
