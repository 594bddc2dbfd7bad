/**
 * Claims of the transformer skills study (Wang, Dang, Lee, Lyu, arXiv 2604.22951: the transformer
 * experiments and §3.5), checked on a small GPT. Each is a pure function of the study's result
 * (`skills.transformer-study`). The statistic is the
 * area under the accuracy curve on held-out tuples with uniform skills (mean accuracy over the
 * evaluations), paired by seed (same initialisation and skill ranking). The main claim (power law
 * wins composition) is judged by an exact one-sided sign-flip test over the seeds at level 0.05
 * (pre-registered in its statement); the matched control and the α trade-off are judged on seed means
 * of the paired differences, with the one-sided sign-flip p-values reported beside them; the thresholds are
 * this toolkit's statement of the paper's qualitative findings (the paper states no numbers). A
 * claim that does not reproduce at a scale fails with its numbers.
 */
import type { Claim } from "../../core/claim";
import { pairedSignFlipTest } from "../../core/stats";
import { permutationGroup } from "../../tasks/groupWord";
import { taskSize } from "./config";
import { headRandomRatios } from "./gradient";
import { skillsTransformerStudy, type SkillsRunRecord, type SkillsStudyResult, type SkillsTaskSummary } from "./study";

/** Level of the pre-registered one-sided paired tests. */
export const SKILLS_TEST_LEVEL = 0.05;
/** The premise's minimum ratio of distinct tuples to training examples of a run. */
export const SKILLS_MIN_TUPLES_PER_EXAMPLE = 10;

const PAPER = "Wang, Dang, Lee, Lyu 2026, arXiv 2604.22951";
const r3 = (x: number) => (Number.isFinite(x) ? Math.round(x * 10000) / 10000 : x);

const taskDetails = (t: SkillsTaskSummary, alpha: number) => {
  const uni = t.arms.find((a) => a.alpha === 0)!;
  const pow = t.arms.find((a) => a.alpha === alpha)!;
  return {
    deltaAucSeeds: t.deltaAucSeeds.map(r3),
    deltaAucSe: r3(t.deltaAucSe),
    aucUniform: r3(uni.auc),
    aucPowerLaw: r3(pow.auc),
    finalUniform: r3(uni.final),
    finalPowerLaw: r3(pow.final),
    deltaFinal: r3(t.deltaFinal),
    pPowerLawBetter: r3(t.pPowerLawBetter),
    pUniformBetter: r3(t.pUniformBetter),
  };
};

/** Chance accuracy of a task's answer (one of |G| group elements (120 for S5), P residues, |E| entities). */
export function chanceAccuracy(t: SkillsTaskSummary): number {
  const s = t.spec;
  if (s.task === "s5") return 1 / 120;
  if (s.task === "group") return 1 / permutationGroup(s.group ?? "S3").order;
  if (s.task === "arithmetic") return 1 / taskSize(s, "P");
  return 1 / taskSize(s, "entities");
}

/**
 * The premise of the skills study (issue "transformer studies that can test their papers"): a claim
 * about composing skills needs a test on composed tuples the model never saw in training, a tuple
 * space too large to memorise in the budget, and a task one arm can learn in the budget. Per
 * composition task: the test tuples are held out from training, the task has at least 10× as many
 * tuples as a run has training examples, and the better arm's final held-out accuracy exceeds chance
 * by 3 standard errors (over seeds).
 */
