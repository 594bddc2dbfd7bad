/**
 * Checkable claims of Wang, Wu, Lyu, Zou, Song, Jia, Mittal, "Can Small Training Runs Reliably Guide Data
 * Curation? Rethinking Proxy-Model Practice" (arXiv 2512.24503), in the random-feature world of the spec
 * (proxy.md §2.3, §6). The LLM numbers of the paper are quoted in the details for comparison only; the
 * RF world, recipes, grids and regimes are this toolkit's documented defaults. Pure: no files, clock or threads.
 */
import { type Claim, type Evidence } from "../core/claim";
import { pickByScale as pick, type Scale } from "../core/scale";
import { spearman } from "../core/stats";
import { flipStudy } from "../../theory/proxy/flipStudy";
import { convergedLoss, optimalFlowLoss, optimalRidgeLoss } from "../../theory/proxy/optimalLoss";
import { rankAgreement } from "../../theory/proxy/ordering";
import { proxyProblem, realisePools, type ProxyProblem } from "../../theory/proxy/problem";
import { defaultRecipes, proxyWorld, spec10Recipes, type RecipeSpec } from "../../theory/proxy/recipes";
import { agreementByLr, sweepCell, targetOptimum, valLambdaMax, type SweepCell, type WorldOptions } from "../../theory/proxy/sweep";
import { allOneStepFlips, oneStepLoss, oneStepTaylor, taylorTerms } from "../../theory/proxy/taylor";
import { gdLoss, lrGrid } from "../../theory/proxy/training";

const PAPER = "Wang et al. 2025, arXiv 2512.24503";

/** Sizes of each scale: pool size, target width, proxy widths, seeds. */
export function claimSizes(scale: Scale) {
  return {
    world: { d: 4, poolSize: pick(scale, 1000, 2000, 4000), seed: 0 } as WorldOptions,
    targetWidth: pick(scale, 128, 256, 512),
    widths: pick(scale, [32], [32, 128], [32, 128]),
    seeds: pick(scale, 2, 4, 8),
  };
}

/** Fixed training time τ = ηT of the fixed-time regime (toolkit default; the spec's prototype used 1000). */
export const FIXED_TIME = 1e4;
/** Step budget of the fixed-steps regime (spec §6.1). */
export const FIXED_STEPS = 1000;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function problems(world: WorldOptions, recipes: RecipeSpec[], width: number, seeds: number, keepFeatures: boolean): ProxyProblem[] {
  const w = proxyWorld(world);
  const pools = realisePools(w, recipes);
  return Array.from({ length: seeds }, (_, s) => proxyProblem(w, recipes, width, { featureSeed: s, keepFeatures, pools }));
}

/** Exact GD sweep cells (closed form) for widths × seeds. */
function gdCells(scale: Scale, recipes: RecipeSpec[], lrs: number[], regime: "fixed-time" | "fixed-steps"): Array<{ width: number; cells: SweepCell[] }> {
  const z = claimSizes(scale);
  return z.widths.map((width) => {
    const ps = problems(z.world, recipes, width, z.seeds, false);
    return {
      width,
      cells: ps.map((p, s) =>
        sweepCell({ world: z.world, recipes, width, lrs, regime, steps: FIXED_STEPS, time: FIXED_TIME, maxSteps: 1e12, optimizer: "gd", seed: s }, p),
      ),
    };
  });
}

