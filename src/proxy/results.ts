/**
 * The computed results behind the proxy figures, per scale, cached in the result store
 * (data/results/proxy/*.json). The world, recipes, grids and regimes are this toolkit's documented defaults
 * (spec proxy.md §6.1, §8), not the paper's LLM settings. Wang et al., arXiv 2512.24503.
 */
import { pickByScale as pick, type Scale } from "../core/scale";
import { flipStudy, noiseModels, type FlipRow } from "../../theory/proxy/flipStudy";
import { optimalFlowLoss } from "../../theory/proxy/optimalLoss";
import { rankAgreement, regretCurve } from "../../theory/proxy/ordering";
import { proxyProblem, realisePools } from "../../theory/proxy/problem";
import { defaultRecipes, proxyWorld, spec10Recipes } from "../../theory/proxy/recipes";
import { agreementByLr, sweepCell, targetOptimum, type LrAgreement } from "../../theory/proxy/sweep";
import { noiseFlip, observedFlip, stabilityEdges } from "../../theory/proxy/taylor";
import { lrGrid, type Optimizer, type Regime } from "../../theory/proxy/training";
import { progress } from "../run/progress";
import { meanLosses, runSweep, type SweepConfig, type SweepResult } from "./sweepRunner";
import { cached } from "../run/store";

/** Bump when the computation changes (the cache key also holds every parameter). */
const MODEL_VERSION = 1;

/** The sweep configuration of a scale (SGD Monte Carlo or exact GD, one regime). */
export function sweepConfig(scale: Scale, regime: Regime, optimizer: Optimizer): SweepConfig {
  return {
    world: { d: 4, poolSize: pick(scale, 1000, 2000, 4000), seed: 0 },
    recipes: defaultRecipes(),
    widths: pick(scale, [32], [32, 128], [32, 128]),
    lrs: optimizer === "gd" ? lrGrid(1e-3, 30, 6) : pick(scale, lrGrid(0.03, 30, 2), lrGrid(0.03, 30, 3), lrGrid(0.01, 30, 4)),
    regime,
    steps: 1000,
    // ci shortens the fixed time so the Monte Carlo stays within seconds; small and paper use τ = 1e4
    time: pick(scale, 3000, 1e4, 1e4),
    maxSteps: 1e7,
    batch: 8,
    optimizer,
    seeds: optimizer === "gd" ? pick(scale, 2, 4, 8) : pick(scale, 2, 3, 8),
    targetWidth: pick(scale, 128, 256, 512),
    k: 1,
  };
}

/** A sweep of the default recipes at a scale (cached). */
export function proxySweep(scale: Scale, regime: Regime, optimizer: Optimizer): Promise<SweepResult> {
  const config = sweepConfig(scale, regime, optimizer);
  return cached(`proxy/sweep-${regime}-${optimizer}-${scale}`, { config, v: MODEL_VERSION }, async () => {
    const bar = progress(`proxy sweep (${optimizer}, ${regime}, ${scale})`, { quiet: optimizer === "gd" });
    const r = await runSweep(config, { onProgress: (a, b) => bar.update(a, b) });
    bar.done();
    return r;
  });
}

/** Per-lr agreement rows of one width of a sweep. */
export function rowsOf(r: SweepResult, width: number): LrAgreement[] {
  const a = r.agreement.find((x) => x.width === width);
  if (!a) throw new Error(`no width ${width} in the sweep`);
  return a.rows;
}

/** Reference lrs of a sweep's width: 1/λ_max(H_v) and the smallest GD stability edge 2/λ_max(H_k). */
export function referenceLrs(r: SweepResult, width: number): { invLambdaMax: number; gdEdge: number } {
  const cells = r.cells.filter((c) => c.width === width);
  return { invLambdaMax: 1 / cells[0].lambdaMaxVal, gdEdge: 2 / Math.max(...cells[0].lambdaMax) };
}

/** Width scan (exact): tuned proxy L*(m) and tiny-lr fixed-time proxy against the wide target, mean and min over seeds. */
export function widthScan(scale: Scale) {
  const config = {
    world: { d: 4, poolSize: pick(scale, 1000, 2000, 4000), seed: 0 },
    widths: pick(scale, [2, 4, 8, 16, 32, 64], [2, 4, 8, 16, 32, 64, 128], [2, 4, 8, 16, 32, 64, 128, 256]),
    seeds: pick(scale, 3, 5, 10),
    targetWidth: pick(scale, 128, 256, 512),
    time: 1e4,
    eta: 1e-3,
    v: MODEL_VERSION,
  };
  return cached(`proxy/width-scan-${scale}`, config, () => {
    const recipes = defaultRecipes();
    const target = targetOptimum(config.world, recipes, config.targetWidth, 0);
    const w = proxyWorld(config.world);
    const pools = realisePools(w, recipes);
    const rows = config.widths.map((width) => {
      const tuned: number[] = [];
      const tiny: number[] = [];
      for (let s = 0; s < config.seeds; s++) {
        // feature seeds 100+ so the scan never reuses the target's own feature draw
        const p = proxyProblem(w, recipes, width, { featureSeed: 100 + s, keepFeatures: false, pools });
        tuned.push(rankAgreement(p.recipes.map((r) => optimalFlowLoss(r, p.val).loss), target.optimum).spearman);
        const c = sweepCell({ world: config.world, recipes, width, lrs: [config.eta], regime: "fixed-time", time: config.time, maxSteps: 1e12, optimizer: "gd", seed: 100 + s }, p);
        tiny.push(agreementByLr([c], target.optimum)[0].spearman);
      }
      const stats = (xs: number[]) => ({ mean: xs.reduce((a, b) => a + b, 0) / xs.length, min: Math.min(...xs), max: Math.max(...xs) });
      return { width, tuned: stats(tuned), tiny: stats(tiny) };
    });
    return { config, rows };
  });
}

