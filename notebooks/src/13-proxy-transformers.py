#!/usr/bin/env python3
"""Generate notebooks/13-proxy-transformers.ipynb (unexecuted). Execute it with
`npm run notebooks:update -- 13` (executes it in place at small; `DATALAWS_SCALE=ci npm run notebooks:check -- 13` checks a copy at ci)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nbgen import code, md, write  # noqa: E402

md(r"""
# 13 — Proxy transformers at a reduced learning rate: do they rank data recipes like tuned targets?

Wang, Wu, Lyu, Zou, Song, Jia, Mittal, *Can Small Training Runs Reliably Guide Data Curation? Rethinking Proxy-Model Practice* (arXiv 2512.24503, ICLR 2026) criticise the usual way of choosing pretraining data: train a small **proxy** model on each candidate recipe with one fixed configuration and pick the recipe with the lowest validation loss. The large-scale team re-tunes its hyperparameters for whatever data it gets, so the question that matters is whether the proxy ranks the recipes like a **larger target tuned per recipe** (the "optimal achievable loss"). Their patch: train the proxy at a **reduced learning rate**. On 23 real recipes they report (as summarised in `data/reference/proxy.json`; the full text was not available) Spearman ρ < 0.75 between a GPT2-125M proxy at its standard lr and tuned Pythia-1B targets, and ρ > 0.95 at lr = 1e-5.

Notebook 03 studies the mechanism in random-feature models. This notebook runs the protocol on real (small) transformers — the toolkit's TensorFlow.js GPT. **What is the paper's and what is ours:** the protocol (fixed-configuration proxies over a learning-rate sweep, targets tuned per recipe, Spearman of the two rankings, diverged runs ranked last) is the paper's; the "domains" (the toolkit's synthetic task families: a Zipf Markov language, modular arithmetic, multi-hop QA, S5 state tracking), the recipes, models, steps, learning rates, optimiser (AdamW, warm-up + cosine to 10 %) and seeds are this toolkit's documented defaults (`dl.proxyTransformer.PROXY_STUDY_CONFIGS`) — the paper's recipes, grids and optimiser are unknown.

**The old design's lesson.** The first version of this study (12 recipes mixing the four domains with mild corruption and duplication; 1-layer d = 16 proxies; 2-layer d = 32 targets tuned over 4 lrs with 2 seeds) could not test the paper: its targets ranked at one fixed lr (3·10⁻³, the best lr of 9 of the 12 recipes) agreed *exactly* with the per-recipe-tuned ranking (ρ = 1.000), so no proxy lr had anything to fix. Its tiny-lr proxies (3·10⁻⁵, 300 steps) moved the loss by 0.03 nats and ranked by first-order alignment (ρ = 0.69 against 0.84 at the standard lr); its long runs reached only lr × steps = 0.06 (ρ = 0.48, while the long standard-lr proxy reached 0.99). The redesign below starts from the premise — recipes whose tuned lrs differ by far more than 4× — and runs the reduced-lr proxies in both regimes of the random-feature theory: a fixed number of steps, and a fixed training time lr × steps.
""")
code(r"""
import * as dl from "datalaws";

const scale = dl.setupNotebook(); // the scale (DATALAWS_SCALE, default small), and plotly.js for interactive figures
console.log(`datalaws scale: ${scale}`);
""")
md(r"""
## 1. Choosing recipes where tuning matters

**What the theory says.** In the random-feature analogue (notebook 03, `theory/proxy/flipStudy.ts`), the loss of recipe k after training at lr η for a fixed time is, to first order, E ℓ_k(η) ≈ D_k + η n_k: a drift term D_k (what the recipe can teach: its loss along the gradient-flow path) plus an lr-proportional excess n_k (SGD noise; near the stability edge, curvature). Two recipes swap order at η_flip = (D_B − D_A)/(n_A − n_B): the recipe with the better drift but the larger lr-sensitivity n wins at small lr and loses at large lr. So a recipe world in which per-recipe tuning reorders recipes needs **pairs whose tuned losses are close but whose lr-sensitivities differ a lot**, with their flip lrs inside the tuning grid; and the reordering at every fixed lr is strongest when the recipes fall into two interleaved groups, one preferring small and one preferring large lrs (one group displaced below the other gives ρ ≈ 0.67 for 4 + 4 recipes).

