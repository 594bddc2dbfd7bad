/**
 * Sample-complexity experiments of the toy (this toolkit's numerical checks of the paper's uniform-vs-Zipf
 * sample-complexity separation, Wang, Dang, Lee, Lyu, arXiv 2604.22951): one seeded online
 * SGD run as a self-contained task (what a worker thread executes), escape times of the uniform ODE
 * against d, and log-log fits of samples-to-escape/solve against d per distribution.
 * A task is a pure function of its fields: seed s fixes the rank permutation, w⋆, w(0) and the samples.
 */
import { powerLawFit, type PowerLawFit } from "../../src/core/fit";
import { ParameterError, requireInteger, requireNumber, requireObject } from "../../src/core/validate";
import { requireSkillModel } from "./checkModel";
import { binnedZipfSkills, zipfSkills, type RankOrder } from "./distributions";
import { alignment, gaussianInit, skillModel, gdStabilityLimit, uniformTestLoss, validateK, weightedNorm, type SkillModel } from "./model";
import { onlineSgd } from "./onlineSgd";
import { uniformOde } from "./ode";
import { escapeCondition } from "./initialAlignment";

/** One online-SGD run: configuration and seed. */
export interface SgdTask {
  k: number;
  d: number;
  /** Zipf exponent (0 = uniform) */
  alpha: number;
  /** learning rate; or give `etaFraction` of the GD stability limit instead */
  eta?: number;
  etaFraction?: number;
  batch: number;
  /** sample budget */
  budget: number;
  /** init scale r (w₀ ~ 𝒩(0, r² I)) */
  r: number;
  seed: number;
  /** rank order of the Zipf ranks (default random) */
  order?: RankOrder;
  /** power law over this many coarse bins instead of individual skills */
  bins?: number;
  /** learning-curve records (default 0) */
  records?: number;
  /** keep going after solving (default false) */
  fullBudget?: boolean;
  /**
   * A curriculum over k (the paper's curriculum ablation; this toolkit's form of it): first train on the
   * easier composition order `k` (< the task's k; same p, w⋆ and w₀) at `etaFraction` of its own GD
   * stability limit until its uniform-test loss is below the solve threshold or `budget` samples are
   * used, then continue at the task's k from there with the rest of the task's budget.
   */
  warmup?: { k: number; budget: number; etaFraction: number };
}

/** Outcome of one run. */
export interface SgdOutcome {
  seed: number;
  k: number;
  d: number;
  alpha: number;
  eta: number;
  batch: number;
  budget: number;
  /** samples to escape / solve (null: not reached within the budget) */
  escape: number | null;
  solve: number | null;
  finalUniformLoss: number;
  /** the iterate blew up (escape and solve are then null: divergence is never counted as an escape) */
  diverged: boolean;
  /** samples at which divergence was detected, null if the run did not diverge */
  divergedAt: number | null;
  /** training alignment A(w₀) and weighted norm B(w₀) at initialisation */
  A0: number;
  B0: number;
  /** |A(w₀)| / (r √Σp²): the initial alignment in units of its standard deviation */
  zA0: number;
  /** escape-condition margin (k−2) ln|c| − (k/2) ln B₀, c = A₀/√B₀ (> 0: the signal beats the self term; derived here) */
  escapeMargin: number;
  /** GD stability limit 2/λ_max for this p */
  etaLimit: number;
  curve?: { samples: number[]; lossUniform: number[]; lossTrain: number[]; uniformA: number[]; A: number[] };
  /** with a warm-up: samples it used, and the samples at which it solved its own k (null: not within its budget) */
  warmupSamples?: number;
  warmupSolve?: number | null;
}

/** Build the problem of a task: Zipf/uniform/binned p over a seeded rank, w⋆ and w(0) from the seed. */
export function taskModel(t: SgdTask): { model: SkillModel; w0: Float64Array; rank: Uint32Array } {
  requireObject("task", t, "an SGD task {k, d, alpha, batch, budget, r, seed, …}");
  validateK(t.k, t.d);
  requireNumber("alpha", t.alpha, { min: 0 });
  requireNumber("r", t.r, { gt: 0 });
  const dist = t.bins ? binnedZipfSkills(t.d, t.alpha, t.bins, { seed: t.seed, order: t.order }) : zipfSkills(t.d, t.alpha, { seed: t.seed, order: t.order });
  const model = skillModel(t.k, dist, { seed: t.seed });
  return { model, w0: gaussianInit(t.d, t.r, t.seed), rank: dist.rank };
}

/** The learning rate of a task: `eta`, or `etaFraction` × the stability limit. */
export function taskEta(t: SgdTask, model: SkillModel): number {
  requireObject("task", t, "an SGD task {k, d, alpha, batch, budget, r, seed, …}");
  requireSkillModel("model", model);
  if (t.eta !== undefined) return requireNumber("eta", t.eta, { gt: 0 });
  return requireNumber("etaFraction", t.etaFraction ?? 0.5, { gt: 0, lt: 1 }) * gdStabilityLimit(model);
}

