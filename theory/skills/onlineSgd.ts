/**
 * Online minibatch SGD on fresh samples for the toy (the setting of the paper's SGD upper bound; the
 * per-sample gradient and the escape/solve thresholds are this toolkit's): each step draws `batch`
 * examples of k skills i.i.d. from p (Walker alias, seeded), forms the per-sample gradients
 * ∂ℓ/∂w_j = (f_w − y) Σ_{t: I_t = j} ∏_{s≠t} w_{I_s} and moves w by −η × their mean.
 * The update touches at most batch·k coordinates; the uniform alignment mean(w⊙w⋆) and norm mean(w²)
 * (and the training A, B) are kept incrementally, so escape (|mean(w⊙w⋆)| > 0.5) and solve (uniform-test
 * loss < 0.05) are checked after every step in O(1). No allocation in the hot loop.
 *
 * Divergence is reported as divergence, never as progress: a run whose iterate blows up (a non-finite
 * uniform-test loss, or mean(w²) above `divergeNorm`, far outside any basin — at w⋆ it is 1) stops and
 * reports `diverged: true` with escape and solve null, even if |mean(w⊙w⋆)| crossed the escape
 * threshold on the way out (a growing |w| drags |mean(w⊙w⋆)| past 0.5 without aligning).
 */
import { Rng } from "../../src/core/rng";
import { ParameterError, requireInteger, requireNumber } from "../../src/core/validate";
import { aliasTable } from "../../src/core/sampling";
import { lossFromAB, requireStableEta, type SkillModel } from "./model";
import { logSteps } from "./populationGd";
import type { ResourceEstimate } from "../../src/core/resources";
import { requireObject } from "../../src/core/validate";
import { requireArrayLike } from "../../src/core/validateShape";
import { requireSkillModel } from "./checkModel";

/** Options of `onlineSgd`. */
export interface OnlineSgdOptions {
  /** learning rate η (0 < η < GD stability limit) */
  eta: number;
  /** minibatch size (≥ 1) */
  batch: number;
  /** sample budget (steps = ⌊budget / batch⌋) */
  budget: number;
  /** initial point w(0) */
  w0: ArrayLike<number>;
  /** seed of the sampling stream (seed, 0x5a3d) */
  seed: number;
  /** escape threshold on |mean(w⊙w⋆)| (default 0.5) */
  escapeA?: number;
  /** solve threshold on the uniform-test loss (default 0.05) */
  solveLoss?: number;
  /** mean(w²) above this counts as divergence (default 1e12; at w⋆ mean(w²) = 1) */
  divergeNorm?: number;
  /** stop as soon as solved (default true) */
  stopAtSolve?: boolean;
  /** record a learning curve at this many log-spaced steps (default 0: none) */
  records?: number;
  /** keep w at each record point (for PCA landscapes) */
  snapshots?: boolean;
  /** skip the stability check */
  allowUnstable?: boolean;
}

/** Result of one online SGD run. Sample counts are steps × batch. */
export interface OnlineSgdResult {
  /** samples until |mean(w⊙w⋆)| > escapeA (A_u > escapeA for odd k), null if not reached or if the run diverged */
  escape: number | null;
  /** samples until the uniform-test loss < solveLoss, null if not reached or if the run diverged */
  solve: number | null;
  /** uniform-test loss at the end of the run */
  finalUniformLoss: number;
  /** samples consumed */
  samples: number;
  /** true if the iterate blew up (non-finite loss or mean(w²) > divergeNorm); escape and solve are then null */
  diverged: boolean;
  /** samples at which divergence was detected (null if the run did not diverge) */
  divergedAt: number | null;
  /** learning curve (if `records` > 0): samples, uniform-test loss, training loss, uniform alignment, training alignment */
  curve?: { samples: number[]; lossUniform: number[]; lossTrain: number[]; uniformA: number[]; A: number[] };
  snapshots?: Float64Array[];
  /** final parameters */
  w: Float64Array;
}

/** Validate batch and budget (batch ≥ 1, budget ≥ batch). */
export function validateSgd(batch: number, budget: number): void {
  requireInteger("batch", batch, { min: 1 });
  requireNumber("budget", budget, { min: batch });
}

