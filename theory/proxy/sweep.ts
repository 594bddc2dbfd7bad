/**
 * The proxy learning-rate sweep (this toolkit's synthetic analogue of the paper's Spearman-vs-proxy-LR
 * study): for one proxy width and one seed (feature draw and
 * SGD samples), train every recipe at every lr of a log grid in one regime, and record the validation
 * losses; the target is the per-recipe optimal achievable loss at a wide width. Pure: no threads, files or
 * clock — src/run/proxySweep.ts distributes cells over worker threads and caches them.
 * Wang et al., "Can Small Training Runs Reliably Guide Data Curation? Rethinking Proxy-Model Practice",
 * arXiv 2512.24503.
 */
import { Rng } from "../../src/core/rng";
import { meanSe } from "../../src/core/stats";
import { requireInteger, requireNumber, requireOneOf, requireVector } from "../../src/core/validate";
import { convergedLoss, optimalFlowLoss, optimalRidgeLoss } from "./optimalLoss";
import { rankAgreement, type Agreement } from "./ordering";
import { proxyProblem, realisePools, type ProxyProblem } from "./problem";
import { proxyWorld, validateRecipes, type RecipeSpec } from "./recipes";
import { taylorTerms } from "./taylor";
import { gdLoss, initialLoss, OPTIMIZERS, REGIMES, sgdRun, stepsFor, type Optimizer, type Regime } from "./training";
import type { ResourceEstimate } from "../../src/core/resources";
import { ParameterError, requireObject } from "../../src/core/validate";
import { explainNonFinite } from "../../src/core/validateShape";
import { requireProxyProblem } from "./checkModel";

/** World parameters (see `proxyWorld`). */
export interface WorldOptions {
  d?: number;
  poolSize?: number;
  valSize?: number;
  seed?: number;
}

/** One sweep cell: a width, a seed, a regime and an lr grid over a recipe list. */
export interface SweepCellSpec {
  world: WorldOptions;
  recipes: RecipeSpec[];
  width: number;
  lrs: number[];
  regime: Regime;
  /** fixed-steps T (default 1000) */
  steps?: number;
  /** fixed-time τ = ηT (default 1000) and the cap on T */
  time?: number;
  maxSteps?: number;
  /** SGD minibatch (default 8) */
  batch?: number;
  optimizer: Optimizer;
  /** feature seed and SGD stream */
  seed: number;
}

/** Losses of one cell: loss[l][k] for lr l and recipe k (+∞ diverged), with per-recipe reference numbers. */
export interface SweepCell {
  width: number;
  seed: number;
  regime: Regime;
  optimizer: Optimizer;
  lrs: number[];
  steps: number[];
  loss: number[][];
  /** L*_k(m) = min_τ ℓ_val(θ̄(τ)) at this width and feature draw (the proxy's own optimum) */
  selfOptimum: number[];
  /** first-order alignment a_k = b_vᵀb_k at θ_0 = 0 */
  alignment: number[];
  /** ℓ_val(0) = ½c_v */
  initialLoss: number;
  /** λ_max(H_v) at this width (1/λ_max marks the lr scale of the curvature terms) */
  lambdaMaxVal: number;
  /** per recipe λ_max(H_k) */
  lambdaMax: number[];
}

/** Validate a sweep cell's parameters (one-line ParameterErrors naming them). */
export function validateSweepSpec(s: SweepCellSpec): void {
  requireObject("spec", s, "a sweep cell {world, recipes, width, lrs, regime, optimizer, seed, …}");
  requireObject("world", s.world, "world options {d, poolSize, valSize, seed}");
  requireInteger("width", s.width, { min: 1 });
  requireVector("lr", s.lrs, { gt: 0 });
  requireOneOf("regime", s.regime, REGIMES);
  requireOneOf("optimizer", s.optimizer, OPTIMIZERS);
  if (s.steps !== undefined) requireInteger("steps", s.steps, { min: 1 });
  if (s.time !== undefined) requireNumber("time", s.time, { gt: 0 });
  if (s.maxSteps !== undefined) requireInteger("maxSteps", s.maxSteps, { min: 1 });
  if (s.batch !== undefined) requireInteger("batch", s.batch, { min: 1 });
  requireInteger("seed", s.seed, { min: 0 });
  validateRecipes(s.recipes);
}