/** Run one task (pure; deterministic in its fields). */
export function runSgdTask(t: SgdTask): SgdOutcome {
  const { model, w0 } = taskModel(t);
  const eta = taskEta(t, model);
  // the curriculum's warm-up at a smaller k (same p, w⋆, w₀), then the task's k from where it stopped
  let start: Float64Array = w0;
  let offset = 0;
  let warm: ReturnType<typeof onlineSgd> | undefined;
  if (t.warmup) {
    const k1 = requireInteger("warmup.k", t.warmup.k, { min: 2, max: t.k - 1 });
    requireNumber("warmup.budget", t.warmup.budget, { min: t.batch, max: t.budget - t.batch });
    const m1: SkillModel = { ...model, k: k1 };
    const eta1 = requireNumber("warmup.etaFraction", t.warmup.etaFraction, { gt: 0, lt: 1 }) * gdStabilityLimit(m1);
    warm = onlineSgd(m1, { eta: eta1, batch: t.batch, budget: t.warmup.budget, w0, seed: t.seed, stopAtSolve: true });
    start = warm.w;
    offset = warm.samples;
  }
  const main = warm?.diverged
    ? warm
    : onlineSgd(model, { eta, batch: t.batch, budget: t.budget - offset, w0: start, seed: t.seed, records: t.records ?? 0, stopAtSolve: !t.fullBudget });
  const shift = (x: number | null): number | null => (x === null ? null : x + (warm?.diverged ? 0 : offset));
  const curve = main.curve && offset > 0 ? { ...main.curve, samples: main.curve.samples.map((x) => x + offset) } : main.curve;
  const res = { ...main, escape: shift(main.escape), solve: shift(main.solve), divergedAt: warm?.diverged ? warm.divergedAt : shift(main.divergedAt), curve };
  const A0 = alignment(model, w0);
  let s2 = 0;
  for (const q of model.p) s2 += q * q;
  return {
    seed: t.seed,
    k: t.k,
    d: t.d,
    alpha: t.alpha,
    eta,
    batch: t.batch,
    budget: t.budget,
    escape: res.escape,
    solve: res.solve,
    finalUniformLoss: res.finalUniformLoss,
    diverged: res.diverged,
    divergedAt: res.divergedAt,
    A0,
    B0: weightedNorm(model, w0),
    zA0: Math.abs(A0) / (t.r * Math.sqrt(s2)),
    escapeMargin: escapeCondition(t.k, A0, weightedNorm(model, w0)).margin,
    etaLimit: gdStabilityLimit(model),
    curve: res.curve,
    ...(warm ? { warmupSamples: warm.samples, warmupSolve: warm.diverged ? null : warm.solve } : {}),
  };
}

/** Uniform-test loss at initialisation of a task (for reference curves). */
export function taskInitialUniformLoss(t: SgdTask): number {
  const { model, w0 } = taskModel(t);
  return uniformTestLoss(model, w0);
}

/** Escape time (GD steps to A > 0.5) of the uniform ODE from A(0) = r/√d, B(0) = r², for each d; with a power-law fit. */
export function odeEscapeVsD(k: number, ds: readonly number[], opts: { eta?: number; etaRule?: "fixed" | "stability"; r?: number; fraction?: number } = {}): { d: number[]; eta: number[]; escapeSteps: number[]; fit: PowerLawFit } {
  requireInteger("k", k, { min: 2 });
  const r = opts.r ?? 0.5;
  const etas = ds.map((d) => (opts.etaRule === "stability" ? ((opts.fraction ?? 0.5) * 2 * d) / (k * k) : opts.eta ?? 1));
  const esc = ds.map((d, i) => {
    const o = uniformOde({ k, d, eta: etas[i], r, trajectory: false, solveLoss: 1e-9, maxSteps: 1e40 });
    if (o.escapeSteps === null) throw new Error(`internal: ODE did not escape at k = ${k}, d = ${d}`);
    return o.escapeSteps;
  });
  return { d: [...ds], eta: etas, escapeSteps: esc, fit: powerLawFit(ds, esc) };
}

/** A log-log fit of samples against d over the reached runs; `unreached` counts runs that hit the budget. */
export function fitSamplesVsD(points: ReadonlyArray<{ d: number; samples: number | null }>): { fit: PowerLawFit | null; unreached: number; n: number } {
  if (!Array.isArray(points)) throw new ParameterError("points", typeof points, "an array of {d, samples}");
  points.forEach((p, i) => {
    requireObject(`points[${i}]`, p, "{d, samples}");
    requireNumber(`points[${i}].d`, p.d, { gt: 0 });
    if (p.samples !== null) requireNumber(`points[${i}].samples`, p.samples, { min: 0 });
  });
  const ok = points.filter((p) => p.samples !== null && p.samples > 0) as Array<{ d: number; samples: number }>;
  const distinct = new Set(ok.map((p) => p.d)).size;
  return {
    fit: distinct >= 2 ? powerLawFit(ok.map((p) => p.d), ok.map((p) => p.samples)) : null,
    unreached: points.length - ok.length,
    n: points.length,
  };
}

/** Median of numbers with null = +∞ (not reached); null if the median itself is not reached. */
export function medianReached(xs: ReadonlyArray<number | null>): number | null {
  if (!Array.isArray(xs)) throw new ParameterError("xs", typeof xs, "an array of numbers or null");
  xs.forEach((x, i) => x === null || requireNumber(`xs[${i}]`, x, { allowInfinity: true }));
  const s = xs.map((x) => (x === null ? Infinity : x)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = s.length % 2 ? s[(s.length - 1) / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
  return Number.isFinite(m) ? m : null;
}
