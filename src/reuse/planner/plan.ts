/**
 * The reuse planner: "how many epochs is my dataset worth?" from a one-pass loss curve. Fits the
 * planner's model (model.ts, the Zipf model of Yan et al., arXiv 2511.13421) to the curve (fit.ts),
 * takes β from multi-epoch runs (calibrate.ts), from the caller, or the documented default, and
 * predicts for each K the reuse rate E(K,N), the K-epoch loss L(K,N) = L(1, E·N), the saturation
 * point K(λ,N) (E = λK) and the largest K worth running (the largest whole K with E(K,N)/K ≥ λ),
 * beside Muennighoff et al.'s E_M(K) (arXiv 2305.16264, R* = 15.39, the same for every N) placed on the
 * same fitted curve.
 *
 * The interval (level `level`, default 90%) covers two things and no more:
 * - the noise of the curve: a parametric bootstrap — ln L*_j = ln L̂_j + σ̂ ε_j, ε_j standard normal
 *   (seeded), σ̂ the fit's residual sd — refitted at the same β and η; the basic bootstrap interval
 *   [2θ̂ − q_{1−α/2}, 2θ̂ − q_{α/2}] of each prediction θ over the replicates (on ln θ for K(λ,N)),
 *   which unlike the plain percentile interval corrects for the bias of the nonlinear fit;
 * - the reuse parameters β and η, when not given: the predictions at the other (β, η) of the runs'
 *   95% region (calibrate.ts), or without runs at the corners of DEFAULT_BETA_RANGE × DEFAULT_ETA_RANGE
 *   (for whichever of the two the caller did not give) — an assumption, not a measurement: a one-pass
 *   curve cannot identify β and η, and without runs the interval says so by being wide.
 * It does not cover the model being wrong (a network that overfits, a learning-rate schedule, a
 * curve whose noise is correlated): the validation claims measure that.
 */
import { Rng } from "../../core/rng";
import { ParameterError, requireInteger, requireNumber } from "../../core/validate";
import { muennighoffReuseRate, MUENNIGHOFF_RSTAR } from "../../../theory/reuse/asymptotics";
import { findRootLog } from "../../core/optimize";
import type { MultiEpochRuns, OnePassCurve } from "./csv";
import { requireOnePassCurve, CurveError } from "./checkCurve";
import { calibrateReuse } from "./calibrate";
import { fitOnePass, type OnePassFit } from "./fit";
import { DEFAULT_BETA, DEFAULT_ETA, DEFAULT_ETA_RANGE, exponentB, tailShare, plannerLoss, plannerReuseRate, plannerSaturationK, type PlannerParams } from "./model";

/** β's range when neither runs nor the caller give it (documented default: the middle half of (0, 1)). */
export const DEFAULT_BETA_RANGE: [number, number] = [0.25, 0.75];
/** How far beyond the curve's token range N may lie (a factor; documented default: one decade). */
export const MAX_EXTRAPOLATION = 10;
/** tailShare above which the plan warns that the model's d items run out (its floor, not a power law). */
export const TAIL_WARNING = 0.05;
/** Default epoch counts of a plan. */
export const DEFAULT_K = [1, 2, 4, 8, 16, 32, 64];

/** Options of `planEpochs`. */
export interface PlanOptions {
  /** unique tokens (same unit as the curve's tokens) */
  N: number;
  /** epoch counts to predict (default DEFAULT_K) */
  K?: number[];
  /** λ of the saturation point (default 0.75, Yan et al.) */
  lambda?: number;
  /** multi-epoch runs to calibrate β on */
  runs?: MultiEpochRuns;
  /** β given by the caller (not with runs) */
  beta?: number;
  /** η given by the caller (not with runs; default 1) */
  eta?: number;
  /** items of the Zipf model (default DEFAULT_D) */
  d?: number;
  /** bootstrap replicates (default 100; 0: no interval from the curve's noise) */
  bootstrap?: number;
  /** seed of the bootstrap (default 1) */
  seed?: number;
  /** interval level (default 0.9) */
  level?: number;
}

