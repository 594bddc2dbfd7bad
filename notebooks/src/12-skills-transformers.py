#!/usr/bin/env python3
"""Generate notebooks/12-skills-transformers.ipynb (unexecuted). Execute it with
`npm run notebooks:update -- 12` (executes it in place at small; `DATALAWS_SCALE=ci npm run notebooks:check -- 12` checks a copy at ci)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nbgen import code, md, write  # noqa: E402

md(r"""
# 12 — Power-law vs uniform skill frequencies for a small transformer: composition on held-out tuples

Zixuan Wang, Xingyu Dang, Jason D. Lee, Kaifeng Lyu, *The Power of Power Law: Asymmetry Enables Compositional Reasoning* (arXiv 2604.22951), find that when a task needs **several skills composed inside one forward pass** (multi-step arithmetic, S5 state tracking, multi-hop QA — no chain of thought), training data whose skill frequencies follow a **power law** learns faster than data with **uniform** skill frequencies, *even when the test set is uniform over skills*; on **one-hop QA** (memorisation) the usual intuition holds and uniform wins. Their mechanism (proved in a toy model, notebook 02): frequent "head" skills are learned first and then act as a stepping stone for the rare tail skills.

This notebook tests that on a small GPT (the toolkit's TensorFlow.js engine) in a design that can tell **composition from memorisation**: every test problem of the composition task is a tuple **held out** from training, the tuple space is more than 10× the training examples of a run, and the one-hop control is **matched** (as many atomic facts, the same model, the same steps). **What is the paper's and what is ours:** the protocol — identical model and hyper-parameters, only the training skill distribution changes, uniform test sets, per-rank-bin accuracy, tail-skill gradients — is the paper's; the task sizes, the held-out split, the matched control, the model, α, steps, batch, learning rate, seeds and the statistical test are this toolkit's choices (`dl.skillsTransformer.SKILLS_STUDY_CONFIGS`), since the paper's are unknown. The power law is p(skill of rank i) ∝ i^−α over a random ranking of the skills, one ranking per seed (shared by that seed's uniform run, which also shares its initialisation); every slot of a problem draws its skill independently.
""")
code(r"""
import * as dl from "datalaws";

const scale = dl.setupNotebook(); // the scale (DATALAWS_SCALE, default small), and plotly.js for interactive figures
console.log(`datalaws scale: ${scale}`);
""")
md(r"""
## 0. The old design's lesson

The previous version of this study (S5 with k = 2, arithmetic mod 7 with 3 operands, two-hop QA with |E| = 50, |R| = 20, one-hop QA with 1,000 facts; 3 seeds) could not test the paper. S5 at k = 2 is a table of 14,400 products and 3000 steps of 64 problems show each about 13 times, so the power law's 5.6 % against uniform's chance level (0.6–1.2 %) may be recall of frequent products; arithmetic mod 7 has 5,488 distinct problems, all within reach of training (power law 29–30 %, uniform 23 %, not significant); two-hop QA had about 32k training questions for 20k possible and no held-out question, and neither arm learned it (4.6–6.6 % against 2 % chance); the one-hop control (1,000 facts) was far easier than S5; and "head bins first" held on the memorisation control too, so nothing separated composition from memorisation. The one strong piece was the tail-gradient diagnostic on S5 (median ‖∇L‖ head/random ratio 1.24–1.56 for the power law against 0.94–1.05 for uniform). Pilots for the new design (one seed, 1500 steps, 2-layer d = 64 GPT, batch 64): a **sum of 6 residues mod 11** (Z₁₁, 1.77·10⁶ tuples, 18× the 96,000 training examples) was learned by the power law (α = 1.5: 44 % on mostly unseen uniform tuples at step 1500, rising from step ≈ 900; head bin 98 %) and not by uniform training (9.6 % against 1/11 ≈ 9.1 % chance); a word problem of 8 elements of the non-abelian **S3** (1.7·10⁶ tuples) was learned by neither (power law 17.4 % against 1/6 ≈ 16.7 % chance); the old notebook's pilots left S5 at k = 3 and 4 at chance in both arms. So the composition task here is the sum mod 11 — an abelian group, but one whose uniform data carry no signal below the full 6-way composition (the sum of any 5 operands is independent of the answer), the situation of the paper's toy model.

## 1. Premise first

