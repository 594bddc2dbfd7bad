/**
 * Claims of the transformer proxy study (Wang, Wu, Lyu, Zou, Song, Jia, Mittal, arXiv 2512.24503,
 * Findings I–II and the main transfer result), checked on small GPTs trained on synthetic task-family
 * recipes. Each judges the study's result (`proxyTransformerStudy`). The thresholds of the first claim are this toolkit's statement of the qualitative
 * finding; the second compares with the paper's headline numbers, which were measured for GPT2-125M →
 * Pythia-1B on 23 real recipes and need not hold for this synthetic analogue. A claim that does not
 * reproduce at a scale fails with its numbers.
 */
import type { Claim, Evidence } from "../../core/claim";
import { meanSe } from "../../core/stats";
import { proxyTransformerStudy, standardAndTiny, type ProxyStudyResult } from "./study";

const PAPER = "Wang et al. 2025, arXiv 2512.24503";
const r3 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : x);

/** The paper's headline levels (arXiv 2512.24503, main transfer result; GPT2-125M proxy → Pythia-1B target, 23 recipes). */
export const PAPER_STANDARD_LR_MAX_SPEARMAN = 0.75;
export const PAPER_TINY_LR_MIN_SPEARMAN = 0.95;

const perLr = (r: ProxyStudyResult, long = false) =>
  Object.fromEntries((long ? r.agreementLong : r.agreement).map((a) => [`lr=${a.lr}`, { spearman: r3(a.mean.spearman), seedMean: r3(a.spearmanSeedMean), seedSe: r3(a.spearmanSeedSe), pairwise: r3(a.mean.pairwise), regret1: r3(a.mean.regret) }]));

/** The largest Spearman a fixed-lr target ranking may have with the tuned one for tuning to matter. */
export const PREMISE_MAX_FIXED_LR_SPEARMAN = 0.8;

/**
 * The premise of the proxy study (issue "transformer studies that can test their papers"): the paper's
 * point is that per-recipe tuning reorders recipes, so that a proxy at the standard lr ranks them
 * wrongly. If the targets ranked at one fixed lr already agree with the per-recipe-tuned ranking, no
 * proxy lr can improve anything, and the main claims say nothing about the paper.
 */
export const proxyTransformerPremise: Claim = {
  id: "proxy.transformer-premise-tuning-reorders",
  paper: `${PAPER} (the set-up's premise: tuning reorders recipes)`,
  statement: `Transformer study premise: per-recipe tuning reorders the recipes — at every fixed target lr, the Spearman ρ between the targets' ranking at that lr and their per-recipe-tuned ranking is ≤ ${PREMISE_MAX_FIXED_LR_SPEARMAN}.`,
  needs: [proxyTransformerStudy],
  evidence(res): Evidence {
    const r = res.get(proxyTransformerStudy);
    const rho = r.targetFixedLrSpearman;
    const best = Math.max(...rho.filter(Number.isFinite));
    const lrs = r.config.target.lrs;
    const distinctBestLrs = new Set(r.targetBestLr).size;
    return {
      measured: r3(best),
      predicted: `≤ ${PREMISE_MAX_FIXED_LR_SPEARMAN}`,
      tolerance: "max over fixed target lrs",
      verdict: best <= PREMISE_MAX_FIXED_LR_SPEARMAN ? "pass" : "fail",
      details: { perLr: Object.fromEntries(rho.map((x, i) => [`lr=${lrs[i]}`, r3(x)])), tunedBestLr: Object.fromEntries(r.recipes.map((n, i) => [n, r.targetBestLr[i]])), distinctBestLrs },
    };
  },
};

const premised = (c: Claim): Claim => ({ ...c, premises: [proxyTransformerPremise] });

