/**
 * Population gradient descent on the toy for any skill distribution p:
 * w ← w − η k D (B^{k−1} w − A^{k−1} w⋆), O(d) per step, tracking A, B, the training and the
 * uniform-test loss, and per-rank-bin alignment and sign accuracy over log-spaced rank bins — the
 * three stages (escape, head→tail transfer, long-tail convergence) of Wang, Dang, Lee, Lyu (arXiv 2604.22951).
 */
import { ParameterError, requireInteger, requireNumber } from "../../src/core/validate";
import { logRankBins, type SkillDistribution } from "./distributions";
import { lossFromAB, requireStableEta, type SkillModel } from "./model";
import { requireObject } from "../../src/core/validate";
import { requireArrayLike } from "../../src/core/validateShape";
import { requireSkillDistribution, requireSkillModel } from "./checkModel";

/** Options of `populationGd`. */
export interface PopulationGdOptions {
  /** learning rate η (0 < η < stability limit) */
  eta: number;
  /** maximum number of GD steps */
  steps: number;
  /** initial point w(0) (e.g. `gaussianInit(d, r, seed)`) */
  w0: ArrayLike<number>;
  /** rank → skill id, for the per-bin curves (default identity) */
  rank?: ArrayLike<number>;
  /** number of log-spaced rank bins (default 5) */
  bins?: number;
  /** number of log-spaced record points (default 200); step 0 and the last step are always recorded */
  records?: number;
  /** keep w at every record point (for PCA landscapes; default false) */
  snapshots?: boolean;
  /** stop once the uniform-test loss is below this (default: never) */
  stopLoss?: number;
  /** escape threshold on |mean(w⊙w⋆)| (default 0.5) and solve threshold on the uniform-test loss (default 0.05); this toolkit's defaults */
  escapeA?: number;
  solveLoss?: number;
  /** skip the stability check (for deliberately unstable illustrations) */
  allowUnstable?: boolean;
}

/** One recorded trajectory of population GD. */
export interface PopulationGdResult {
  t: number[];
  A: number[];
  B: number[];
  lossTrain: number[];
  lossUniform: number[];
  /** uniform alignment mean(w⊙w⋆) */
  uniformA: number[];
  signAccuracy: number[];
  bins: Array<{ lo: number; hi: number }>;
  /** per bin, per record: mean of s·w_i w⋆_i over the bin's skills (s = the sign of the final mean(w⊙w⋆) for even k, else 1) */
  binAlignment: number[][];
  /** per bin, per record: fraction of the bin's skills with s·w_i w⋆_i > 0 */
  binSignAccuracy: number[][];
  /** first step with |mean(w⊙w⋆)| > escapeA, or null */
  escapeStep: number | null;
  /** first step with uniform-test loss < solveLoss, or null */
  solveStep: number | null;
  /** the iterate blew up (non-finite loss, or mean(w²) > 1e12): escapeStep and solveStep are then null */
  diverged: boolean;
  /** final parameters */
  w: Float64Array;
  snapshots?: Float64Array[];
}

/** Log-spaced integer record steps in [0, steps] (0, 1, 2, … then geometric), at most n distinct. */
export function logSteps(steps: number, n: number): number[] {
  requireInteger("steps", steps, { min: 0 });
  requireInteger("n", n, { min: 1 });
  const s = new Set<number>([0, steps]);
  for (let i = 0; i < n; i++) s.add(Math.min(steps, Math.round(Math.exp((Math.log(steps + 1) * i) / Math.max(1, n - 1))) - 1));
  return [...s].filter((x) => x >= 0).sort((a, b) => a - b);
}

