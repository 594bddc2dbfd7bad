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

**The old designs' lesson.** The first version of this study (12 recipes mixing the four domains with mild corruption and duplication; 1-layer d = 16 proxies; 2-layer d = 32 targets tuned over 4 lrs with 2 seeds) could not test the paper: its targets ranked at one fixed lr (3·10⁻³, the best lr of 9 of the 12 recipes) agreed *exactly* with the per-recipe-tuned ranking (ρ = 1.000), so no proxy lr had anything to fix; its tiny-lr proxies moved the loss by 0.03 nats. The first redesign gave the recipes tuned lrs a decade apart (duplicated pools and rare domains at 10⁻³, language-dominated mixtures at 10⁻²) but still failed the premise (ρ = 0.93 at 3·10⁻³): every low-lr recipe was worse than every good high-lr recipe, so a middle lr ranked both groups right. A world where tuning reorders recipes needs the two kinds of recipe to **alternate** along the loss axis — that is what section 1 builds — and the reduced-lr proxies run in both regimes of the random-feature theory: a fixed number of steps, and a fixed training time lr × steps.
""")
code(r"""
import * as dl from "datalaws";

const scale = dl.setupNotebook(); // the scale (DATALAWS_SCALE, default small), and plotly.js for interactive figures
console.log(`datalaws scale: ${scale}`);
""")
md(r"""
## 1. Choosing recipes where tuning matters

**What the theory says.** In the random-feature analogue (notebook 03, `theory/proxy/flipStudy.ts`), the loss of recipe k after training at lr η for a fixed time is, to first order, E ℓ_k(η) ≈ D_k + η n_k: a drift term D_k (what the recipe can teach: its loss along the gradient-flow path) plus an lr-proportional excess n_k (SGD noise; near the stability edge, curvature). Two recipes swap order at η_flip = (D_B − D_A)/(n_A − n_B): the recipe with the better drift but the larger lr-sensitivity n wins at small lr and loses at large lr. So a recipe world in which per-recipe tuning reorders recipes needs **pairs whose tuned losses are close but whose lr-sensitivities differ a lot**, with their flip lrs inside the tuning grid; and the reordering at every fixed lr is strongest when the recipes fall into two interleaved groups, one preferring small and one preferring large lrs (one group displaced below the other gives ρ ≈ 0.67 for 4 + 4 recipes).