**What the pilots measured** (single seeds, 400 steps of the 2-layer d = 32 target, kept here as found; see the table): token corruption (`quality`) barely moves a recipe's best lr (q = 0.5: 10⁻², like clean data) — with AdamW and a cosine decay the noise term is annealed away; mixing more or less of the noisy Zipf language moves it little. Two knobs have a large lr-sensitivity n_k, both growing with lr × steps: **duplication** (a small pool is memorised: validation loss rises with lr, best lr 10⁻³ for a fully duplicated pool) and **a rare or missing domain** (the tokens of an unseen domain are pushed down the more the model trains: a missing QA domain costs 6.7 nats on QA at 3·10⁻⁴ and 12 at 3·10⁻³). Clean, complete recipes are the opposite: at 3·10⁻⁴ they have learned little (4.3 nats) and their best lr is 3·10⁻³–3·10⁻². Corruption sets a clean recipe's level without moving its best lr. The study's recipes are built from these ingredients: a high-lr group (clean or corrupted, complete mixtures) and a low-lr group (duplicated pools, rare domains), with tuned losses interleaved.
Pilot validation losses of the target (2-layer d = 32, 400 steps, one seed — seed 1 or 2 — per recipe; 7 pilot batches of 3–10 recipes, about 35 minutes of single-thread training in all, chosen before the study and not part of it). The study's recipes, renamed, first; then a few that were not used. The single seeds make flat curves (uniform: 3.26 / 3.28 / 3.29) undecided between neighbouring lrs; the study's 3 seeds decide.

| pilot recipe | 3·10⁻⁴ | 10⁻³ | 3·10⁻³ | 10⁻² | 3·10⁻² | best lr |
|---|---|---|---|---|---|---|
| uniform | 4.29 | 3.54 | 3.26 | 3.28 | 3.29 | 3·10⁻³ |
| dup-pool256 | 4.50 | 4.07 | 4.26 | 4.84 | 5.05 | 10⁻³ |
| language-dominant | 4.62 | 4.33 | 3.92 | 3.61 | 3.74 | 10⁻² |
| qa-rare-noisy | 4.77 | 4.18 | 4.32 | 4.43 | 4.87 | 10⁻³ |
| language-heavy-noisy | 5.62 | 4.61 | 4.42 | 4.19 | 4.01 | 3·10⁻² |
| dup-pool128 | 4.62 | 4.36 | 4.75 | 5.72 | 6.80 | 10⁻³ |
| language-dominant-noisy | — | 4.73 | 4.67 | 4.54 | 4.41 | 3·10⁻² |
| no-s5 | 4.65 | 4.60 | 5.05 | 4.93 | 4.78 | 10⁻³ |
| dup-pool64 | 4.83 | 4.77 | 5.68 | 7.60 | 8.34 | 10⁻³ |
| all tokens corrupted w.p. 0.7 (not used) | 4.43 | 3.77 | 3.54 | 3.54 | 3.58 | 3·10⁻³ |
| all tokens corrupted w.p. 0.95 (not used) | 4.47 | 3.86 | 3.67 | 3.63 | 3.62 | 3·10⁻² |
| no QA domain (not used) | 4.77 | 4.91 | 5.46 | 5.38 | 5.33 | 3·10⁻⁴ |
| 90 % from a pool of 512 (not used) | 4.37 | 3.76 | 3.57 | 3.64 | 3.76 | 3·10⁻³ |