export const skillsTransformerPremise: Claim = {
  id: "skills.transformer-premise-held-out-composition",
  paper: `${PAPER} (the set-up's premise: composition, not memorisation)`,
  statement: `Transformer study premise: every composition task is tested on tuples held out from training, has at least ${SKILLS_MIN_TUPLES_PER_EXAMPLE}× as many distinct tuples as a run has training examples, and at least one arm learns it above chance there (final held-out accuracy − chance > 3 standard errors over seeds); otherwise a difference between the arms may be memorisation of seen tuples, or nothing learned, not composition.`,
  needs: [skillsTransformerStudy],
  evidence(res) {
    const r = res.get(skillsTransformerStudy);
    const tasks = r.tasks.filter((t) => t.role === "composition");
    const per = tasks.map((t) => {
      const heldOut = (t.spec.heldOut ?? 0) > 0;
      const best = t.arms.reduce((a, b) => (b.final > a.final ? b : a));
      const chance = chanceAccuracy(t);
      // one seed has no standard error: the premise cannot be judged above chance (fails, with the reason)
      const oneSeed = !Number.isFinite(best.finalSe);
      const z = oneSeed ? NaN : (best.final - chance) / Math.max(best.finalSe, 1e-12);
      const large = t.tuplesPerExample >= SKILLS_MIN_TUPLES_PER_EXAMPLE;
      return { task: t.task, heldOut, heldOutFraction: t.spec.heldOut ?? 0, tuples: t.tuples, trainingExamples: t.trainingExamples, tuplesPerExample: r3(t.tuplesPerExample), bestAlpha: best.alpha, final: r3(best.final), finalSe: r3(best.finalSe), chance: r3(chance), z: r3(z), ...(oneSeed ? { reason: "one seed: no standard error over seeds, so 'above chance' cannot be judged (run ≥ 2 seeds)" } : {}), ok: heldOut && large && z > 3 };
    });
    const heldOut = per.filter((x) => x.heldOut).length;
    const large = per.filter((x) => x.tuplesPerExample >= SKILLS_MIN_TUPLES_PER_EXAMPLE).length;
    const learned = per.filter((x) => x.z > 3).length;
    return {
      measured: { tasks: per.length, heldOut, tuplesAtLeast10x: large, learnedAboveChance: learned, ...Object.fromEntries(per.map((x) => [`${x.task} z`, x.z])) },
      predicted: `every one of ${per.length} composition tasks held out, ≥ ${SKILLS_MIN_TUPLES_PER_EXAMPLE}× tuples per training example, and learned`,
      tolerance: `held-out test tuples; tuples / (steps × batch) ≥ ${SKILLS_MIN_TUPLES_PER_EXAMPLE}; best arm's final − chance > 3 se`,
      verdict: per.length > 0 && per.every((x) => x.ok) ? "pass" : "fail",
      details: { perTask: per },
    };
  },
};

/** Per seed, the mean over evaluations (area) and the final value of one rank bin's accuracy, for one arm. */
function binSeeds(r: SkillsStudyResult, task: string, alpha: number, bin: number): { area: number[]; final: number[] } {
  const runs = r.config.seeds.map((s) => r.runs.find((x) => x.task === task && x.alpha === alpha && x.seed === s) as SkillsRunRecord);
  const b = (x: SkillsRunRecord) => (bin < 0 ? x.binAcc[x.binAcc.length + bin] : x.binAcc[bin]);
  return { area: runs.map((x) => b(x).reduce((u, v) => u + v, 0) / b(x).length), final: runs.map((x) => b(x)[b(x).length - 1]) };
}

const premised = (c: Claim): Claim => ({ ...c, premises: [skillsTransformerPremise] });