/** One predicted K. */
export interface PlanRow {
  N: number;
  K: number;
  /** E(K,N) and its interval */
  E: number;
  lo: number;
  hi: number;
  /** predicted loss after K epochs and its interval */
  loss: number;
  lossLo: number;
  lossHi: number;
  /** Muennighoff et al.'s E_M(K) and the loss it implies on the same fitted curve */
  muennighoffE: number;
  muennighoffLoss: number;
  /** E·N beyond the curve's last token count (the loss is an extrapolation of the fitted curve) */
  extrapolated: boolean;
}

/** The plan's summary. */
export interface PlanSummary {
  N: number;
  lambda: number;
  saturationK: number;
  saturationLo: number;
  saturationHi: number;
  /** the largest whole K with E(K,N)/K ≥ λ (from the point estimate) */
  largestK: number;
  /** Muennighoff's saturation point (E_M(K) = λK; the same for every N) */
  muennighoffSaturationK: number;
  fit: {
    a: number;
    b: number;
    beta: number;
    eta: number;
    /** where β and η come from: calibrated on runs, given by the caller, or the defaults */
    reuseSource: "runs" | "given" | "default";
    /** the other (β, η) whose predictions widen the interval (the runs' 95% region, or the default β range) */
    alternatives: Array<{ beta: number; eta: number }>;
    c: number;
    A: number;
    Linf: number;
    d: number;
    sigma: number;
    tokenRange: [number, number];
    /** one-pass exponent (a − 1)/a */
    onePassExponent: number;
    bootstrap: number;
    level: number;
    runsRmsLogError: number | null;
    /** runs' losses used by the calibration, and left out because they came after their N's lowest loss (overfitting) */
    runsUsed: number | null;
    runsDropped: number | null;
    /** share of the one-pass risk in the last half of the model's d items at the largest token count used (max of the curve's and K_max·N); above TAIL_WARNING the d-item floor shows: raise d */
    tailShare: number;
  };
}

/** A plan: rows per K and the summary. */
export interface Plan {
  rows: PlanRow[];
  summary: PlanSummary;
  /** the fit at β̂ (for figures) */
  fitted: OnePassFit;
}

const quantile = (xs: number[], q: number): number => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const h = (s.length - 1) * q;
  const i = Math.floor(h);
  return i + 1 < s.length ? s[i] + (h - i) * (s[i + 1] - s[i]) : s[i];
};

/** Muennighoff's saturation point: E_M(K) = λK. */
export function muennighoffSaturationK(lambda: number, Rstar = MUENNIGHOFF_RSTAR): number {
  const g = (K: number): number => muennighoffReuseRate(K, Rstar) / K - lambda;
  if (g(1e7) > 0) return Infinity;
  return findRootLog(g, 1, 1e7, { lntol: 1e-9 }).x;
}

/** Check N (or a run's unique tokens, named `name`) against the curve's range (the named extrapolation error). */
export function requireNInRange(N: number, tokenRange: [number, number], factor = MAX_EXTRAPOLATION, name = "N"): number {
  requireNumber(name, N, { gt: 0 });
  const [t0, t1] = tokenRange;
  if (N > factor * t1) {
    throw new CurveError(name, N, `≤ ${factor} × the curve's last token count ${t1} = ${factor * t1} (${name} is ${(N / t1).toPrecision(3)}× beyond the curve; the planner extrapolates the fitted curve by at most ${factor}×)`);
  }
  if (N < t0 / factor) {
    throw new CurveError(name, N, `≥ the curve's first token count ${t0} / ${factor} = ${t0 / factor} (${name} is ${(t0 / N).toPrecision(3)}× below the curve; the planner extrapolates the fitted curve by at most ${factor}×)`);
  }
  return N;
}