On these single-seed numbers the fixed-lr rankings of the 9 recipes have ρ = 0.47, 0.72, **0.93**, 0.88, 0.73 against their tuned ranking (3·10⁻⁴ … 3·10⁻²): the lrs at the ends reorder the recipes, the middle one (3·10⁻³, near the optimum of both groups' curves) barely does — the premise was expected to fail there unless the seed means separate the groups more. The low-lr group is worse than the best high-lr recipes at every lr, so the interleaving is only partial: the high-lr group needed heavy corruption (language-dominated mixtures with 90–95 % of tokens replaced) to reach the low-lr group's levels, and no pilot recipe was both good and low-lr-loving. Subsets picked by single-seed ρ reached 0.76 but rode on seed noise of flat curves, so the study keeps the 9 recipes chosen by mechanism.
""")
code(r"""
const cfg = dl.proxyTransformer.proxyStudyConfig(scale);
const fmtW = (w: ArrayLike<number>) => { const a = Array.from(w); const s = a.reduce((x, y) => x + y, 0); return a.map((x) => (x / s).toFixed(2)).join(" / "); };
dl.showTable(cfg.recipes.map((r, i) => ({
  recipe: r.name + (i === 0 ? " (baseline)" : ""),
  "weights (language / arithmetic / qa / s5)": fmtW(r.weights),
  quality: r.quality === undefined ? "1" : typeof r.quality === "number" ? String(r.quality) : Array.from(r.quality).join(" / "),
  duplication: r.duplication ? `${r.duplication.fraction} of examples from a pool of ${r.duplication.poolSize}` : "none",
})));
const side = (name: string, m: typeof cfg.proxy.model, lrs: string, steps: string, s: typeof cfg.proxy) => ({
  role: name,
  model: `${m.layers} layer(s), d = ${m.dModel}, ${m.heads} heads`,
  "learning rates": lrs,
  steps,
  batch: s.batchSize,
  seeds: s.seeds.join(", "),
});
dl.showTable([
  side("proxy, fixed steps", cfg.proxy.model, cfg.proxy.lrs.join(", "), String(cfg.proxy.steps), cfg.proxy),
  side(`proxy, fixed time (lr × steps = ${cfg.fixedTime.time})`, cfg.proxy.model, cfg.fixedTime.lrs.join(", "), cfg.fixedTime.lrs.map((lr) => dl.proxyTransformer.fixedTimeSteps(cfg.fixedTime.time, lr)).join(", "), cfg.proxy),
  side("target (tuned per recipe)", cfg.target.model, cfg.target.lrs.join(", "), String(cfg.target.steps), cfg.target),
]);
console.log(`standard proxy lr: measured (the baseline's best fixed-steps proxy lr); reduced lr = standard / ${cfg.reducedFactor}; warm-up ${cfg.warmupFraction * 100} % then cosine to ${cfg.minRatio * 100} %; weight decay ${cfg.weightDecay}; ${cfg.validationPerDomain} validation problems per domain`);
""")
md(r"""
## 2. Run (or load) the study

`dl.result("proxy.transformer-study")` trains every run on worker threads (both cores) — per target seed, every recipe at every target lr; per proxy seed, every recipe at every lr of both sweeps; plus one zero-step run per seed for the initial loss — or resumes them from their per-run files after a kill, or loads the stored result. The same call sits behind `npm run -s datalaws -- study proxy --scale small` (and `--shard I/N` on a cluster).
""")
code(r"""
const t0 = Date.now();
const r = await dl.result("proxy.transformer-study") as dl.proxyTransformer.ProxyStudyResult;
console.log(`study ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (runs already on disk are read back, not retrained; a stored result is loaded)`);
""")
md(r"""
## 3. Premise: does per-recipe tuning reorder the recipes?

Each recipe's target loss is the best over the target learning rates (seed mean). The second table is the premise: the Spearman correlation of the ranking obtained with **one** fixed target lr against the tuned ranking, ± its exact-bootstrap standard error over the target seeds (targets re-tuned in every resample). The claim `proxy.transformer-premise-tuning-reorders` requires ρ ≤ 0.8 at every fixed lr; if it fails, the claims below are inconclusive.
""")
code(r"""
dl.showTable(r.recipes.map((name, i) => ({
  recipe: name,
  ...Object.fromEntries(r.config.target.lrs.map((lr, k) => [`loss @ lr ${lr}`, r.targetLoss[k][i].toFixed(3)])),
  "tuned loss": r.targetBest[i].toFixed(3),
  "best lr": r.targetBestLr[i],
  "tuned rank": r.targetRank[i],
})));
dl.showTable(r.config.target.lrs.map((lr, k) => ({ "fixed target lr": lr, "ρ vs tuned ranking": r.targetFixedLrSpearman[k].toFixed(3), "bootstrap se": r.targetFixedLrSpearmanSe[k].toFixed(3) })));
dl.showClaims(await dl.checkClaims("proxy.transformer-premise-tuning-reorders", scale));
""")
md(r"""
Validation loss against learning rate — left: the proxy at every lr of the fixed-steps sweep; right: the target's tuning grid (stars: each recipe's tuned loss). Where curves cross, the recipe ranking depends on the learning rate.
""")
code(r"""
await dl.showFigure("proxy.transformer-loss-vs-lr", scale);
""")
md(r"""
## 4. Claim: the reduced-lr proxy against the standard one, in both regimes

