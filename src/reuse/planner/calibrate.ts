/**
 * Calibrate the reuse parameters β and η (model.ts; what a one-pass curve cannot identify) on a few
 * multi-epoch runs: for each (β, η) the one-pass curve is fitted (fit.ts) and the runs' losses
 * predicted, L(K,N) = L∞ + A·R̄(K, N/c; η); (β, η) minimises S, the squared error of ln L over the
 * runs, on a grid (β ∈ {0.05, 0.2, …, 0.95}, η ∈ {1, 10^−0.5, …, 10^−3}) refined by Brent's method
 * along β and then ln η. The confidence set is the grid points with S ≤ S_min + 5.99·s²,
 * s² = S_min/(m − 2) the runs' residual variance (m losses): a likelihood-ratio 95% region for two
 * parameters that treats the one-pass fit at each point as exact.
 *
 * Losses after a run's lowest one are left out (`beforeOverfitting`): the model's K-epoch loss never
 * rises with K, so a loss that rises again (the network memorising its N tokens, e.g. at a constant
 * learning rate) is outside it and would pull the saturation point early.
 */
import { minimizeBounded } from "../../core/optimize";
import { ParameterError } from "../../core/validate";
import type { MultiEpochRuns, OnePassCurve } from "./csv";
import { fitOnePass, type OnePassFit } from "./fit";
import { plannerLoss } from "./model";

/** β grid of the calibration. */
export const BETA_GRID = [0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95];
/** η grid of the calibration. */
export const ETA_GRID = [1, 10 ** -0.5, 0.1, 10 ** -1.5, 0.01, 10 ** -2.5, 0.001];

/** The calibrated (β, η), the confidence set and the fit at the optimum. */
export interface ReuseCalibration {
  beta: number;
  eta: number;
  /** grid points (β, η) in the 95% region */
  region: Array<{ beta: number; eta: number }>;
  /** rms error of ln L over the runs at the optimum */
  rmsLogError: number;
  fit: OnePassFit;
  /** losses used, and losses left out because they came after their N's lowest loss */
  used: number;
  dropped: number;
  /** the grid: β, η and the runs' sum of squared ln-loss errors */
  scan: Array<{ beta: number; eta: number; sse: number }>;
}

/** Check the runs (names the bad entry). */
export function requireRuns(runs: MultiEpochRuns, name = "runs"): MultiEpochRuns {
  if (runs === null || typeof runs !== "object" || !Array.isArray(runs.uniqueTokens) || !Array.isArray(runs.epochs) || !Array.isArray(runs.loss)) {
    throw new ParameterError(name, runs, "multi-epoch runs { uniqueTokens: number[], epochs: number[], loss: number[] }");
  }
  const m = runs.loss.length;
  if (runs.uniqueTokens.length !== m || runs.epochs.length !== m) throw new ParameterError(`${name} lengths`, [runs.uniqueTokens.length, runs.epochs.length, m], "equal (one entry per measured loss)");
  runs.loss.forEach((l, i) => {
    if (!(Number.isFinite(l) && l > 0)) throw new ParameterError(`${name}.loss[${i}]`, l, "a finite loss > 0");
    if (!(Number.isFinite(runs.uniqueTokens[i]) && runs.uniqueTokens[i] > 0)) throw new ParameterError(`${name}.uniqueTokens[${i}]`, runs.uniqueTokens[i], "a finite token count > 0");
    if (!(Number.isInteger(runs.epochs[i]) && runs.epochs[i] >= 1)) throw new ParameterError(`${name}.epochs[${i}]`, runs.epochs[i], "an integer ≥ 1");
  });
  if (runs.epochs.filter((k) => k > 1).length < 3) throw new ParameterError(`${name}.epochs`, runs.epochs, "at least 3 losses after more than one epoch (two reuse parameters to calibrate; K = 1 says nothing about reuse)");
  return runs;
}

