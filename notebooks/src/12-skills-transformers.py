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

- **What the `small` run found** (5 seeds; sum of 6 residues mod 11 with a quarter of the 1.77·10⁶ tuples held out, 1500 steps of 64 = 18.5× fewer training examples than tuples; α ∈ {0, 1.5, 2}; the matched one-hop control with 121 facts; 25 runs, 52 min of training on the shared 2-core machine at load 6–9 — the quiet-machine estimate is 13–15 min, see the config's doc comment; numbers from the run stored with this notebook, the cells above recompute them).
  - *Premise — passes.* Uniform training stays at chance on held-out tuples for all 1500 steps (final 0.092 ± 0.008 against 1/11 ≈ 0.091; area 0.089), while the power law (α = 1.5) ends at 0.55 ± 0.09 (0.45, 0.68, 0.73, 0.65, 0.24 per seed; 5.0 standard errors above chance) on tuples it never saw: it composes, it does not recall.
  - *Power law beats uniform on composition — passes the pre-registered test.* The area under the held-out accuracy curve is larger for the power law on every seed (+0.18, +0.43, +0.38, +0.38, +0.04; mean +0.28), so the exact one-sided sign-flip p is 1/32 ≈ 0.031 ≤ 0.05. The slowest seed (5) only leaves chance after step ≈ 1000 — with 1500 steps the test has little margin on the last seed, which is why the claim asks for every seed.
  - *Uniform does at least as well on the matched one-hop control — passes.* Both arms memorise the 121 facts (final 1.00 and 0.99), but uniform gets there first on every seed (area 0.988 against 0.930; Δ = −0.059, p(uniform better) = 1/32): the power law starves the tail relations (per-bin areas 1.00, 0.97, 0.92, 0.86 from head to tail, against ≈ 0.99 for every bin under uniform). The same model, data budget and fact count that compose under the power law memorise faster under uniform — the separation of composition from memorisation that the old design lacked.
  - *Head bins before tail bins — passes.* Under the power law the head bin (2 residues) is learned almost at once (area 0.78, final 0.92) and the tail bins much later (areas 0.28, 0.20, 0.17); under uniform every bin stays at chance (0.08–0.10), so the gain over uniform is 0.63 larger on the head bin than on the tail bin.
  - *Tail-skill gradients in a head context — fails.* The claim asks for a median head/random ratio above 1 and above the uniform run's on every seed. It holds on seeds 1, 3 and 5 only in part: the power-law medians are 1.89, 0.42, 1.77, 0.41, 2.44, while the uniform runs' are 2.80, 1.92, 1.90, 1.98, 1.29 — on this task the "head" context alone doubles the gradient of an untrained model (a batch whose slots come from 2 residues has few distinct answers, so its per-problem gradients add up), and once the power-law model has learned, its gradients on random-context tail problems become much larger than on head-context ones (seed 4's last checkpoint: 80 against 4), which pushes the median below 1 on the two fastest seeds (2 and 4). The stepping-stone picture the paper draws (and that the old S5 design showed, medians 1.24–1.56 against 0.94–1.05) is not what this diagnostic measures on the sum task; it is kept as a measurement that fails, with its numbers.
  - *α trade-off — passes on seed means.* Against α = 1.5, α = 2 learns the head bin earlier (head-bin area +0.13 on the seed mean; higher on 3 of 5 seeds — seeds 2 and 4 are −0.04 and −0.02 —, sign-flip p = 0.125) and ends lower on the tail bin (final −0.08; lower on 3 of 5 seeds, seed 3 +0.004 and seed 5 equal, p = 0.125), and its overall held-out accuracy is lower (final 0.38 against 0.55): a heavier head buys the early stage and a lighter tail costs the last one, as the paper says. With 5 seeds neither direction is significant at 0.05 on its own; the claim is pre-specified on the seed means.
  - *Landscape (seed 1).* The uniform run drifts across a flat plateau at ln 11 ≈ 2.40, the loss of predicting every answer with probability 1/11 (v₁ explains 62 % of its steps), the paper's flat start; the power-law run travels about three times as far along its v₁ (a ≈ 19 against 7) through a landscape with relief on both sides. One seed and two different planes (a checkpoint lies off its plane, so the colour under it is not its own loss): an illustration, not a claim.
- **What reproduces on a CPU, and what needs `--scale paper`.** Reproduced at `small`: on an implicit 6-fold composition (a sum mod 11, no chain of thought) the power law learns held-out tuples that uniform training cannot start on in the same budget, uniform wins the matched memorisation control, head skills are learned first, and the α trade-off. Not reproduced here: the non-abelian state tracking of the paper's main figure — a word problem of 8 elements of S3 (pilot, 1500 steps) and S5 words of length 3 and 4 (the old design's pilots, 3000 steps) stay at chance in *both* arms, so the paper's S5 result (k = 8), multi-step arithmetic with mixed operators mod 97 and three-hop QA with held-out entities are in the `paper` configuration (6-layer d = 256 GPTs, 10⁵ steps; a GPU).
- **Caveats.** Z₁₁ is abelian: the answer depends only on the multiset of operands, so a model can read it from an attention average of operand embeddings followed by a periodic read-out — simpler than state tracking in a non-abelian group; but under uniform data no part of the input smaller than all 6 operands carries any information about the answer (the sum of 5 uniform residues plus one more is uniform), the flat start of the paper's toy model, and the uniform runs indeed never leave chance. The held-out split is a random quarter of the tuples, so every sub-multiset of a test tuple's operands occurs in training — "composition" here is generalising the learned sum to unseen 6-tuples, not to unseen residues. And since a sum depends only on the multiset of operands (C(16,6) = 8,008 multisets), a held-out *tuple* can share its multiset with a trained one: the uniform arm's training contains the multiset of 99.0–99.8 % of the test problems (and still stays at chance), the α = 1.5 arm's only 36.5–46.1 %, so on seeds 2–4, whose final accuracy is above that share, the power law answers at least 41–57 % of the problems whose multiset it never trained on (a reviewer's count; seeds 1 and 5 do not separate the two). At `ci` (300 steps of a d = 32 model) the power law does not yet learn, so the premise fails and the claims are inconclusive: `ci` tests the machinery only.
""")


write("12-skills-transformers.ipynb", sys.argv[1] if len(sys.argv) > 1 else None)