/** Run population GD and record the diagnostics on a log-spaced step grid. */
export function populationGd(m: SkillModel, opts: PopulationGdOptions): PopulationGdResult {
  requireSkillModel("m", m);
  requireObject("opts", opts);
  requireArrayLike("w0", opts.w0);
  if (opts.rank !== undefined) requireArrayLike("rank", opts.rank);
  const eta = opts.allowUnstable ? requireNumber("eta", opts.eta, { gt: 0 }) : requireStableEta(m, opts.eta);
  const steps = requireInteger("steps", opts.steps, { min: 1 });
  if (opts.w0.length !== m.d) throw new ParameterError("w0.length", opts.w0.length, `= d = ${m.d}`);
  const bins = logRankBins(m.d, requireInteger("bins", opts.bins ?? 5, { min: 1 }));
  const rank = opts.rank ?? Uint32Array.from({ length: m.d }, (_, i) => i);
  if (rank.length !== m.d) throw new ParameterError("rank.length", rank.length, `= d = ${m.d}`);
  const records = logSteps(steps, requireInteger("records", opts.records ?? 200, { min: 2 }));
  const escapeA = opts.escapeA ?? 0.5;
  const solveLoss = opts.solveLoss ?? 0.05;
  const { k, d, p, wstar } = m;
  const w = Float64Array.from(opts.w0);
  const kp = new Float64Array(d);
  for (let i = 0; i < d; i++) kp[i] = eta * k * p[i];
  const res: PopulationGdResult = {
    t: [],
    A: [],
    B: [],
    lossTrain: [],
    lossUniform: [],
    uniformA: [],
    signAccuracy: [],
    bins,
    binAlignment: bins.map(() => []),
    binSignAccuracy: bins.map(() => []),
    escapeStep: null,
    solveStep: null,
    diverged: false,
    w,
    snapshots: opts.snapshots ? [] : undefined,
  };
  let next = 0;
  for (let t = 0; ; t++) {
    let A = 0;
    let B = 0;
    let Au = 0;
    let Bu = 0;
    for (let i = 0; i < d; i++) {
      const wi = w[i];
      const m1 = wi * wstar[i];
      A += p[i] * m1;
      B += p[i] * wi * wi;
      Au += m1;
      Bu += wi * wi;
    }
    Au /= d;
    Bu /= d;
    const Lu = lossFromAB(k, Au, Bu);
    if (res.escapeStep === null && (k % 2 === 0 ? Math.abs(Au) : Au) > escapeA) res.escapeStep = t;
    if (res.solveStep === null && Lu < solveLoss) res.solveStep = t;
    // divergence: a non-finite loss or mean(w²) far outside any basin (1 at w⋆) — never an escape
    if (!Number.isFinite(Lu) || !(Bu <= 1e12)) res.diverged = true;
    const stop = t === steps || (opts.stopLoss !== undefined && Lu < opts.stopLoss) || res.diverged;
    if (t === records[next] || stop) {
      while (next < records.length && records[next] <= t) next++;
      res.t.push(t);
      res.A.push(A);
      res.B.push(B);
      res.lossTrain.push(lossFromAB(k, A, B));
      res.lossUniform.push(Lu);
      res.uniformA.push(Au);
      const s = 1; // the global sign is fixed at the end (even k), so that curves do not jump when A changes sign
      let ok = 0;
      for (let i = 0; i < d; i++) if (w[i] * wstar[i] > 0) ok++;
      res.signAccuracy.push(ok / d);
      bins.forEach((b, j) => {
        let al = 0;
        let acc = 0;
        for (let r = b.lo; r < b.hi; r++) {
          const i = rank[r];
          const v = s * w[i] * wstar[i];
          al += v;
          if (v > 0) acc++;
        }
        res.binAlignment[j].push(al / (b.hi - b.lo));
        res.binSignAccuracy[j].push(acc / (b.hi - b.lo));
      });
      res.snapshots?.push(Float64Array.from(w));
    }
    if (stop) {
      if (res.diverged) {
        res.escapeStep = null;
        res.solveStep = null;
      }
      if (k % 2 === 0 && Au < 0) {
        // even k: w⋆ is recoverable only up to sign — report alignment relative to the sign the run chose
        res.signAccuracy = res.signAccuracy.map((x) => 1 - x);
        res.binAlignment = res.binAlignment.map((b) => b.map((x) => -x));
        res.binSignAccuracy = res.binSignAccuracy.map((b) => b.map((x) => 1 - x));
      }
      break;
    }
    const ak = Math.pow(A, k - 1);
    const bk = Math.pow(B, k - 1);
    for (let i = 0; i < d; i++) w[i] -= kp[i] * (bk * w[i] - ak * wstar[i]);
  }
  return res;
}

/** Rank order of a distribution, for `populationGd`'s per-bin curves. */
export const rankOf = (dist: SkillDistribution): Uint32Array => requireSkillDistribution("dist", dist).rank;