Before its claims, this study checks its premise, `skills.transformer-premise-held-out-composition`: the composition task is tested on tuples held out from training, has at least 10× as many tuples as a run has training examples, and at least one arm learns it above chance there (final held-out accuracy more than 3 standard errors over seeds above chance). When the premise fails, the study's other claims are still measured, but their verdict is *inconclusive* — a pass or a fail would say nothing about the paper. The premise and its numbers at this scale:
""")
code(r"""
dl.showClaims(await dl.checkClaims("skills.transformer-premise-held-out-composition", scale));
""")
md(r"""
## 2. The configuration
""")
code(r"""
const cfg = dl.skillsTransformer.skillsStudyConfig(scale);
dl.showTable(cfg.tasks.map((t) => {
  const task = dl.skillsTransformer.skillsTask(t);
  const tuples = dl.skillsTransformer.tupleCount(t);
  return {
    task: t.task,
    role: t.role,
    "size": t.task === "arithmetic" ? `${t.operators?.join("") === "+" ? "sum" : "chain"} of ${(t.k ?? 0) + 1} residues mod ${t.P}` : t.task === "s5" ? `k = ${t.k}` : `|E| = ${t.entities}, |R| = ${t.relations}${t.k ? `, k = ${t.k}` : ""}`,
    "skills d": task.numSkills,
    "slots": task.slots,
    "atomic facts": dl.skillsTransformer.atomicFactCount(t),
    "tuples": tuples.toExponential(2),
    "held out": t.heldOut ? `${t.heldOut * 100} % of the tuples` : "— (tests the trained facts)",
    "tuples per training example": t.role === "composition" ? (tuples / (t.steps * cfg.batchSize)).toFixed(1) : "—",
    steps: t.steps,
    "α trained": t.alphas.join(", "),
  };
}));
dl.showTable([{
  model: `${cfg.model.layers} layers, d = ${cfg.model.dModel}, ${cfg.model.heads} heads`,
  batch: cfg.batchSize,
  "AdamW lr (warm-up, then constant)": `${cfg.lr} (${cfg.warmup} steps)`,
  "weight decay": cfg.weightDecay,
  "grad clip": cfg.clipNorm,
  seeds: cfg.seeds.join(", "),
  "uniform test problems": cfg.testSize,
  "rank bins × problems": `${cfg.bins} × ${cfg.binSize}`,
}]);
""")
md(r"""
The held-out split: a seeded hash of a problem's input tokens puts a quarter of the tuple space in the test split (`dl.tasks.heldOutSplit`); training batches are redrawn until they hold none of it, test sets until they hold only it, so no test problem was ever a training example — whatever the model memorised, it has to compose to answer. The split depends on the tuple only, so every arm and seed holds out the same tuples. The one-hop control (`e r =` → f_r(e) for random functions f_r) has |E|·|R| = 11 · 11 = 121 atomic facts, as many as the 11 × 11 addition table the composition task composes; its relation r is the skill and follows the same power law. Chance is 1/11 on both.

## 3. Run (or load) the study