**What the pilots measured.** Target pilots (2-layer d = 32, 400 steps, the 5 tuning lrs) over about 40 candidate recipes found two ingredients with a large lr-sensitivity, both growing with lr × steps: **a fully duplicated pool** (memorised: the validation loss rises steeply above 10⁻³; a larger pool, or corrupted tokens in it, lowers the level without moving the optimum) and **a language-dominated mixture with heavy token corruption** (the three rare domains need a large lr to be learned in 400 steps: best lr 10⁻²–3·10⁻²; the corruption and the share of language set the level). Corruption alone barely moves a clean mixture's best lr, and rare or missing domains were lr-sensitive but 0.8 nats or more worse than everything else. The nine recipes were then picked from the pilot pool by a random-restart subset search that minimised the largest fixed-lr ρ (the premise statistic) on the pilots' losses, with tuned losses at least 0.03 nats apart — an empirical search guided by the theory's rule, not a prediction of the random-feature module. The table gives the pilots' seed means (three seeds: 1 or 2, 3 and 4; ² = seeds 3 and 4 only, the first pilot skipped 3·10⁻⁴). The chosen set's largest fixed-lr ρ was 0.65 on seed 1/2 alone, 0.67 on seeds 3–4 and 0.67 on the three-seed mean (at 3·10⁻⁴ the seed-1/2 value of two recipes was padded, as that pilot had no run there). The study's targets use **seeds 5–9**, which no target pilot used: the premise is judged on data that played no part in choosing the recipes. (The proxy's size and training time were chosen later, after the targets had run — section 6 says how.)

| pilot recipe | 3·10⁻⁴ | 10⁻³ | 3·10⁻³ | 10⁻² | 3·10⁻² | best lr |
|---|---|---|---|---|---|---|
| uniform | 4.28 | 3.53 | 3.25 | 3.27 | 3.31 | 3·10⁻³ |
| dup-pool256 | 4.49 | 4.04 | 4.24 | 4.73 | 4.80 | 10⁻³ |
| language-dom12-q0.02 | 5.77 | 4.64 | 4.27 | 4.19 | 3.84 | 3·10⁻² |
| dup-pool512-noisy | 4.57 | 4.08 | 4.12 | 4.43 | 4.66 | 10⁻³ |
| language-dom40-q0.05 | 6.16² | 4.72 | 4.63 | 4.60 | 4.53 | 3·10⁻² |
| dup-pool192 | 4.54 | 4.18 | 4.51 | 5.20 | 5.28 | 10⁻³ |
| language-dom12-q0.03 | 5.48 | 4.66 | 4.43 | 3.97 | 4.01 | 10⁻² |
| language-dom100 | 5.30 | 4.43 | 4.25 | 4.31 | 4.49 | 3·10⁻³ |
| language-dom40-q0.1 | 6.13² | 4.76 | 4.63 | 4.53 | 4.48 | 3·10⁻² |
| 95 % from a pool of 128 (not used) | 4.52 | 4.10 | 4.16 | 4.46 | 4.77 | 10⁻³ |
| QA at 1 % and 70 % corruption (not used) | 4.75 | 4.17 | 4.29 | 4.31 | 4.60 | 10⁻³ |
| S5-dominated, 90 % corruption (not used) | 4.82 | 4.34 | 4.20 | 4.03 | 4.50 | 10⁻² |

Names: `dup-poolP` draws every example from a fixed pool of P; `-noisy` adds 70 % token corruption; `language-domW-qQ` weights the language W : 1 : 1 : 1 and keeps each token with probability Q. The first 8 recipes are the `ci` world.
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

Each recipe's target loss is the best over the target learning rates (seed mean). The second table is the premise: the Spearman correlation of the ranking obtained with **one** fixed target lr against the tuned ranking, ± its exact-bootstrap standard error over the target seeds (targets re-tuned in every resample). The claim `proxy.transformer-premise-tuning-reorders` requires ρ ≤ 0.8 at **every** fixed lr (no single lr recovers the tuned order — stricter than asking it of the baseline's best lr only), judged on the seed means; if it fails, the claims below are inconclusive. The line under the table says how robust the verdict is to the choice of target seeds, and how reproducible the tuned ranking itself is.
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
const maxes = r.targetFixedLrMaxResamples;
if (maxes.length) console.log(`robustness: over the ${maxes.length} resamples of the target seeds the largest fixed-lr ρ averages ${(maxes.reduce((a, b) => a + b, 0) / maxes.length).toFixed(3)} and exceeds 0.8 in ${maxes.filter((x) => x > 0.8).length}; one seed's tuned ranking against the other seeds' agrees at ρ = ${r.targetSplitSpearman.map((x) => x.toFixed(2)).join(", ")} (the tuned ranking's own reproducibility)`);
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
  "ρ vs proxy tuned": a.ownTunedSpearman.toFixed(3),
  "min loss drop (nats)": Math.min(...a.drop).toFixed(3),
  diverged: a.mean.diverged,
}));
dl.showTable([...rows("fixed steps", r.agreement), ...rows("fixed time", r.agreementFixedTime)]);
console.log(`standard lr ${r.standardLr} (baseline's best), reduced lr ${r.reducedLr}; proxy tuned per recipe against the tuned target: ρ = ${r.tunedProxy.spearman.toFixed(3)} (fixed steps), ${r.tunedProxyFixedTime.spearman.toFixed(3)} (fixed time)`);
dl.showTable(r.comparisons.map((x) => ({
  regime: x.regime,
  "ρ standard": x.standard ? x.standard.spearman.value.toFixed(3) : "—",
  "ρ reduced": x.reduced ? x.reduced.spearman.value.toFixed(3) : "—",
  "gain ρ(reduced) − ρ(standard) ± paired bootstrap se": Number.isFinite(x.spearmanGain.value) ? `${x.spearmanGain.value.toFixed(3)} ± ${x.spearmanGain.se.toFixed(3)}` : "not covered",
})));
""")
md(r"""
**Where a proxy's ranking is lost.** The paper's argument has two steps: *Finding I* — at a small lr a model ranks recipes like the same model tuned per recipe; *Finding II* — the tuned (or tiny-lr) ranking carries over from the small model to the large one. The column "ρ vs proxy tuned" above is Finding I at proxy scale (each lr against the proxy tuned per recipe within its regime); the table below splits the end-to-end agreement of the standard and the reduced proxy into the two steps. If the tuned proxy already disagrees with the tuned target (Finding II fails), no proxy learning rate can rank the recipes like the target.
""")
code(r"""
dl.showTable(r.comparisons.filter((x) => x.standard && x.reduced).map((x) => ({
  regime: x.regime,
  "Finding I, standard lr: ρ(proxy, proxy tuned)": x.standard!.ownTunedSpearman.toFixed(3),
  "Finding I, reduced lr: ρ(proxy, proxy tuned)": x.reduced!.ownTunedSpearman.toFixed(3),
  "Finding II: ρ(proxy tuned, target tuned)": (x.regime === "fixed-time" ? r.tunedProxyFixedTime : r.tunedProxy).spearman.toFixed(3),
  "end to end, reduced lr: ρ(proxy, target tuned)": x.reduced!.spearman.value.toFixed(3),
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