/** Squared ln-loss error of the runs under a fit. */
export function runsSse(fit: OnePassFit, runs: MultiEpochRuns): number {
  let s = 0;
  runs.loss.forEach((l, i) => {
    s += (Math.log(l) - Math.log(plannerLoss(fit.params, runs.epochs[i], runs.uniqueTokens[i]))) ** 2;
  });
  return s;
}

/**
 * The runs without the losses after each N's lowest one (K-epoch losses that rise again: overfitting,
 * which the model cannot describe), and how many were left out.
 */
export function beforeOverfitting(runs: MultiEpochRuns): { runs: MultiEpochRuns; dropped: number } {
  const best = new Map<number, number>(); // N → K of its lowest loss
  runs.loss.forEach((l, i) => {
    const N = runs.uniqueTokens[i];
    const k = best.get(N);
    const lk = k === undefined ? Infinity : runs.loss[runs.loss.findIndex((_, j) => runs.uniqueTokens[j] === N && runs.epochs[j] === k)];
    if (l < lk) best.set(N, runs.epochs[i]);
  });
  const keep = runs.loss.map((_, i) => runs.epochs[i] <= best.get(runs.uniqueTokens[i])!);
  const pick = <T>(xs: T[]) => xs.filter((_, i) => keep[i]);
  return { runs: { uniqueTokens: pick(runs.uniqueTokens), epochs: pick(runs.epochs), loss: pick(runs.loss) }, dropped: keep.filter((k) => !k).length };
}

/** (β, η) from the runs (see the module comment). */
export function calibrateReuse(curve: OnePassCurve, allRuns: MultiEpochRuns, opts: { d?: number } = {}): ReuseCalibration {
  requireRuns(allRuns);
  const { runs, dropped } = beforeOverfitting(allRuns);
  requireRuns(runs, "runs up to each N's lowest loss");
  const base = fitOnePass(curve, { beta: 0.5, eta: 1, d: opts.d });
  const fits = new Map<string, OnePassFit>();
  const fitAt = (beta: number, eta: number): OnePassFit => {
    const key = `${beta}|${eta}`;
    let f = fits.get(key);
    if (!f) {
      // start from the base fit with the time scale moved along the one-pass degeneracy c ∝ η
      const start = { ...base.params, beta, eta, c: base.params.c * eta };
      f = fitOnePass(curve, { beta, eta, d: opts.d, start, checked: true });
      fits.set(key, f);
    }
    return f;
  };
  const sse = (beta: number, eta: number): number => runsSse(fitAt(beta, eta), runs);
  const scan: ReuseCalibration["scan"] = [];
  for (const eta of ETA_GRID) for (const beta of BETA_GRID) scan.push({ beta, eta, sse: sse(beta, eta) });
  const bestGrid = scan.reduce((u, v) => (v.sse < u.sse ? v : u));
  let beta = bestGrid.beta;
  let eta = bestGrid.eta;
  let best = bestGrid.sse;
  const bi = BETA_GRID.indexOf(beta);
  const rb = minimizeBounded((x) => sse(x, eta), BETA_GRID[Math.max(0, bi - 1)], BETA_GRID[Math.min(BETA_GRID.length - 1, bi + 1)], { xtol: 5e-3, rtol: 0, maxIterations: 15 });
  if (rb.fun < best) ((beta = rb.x), (best = rb.fun));
  const ei = ETA_GRID.indexOf(eta);
  const re = minimizeBounded((u) => sse(beta, Math.exp(u)), Math.log(ETA_GRID[Math.min(ETA_GRID.length - 1, ei + 1)]), Math.log(ETA_GRID[Math.max(0, ei - 1)]), { xtol: 0.02, rtol: 0, maxIterations: 15 });
  if (re.fun < best) ((eta = Math.exp(re.x)), (best = re.fun));
  const m = runs.loss.length;
  const limit = best + 5.99 * (best / Math.max(1, m - 2));
  const region = scan.filter((s) => s.sse <= limit).map(({ beta: b, eta: e }) => ({ beta: b, eta: e }));
  return { beta, eta, region, rmsLogError: Math.sqrt(best / m), fit: fitAt(beta, eta), scan, used: m, dropped };
}