export const proxyClaims: Claim[] = [
  {
    id: "proxy.fixed-time-tiny-lr-matches-optimum",
    result: "proxy",
    paper: `${PAPER}, Finding I and Thm 1 (informal)`,
    statement:
      "Fixed-time regime (τ = ηT = 1e4), η ≪ 1/λ_max(H_v): the proxy's expected-loss ranking of the 16 default recipes matches the optimal-loss ranking of the same model (its own L*, tuned over lr × steps) — mean Spearman over feature seeds ≥ 0.9 at every proxy width (exact mean path, the η → 0 limit of E[SGD]); the wide target's ranking is reported beside it.",
    check(scale): Evidence {
      const z = claimSizes(scale);
      const recipes = defaultRecipes();
      const target = targetOptimum(z.world, recipes, z.targetWidth, 0);
      const runs = gdCells(scale, recipes, [1e-3], "fixed-time");
      const measured: Record<string, number> = {};
      const details: Record<string, unknown> = { targetWidth: z.targetWidth, seeds: z.seeds, tau: FIXED_TIME, eta: 1e-3 };
      let ok = true;
      for (const { width, cells } of runs) {
        const a = agreementByLr(cells, target.optimum)[0];
        measured[`width ${width}`] = a.spearmanSelf;
        details[`width ${width}`] = { vsWideTarget: a.spearman, vsWideTargetMin: a.spearmanMin, kendall: a.kendall, pairwise: a.pairwise, regret: a.regret, lambdaMaxVal: cells[0].lambdaMaxVal };
        ok = ok && a.spearmanSelf >= 0.9;
      }
      details.paper = "LLMs: ρ > 0.92 once lr < 1e-4; > 0.95 at 1e-5 (GPT2-125M → Pythia-1B, 23 recipes)";
      return { measured, predicted: "≥ 0.9", tolerance: "mean over seeds ≥ 0.9 at every width", verdict: ok ? "pass" : "fail", details };
    },
  },
  {
    id: "proxy.large-lr-agreement-lower",
    result: "proxy",
    paper: `${PAPER}, §1 and the main transfer figure (ρ < 0.75 at the standard lr)`,
    statement:
      "Fixed-time regime, online SGD (B = 8): at η = 1/λ_max(H_v) the Spearman agreement with the target's optimal-loss ranking is markedly lower than at tiny η — lower by at least 0.3 (Monte Carlo over seeds).",
    check(scale): Evidence {
      const z = claimSizes(scale);
      const recipes = defaultRecipes();
      const target = targetOptimum(z.world, recipes, z.targetWidth, 0);
      const width = z.widths[0];
      const ps = problems(z.world, recipes, width, z.seeds, true);
      const lamV = valLambdaMax(ps[0]);
      const big = 1 / lamV;
      const sgd = ps.map((p, s) => sweepCell({ world: z.world, recipes, width, lrs: [big], regime: "fixed-time", time: FIXED_TIME, optimizer: "sgd", seed: s }, p));
      const gd = ps.map((p, s) => sweepCell({ world: z.world, recipes, width, lrs: [1e-3], regime: "fixed-time", time: FIXED_TIME, maxSteps: 1e12, optimizer: "gd", seed: s }, p));
      const large = agreementByLr(sgd, target.optimum)[0];
      const tiny = agreementByLr(gd, target.optimum)[0];
      const drop = tiny.spearman - large.spearman;
      return {
        measured: { tiny: tiny.spearman, large: large.spearman, drop },
        predicted: "drop ≥ 0.3",
        tolerance: "drop ≥ 0.3",
        verdict: drop >= 0.3 ? "pass" : "fail",
        details: { width, lrLarge: big, lambdaMaxVal: lamV, stepsLarge: sgd[0].steps[0], largeMin: large.spearmanMin, largeRegret: large.regret, tinyRegret: tiny.regret, paper: "LLMs: ρ < 0.75 at the standard lr 3e-4, > 0.92 below 1e-4" },
      };
    },
  },
  {
    id: "proxy.fixed-steps-alignment",
    result: "proxy",
    paper: `${PAPER}, §3 one-step Taylor argument (first-order term dominates as η → 0)`,
    statement:
      "Fixed-steps regime (T = 1000): as η → 0 the proxy ranking becomes the first-order alignment ranking a_k = b_vᵀb_k (Spearman ≥ 0.95), so its agreement with the optimal-loss ranking tends to that of the alignment ranking (within 0.05) — on the default recipes the two orders differ, a finding shown, not hidden.",
    check(scale): Evidence {
      const z = claimSizes(scale);
      const recipes = defaultRecipes();
      const target = targetOptimum(z.world, recipes, z.targetWidth, 0);
      const lrs = [1e-5, ...lrGrid(1e-2, 10, 2)];
      const runs = gdCells(scale, recipes, lrs, "fixed-steps");
      const measured: Record<string, number> = {};
      const details: Record<string, unknown> = { lrs, T: FIXED_STEPS, alignmentVsTarget: spearman(target.alignment.map((a) => -a), target.optimum) };
      let ok = true;
      for (const { width, cells } of runs) {
        const rows = agreementByLr(cells, target.optimum);
        const tiny = rows[0];
        const alignVsOpt = mean(cells.map((c) => rankAgreement(c.alignment.map((a) => -a), target.optimum).spearman));
        measured[`width ${width}: ρ(proxy, alignment)`] = tiny.spearmanAlignment;
        measured[`width ${width}: ρ(proxy, optimum)`] = tiny.spearman;
        measured[`width ${width}: ρ(alignment, optimum)`] = alignVsOpt;
        details[`width ${width} by lr`] = rows.map((r) => ({ lr: r.lr, vsOptimum: r.spearman, vsAlignment: r.spearmanAlignment }));
        ok = ok && tiny.spearmanAlignment >= 0.95 && Math.abs(tiny.spearman - alignVsOpt) <= 0.05;
      }
      return { measured, predicted: "ρ(proxy, alignment) ≥ 0.95 and ρ(proxy, optimum) ≈ ρ(alignment, optimum)", tolerance: "0.05", verdict: ok ? "pass" : "fail", details };
    },
  },
  {
    id: "proxy.flip-lr-factor-2",
    result: "proxy",
    paper: `${PAPER}, §3 ("curse of high-order effects"); SGD-noise mechanism derived in spec §3.5`,
    statement:
      "Spec §6.2 world (10 recipes, width 128, B = 8, fixed time τ = 1000): for the best recipe against each of the five worst, the predicted SGD-noise flip lr lies within a factor of 2 of the observed crossing of the seed-averaged SGD losses.",
    check(scale): Evidence {
      const z = claimSizes(scale);
      const recipes = spec10Recipes();
      const w = proxyWorld(z.world);
      const p = proxyProblem(w, recipes, 128, { featureSeed: 0, pools: realisePools(w, recipes) });
      const rows = flipStudy(p, { batch: 8, time: 1000, seeds: pick(scale, 4, 8, 16), pairs: [5, 6, 7, 8, 9].map((j) => [0, j] as [number, number]) });
      const ratios = rows.map((r) => r.ratio ?? NaN);
      const ok = ratios.every((x) => Number.isFinite(x) && x >= 0.5 && x <= 2);
      return {
        measured: Object.fromEntries(rows.map((r) => [`${r.a} vs ${r.b}`, r.ratio ?? NaN])),
        predicted: 1,
        tolerance: "observed/predicted ∈ [0.5, 2] for every pair",
        verdict: ok ? "pass" : "fail",
        details: { rows: rows.map((r) => ({ a: r.a, b: r.b, predicted: r.discrete, predictedSpec: r.noise, observed: r.observed, oneStep: r.oneStep })) },
      };
    },
  },
  {
    id: "proxy.narrow-proxy-tiny-lr-matches-wide-target",
    result: "proxy",
    paper: `${PAPER}, Finding II and the combined condition`,
    statement:
      "A narrow proxy (width 32, the spec's proxy width, against a target of width 128 / 256 / 512 at ci / small / paper), trained at a tiny lr in the fixed-time regime, ranks the default recipes as the target tuned per recipe does: mean Spearman over feature seeds ≥ 0.9, and its top-1 pick loses ≤ 0.005 in target loss (regret@1). Narrower proxies are reported beside it (Theorem 1 needs a width threshold).",
    check(scale): Evidence {
      const z = claimSizes(scale);
      const recipes = defaultRecipes();
      const target = targetOptimum(z.world, recipes, z.targetWidth, 0);
      const tiny = (width: number) => {
        const ps = problems(z.world, recipes, width, z.seeds, false);
        const cells = ps.map((p, s) => sweepCell({ world: z.world, recipes, width, lrs: [1e-3], regime: "fixed-time", time: FIXED_TIME, maxSteps: 1e12, optimizer: "gd", seed: s }, p));
        return { ps, a: agreementByLr(cells, target.optimum)[0] };
      };
      const width = 32;
      const { ps, a } = tiny(width);
      const narrower = Object.fromEntries([4, 8, 16].map((m) => [`width ${m}`, tiny(m).a.spearman]));
      const tuned = mean(ps.map((p) => rankAgreement(p.recipes.map((r) => optimalFlowLoss(r, p.val).loss), target.optimum).spearman));
      return {
        measured: { spearman: a.spearman, regret: a.regret },
        predicted: { spearman: 0.9, regret: 0.005 },
        tolerance: "spearman ≥ 0.9, regret@1 ≤ 0.005",
        verdict: a.spearman >= 0.9 && a.regret <= 0.005 ? "pass" : "fail",
        details: { proxyWidth: width, targetWidth: z.targetWidth, min: a.spearmanMin, tunedProxy: tuned, narrower, paper: "GPT2-125M at lr 1e-5 → Pythia-1B: ρ > 0.95 over 23 recipes" },
      };
    },
  },
  {
    id: "proxy.one-step-taylor-exact",
    result: "proxy",
    paper: `${PAPER}, §3 one-step Taylor expansion`,
    statement:
      "For the RF model with squared loss the one-step expansion −ηa_k + η²c_k/2 is exact, so the predicted one-step flip lr 2(a_A − a_B)/(c_A − c_B) equals the observed one-step flip for every pair of default recipes (relative error ≤ 1e-8).",
    check(scale): Evidence {
      const z = claimSizes(scale);
      const recipes = defaultRecipes();
      const [p] = problems(z.world, recipes, z.widths[0], 1, false);
      const terms = p.recipes.map((r) => taylorTerms(r, p.val));
      let worstExpansion = 0;
      for (const [k, r] of p.recipes.entries()) {
        for (const eta of [0.01, 0.3, 3]) {
          const exact = oneStepLoss(r, p.val, eta);
          worstExpansion = Math.max(worstExpansion, Math.abs(oneStepTaylor(terms[k], eta) - exact) / Math.abs(exact));
        }
      }
      let worstFlip = 0;
      let flips = 0;
      for (const f of allOneStepFlips(terms)) {
        if (!Number.isFinite(f.eta)) continue;
        flips++;
        const d = (eta: number) => oneStepLoss(p.recipes[f.i], p.val, eta) - oneStepLoss(p.recipes[f.j], p.val, eta);
        // exact one-step losses change order at the predicted η: opposite signs just below and above it
        const below = Math.sign(d(f.eta * (1 - 1e-6)));
        const above = Math.sign(d(f.eta * (1 + 1e-6)));
        const atRoot = Math.abs(d(f.eta)) / Math.abs(oneStepLoss(p.recipes[f.i], p.val, f.eta));
        if (below === above) worstFlip = Infinity;
        else worstFlip = Math.max(worstFlip, atRoot);
      }
      const ok = worstExpansion <= 1e-8 && worstFlip <= 1e-8;
      return {
        measured: { expansionRelError: worstExpansion, flipRelResidual: worstFlip, pairsWithFlip: flips },
        predicted: 0,
        tolerance: 1e-8,
        verdict: ok ? "pass" : "fail",
        details: { pairs: (recipes.length * (recipes.length - 1)) / 2 },
      };
    },
  },
  {
    id: "proxy.optimal-loss-versions-agree",
    result: "proxy",
    paper: `${PAPER}, §2 objective ("optimal achievable loss"); versions from spec §2.3`,
    statement:
      "On the spec's §6.1 world the three versions of the optimal achievable loss — tuned gradient flow L*, converged least squares L*conv, tuned ridge — rank the 10 recipes alike (Spearman ≥ 0.95 against L*) at the target width.",
    check(scale): Evidence {
      const z = claimSizes(scale);
      const run = (recipes: RecipeSpec[]) => {
        const w = proxyWorld(z.world);
        const p = proxyProblem(w, recipes, z.targetWidth, { keepFeatures: false, pools: realisePools(w, recipes) });
        const opt = p.recipes.map((r) => optimalFlowLoss(r, p.val).loss);
        const conv = p.recipes.map((r) => convergedLoss(r, p.val));
        const ridge = p.recipes.map((r) => optimalRidgeLoss(r, p.val).loss);
        const grid = lrGrid(0.01, 3, 4);
        const T = [100, 1000, 1e4, 1e5, 1e6];
        const emp = p.recipes.map((r) => Math.min(...grid.flatMap((eta) => T.map((t) => gdLoss(r, p.val, eta, t).loss))));
        return { conv: spearman(conv, opt), ridge: spearman(ridge, opt), empiricalGd: spearman(emp, opt) };
      };
      const s10 = run(spec10Recipes());
      const def = run(defaultRecipes());
      const ok = s10.conv >= 0.95 && s10.ridge >= 0.95 && s10.empiricalGd >= 0.95;
      return {
        measured: s10,
        predicted: "≥ 0.95",
        tolerance: "Spearman ≥ 0.95 for each version",
        verdict: ok ? "pass" : "fail",
        details: { defaultRecipes: def, note: "On the default recipes the duplication axis separates L*conv from L* (few unique inputs: the converged fit interpolates; early stopping regularises)." },
      };
    },
  },
];