export const skillsTransformerClaims: Claim[] = [
  skillsTransformerPremise,
  premised({
    id: "skills.transformer-power-law-wins-composition",
    paper: `${PAPER}, main figure (multi-step arithmetic, S5) and three-hop QA`,
    statement: `Transformer study (pre-registered test): on every composition task, power-law training skill frequencies (the main α) learn faster than uniform ones on held-out tuples with uniform skills. Metric: the area under the held-out uniform-test accuracy curve (mean over the evaluations), power law − uniform, paired by seed (same initialisation and ranking); test: exact one-sided paired sign-flip test over all the config's seeds (5 at small: every seed must favour the power law, p = 1/32), direction power law > uniform, level ${SKILLS_TEST_LEVEL}; pass iff p ≤ ${SKILLS_TEST_LEVEL} on every composition task.`,
    needs: [skillsTransformerStudy],
    evidence(res) {
      const r = res.get(skillsTransformerStudy);
      const comp = r.tasks.filter((t) => t.role === "composition");
      const ok = comp.length > 0 && comp.every((t) => t.pPowerLawBetter <= SKILLS_TEST_LEVEL);
      return {
        measured: Object.fromEntries(comp.flatMap((t) => [[`${t.task} ΔAUC`, r3(t.deltaAuc)], [`${t.task} p`, r3(t.pPowerLawBetter)]])),
        predicted: `ΔAUC > 0 with p ≤ ${SKILLS_TEST_LEVEL} on every composition task`,
        tolerance: `exact one-sided paired sign-flip test over ${r.config.seeds.length} seeds, level ${SKILLS_TEST_LEVEL}`,
        verdict: ok ? "pass" : "fail",
        details: {
          alpha: r.config.alpha,
          seeds: r.config.seeds,
          reproducedOn: comp.filter((t) => t.pPowerLawBetter <= SKILLS_TEST_LEVEL).map((t) => t.task),
          ...Object.fromEntries(comp.map((t) => [t.task, taskDetails(t, r.config.alpha)])),
        },
      };
    },
  }),
  premised({
    id: "skills.transformer-uniform-wins-one-hop",
    paper: `${PAPER}, one-hop memorisation (uniform wins the early race)`,
    statement:
      "Transformer study: on the one-hop QA control (memorisation, no composition) the power law does not help — matched to the first composition task (as many atomic facts |E|·|R| as the table that task composes, the same model and the same steps), the area under the uniform-test accuracy curve is not larger for the power law than for uniform skill frequencies (seed mean of the paired difference ≤ 0; the one-sided sign-flip p-values of both directions are reported).",
    needs: [skillsTransformerStudy],
    evidence(res) {
      const r = res.get(skillsTransformerStudy);
      const ctl = r.tasks.filter((t) => t.role === "control");
      const first = r.tasks.find((t) => t.role === "composition");
      const matched = (t: SkillsTaskSummary) => first !== undefined && t.atomicFacts === first.atomicFacts && t.spec.steps === first.spec.steps;
      const ok = ctl.length > 0 && ctl.every((t) => matched(t) && t.deltaAuc <= 0);
      return {
        measured: Object.fromEntries(ctl.flatMap((t) => [[`${t.task} ΔAUC`, r3(t.deltaAuc)], [`${t.task} p(uniform better)`, r3(t.pUniformBetter)]])),
        predicted: "ΔAUC ≤ 0 on a matched control",
        tolerance: "seed mean of AUC(power law) − AUC(uniform) ≤ 0; atomic facts and steps equal to the first composition task's",
        verdict: ok ? "pass" : "fail",
        details: Object.fromEntries(
          ctl.map((t) => [t.task, { ...taskDetails(t, r.config.alpha), matched: matched(t), atomicFacts: t.atomicFacts, compositionAtomicFacts: first?.atomicFacts ?? null, steps: t.spec.steps, compositionSteps: first?.spec.steps ?? null }]),
        ),
      };
    },
  }),
  premised({
    id: "skills.transformer-head-first",
    paper: `${PAPER}, stage-wise head→tail learning (stepping stone)`,
    statement:
      "Transformer study: under the power law, frequent skills are learned first — on every composition task the power law's gain over uniform training in per-bin accuracy (averaged over training) is larger for the head rank bin than for the tail rank bin (test sets with every slot drawn from one bin; the uniform run of the same seed shares the ranking, so the difference removes how hard each bin is in itself).",
    needs: [skillsTransformerStudy],
    evidence(res) {
      const r = res.get(skillsTransformerStudy);
      const comp = r.tasks.filter((t) => t.role === "composition");
      const gaps = comp.map((t) => {
        const pow = t.arms.find((a) => a.alpha === r.config.alpha)!;
        const uni = t.arms.find((a) => a.alpha === 0)!;
        const last = pow.binAuc.length - 1;
        const headGain = pow.binAuc[0] - uni.binAuc[0];
        const tailGain = pow.binAuc[last] - uni.binAuc[last];
        return { task: t.task, headGain, tailGain, binAucPowerLaw: pow.binAuc.map(r3), binAucUniform: uni.binAuc.map(r3) };
      });
      const ok = gaps.length > 0 && gaps.every((g) => g.headGain > g.tailGain);
      return {
        measured: Object.fromEntries(gaps.map((g) => [g.task, r3(g.headGain - g.tailGain)])),
        predicted: "> 0 on every composition task",
        tolerance: "[AUC_power(head bin) − AUC_uniform(head bin)] − [AUC_power(tail bin) − AUC_uniform(tail bin)] > 0 (seed means)",
        verdict: ok ? "pass" : "fail",
        details: Object.fromEntries(gaps.map((g) => [g.task, { headGain: r3(g.headGain), tailGain: r3(g.tailGain), binAucPowerLaw: g.binAucPowerLaw, binAucUniform: g.binAucUniform }])),
      };
    },
  }),
  // not under the premise: the gradient diagnostic measures the training dynamics themselves (no test set)
  {
    id: "skills.transformer-tail-gradient-head-context",
    paper: `${PAPER}, S5 stage II (gradient norms of tail samples with head vs other context)`,
    statement:
      "Transformer study: under the power law the gradient on problems that need a tail skill is larger when the other slots hold head skills than when they are random — on every seed, the ratio ‖∇L‖(head context)/‖∇L‖(random context), its median over the checkpoints after initialisation, exceeds 1 and exceeds the same ratio in the uniform run of that seed, for which the head bin is only a label (so the comparison removes how the bins differ in themselves). First composition task.",
    needs: [skillsTransformerStudy],
    evidence(res) {
      const r = res.get(skillsTransformerStudy);
      const g = r.gradient;
      if (!g) return { measured: NaN, predicted: "> 1", tolerance: "needs config.gradient", verdict: "fail", details: { reason: "gradient norms not measured in this configuration" } };
      // the median over checkpoints: a single checkpoint can dominate a mean of ratios
      const perSeed = g.seeds.map(({ seed, arms }) => {
        const pow = headRandomRatios(arms.find((a) => a.alpha === r.config.alpha)!);
        const uni = headRandomRatios(arms.find((a) => a.alpha === 0)!);
        return { seed, powerLaw: pow.median, uniform: uni.median, ok: pow.median > 1 && pow.median > uni.median, ratiosPowerLaw: pow.ratios.map(r3), ratiosUniform: uni.ratios.map(r3) };
      });
      return {
        measured: Object.fromEntries(perSeed.map((p) => [`seed ${p.seed}`, r3(p.powerLaw)])),
        predicted: "> 1 and > the uniform run's ratio, on every seed",
        tolerance: "median over checkpoints t > 0 of ‖∇L‖_head / ‖∇L‖_random: > 1 (power-law run) and > the uniform run's, for each seed",
        verdict: perSeed.length > 0 && perSeed.every((p) => p.ok) ? "pass" : "fail",
        details: { task: g.task, steps: g.steps, perSeed: perSeed.map((p) => ({ ...p, powerLaw: r3(p.powerLaw), uniform: r3(p.uniform) })) },
      };
    },
  },
  premised({
    id: "skills.transformer-alpha-tradeoff",
    paper: `${PAPER}, exponent ablation (a heavier head speeds the early stage, a lighter tail slows the last)`,
    statement:
      "Transformer study: the exponent trade-off — on every composition task trained with at least two power-law exponents, the largest α (heaviest head, lightest tail) against the smallest: the head rank bin's held-out accuracy area is larger (the head is learned earlier) and the tail rank bin's final held-out accuracy is lower (the tail is learned later). Judged on seed means of the seed-paired differences; the exact one-sided sign-flip p-values over seeds are reported.",
    needs: [skillsTransformerStudy],
    evidence(res) {
      const r = res.get(skillsTransformerStudy);
      const per = r.tasks
        .filter((t) => t.role === "composition" && t.spec.alphas.filter((a) => a > 0).length >= 2)
        .map((t) => {
          const pos = t.spec.alphas.filter((a) => a > 0);
          const lo = Math.min(...pos);
          const hi = Math.max(...pos);
          const headLo = binSeeds(r, t.task, lo, 0);
          const headHi = binSeeds(r, t.task, hi, 0);
          const tailLo = binSeeds(r, t.task, lo, -1);
          const tailHi = binSeeds(r, t.task, hi, -1);
          const dHead = headHi.area.map((x, i) => x - headLo.area[i]);
          const dTail = tailHi.final.map((x, i) => x - tailLo.final[i]);
          const mean = (xs: number[]) => xs.reduce((u, v) => u + v, 0) / xs.length;
          return {
            task: t.task,
            alphaLow: lo,
            alphaHigh: hi,
            headAreaGain: mean(dHead),
            tailFinalGain: mean(dTail),
            pHeadGain: pairedSignFlipTest(dHead).p,
            pTailLoss: pairedSignFlipTest(dTail.map((x) => -x)).p,
            headAreaGainSeeds: dHead.map(r3),
            tailFinalGainSeeds: dTail.map(r3),
          };
        });
      const ok = per.length > 0 && per.every((x) => x.headAreaGain > 0 && x.tailFinalGain < 0);
      return {
        measured: Object.fromEntries(per.flatMap((x) => [[`${x.task} head-bin area gain`, r3(x.headAreaGain)], [`${x.task} tail-bin final gain`, r3(x.tailFinalGain)], [`${x.task} p(head)`, r3(x.pHeadGain)], [`${x.task} p(tail)`, r3(x.pTailLoss)]])),
        predicted: "head-bin area gain > 0 and tail-bin final gain < 0 (largest vs smallest α)",
        tolerance: "seed means of the paired differences, largest − smallest α",
        verdict: ok ? "pass" : "fail",
        details: { perTask: per.map((x) => ({ ...x, headAreaGain: r3(x.headAreaGain), tailFinalGain: r3(x.tailFinalGain), pHeadGain: r3(x.pHeadGain), pTailLoss: r3(x.pTailLoss) })), reason: per.length === 0 ? "no composition task trained with two power-law exponents" : undefined },
      };
    },
  }),
];