/** Build the problem of a cell (features drawn from the cell's seed). */
export function cellProblem(s: SweepCellSpec, keepFeatures = true): ProxyProblem {
  validateSweepSpec(s);
  const w = proxyWorld(s.world);
  return proxyProblem(w, s.recipes, s.width, { featureSeed: s.seed, keepFeatures, pools: realisePools(w, s.recipes) });
}

/** Run one cell: every recipe at every lr (exact GD, or one SGD run per (recipe, lr) with common random numbers across lrs). */
export function sweepCell(s: SweepCellSpec, problem?: ProxyProblem): SweepCell {
  validateSweepSpec(s);
  if (problem !== undefined) requireProxyProblem("problem", problem);
  const p = problem ?? cellProblem(s, s.optimizer === "sgd");
  const worldSeed = s.world.seed ?? 0;
  const steps = s.lrs.map((eta) => stepsFor(eta, { regime: s.regime, steps: s.steps, time: s.time, maxSteps: s.maxSteps }));
  const loss = s.lrs.map((eta, l) =>
    p.recipes.map((r, k) => {
      if (s.optimizer === "gd") return gdLoss(r, p.val, eta, steps[l]).loss;
      // the same SGD stream for every lr: loss-vs-lr curves are smooth (common random numbers)
      const rng = new Rng(worldSeed, 3, s.width, s.seed, k);
      return sgdRun(r, p.val, { eta, steps: steps[l], batch: s.batch ?? 8, rng }).loss;
    }),
  );
  return {
    width: s.width,
    seed: s.seed,
    regime: s.regime,
    optimizer: s.optimizer,
    lrs: s.lrs,
    steps,
    loss,
    selfOptimum: p.recipes.map((r) => optimalFlowLoss(r, p.val).loss),
    alignment: p.recipes.map((r) => taylorTerms(r, p.val).a),
    initialLoss: initialLoss(p.val),
    lambdaMaxVal: valLambdaMax(p),
    lambdaMax: p.recipes.map((r) => r.lambda[0]),
  };
}

/** λ_max(H_v) by power iteration (H_v is PSD). */
export function valLambdaMax(p: ProxyProblem): number {
  requireProxyProblem("p", p);
  const lambda = valLambdaMaxUnchecked(p);
  return Number.isFinite(lambda) ? lambda : explainNonFinite(lambda, [["p.val.H", p.val.H]]);
}

function valLambdaMaxUnchecked(p: ProxyProblem): number {
  const m = p.width;
  let v = new Float64Array(m).fill(1 / Math.sqrt(m));
  let lam = 0;
  for (let it = 0; it < 500; it++) {
    const w = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += p.val.H[i * m + j] * v[j];
      w[i] = s;
    }
    const nrm = Math.sqrt(w.reduce((a, x) => a + x * x, 0));
    if (nrm === 0) return 0;
    const next = w.map((x) => x / nrm);
    if (Math.abs(nrm - lam) <= 1e-12 * nrm) return nrm;
    lam = nrm;
    v = next;
  }
  return lam;
}

/** The target: per-recipe optimal achievable losses at a wide width (one feature draw). */
export interface TargetOptimum {
  width: number;
  names: string[];
  /** L*_k(M) = min_τ ℓ_val(θ̄(τ)) — the default target */
  optimum: number[];
  /** the τ at the optimum */
  tau: number[];
  /** L*conv_k(M) = ℓ_val(H⁺b) */
  converged: number[];
  /** min over ρ of the ridge loss */
  ridge: number[];
  /** a_k = b_vᵀb_k at the target width */
  alignment: number[];
}

/** Optimal achievable losses of every recipe at the target width (feature seed `seed`). */
export function targetOptimum(world: WorldOptions, recipes: RecipeSpec[], width: number, seed = 0): TargetOptimum {
  requireInteger("target width", width, { min: 1 });
  const w = proxyWorld(world);
  const p = proxyProblem(w, recipes, width, { featureSeed: seed, keepFeatures: false, pools: realisePools(w, recipes) });
  const opt = p.recipes.map((r) => optimalFlowLoss(r, p.val));
  return {
    width,
    names: p.recipes.map((r) => r.name),
    optimum: opt.map((o) => o.loss),
    tau: opt.map((o) => o.at),
    converged: p.recipes.map((r) => convergedLoss(r, p.val)),
    ridge: p.recipes.map((r) => optimalRidgeLoss(r, p.val).loss),
    alignment: p.recipes.map((r) => taylorTerms(r, p.val).a),
  };
}