/** Flip lrs: (a) spec10 world, fine grid around each prediction; (b) default recipes, predicted vs crossings in the main SGD sweep. */
export function flipResults(scale: Scale) {
  const config = {
    world: { d: 4, poolSize: pick(scale, 1000, 2000, 4000), seed: 0 },
    width: 128,
    batch: 8,
    time: 1000,
    seeds: pick(scale, 4, 6, 16),
    minPredicted: pick(scale, 0.8, 0.1, 0.03),
    v: MODEL_VERSION,
  };
  return cached(`proxy/flips-${scale}`, config, async () => {
    // (a) spec10: every pair whose predicted flip is within the grid and below the stability edge
    const recipes = spec10Recipes();
    const w = proxyWorld(config.world);
    const p = proxyProblem(w, recipes, config.width, { featureSeed: 0, pools: realisePools(w, recipes) });
    const predictedOnly = flipStudy(p, { batch: config.batch, time: config.time, seeds: 0 });
    const pairs = predictedOnly
      .map((r, k) => ({ r, k }))
      .filter(({ r }) => Number.isFinite(r.discrete) && r.discrete >= config.minPredicted)
      .map(({ r }) => [recipes.findIndex((x) => x.name === r.a), recipes.findIndex((x) => x.name === r.b)] as [number, number]);
    const bar = progress(`proxy flips (${scale})`);
    const spec10: FlipRow[] = [];
    pairs.forEach((pr, i) => {
      spec10.push(...flipStudy(p, { batch: config.batch, time: config.time, seeds: config.seeds, pairs: [pr] }));
      bar.update(i + 1, pairs.length);
    });
    bar.done();
    // (b) default recipes: noise-model predictions at the sweep's τ vs crossings of the seed-mean SGD losses
    const sweep = await proxySweep(scale, "fixed-time", "sgd");
    const width = sweep.config.widths[sweep.config.widths.length - 1];
    const cells = sweep.cells.filter((c) => c.width === width);
    const losses = meanLosses(cells);
    const dp = proxyProblem(proxyWorld(sweep.config.world), sweep.config.recipes, width, { featureSeed: 0, keepFeatures: false });
    const models = noiseModels(dp, sweep.config.batch, sweep.config.time);
    const edge = Math.min(...dp.recipes.map((r) => stabilityEdges(r, sweep.config.batch).gd));
    const lrs = sweep.config.lrs;
    const def: Array<{ a: string; b: string; predicted: number; observed: number }> = [];
    for (let i = 0; i < dp.recipes.length; i++) {
      for (let j = i + 1; j < dp.recipes.length; j++) {
        const pred = noiseFlip(models[i], models[j], i, j).eta;
        const obs = observedFlip(lrs, losses.map((row) => row[i]), losses.map((row) => row[j]));
        if (Number.isFinite(pred) && pred < edge && pred > lrs[0] && obs !== null) def.push({ a: dp.recipes[i].name, b: dp.recipes[j].name, predicted: pred, observed: obs });
      }
    }
    return { config, spec10, defaultSet: { width, time: sweep.config.time, rows: def } };
  });
}

/** Regret@k curves at tiny and large lr from the SGD fixed-time sweep (seed-mean losses), plus the wide target. */
export async function regretResults(scale: Scale) {
  const sweep = await proxySweep(scale, "fixed-time", "sgd");
  const width = sweep.config.widths[sweep.config.widths.length - 1];
  const cells = sweep.cells.filter((c) => c.width === width);
  const ref = referenceLrs(sweep, width);
  const lrs = sweep.config.lrs;
  const nearest = (x: number) => lrs.reduce((b, v, i) => (Math.abs(Math.log(v / x)) < Math.abs(Math.log(lrs[b] / x)) ? i : b), 0);
  const picks = [0, nearest(ref.invLambdaMax / 10), nearest(ref.invLambdaMax)];
  const curves = [...new Set(picks)].map((l) => {
    const per = cells.map((c) => regretCurve(c.loss[l], sweep.target.optimum));
    const k = per[0].length;
    return { lr: lrs[l], regret: Array.from({ length: k }, (_, i) => per.reduce((s, r) => s + r[i], 0) / per.length) };
  });
  return { width, curves, bestTarget: Math.min(...sweep.target.optimum) };
}