/** Predictions of one parameter set: E, loss per K, K(λ,N). */
function predict(p: PlannerParams, N: number, Ks: number[], lambda: number): { E: number[]; loss: number[]; Ksat: number } {
  const E = Ks.map((K) => plannerReuseRate(p, K, N));
  return { E, loss: E.map((e) => plannerLoss(p, 1, e * N)), Ksat: plannerSaturationK(p, N, lambda) };
}

/** Plan the epochs for N unique tokens from a one-pass curve (see the module comment). */
export function planEpochs(curve: OnePassCurve, opts: PlanOptions): Plan {
  requireOnePassCurve(curve);
  const Ks = opts.K ?? DEFAULT_K;
  if (!Array.isArray(Ks) || Ks.length === 0) throw new ParameterError("K", Ks, "a non-empty list of epoch counts ≥ 1");
  Ks.forEach((K, i) => requireNumber(`K[${i}]`, K, { min: 1 }));
  const lambda = requireNumber("lambda", opts.lambda ?? 0.75, { gt: 0, lt: 1 });
  const B = requireInteger("bootstrap", opts.bootstrap ?? 100, { min: 0, max: 100000 });
  const level = requireNumber("level", opts.level ?? 0.9, { gt: 0, lt: 1 });
  const seed = requireInteger("seed", opts.seed ?? 1, { min: 0 });
  const N = requireNInRange(opts.N, [curve.tokens[0], curve.tokens[curve.tokens.length - 1]]);

  let fit: OnePassFit;
  let source: PlanSummary["fit"]["reuseSource"];
  let alternatives: Array<{ beta: number; eta: number }>;
  let runsRms: number | null = null;
  let runsCount: { used: number; dropped: number } | undefined;
  if (opts.runs) {
    if (opts.beta !== undefined || opts.eta !== undefined) throw new ParameterError(opts.beta !== undefined ? "beta" : "eta", opts.beta ?? opts.eta, "left out when runs are given (the runs calibrate β and η)");
    // a run's K-epoch loss is the fitted curve at E·N tokens: runs far outside the curve would calibrate β and η on an extrapolation
    if (Array.isArray(opts.runs?.uniqueTokens)) opts.runs.uniqueTokens.forEach((n, i) => requireNInRange(n, [curve.tokens[0], curve.tokens[curve.tokens.length - 1]], MAX_EXTRAPOLATION, `runs.uniqueTokens[${i}]`));
    const cal = calibrateReuse(curve, opts.runs, { d: opts.d });
    fit = cal.fit;
    source = "runs";
    alternatives = cal.region;
    runsRms = cal.rmsLogError;
    runsCount = { used: cal.used, dropped: cal.dropped };
  } else {
    const beta = opts.beta === undefined ? DEFAULT_BETA : requireNumber("beta", opts.beta, { gt: 0, lt: 1 });
    const eta = opts.eta === undefined ? DEFAULT_ETA : requireNumber("eta", opts.eta, { gt: 0, max: 1 });
    fit = fitOnePass(curve, { beta, eta, d: opts.d });
    source = opts.beta === undefined && opts.eta === undefined ? "default" : "given";
    // the corners of the default box for what the caller did not give
    const betas = opts.beta === undefined ? DEFAULT_BETA_RANGE : [beta];
    const etas = opts.eta === undefined ? DEFAULT_ETA_RANGE : [eta];
    alternatives = opts.beta === undefined || opts.eta === undefined ? betas.flatMap((b) => etas.map((e) => ({ beta: b, eta: e }))) : [];
  }
  const p = fit.params;
  const point = predict(p, N, Ks, lambda);
  const samples: Array<{ E: number[]; loss: number[]; Ksat: number }> = [];
  // the curve's noise: parametric bootstrap at β̂
  const rng = new Rng(seed, 0x91a7);
  const fittedLn = curve.loss.map((l, j) => Math.log(l) - fit.residuals[j]);
  for (let r = 0; r < B; r++) {
    const loss = fittedLn.map((y) => Math.exp(y + fit.sigma * rng.normal()));
    try {
      const f = fitOnePass({ tokens: curve.tokens, loss }, { beta: p.beta, eta: p.eta, d: p.d, start: p, checked: true });
      samples.push(predict(f.params, N, Ks, lambda));
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      samples.push({ E: Ks.map(() => NaN), loss: Ks.map(() => NaN), Ksat: NaN }); // a replicate whose model learned everything: counted as unknown
    }
  }
  // β's range: the point predictions at its ends
  // each from the fit's full set of starts (one start near p can stop in a worse local minimum)
  const ends = alternatives.map((r) => predict(fitOnePass(curve, { ...r, d: opts.d, checked: true }).params, N, Ks, lambda));
  const q = (1 - level) / 2;
  // basic (reflected) bootstrap interval [2θ̂ − q_{1−α/2}, 2θ̂ − q_{α/2}] (on ln θ for positive skewed
  // quantities): it corrects the percentile interval for the estimator's bias, which a nonlinear fit has
  const band = (vals: number[], pt: number, endVals: number[], log = false, range: [number, number] = [-Infinity, Infinity]): [number, number] => {
    const f = log ? Math.log : (x: number) => x;
    const g = log ? Math.exp : (x: number) => x;
    const v = vals.filter((x) => Number.isFinite(f(x)));
    let lo = pt;
    let hi = pt;
    if (v.length) {
      lo = g(2 * f(pt) - quantile(v.map(f), 1 - q));
      hi = g(2 * f(pt) - quantile(v.map(f), q));
    }
    return [Math.max(range[0], Math.min(lo, pt, ...endVals)), Math.min(range[1], Math.max(hi, pt, ...endVals))];
  };
  const tMax = curve.tokens[curve.tokens.length - 1];
  const rows: PlanRow[] = Ks.map((K, k) => {
    const [lo, hi] = band(samples.map((s) => s.E[k]), point.E[k], ends.map((e) => e.E[k]), false, [1, K]);
    const [lossLo, lossHi] = band(samples.map((s) => s.loss[k]), point.loss[k], ends.map((e) => e.loss[k]));
    const EM = muennighoffReuseRate(K);
    return { N, K, E: point.E[k], lo, hi, loss: point.loss[k], lossLo, lossHi, muennighoffE: EM, muennighoffLoss: plannerLoss(p, 1, EM * N), extrapolated: point.E[k] * N > tMax * (1 + 1e-12) };
  });
  const [saturationLo, saturationHi] = band(samples.map((s) => s.Ksat), point.Ksat, ends.map((e) => e.Ksat), true, [1, Infinity]);
  return {
    rows,
    fitted: fit,
    summary: {
      N,
      lambda,
      saturationK: point.Ksat,
      saturationLo,
      saturationHi,
      largestK: Number.isFinite(point.Ksat) ? Math.max(1, Math.floor(point.Ksat)) : Infinity,
      muennighoffSaturationK: muennighoffSaturationK(lambda),
      fit: {
        a: p.a,
        b: exponentB(p),
        beta: p.beta,
        eta: p.eta,
        reuseSource: source,
        alternatives,
        c: p.c,
        A: p.A,
        Linf: p.Linf,
        d: p.d,
        sigma: fit.sigma,
        tokenRange: fit.tokenRange,
        onePassExponent: (p.a - 1) / p.a,
        bootstrap: B,
        level,
        runsRmsLogError: runsRms,
        tailShare: tailShare(p, Math.max(curve.tokens[curve.tokens.length - 1], Math.max(...Ks) * N) / p.c),
        runsUsed: runsCount?.used ?? null,
        runsDropped: runsCount?.dropped ?? null,
      },
    },
  };
}