/** Agreement statistics over seeds at one lr. */
export interface LrAgreement {
  lr: number;
  steps: number;
  spearman: number;
  spearmanSe: number;
  spearmanMin: number;
  kendall: number;
  pairwise: number;
  regret: number;
  /** mean share of diverged runs */
  diverged: number;
  /** Spearman of the proxy's losses against the first-order alignment ranking (−a_k) */
  spearmanAlignment: number;
  /** Spearman against the proxy's own optimum L*_k(m) (Finding I, same model) */
  spearmanSelf: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Per-lr agreement of the cells (same width, regime, lrs; different seeds) with the target ranking. */
export function agreementByLr(cells: SweepCell[], target: number[], k = 1): LrAgreement[] {
  if (!Array.isArray(cells)) throw new ParameterError("cells", typeof cells, "an array of sweep cells");
  if (cells.length === 0) return [];
  requireVector("target", target);
  cells.forEach((c, i) => {
    requireObject(`cells[${i}]`, c, "a sweep cell (see sweepCell)");
    if (!Array.isArray(c.lrs) || !Array.isArray(c.loss) || c.loss.length !== cells[0].lrs.length) throw new ParameterError(`cells[${i}].loss.length`, c.loss?.length, `= cells[0].lrs.length = ${cells[0].lrs?.length}`);
  });
  const lrs = cells[0].lrs;
  return lrs.map((lr, l) => {
    const per: Agreement[] = cells.map((c) => rankAgreement(c.loss[l], target, k));
    const rho = per.map((a) => a.spearman);
    const ms = rho.length > 1 ? meanSe(rho) : { mean: rho[0], se: NaN };
    return {
      lr,
      steps: cells[0].steps[l],
      spearman: ms.mean,
      spearmanSe: ms.se,
      spearmanMin: Math.min(...rho),
      kendall: mean(per.map((a) => a.kendall)),
      pairwise: mean(per.map((a) => a.pairwise)),
      regret: mean(per.map((a) => a.regret)),
      diverged: mean(per.map((a) => a.diverged / target.length)),
      spearmanAlignment: mean(cells.map((c) => rankAgreement(c.loss[l], c.alignment.map((a) => -a), k).spearman)),
      spearmanSelf: mean(cells.map((c) => rankAgreement(c.loss[l], c.selfOptimum, k).spearman)),
    };
  });
}

/**
 * Memory and work of a sweep, pure. Per cell (one width m, one seed), held by one thread: per recipe
 * the pool features (pool·m) and its m×m moments, eigenvectors and rotations (about 6 m² doubles);
 * the target at width M likewise. Work: per cell and recipe the features (pool·m·d), the moments
 * (pool·m²) and an eigen-decomposition (~10 m³); with SGD, per (recipe, lr, seed) T steps of a
 * batch·m gradient and an m-vector update.
 */
export function sweepCost(o: { widths: number[]; recipes: number; lrs: number; seeds: number; steps: number; batch: number; pool: number; targetWidth: number; dim?: number; sgd: boolean; threads?: number }): ResourceEstimate {
  requireObject("o", o);
  requireVector("widths", o.widths, { min: 1 });
  for (const f of ["recipes", "lrs", "seeds", "steps", "batch", "pool", "targetWidth"] as const) requireInteger(f, o[f], { min: 1 });
  if (o.dim !== undefined) requireInteger("dim", o.dim, { min: 1 });
  if (o.threads !== undefined) requireInteger("threads", o.threads, { min: 1 });
  const perWidth = (m: number) => 8 * o.recipes * (o.pool * m + 6 * m * m + 4 * o.pool);
  const mMax = Math.max(o.targetWidth, ...o.widths);
  const bytes = Math.min(o.threads ?? 1, o.widths.length * o.seeds) * Math.max(...o.widths.map(perWidth)) + perWidth(o.targetWidth);
  const cellOps = (m: number) => o.recipes * (o.pool * m * (o.dim ?? 4) + o.pool * m * m + 10 * m * m * m + (o.sgd ? o.lrs * o.steps * (o.batch + 2) * m * 2 : o.lrs * m * 4));
  const ops = o.seeds * o.widths.reduce((a, m) => a + cellOps(m), 0) + cellOps(o.targetWidth);
  return { bytes, largestArray: 8 * Math.max(o.pool * mMax, mMax * mMax), ops };
}