The study is one result, `skills.transformer-study`: `dl.result("skills.transformer-study")` trains every run (task × α × seed) on worker threads (both cores), resumes unfinished runs from their files after a kill, or loads the stored result (stored under its config and the TensorFlow.js backend). The same result sits behind `npm run -s datalaws -- study skills --scale small` (or `--shard I/N` and `--merge` on a cluster), and the figures and claims below are drawn and judged from it without training again.
""")
code(r"""
const t0 = Date.now();
const r = (await dl.result("skills.transformer-study")) as dl.skillsTransformer.SkillsStudyResult;
console.log(`study ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
""")
md(r"""
## 4. Claim: the power law learns composition faster, on held-out tuples

**Pre-registered test** (fixed before the `small` run, in the claim's statement): metric = area under the held-out uniform-test accuracy curve (the mean accuracy over the evaluations, which rewards learning *early* — the paper's "learns much faster"), power law (α = 1.5) − uniform, paired by seed; exact one-sided sign-flip permutation test over the 5 seeds (all 2⁵ sign patterns), direction power law > uniform, level 0.05. With 5 seeds the smallest possible p is 1/32 ≈ 0.031, so the claim passes only if every seed favours the power law.
""")
code(r"""
await dl.showFigure("skills.transformer-accuracy", scale);
dl.showTable(r.tasks.map((t) => {
  const uni = t.arms.find((a) => a.alpha === 0)!;
  const pow = t.arms.find((a) => a.alpha === r.config.alpha)!;
  return {
    task: t.task,
    role: t.role,
    "AUC uniform": `${uni.auc.toFixed(3)} ± ${uni.aucSe.toFixed(3)}`,
    [`AUC α = ${r.config.alpha}`]: `${pow.auc.toFixed(3)} ± ${pow.aucSe.toFixed(3)}`,
    "Δ AUC per seed": t.deltaAucSeeds.map((x) => x.toFixed(3)).join(", "),
    "p (power law better)": t.pPowerLawBetter.toFixed(4),
    "p (uniform better)": t.pUniformBetter.toFixed(4),
    "final uniform": uni.final.toFixed(3),
    [`final α = ${r.config.alpha}`]: pow.final.toFixed(3),
  };
}));
dl.showClaims(await dl.checkClaims("skills.transformer-power-law-wins-composition", scale));
""")
md(r"""
## 5. Claim: uniform does at least as well on the matched one-hop control

Memorising |E|·|R| independent facts has no composition to bootstrap: the power law only moves samples from tail facts to head facts, so it should not help on a uniform test. The claim checks the match (atomic facts and steps equal to the composition task's) and that the power law's area is not larger (seed mean); both one-sided p-values are in its details and in the table above.
""")
code(r"""
dl.showClaims(await dl.checkClaims("skills.transformer-uniform-wins-one-hop", scale));
""")
md(r"""
## 6. Claim: head bins before tail bins

Per-rank-bin accuracy: each bin's test set draws every slot from that bin of the seed's ranking (bin 1 = the most frequent skills under the power law), held-out tuples only. For the uniform runs the bins are only labels; they show how hard each bin is in itself. The claim: the power law's gain over uniform, averaged over training, is larger on the head bin than on the tail bin.
""")
code(r"""
await dl.showFigure("skills.transformer-bins", scale);
dl.showClaims(await dl.checkClaims("skills.transformer-head-first", scale));
""")
md(r"""
## 7. Claim: tail-skill gradients are larger in a head-skill context

The paper's stage II: once head skills are learned, a problem that needs one rare tail skill sends a larger gradient when its other slots hold head skills. For the composition task, the uniform and power-law runs of every seed write parameter checkpoints at every evaluation, and ‖∇L‖ is measured on the same tail-skill batches with head-bin context and with random context (paired problems: same tail skill and slot). In the uniform run the "head" bin is just a label, so its ratio shows how the bins differ in themselves; the claim compares the two ratios, seed by seed. The figure shows the first seed, the table every seed. This diagnostic measures the training dynamics, not a test set, so it is not under the premise.
""")
code(r"""
await dl.showFigure("skills.transformer-tail-gradients", scale);
if (r.gradient) {
  dl.showTable(r.gradient.seeds.flatMap(({ seed, arms }) => arms.map((a) => {
    const q = dl.skillsTransformer.headRandomRatios(a);
    return {
      seed,
      arm: a.alpha === 0 ? "uniform" : `power law α = ${a.alpha}`,
      "‖∇L‖ head / random: median over checkpoints t > 0": q.median.toFixed(3),
      mean: q.mean.toFixed(3),
      "per checkpoint": q.ratios.map((x) => x.toFixed(2)).join(", "),
    };
  })));
}
dl.showClaims(await dl.checkClaims("skills.transformer-tail-gradient-head-context", scale));
""")
md(r"""
The first seed's checkpoints also give the **PCA loss landscape** (the paper's loss-landscape figures): the top-2 principal directions of the consecutive checkpoint differences of each run span a plane through the initialisation, on which the held-out uniform-test loss is drawn with the projected trajectory. The paper reports a flat patch near the initialisation for uniform training and a descent direction for the power law. (A figure, not a claim: one seed, and a plane that differs between the panels.)
""")
code(r"""
await dl.showFigure("skills.transformer-landscape", scale);
""")
md(r"""
## 8. Claim: the exponent trade-off

The composition task is trained with α ∈ {0, 1.5, 2}. The paper's trade-off: a heavier head (larger α) speeds the early stage, a lighter tail slows the last one. The claim compares the largest with the smallest power law, seed-paired: the head bin's accuracy area should be larger and the tail bin's final accuracy lower at the larger α.
""")
code(r"""
await dl.showFigure("skills.transformer-alpha", scale);
dl.showClaims(await dl.checkClaims("skills.transformer-alpha-tradeoff", scale));
""")
md(r"""
## 9. All claims at this scale
""")
code(r"""
const outcomes = await dl.checkClaims("skills.transformer", scale);
dl.showClaims(outcomes);
const verdicts = Object.fromEntries(outcomes.map((o) => [o.id, o.verdict]));
const lines = r.tasks.map((t) => `- **${t.task}** (${t.role}): Δ AUC (power law − uniform) = ${t.deltaAuc.toFixed(3)}${Number.isFinite(t.deltaAucSe) ? ` ± ${t.deltaAucSe.toFixed(3)}` : ""} over ${t.deltaAucSeeds.length} seeds; one-sided sign-flip p = ${t.pPowerLawBetter.toFixed(4)} (power law better), ${t.pUniformBetter.toFixed(4)} (uniform better).`);
dl.showMarkdown(`### Measured at scale \`${scale}\`\n\n${lines.join("\n")}\n\nVerdicts: ${Object.entries(verdicts).map(([k, v]) => `\`${k}\` ${v}`).join("; ")}.`);
""")
md(r"""
## 10. What it means

DISCUSSION_PLACEHOLDER
""")


write("12-skills-transformers.ipynb", sys.argv[1] if len(sys.argv) > 1 else None)