export const proxyTransformerClaims: Claim[] = [
  proxyTransformerPremise,
  premised({
    id: "proxy.transformer-tiny-beats-standard",
    paper: `${PAPER}, Findings I–II and the main transfer result`,
    statement:
      "Transformer study: proxies trained at a tiny learning rate rank the recipes more like the per-recipe-tuned larger targets than proxies at the standard learning rate — the per-seed Spearman ρ(tiny) − ρ(standard) is positive on average over the proxy seeds, and so is the difference for the seed-mean ranking.",
    needs: [proxyTransformerStudy],
    evidence(r): Evidence {
      return tinyBeatsStandard(r.get(proxyTransformerStudy));
    },
  }),
  premised({
    id: "proxy.transformer-long-run-tiny-beats-standard",
    paper: `${PAPER}, Findings I–II (a tiny-lr proxy trained long enough to learn)`,
    statement:
      "Transformer study, long proxy runs (`longProxy`: the same proxies trained several times longer, so that the tiny-lr proxy's loss moves well away from its initial value): the tiny-lr proxies rank the recipes more like the tuned targets than the standard-lr proxies trained as long — the per-seed Spearman ρ(tiny) − ρ(standard) is positive on average over the proxy seeds, and so is the difference for the seed-mean ranking.",
    needs: [proxyTransformerStudy],
    evidence(r): Evidence {
      return tinyBeatsStandard(r.get(proxyTransformerStudy), true);
    },
  }),
  premised({
    id: "proxy.transformer-paper-levels",
    paper: `${PAPER}, GPT2-125M → Pythia-1B: ρ < ${PAPER_STANDARD_LR_MAX_SPEARMAN} at the standard lr, ρ > ${PAPER_TINY_LR_MIN_SPEARMAN} at 1e-5`,
    statement: `Transformer study: the paper's headline levels — the seed-mean proxy ranking has Spearman ρ < ${PAPER_STANDARD_LR_MAX_SPEARMAN} against the tuned targets at the standard proxy lr and ρ > ${PAPER_TINY_LR_MIN_SPEARMAN} at the tiny lr (measured on 23 real recipes; whether a synthetic analogue reaches them is an open question, reported).`,
    needs: [proxyTransformerStudy],
    evidence(r): Evidence {
      return paperLevels(r.get(proxyTransformerStudy));
    },
  }),
];

/** Evidence of "tiny-lr proxies agree with the tuned targets better than standard-lr proxies" for a study result (its long proxy runs with `long`). */
export function tinyBeatsStandard(r: ProxyStudyResult, long = false): Evidence {
  const pair = long ? standardAndTiny(r, true) : standardAndTiny(r);
  if (!pair) return { measured: NaN, predicted: "> 0", tolerance: "needs config.longProxy", verdict: "fail", details: { reason: "no long proxy runs in this configuration" } };
  const { standard, tiny } = pair;
  const diffs = tiny.spearmanSeeds.map((x, i) => x - standard.spearmanSeeds[i]);
  const d = diffs.length >= 2 ? meanSe(diffs) : { mean: diffs[0], se: NaN };
  const meanDiff = tiny.mean.spearman - standard.mean.spearman;
  return {
    measured: { seedMeanDiff: r3(d.mean), se: r3(d.se), seedMeanRankingDiff: r3(meanDiff) },
    predicted: "> 0",
    tolerance: "mean over seeds of ρ_s(tiny) − ρ_s(standard) > 0 and ρ(tiny) − ρ(standard) > 0 for the seed-mean ranking",
    verdict: d.mean > 0 && meanDiff > 0 ? "pass" : "fail",
    details: {
      steps: long ? r.config.longProxy!.steps : r.config.proxy.steps,
      standardLr: r.config.standardLr,
      tinyLr: r.config.tinyLr,
      spearmanStandardSeeds: standard.spearmanSeeds.map(r3),
      spearmanTinySeeds: tiny.spearmanSeeds.map(r3),
      minLossDropAtTinyLr: r3(Math.min(...tiny.drop)),
      tunedProxySpearman: r3(r.tunedProxy.spearman),
      targetFixedLrSpearman: Object.fromEntries(r.config.target.lrs.map((lr, i) => [`lr=${lr}`, r3(r.targetFixedLrSpearman[i])])),
      perLr: perLr(r, long),
      ...(long ? { shortRun: { steps: r.config.proxy.steps, spearmanStandard: r3(standardAndTiny(r).standard.mean.spearman), spearmanTiny: r3(standardAndTiny(r).tiny.mean.spearman) } } : {}),
    },
  };
}

/** Evidence of the paper's headline levels (ρ < 0.75 at the standard lr, > 0.95 at the tiny lr) for a study result. */
export function paperLevels(r: ProxyStudyResult): Evidence {
  const { standard, tiny } = standardAndTiny(r);
  const ok = standard.mean.spearman < PAPER_STANDARD_LR_MAX_SPEARMAN && tiny.mean.spearman > PAPER_TINY_LR_MIN_SPEARMAN;
  return {
    measured: { standard: r3(standard.mean.spearman), tiny: r3(tiny.mean.spearman) },
    predicted: `standard < ${PAPER_STANDARD_LR_MAX_SPEARMAN}, tiny > ${PAPER_TINY_LR_MIN_SPEARMAN}`,
    tolerance: "both inequalities",
    verdict: ok ? "pass" : "fail",
    details: { recipes: r.recipes.length, standardLr: r.config.standardLr, tinyLr: r.config.tinyLr, perLr: perLr(r) },
  };
}