The standard proxy lr is measured: the lr at which the baseline recipe's proxy reaches its lowest loss in the fixed-steps sweep — what a practitioner would use. The reduced lr is two decades below. In the **fixed-steps** regime every proxy trains for the same number of steps, so the reduced-lr proxy barely moves (random-feature theory: it ranks by the first-order alignment of each recipe's gradient with the validation gradient at initialisation). In the **fixed-time** regime lr × steps is held fixed, so the reduced-lr proxy takes 100× more, 100× smaller steps (theory: it follows the gradient flow, free of the lr-proportional noise and curvature terms that reorder recipes at large lr). Agreement metrics of the seed-mean ranking, each ± its exact-bootstrap standard error over proxy and target seeds; "ρ per seed" ranks each proxy seed alone.
""")
code(r"""
await dl.showFigure("proxy.transformer-spearman-vs-lr", scale);
const rows = (regime: string, xs: dl.proxyTransformer.LrAgreement[]) => xs.map((a) => ({
  regime,
  "proxy lr": a.lr + (a.lr === r.standardLr ? " (standard)" : Math.abs(a.lr - r.reducedLr) < 1e-12 ? " (reduced)" : ""),
  steps: a.steps,
  "Spearman ρ ± se": `${a.spearman.value.toFixed(3)} ± ${a.spearman.se.toFixed(3)}`,
  "Kendall τ ± se": `${a.kendall.value.toFixed(3)} ± ${a.kendall.se.toFixed(3)}`,
  "regret@1 ± se (nats)": `${a.regret.value.toFixed(3)} ± ${a.regret.se.toFixed(3)}`,
  "ρ per seed": a.spearmanSeeds.map((x) => x.toFixed(2)).join(", "),
  "min loss drop (nats)": Math.min(...a.drop).toFixed(3),
  diverged: a.mean.diverged,
}));
dl.showTable([...rows("fixed steps", r.agreement), ...rows("fixed time", r.agreementFixedTime)]);
console.log(`standard lr ${r.standardLr} (baseline's best), reduced lr ${r.reducedLr}; proxy tuned per recipe (best over its fixed-steps lrs): ρ = ${r.tunedProxy.spearman.toFixed(3)}`);
dl.showTable(r.comparisons.map((x) => ({
  regime: x.regime,
  "ρ standard": x.standard ? x.standard.spearman.value.toFixed(3) : "—",
  "ρ reduced": x.reduced ? x.reduced.spearman.value.toFixed(3) : "—",
  "gain ρ(reduced) − ρ(standard) ± paired bootstrap se": Number.isFinite(x.spearmanGain.value) ? `${x.spearmanGain.value.toFixed(3)} ± ${x.spearmanGain.se.toFixed(3)}` : "not covered",
})));
""")
md(r"""
Which recipes the proxies misplace, at the standard and at the reduced learning rate (fixed-time regime):
""")
code(r"""
await dl.showFigure("proxy.transformer-ranks", scale);
""")
md(r"""
## 5. Claims

The study's claims, checked on the stored result: the premise first; then the reduced-vs-standard comparison in the fixed-time regime (where the theory predicts the reduced lr helps) and in the fixed-steps regime (reported alongside); last, the paper's headline levels, measured for GPT2-125M → Pythia-1B on 23 real recipes, which a synthetic analogue need not reach.
""")
code(r"""
const outcomes = await dl.checkClaims("proxy.transformer", scale);
dl.showClaims(outcomes);
""")
DISCUSSION = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "13-proxy-transformers.discussion.md")).read()
md(DISCUSSION)


write("13-proxy-transformers.ipynb", sys.argv[1] if len(sys.argv) > 1 else None)