/** Online minibatch SGD on fresh samples from p. */
export function onlineSgd(m: SkillModel, opts: OnlineSgdOptions): OnlineSgdResult {
  requireSkillModel("m", m);
  requireObject("opts", opts);
  requireArrayLike("w0", opts.w0);
  const eta = opts.allowUnstable ? requireNumber("eta", opts.eta, { gt: 0 }) : requireStableEta(m, opts.eta);
  validateSgd(opts.batch, opts.budget);
  const batch = opts.batch;
  const steps = Math.floor(opts.budget / batch);
  if (opts.w0.length !== m.d) throw new ParameterError("w0.length", opts.w0.length, `= d = ${m.d}`);
  const escapeA = requireNumber("escapeA", opts.escapeA ?? 0.5, { gt: 0 });
  const solveLoss = requireNumber("solveLoss", opts.solveLoss ?? 0.05, { gt: 0 });
  const divergeNorm = requireNumber("divergeNorm", opts.divergeNorm ?? 1e12, { gt: 1 });
  const stopAtSolve = opts.stopAtSolve ?? true;
  const rng = new Rng(requireInteger("seed", opts.seed, { min: 0 }), 0x5a3d);
  const { k, d, p, wstar } = m;
  const table = aliasTable(p);
  const prob = table.prob;
  const alias = table.alias;
  const w = Float64Array.from(opts.w0);
  const g = new Float64Array(d);
  const touched = new Int32Array(batch * k);
  const mark = new Uint8Array(d);
  const idx = new Int32Array(k);
  const pre = new Float64Array(k + 1);
  const suf = new Float64Array(k + 1);
  const step = eta / batch;
  const even = k % 2 === 0;
  const recordAt = opts.records ? logSteps(steps, opts.records) : [];
  const curve = opts.records ? { samples: [] as number[], lossUniform: [] as number[], lossTrain: [] as number[], uniformA: [] as number[], A: [] as number[] } : undefined;
  const snaps: Float64Array[] | undefined = opts.snapshots ? [] : undefined;
  let nextRec = 0;

  // incremental sums: Su = Σ w_i w⋆_i, Sb = Σ w_i², A = Σ p_i w_i w⋆_i, B = Σ p_i w_i²
  let Su = 0;
  let Sb = 0;
  let A = 0;
  let B = 0;
  const resum = (): void => {
    Su = 0;
    Sb = 0;
    A = 0;
    B = 0;
    for (let i = 0; i < d; i++) {
      const a = w[i] * wstar[i];
      const b = w[i] * w[i];
      Su += a;
      Sb += b;
      A += p[i] * a;
      B += p[i] * b;
    }
  };
  resum();
  let escape: number | null = null;
  let solve: number | null = null;
  let diverged = false;
  let t = 0;
  const check = (): boolean => {
    const Au = Su / d;
    const Lu = lossFromAB(k, Au, Sb / d);
    if (!Number.isFinite(Lu) || !(Sb / d <= divergeNorm)) {
      diverged = true;
      return true;
    }
    if (escape === null && (even ? Math.abs(Au) : Au) > escapeA) escape = t * batch;
    if (solve === null && Lu < solveLoss) solve = t * batch;
    if (curve && t === recordAt[nextRec]) {
      nextRec++;
      curve.samples.push(t * batch);
      curve.lossUniform.push(Lu);
      curve.lossTrain.push(lossFromAB(k, A, B));
      curve.uniformA.push(Au);
      curve.A.push(A);
      snaps?.push(Float64Array.from(w));
    }
    return stopAtSolve && solve !== null;
  };
  let done = check();
  for (t = 1; t <= steps && !done; t++) {
    let nt = 0;
    for (let b = 0; b < batch; b++) {
      let y = 1;
      pre[0] = 1;
      for (let s = 0; s < k; s++) {
        // Walker alias draw with a 53-bit uniform
        const u = rng.uniform() * d;
        const c = u | 0;
        const j = u - c < prob[c] ? c : alias[c];
        idx[s] = j;
        y *= wstar[j];
        pre[s + 1] = pre[s] * w[j];
      }
      suf[k] = 1;
      for (let s = k - 1; s >= 0; s--) suf[s] = suf[s + 1] * w[idx[s]];
      const r = pre[k] - y;
      for (let s = 0; s < k; s++) {
        const j = idx[s];
        g[j] += r * pre[s] * suf[s + 1];
        if (mark[j] === 0) {
          mark[j] = 1;
          touched[nt++] = j;
        }
      }
    }
    for (let q = 0; q < nt; q++) {
      const j = touched[q];
      const wo = w[j];
      const wn = wo - step * g[j];
      w[j] = wn;
      g[j] = 0;
      mark[j] = 0;
      const da = (wn - wo) * wstar[j];
      const db = wn * wn - wo * wo;
      Su += da;
      Sb += db;
      A += p[j] * da;
      B += p[j] * db;
    }
    if ((t & 4095) === 0) resum();
    if (t === steps) resum();
    done = check();
  }
  t = t === 0 ? 0 : Math.min(t, steps + 1) - 1; // the loop leaves t one past its last step (t = 0: it never ran)
  resum();
  const finalUniformLoss = diverged ? Infinity : lossFromAB(k, Su / d, Sb / d);
  // a diverged run neither escaped nor solved, whatever its alignment did on the way out
  if (diverged) {
    escape = null;
    solve = null;
  }
  return { escape, solve, finalUniformLoss, samples: t * batch, diverged, divergedAt: diverged ? t * batch : null, curve, snapshots: snaps, w };
}

/**
 * Memory and work of `onlineSgd` for `runs` runs, `threads` at once, pure: per run the model (p, w⋆),
 * w0, w, g and the uniform test model (about 8 d-vectors of doubles), the touched-coordinate list
 * (batch·k int32) and, with `snapshots` kept, one d-vector per record. Work per run: drawing the k
 * skills and the prefix/suffix products of each sample (about 6k² + 10k updates), the model's set-up
 * and a resum over d every 4096 steps.
 */
export function onlineSgdCost(o: { k: number; d: number; batch: number; budget: number; runs?: number; threads?: number; snapshots?: number }): ResourceEstimate {
  requireObject("o", o);
  const k = requireInteger("k", o.k, { min: 1 });
  const d = requireInteger("d", o.d, { min: 1 });
  validateSgd(o.batch, o.budget);
  const { batch, budget } = o;
  if (o.runs !== undefined) requireInteger("runs", o.runs, { min: 1 });
  if (o.threads !== undefined) requireInteger("threads", o.threads, { min: 1 });
  if (o.snapshots !== undefined) requireInteger("snapshots", o.snapshots, { min: 0 });
  const steps = Math.floor(budget / batch);
  const perRun = 8 * 8 * d + 4 * batch * k + 8 * d * (o.snapshots ?? 0);
  return { bytes: Math.min(o.threads ?? 1, o.runs ?? 1) * perRun, largestArray: Math.max(8 * d, 4 * batch * k), ops: (o.runs ?? 1) * ((6 * k * k + 10 * k) * budget + 4 * d * (Math.floor(steps / 4096) + 2) + 20 * d) };
}
