#!/usr/bin/env python3
"""Generate notebooks/13-proxy-transformers.ipynb (unexecuted). Execute it with
`npm run notebooks:update -- 13` (executes it in place at small; `DATALAWS_SCALE=ci npm run notebooks:check -- 13` checks a copy at ci)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nbgen import code, md, write  # noqa: E402

md(r"""
# 13 — Proxy transformers at a reduced learning rate: do they rank data recipes like tuned targets?

Wang, Wu, Lyu, Zou, Song, Jia, Mittal, *Can Small Training Runs Reliably Guide Data Curation? Rethinking Proxy-Model Practice* (arXiv 2512.24503, ICLR 2026) criticise the usual way of choosing pretraining data: train a small **proxy** model on each candidate recipe with one fixed configuration and pick the recipe with the lowest validation loss. The large-scale team re-tunes its hyperparameters for whatever data it gets, so the question that matters is whether the proxy ranks the recipes like a **larger target tuned per recipe** (the "optimal achievable loss"). Their patch: train the proxy at a **tiny learning rate**. On 23 real recipes they report (as summarised in `data/reference/proxy.json`; the full text was not available) Spearman ρ < 0.75 between a GPT2-125M proxy at its standard lr and tuned Pythia-1B targets, and ρ > 0.95 at lr = 1e-5.

Notebook 03 studies the mechanism in random-feature models. This notebook runs the protocol on real (small) transformers — the toolkit's TensorFlow.js GPT. **What is the paper's and what is ours:** the protocol (fixed-configuration proxies over a learning-rate sweep, targets tuned per recipe over a few learning rates, Spearman of the two rankings, diverged runs ranked last) is the paper's; the "domains" (the toolkit's synthetic task families: a Zipf Markov language, modular arithmetic, multi-hop QA, S5 state tracking), the recipes, models, steps, learning rates, optimiser (AdamW, warm-up + cosine to 10 %) and seeds are this toolkit's documented defaults (`dl.proxyTransformer.PROXY_STUDY_CONFIGS`) — the paper's recipes, grids and optimiser are unknown.
""")
code(r"""
import * as dl from "datalaws";

const scale = dl.setupNotebook(); // the scale (DATALAWS_SCALE, default small), and plotly.js for interactive figures
console.log(`datalaws scale: ${scale}`);
""")
md(r"""
**Premise first.** Before its claims, this study checks its premise, `proxy.transformer-premise-tuning-reorders`: per-recipe tuning must reorder the recipes (otherwise no proxy learning rate can improve anything). Here ranking the targets at one fixed learning rate already agrees with the tuned ranking. When the premise fails, the study's main claims are still measured below, but their verdict is *inconclusive* — a pass or a fail would say nothing about the paper. The premise and its numbers at this scale:
""")
code(r"""
dl.showClaims(await dl.checkClaims("proxy.transformer-premise-tuning-reorders", scale));
""")
md(r"""
## 1. Domains, recipes and models

Every recipe mixes the four domains with its own weights, optionally corrupts tokens (quality q: each content token is replaced by a random token of its domain with probability 1 − q) and duplicates examples (a share of the training examples is copied from a small pool with Zipf popularity). Validation is fixed and clean: the same number of test problems from every domain, and the validation loss is the mean over the four domains of each domain's per-token loss — like averaging The Pile's domains.
""")
code(r"""
const cfg = dl.proxyTransformer.proxyStudyConfig(scale);
const fmtW = (w: ArrayLike<number>) => { const a = Array.from(w); const s = a.reduce((x, y) => x + y, 0); return a.map((x) => (x / s).toFixed(2)).join(" / "); };
dl.showTable(cfg.recipes.map((r) => ({
  recipe: r.name,
  "weights (language / arithmetic / qa / s5)": fmtW(r.weights),
  quality: r.quality === undefined ? "1" : typeof r.quality === "number" ? String(r.quality) : Array.from(r.quality).join(" / "),
  duplication: r.duplication ? `${r.duplication.fraction} of examples from a pool of ${r.duplication.poolSize}` : "none",
})));
const side = (name: string, s: typeof cfg.proxy) => ({
  role: name,
  model: `${s.model.layers} layer(s), d = ${s.model.dModel}, ${s.model.heads} heads`,
  "learning rates": s.lrs.join(", "),
  steps: s.steps,
  batch: s.batchSize,
  seeds: s.seeds.join(", "),
});
dl.showTable([
  side("proxy", cfg.proxy),
  ...(cfg.longProxy ? [side("proxy, long runs", { ...cfg.proxy, lrs: cfg.longProxy.lrs, steps: cfg.longProxy.steps })] : []),
  side("target (tuned per recipe)", cfg.target),
]);
console.log(`standard proxy lr ${cfg.standardLr}, tiny proxy lr ${cfg.tinyLr}; warm-up ${cfg.warmupFraction * 100} % then cosine to ${cfg.minRatio * 100} %; weight decay ${cfg.weightDecay}; ${cfg.validationPerDomain} validation problems per domain`);
""")
md(r"""
## 2. Run (or load) the study

`dl.result("proxy.transformer-study")` trains every run on worker threads (both cores) — per target seed, every recipe at every target lr; per proxy seed, every recipe at every proxy lr; plus one zero-step run per seed for the initial loss — or resumes them from their per-run files after a kill, or loads the stored result. The same call sits behind `npm run -s datalaws -- study proxy --scale small`.
""")
code(r"""
const t0 = Date.now();
const r = await dl.result("proxy.transformer-study") as dl.proxyTransformer.ProxyStudyResult;
console.log(`study ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (runs already on disk are read back, not retrained; a stored result is loaded)`);
""")
md(r"""
## 3. The tuned targets

Each recipe's target loss is the best over the target learning rates (seed mean). The last column shows whether tuning per recipe matters: the Spearman correlation of the ranking obtained with **one** fixed target lr against the tuned ranking.
""")
code(r"""
dl.showTable(r.recipes.map((name, i) => ({
  recipe: name,
  ...Object.fromEntries(r.config.target.lrs.map((lr, k) => [`loss @ lr ${lr}`, r.targetLoss[k][i].toFixed(4)])),
  "tuned loss": r.targetBest[i].toFixed(4),
  "best lr": r.targetBestLr[i],
  "tuned rank": r.targetRank[i],
})));
dl.showTable(r.config.target.lrs.map((lr, k) => ({ "fixed target lr": lr, "ρ vs tuned ranking": r.targetFixedLrSpearman[k].toFixed(3) })));
""")
md(r"""
## 4. Validation loss against learning rate

Left: the proxy at every lr of the sweep; right: the target's tuning grid (stars: each recipe's tuned loss). Where curves cross, the recipe ranking depends on the learning rate — the paper's Issue 1.
""")
code(r"""
await dl.showFigure("proxy.transformer-loss-vs-lr", scale);
""")
md(r"""
## 5. Agreement with the tuned targets against the proxy learning rate

The paper's main transfer result, on this synthetic world: Spearman ρ of the proxy ranking against the tuned-target ranking at each proxy lr (also Kendall τ, pairwise accuracy and regret@1 — the tuned-target loss lost by picking the proxy's best recipe). "loss drop" is how far the proxy's validation loss moved from its initial value in the fixed number of steps (at a tiny lr with a fixed step budget, check that the loss actually moved).
""")
code(r"""
await dl.showFigure("proxy.transformer-spearman-vs-lr", scale);
dl.showTable(r.agreement.map((a) => ({
  "proxy lr": a.lr,
  "ρ (seed-mean ranking)": a.mean.spearman.toFixed(3),
  "ρ per seed": a.spearmanSeeds.map((x) => x.toFixed(2)).join(", "),
  "mean ± se": `${a.spearmanSeedMean.toFixed(3)} ± ${Number.isFinite(a.spearmanSeedSe) ? a.spearmanSeedSe.toFixed(3) : "—"}`,
  "Kendall τ": a.mean.kendall.toFixed(3),
  "pairwise acc.": a.mean.pairwise.toFixed(3),
  "regret@1": a.mean.regret.toFixed(4),
  "min loss drop (nats)": Math.min(...a.drop).toFixed(4),
  diverged: a.mean.diverged,
})));
console.log(`proxy tuned per recipe (best over its lrs): ρ = ${r.tunedProxy.spearman.toFixed(3)}, pairwise ${r.tunedProxy.pairwise.toFixed(3)}`);
""")
md(r"""
### The long runs

At a fixed short length a tiny learning rate barely moves the loss (the last column above), so its ranking reflects the first gradient step — the first-order alignment of each recipe with the validation data (notebook 03, §fixed steps) — not what the recipe can teach. The paper's tiny-lr proxies are trained long enough to learn. The long runs repeat the same proxies, recipes and seeds at a few of the learning rates for many more steps (the black diamonds in the figure above):
""")
code(r"""
if (r.agreementLong.length === 0) console.log("no long proxy runs in this configuration");
else dl.showTable(r.agreementLong.map((a) => {
  const short = r.agreement.find((x) => x.lr === a.lr)!;
  return {
    "proxy lr": a.lr,
    steps: r.config.longProxy!.steps,
    "ρ (seed-mean ranking)": a.mean.spearman.toFixed(3),
    "ρ per seed": a.spearmanSeeds.map((x) => x.toFixed(2)).join(", "),
    "mean ± se": `${a.spearmanSeedMean.toFixed(3)} ± ${Number.isFinite(a.spearmanSeedSe) ? a.spearmanSeedSe.toFixed(3) : "—"}`,
    "pairwise acc.": a.mean.pairwise.toFixed(3),
    "regret@1": a.mean.regret.toFixed(4),
    "min loss drop (nats)": Math.min(...a.drop).toFixed(4),
    [`ρ at ${r.config.proxy.steps} steps`]: short.mean.spearman.toFixed(3),
  };
}));
""")
md(r"""
Which recipes the proxies misplace, at the standard and at the tiny learning rate:
""")
code(r"""
await dl.showFigure("proxy.transformer-ranks", scale);
""")
md(r"""
## 6. Claims

The study's claims, checked on the stored result. The first two are this toolkit's statement of the paper's qualitative finding, at the short and at the long proxy length; the last compares with the paper's headline numbers for GPT2-125M → Pythia-1B on 23 real recipes, which a synthetic analogue need not reach.
""")
code(r"""
const outcomes = await dl.checkClaims("proxy.transformer", scale);
dl.showClaims(outcomes);
""")
DISCUSSION = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "13-proxy-transformers.discussion.md")).read()
md(DISCUSSION)


write("13-proxy-transformers.ipynb", sys.argv[1] if len(sys.argv) > 1 else None)
