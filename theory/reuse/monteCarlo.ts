/**
 * Monte Carlo of constant-η, batch-1 SGD on the linear-regression problem of Yan et al., "Larger
 * Datasets Can Be Repeated More" (arXiv 2511.13421; multi-epoch SGD with per-epoch reshuffling; the
 * last-iterate reading and the simulation method are this toolkit's): w0 = 0, last iterate, excess risk
 * R(w) = ½ Σ λ_i (w − w*)_i². Pure mathematics: no file system, threads or clock.
 *
 * Multi-epoch: per run r (its own stream `new Rng(seed, r)`), draw X (N × d, x = H^{1/2} z), label noise
 * ξ_j ~ N(0, σ²) once per sample (replayed every epoch) and a fresh permutation per epoch; the same
 * X, ξ and permutations serve every η of the grid (common random numbers). With e = w − w*:
 *   e ← e − η x_j (x_jᵀ e − ξ_j),
 * and after every epoch k the risk ½ Σ λ_i e_i² is recorded, so one trajectory gives R for all k ≤ K_max.
 */
import { Rng } from "../../src/core/rng";
import { ParameterError, requireInteger, requireNumber } from "../../src/core/validate";
import { maxEigen, minEigen, trace } from "../../src/core/spectra";
import { requireLinearProblem, type LinearProblem } from "./problem";
import type { ResourceEstimate } from "../../src/core/resources";

/** Options of `multiEpochSgd`: N samples, K_max epochs, the η grid, runs and seed (runs r ∈ [runOffset, runOffset + runCount)). */
export interface MultiEpochOptions {
  /** N: number of samples reused every epoch */
  N: number;
  /** K_max: number of epochs; the risk is recorded after each epoch k = 1…K_max */
  Kmax: number;
  /** η grid (each 0 < η ≤ 2/tr H) */
  etas: readonly number[];
  /** total number of runs of the experiment (runs r = 0…runs−1) */
  runs: number;
  seed: number;
  /** first run simulated by this call (default 0) */
  runOffset?: number;
  /** how many runs this call simulates (default runs − runOffset) */
  runCount?: number;
  /** also return every run's risks (`perRun`), so that parts merge bitwise-exactly in run order */
  keepRuns?: boolean;
  /**
   * epochs of each η's trajectory (integers 1…Kmax, default Kmax for all): trajectory m stops after
   * epochs[m] epochs and its last risk is carried forward, R(η_m, k) = R(η_m, epochs[m]) for k > epochs[m]
   * (the η refinement of each K needs only K epochs; the same runs, so the same common random numbers)
   */
  epochs?: readonly number[];
}

/**
 * Per-run sums of the multi-epoch risk over runs [runOffset, runOffset + runCount):
 * `sum[m·Kmax + k−1] = Σ_r R_r(η_m, k)`, `sumSq` likewise with R², `perRun[(r−runOffset)·nη·Kmax + m·Kmax + k−1]`.
 */
export interface McAccumulator {
  etas: number[];
  Kmax: number;
  /** number of runs summed */
  runs: number;
  /** first run index of the sums */
  runOffset: number;
  sum: Float64Array;
  sumSq: Float64Array;
  /** every run's risk (only with `keepRuns`) */
  perRun?: Float64Array;
}

/** Mean and standard error (sd/√runs, sd with n − 1) of the risk: `mean[m][k−1]` at η_m after epoch k. */
export interface McSummary {
  etas: number[];
  Kmax: number;
  runs: number;
  mean: number[][];
  se: number[][];
}

/** Largest η accepted by the simulators: 2/tr H (the per-step stability bound η‖x‖² < 2 for bounded ‖x‖² = tr H). */
export function maxStableEta(problem: LinearProblem): number {
  requireLinearProblem(problem);
  return 2 / trace(problem.lambda);
}

function validateEtas(problem: LinearProblem, etas: readonly number[]): Float64Array {
  if (!Array.isArray(etas) && !(etas instanceof Float64Array)) {
    throw new ParameterError("etas", etas, "a non-empty array of learning rates");
  }
  if (etas.length === 0) throw new ParameterError("etas", "[]", "a non-empty array of learning rates");
  const bound = maxStableEta(problem);
  const out = new Float64Array(etas.length);
  for (let m = 0; m < etas.length; m++) {
    out[m] = requireNumber(etas.length === 1 ? "eta" : `eta (etas[${m}])`, etas[m], { gt: 0, max: bound });
  }
  return out;
}

function validateProblem(problem: LinearProblem): void {
  requireLinearProblem(problem);
  const d = problem.lambda.length;
  if (d < 1) throw new ParameterError("lambda", "[]", "a non-empty spectrum");
  if (problem.wstar.length !== d) throw new ParameterError("wstar.length", problem.wstar.length, `equal to d = ${d}`);
  requireNumber("sigma", problem.sigma, { min: 0 });
  if (problem.features !== "gaussian" && problem.features !== "rademacher") {
    throw new ParameterError("features", problem.features, "one of gaussian, rademacher");
  }
}

/** Fill row-major X (n × d) with x = √λ ⊙ z, z standard Gaussian or Rademacher. */
function sampleFeatures(rng: Rng, sqrtLam: Float64Array, gaussian: boolean, X: Float64Array, n: number): void {
  const d = sqrtLam.length;
  for (let j = 0, o = 0; j < n; j++, o += d) {
    if (gaussian) for (let i = 0; i < d; i++) X[o + i] = sqrtLam[i] * rng.normal();
    else for (let i = 0; i < d; i++) X[o + i] = sqrtLam[i] * rng.sign();
  }
}

/** Validate the problem and options of `multiEpochSgd` (throws ParameterError); returns them with defaults filled in. */
export function validateMultiEpoch(
  problem: LinearProblem,
  opts: MultiEpochOptions,
): { N: number; Kmax: number; runs: number; seed: number; etas: Float64Array; runOffset: number; runCount: number; epochs: Int32Array } {
  validateProblem(problem);
  const N = requireInteger("N", opts.N, { min: 1 });
  const Kmax = requireInteger("Kmax", opts.Kmax, { min: 1 });
  const runs = requireInteger("runs", opts.runs, { min: 1 });
  const seed = requireInteger("seed", opts.seed, { min: 0 });
  const etas = validateEtas(problem, opts.etas);
  const runOffset = requireInteger("runOffset", opts.runOffset ?? 0, { min: 0, max: runs - 1 });
  const runCount = requireInteger("runCount", opts.runCount ?? runs - runOffset, { min: 1, max: runs - runOffset });
  const epochs = new Int32Array(etas.length).fill(Kmax);
  if (opts.epochs !== undefined) {
    if (!Array.isArray(opts.epochs) || opts.epochs.length !== etas.length) throw new ParameterError("epochs", opts.epochs, `an array of ${etas.length} epoch counts (one per η)`);
    opts.epochs.forEach((k, m) => (epochs[m] = requireInteger(`epochs[${m}]`, k, { min: 1, max: Kmax })));
  }
  return { N, Kmax, runs, seed, etas, runOffset, runCount, epochs };
}

/**
 * Monte Carlo of K-epoch batch-1 SGD with per-epoch reshuffling and replayed label noise (Yan et al.'s set-up),
 * one trajectory per η on common random numbers; returns per-run sums of R(η, k) for merging.
 */
export function multiEpochSgd(problem: LinearProblem, opts: MultiEpochOptions): McAccumulator {
  const { N, Kmax, seed, etas: given, runOffset, runCount, epochs } = validateMultiEpoch(problem, opts);

  const d = problem.lambda.length;
  const nE = given.length;
  // trajectories in order of decreasing epochs (stable: the identity when all run Kmax epochs), so that
  // the trajectories still running in epoch k are a prefix: slot q simulates η_{order[q]}
  const order = Array.from(given.keys()).sort((a, b) => epochs[b] - epochs[a]);
  const etas = Float64Array.from(order, (m) => given[m]);
  const stops = Int32Array.from(order, (m) => epochs[m]);
  const lam = problem.lambda;
  const sqrtLam = new Float64Array(d);
  for (let i = 0; i < d; i++) sqrtLam[i] = Math.sqrt(lam[i]);
  const gaussian = problem.features === "gaussian";
  const sigma = problem.sigma;

  const X = new Float64Array(N * d);
  const xi = new Float64Array(N);
  let perm = new Uint32Array(N);
  let nextPerm = new Uint32Array(N);
  const E = new Float64Array(nE * d);
  const dots = new Float64Array(nE);
  const risk = new Float64Array(nE * Kmax);
  const sum = new Float64Array(nE * Kmax);
  const sumSq = new Float64Array(nE * Kmax);
  const perRun = opts.keepRuns ? new Float64Array(runCount * nE * Kmax) : undefined;

  for (let r = runOffset; r < runOffset + runCount; r++) {
    const rng = new Rng(seed, r);
    sampleFeatures(rng, sqrtLam, gaussian, X, N);
    for (let j = 0; j < N; j++) xi[j] = sigma * rng.normal();
    for (let q = 0; q < nE; q++) for (let i = 0; i < d; i++) E[q * d + i] = -problem.wstar[i];
    rng.permutation(N, nextPerm);
    // dots[m] = x_{j_0}ᵀ e_m for the first sample; afterwards the step kernel keeps it current
    const o0 = nextPerm[0] * d;
    for (let m = 0; m < nE; m++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += X[o0 + i] * E[m * d + i];
      dots[m] = s;
    }
    for (let k = 0; k < Kmax; k++) {
      const t = perm;
      perm = nextPerm;
      nextPerm = t;
      if (k + 1 < Kmax) rng.permutation(N, nextPerm);
      const last = k + 1 < Kmax ? nextPerm[0] : perm[N - 1];
      let active = nE;
      while (active > 0 && stops[active - 1] <= k) active--;
      epoch(X, xi, perm, last, E, dots, active === nE ? etas : etas.subarray(0, active), d, N);
      for (let q = 0; q < nE; q++) {
        const m = order[q];
        if (q >= active) {
          risk[m * Kmax + k] = risk[m * Kmax + k - 1]; // stopped: its last risk carried forward
          continue;
        }
        let s = 0;
        const eo = q * d;
        for (let i = 0; i < d; i++) s += lam[i] * E[eo + i] * E[eo + i];
        risk[m * Kmax + k] = 0.5 * s;
      }
    }
    for (let q = 0; q < nE * Kmax; q++) {
      sum[q] += risk[q];
      sumSq[q] += risk[q] * risk[q];
    }
    if (perRun) perRun.set(risk, (r - runOffset) * nE * Kmax);
  }
  const acc: McAccumulator = { etas: Array.from(given), Kmax, runs: runCount, runOffset, sum, sumSq };
  if (perRun) acc.perRun = perRun;
  return acc;
}

/**
 * One epoch of SGD steps for every η, fused: the update with x_j and the dot product with the next
 * sample's x share one pass over e, and η come in pairs so that each x load serves two trajectories.
 * On entry dots[m] = x_{perm[0]}ᵀ e_m; on exit dots[m] = x_{after}ᵀ e_m (the first sample of the next epoch).
 */
function epoch(
  X: Float64Array,
  xi: Float64Array,
  perm: Uint32Array,
  after: number,
  E: Float64Array,
  dots: Float64Array,
  etas: Float64Array,
  d: number,
  N: number,
): void {
  const nE = etas.length;
  const d2 = d - (d & 1);
  for (let t = 0; t < N; t++) {
    const j = perm[t];
    const o = j * d;
    const y = xi[j];
    const on = (t + 1 < N ? perm[t + 1] : after) * d;
    let m = 0;
    for (; m + 1 < nE; m += 2) {
      const ea = m * d;
      const eb = ea + d;
      const ga = etas[m] * (dots[m] - y);
      const gb = etas[m + 1] * (dots[m + 1] - y);
      let a0 = 0;
      let a1 = 0;
      let b0 = 0;
      let b1 = 0;
      let i = 0;
      for (; i < d2; i += 2) {
        const x0 = X[o + i];
        const x1 = X[o + i + 1];
        const n0 = X[on + i];
        const n1 = X[on + i + 1];
        const ea0 = E[ea + i] - ga * x0;
        E[ea + i] = ea0;
        a0 += n0 * ea0;
        const ea1 = E[ea + i + 1] - ga * x1;
        E[ea + i + 1] = ea1;
        a1 += n1 * ea1;
        const eb0 = E[eb + i] - gb * x0;
        E[eb + i] = eb0;
        b0 += n0 * eb0;
        const eb1 = E[eb + i + 1] - gb * x1;
        E[eb + i + 1] = eb1;
        b1 += n1 * eb1;
      }
      if (i < d) {
        const x0 = X[o + i];
        const n0 = X[on + i];
        const ea0 = E[ea + i] - ga * x0;
        E[ea + i] = ea0;
        a0 += n0 * ea0;
        const eb0 = E[eb + i] - gb * x0;
        E[eb + i] = eb0;
        b0 += n0 * eb0;
      }
      dots[m] = a0 + a1;
      dots[m + 1] = b0 + b1;
    }
    if (m < nE) {
      const eo = m * d;
      const g = etas[m] * (dots[m] - y);
      let s0 = 0;
      let s1 = 0;
      let i = 0;
      for (; i < d2; i += 2) {
        const e0 = E[eo + i] - g * X[o + i];
        E[eo + i] = e0;
        s0 += X[on + i] * e0;
        const e1 = E[eo + i + 1] - g * X[o + i + 1];
        E[eo + i + 1] = e1;
        s1 += X[on + i + 1] * e1;
      }
      if (i < d) {
        const e0 = E[eo + i] - g * X[o + i];
        E[eo + i] = e0;
        s0 += X[on + i] * e0;
      }
      dots[m] = s0 + s1;
    }
  }
}

/**
 * Why `acc` is not a well-formed accumulator (undefined if it is): Kmax, runs and runOffset integers,
 * an increasing positive η grid, sums of length nη·Kmax (and per-run risks of length runs·nη·Kmax)
 * of finite non-negative numbers, sumSq consistent with sum (Σ R² ≥ (Σ R)²/runs up to rounding).
 */
export function mcAccumulatorProblem(acc: unknown): string | undefined {
  if (acc === null || typeof acc !== "object") return "is not a Monte Carlo accumulator";
  const a = acc as Partial<McAccumulator>;
  const isInt = (v: unknown, min: number): boolean => typeof v === "number" && Number.isInteger(v) && v >= min;
  if (!isInt(a.Kmax, 1)) return `has Kmax = ${a.Kmax} (need an integer ≥ 1)`;
  if (!isInt(a.runs, 1)) return `has runs = ${a.runs} (need an integer ≥ 1)`;
  if (!isInt(a.runOffset, 0)) return `has runOffset = ${a.runOffset} (need an integer ≥ 0)`;
  if (!Array.isArray(a.etas) || a.etas.length === 0) return "has no η grid";
  for (let m = 0; m < a.etas.length; m++) {
    const e = a.etas[m];
    if (typeof e !== "number" || !(e > 0 && e < Infinity) || (m > 0 && !(e > a.etas[m - 1]))) return `has etas[${m}] = ${e} (need an increasing grid of positive learning rates)`;
  }
  const size = a.etas.length * (a.Kmax as number);
  const arrays: Array<["sum" | "sumSq" | "perRun", number]> = [["sum", size], ["sumSq", size]];
  if (a.perRun !== undefined) arrays.push(["perRun", size * (a.runs as number)]);
  for (const [name, len] of arrays) {
    const v = a[name] as ArrayLike<number> | undefined;
    if (v === null || typeof v !== "object" || typeof v.length !== "number") return `has no ${name} array`;
    if (v.length !== len) return `has ${name} of length ${v.length} (need ${len})`;
    for (let i = 0; i < v.length; i++) {
      if (typeof v[i] !== "number" || !(v[i] >= 0 && v[i] < Infinity)) return `has ${name}[${i}] = ${v[i]} (need a finite risk ≥ 0)`;
    }
  }
  const n = a.runs as number;
  for (let q = 0; q < size; q++) {
    const s = (a.sum as ArrayLike<number>)[q];
    if ((a.sumSq as ArrayLike<number>)[q] < ((s * s) / n) * (1 - 1e-9)) return `has sumSq[${q}] below sum[${q}]²/runs (inconsistent sums)`;
  }
  return undefined;
}

function requireAccumulator(name: string, acc: unknown): McAccumulator {
  const why = mcAccumulatorProblem(acc);
  if (why) throw new ParameterError(name, acc === null || typeof acc !== "object" ? acc : "an accumulator that " + why, "a Monte Carlo accumulator of multiEpochSgd");
  return acc as McAccumulator;
}

/**
 * Merge partial accumulators of the same experiment (contiguous, non-overlapping run ranges). If every
 * part kept its runs, the sums are recomputed in run order, so the result is bitwise-equal to one call
 * over all runs whatever the split.
 */
export function mergeMc(parts: readonly McAccumulator[]): McAccumulator {
  if (!Array.isArray(parts as unknown)) throw new ParameterError("parts", parts, "an array of accumulators");
  if (parts.length === 0) throw new ParameterError("parts", "[]", "a non-empty list of accumulators");
  parts.forEach((p, i) => requireAccumulator(`parts[${i}]`, p));
  const sorted = [...parts].sort((a, b) => a.runOffset - b.runOffset);
  const { Kmax, etas } = sorted[0];
  const size = etas.length * Kmax;
  let next = sorted[0].runOffset;
  for (const p of sorted) {
    if (p.Kmax !== Kmax || p.etas.length !== etas.length || p.etas.some((e, m) => e !== etas[m])) {
      throw new ParameterError("parts", "accumulators of different experiments", "parts with the same Kmax and etas");
    }
    if (p.runOffset !== next) {
      throw new ParameterError("parts", `run ranges with a gap or overlap at run ${next}`, "contiguous run ranges");
    }
    next += p.runs;
  }
  const runs = next - sorted[0].runOffset;
  const sum = new Float64Array(size);
  const sumSq = new Float64Array(size);
  const keep = sorted.every((p) => p.perRun !== undefined);
  if (keep) {
    const perRun = new Float64Array(runs * size);
    let at = 0;
    for (const p of sorted) {
      perRun.set(p.perRun as Float64Array, at);
      at += p.runs * size;
    }
    for (let r = 0; r < runs; r++) {
      for (let q = 0; q < size; q++) {
        const v = perRun[r * size + q];
        sum[q] += v;
        sumSq[q] += v * v;
      }
    }
    return { etas: [...etas], Kmax, runs, runOffset: sorted[0].runOffset, sum, sumSq, perRun };
  }
  for (const p of sorted) {
    for (let q = 0; q < size; q++) {
      sum[q] += p.sum[q];
      sumSq[q] += p.sumSq[q];
    }
  }
  return { etas: [...etas], Kmax, runs, runOffset: sorted[0].runOffset, sum, sumSq };
}

/** Mean and standard error sd/√runs (sd with n − 1, so runs ≥ 2) of R(η_m, k) from an accumulator. */
export function summarizeMc(acc: McAccumulator): McSummary {
  requireAccumulator("acc", acc);
  const n = acc.runs;
  if (n < 2) throw new ParameterError("acc.runs", n, "≥ 2 (the standard error of a single run is undefined)");
  const mean: number[][] = [];
  const se: number[][] = [];
  for (let m = 0; m < acc.etas.length; m++) {
    const mu: number[] = [];
    const s: number[] = [];
    for (let k = 0; k < acc.Kmax; k++) {
      const q = m * acc.Kmax + k;
      const avg = acc.sum[q] / n;
      mu.push(avg);
      if (n < 2) s.push(NaN);
      else {
        const v = Math.max(0, (acc.sumSq[q] - n * avg * avg) / (n - 1));
        s.push(Math.sqrt(v / n));
      }
    }
    mean.push(mu);
    se.push(s);
  }
  return { etas: [...acc.etas], Kmax: acc.Kmax, runs: n, mean, se };
}

/** Options of `onePassSgd`: checkpoints T (steps), one η, runs and seed. */
export interface OnePassSgdOptions {
  /** checkpoints (numbers of steps, integers ≥ 0) at which the risk is recorded */
  T: readonly number[];
  eta: number;
  runs: number;
  seed: number;
}

/** Mean and standard error of the one-pass risk R_T at each checkpoint (in the order given). */
export interface OnePassSgdResult {
  T: number[];
  eta: number;
  runs: number;
  mean: number[];
  se: number[];
}

/**
 * Monte Carlo of one-pass SGD with a fresh sample (x, ξ) at every step (K = 1 on T samples):
 * e ← e − η x (xᵀe − ξ); for cross-checking the exact one-pass risk derived here (`onePass.ts`). Run r uses `new Rng(seed, r)`.
 */
export function onePassSgd(problem: LinearProblem, opts: OnePassSgdOptions): OnePassSgdResult {
  validateProblem(problem);
  if (opts === null || typeof opts !== "object") throw new ParameterError("opts", opts, "options { T, eta, runs, seed }");
  const runs = requireInteger("runs", opts.runs, { min: 2 }); // ≥ 2 for a standard error
  const seed = requireInteger("seed", opts.seed, { min: 0 });
  const eta = validateEtas(problem, [opts.eta])[0];
  if (!Array.isArray(opts.T) || opts.T.length === 0) throw new ParameterError("T", opts.T, "a non-empty array of step counts");
  opts.T.forEach((t, i) => requireInteger(`T[${i}]`, t, { min: 0 }));
  const order = opts.T.map((_, i) => i).sort((a, b) => opts.T[a] - opts.T[b]);
  const Tmax = opts.T[order[order.length - 1]];

  const d = problem.lambda.length;
  const lam = problem.lambda;
  const sqrtLam = new Float64Array(d);
  for (let i = 0; i < d; i++) sqrtLam[i] = Math.sqrt(lam[i]);
  const gaussian = problem.features === "gaussian";
  const sigma = problem.sigma;
  const x = new Float64Array(d);
  const e = new Float64Array(d);
  const nT = opts.T.length;
  const sum = new Float64Array(nT);
  const sumSq = new Float64Array(nT);
  const riskOf = (): number => {
    let s = 0;
    for (let i = 0; i < d; i++) s += lam[i] * e[i] * e[i];
    return 0.5 * s;
  };

  for (let r = 0; r < runs; r++) {
    const rng = new Rng(seed, r);
    for (let i = 0; i < d; i++) e[i] = -problem.wstar[i];
    let c = 0; // next checkpoint (in sorted order)
    for (let t = 0; t <= Tmax; t++) {
      while (c < nT && opts.T[order[c]] === t) {
        const R = riskOf();
        sum[order[c]] += R;
        sumSq[order[c]] += R * R;
        c++;
      }
      if (t === Tmax) break;
      sampleFeatures(rng, sqrtLam, gaussian, x, 1);
      const noise = sigma * rng.normal();
      let dot = 0;
      for (let i = 0; i < d; i++) dot += x[i] * e[i];
      const g = eta * (dot - noise);
      for (let i = 0; i < d; i++) e[i] -= g * x[i];
    }
  }
  const mean: number[] = [];
  const se: number[] = [];
  for (let q = 0; q < nT; q++) {
    const avg = sum[q] / runs;
    mean.push(avg);
    se.push(runs < 2 ? NaN : Math.sqrt(Math.max(0, (sumSq[q] - runs * avg * avg) / (runs - 1)) / runs));
  }
  return { T: [...opts.T], eta, runs, mean, se };
}

// the minimum over η moved to etaOptimum.ts (one concept per file); re-exported for existing importers
export { optimalOverEta, refinementEtas, mergeEtaCurves, type EtaOptimum } from "./etaOptimum";

/** Log-spaced grid from lo to hi (both included) with at least `perOctave` points per factor 2. */
export function etaGrid(lo: number, hi: number, perOctave = 4): number[] {
  requireNumber("lo", lo, { gt: 0 });
  requireNumber("hi", hi, { min: lo });
  requireNumber("perOctave", perOctave, { gt: 0, max: 1e6 });
  if (hi === lo) return [lo];
  if (Math.log2(hi / lo) * perOctave > 1e7) throw new ParameterError("perOctave", perOctave, `small enough for at most 1e7 grid points from ${lo} to ${hi}`);
  const intervals = Math.max(1, Math.ceil(Math.log2(hi / lo) * perOctave - 1e-9));
  const out: number[] = [];
  const step = Math.log(hi / lo) / intervals;
  for (let q = 0; q <= intervals; q++) out.push(q === intervals ? hi : lo * Math.exp(q * step));
  return out;
}

/**
 * This toolkit's default Monte Carlo η grid (the paper does not state one): from 0.05/(λ_1 K_max N) to min(1/tr H, 5 ln N/(λ_d N)),
 * `perOctave` points per octave (ln N is floored at 1 so that N ≤ 2 still gives a grid).
 */
export function defaultMcEtaGrid(problem: LinearProblem, N: number, Kmax: number, perOctave = 4): number[] {
  requireLinearProblem(problem);
  requireInteger("N", N, { min: 1 });
  requireInteger("Kmax", Kmax, { min: 1 });
  const lo = 0.05 / (maxEigen(problem.lambda) * Kmax * N);
  const hi = Math.min(1 / trace(problem.lambda), (5 * Math.max(1, Math.log(N))) / (minEigen(problem.lambda) * N));
  return etaGrid(lo, Math.max(lo, hi), perOctave);
}

/**
 * Memory and work of `multiEpochSgd` over `runs` runs with `threads` simulations at once (each holds its
 * own X, ξ, error vectors and sums: the arrays allocated above), pure: 8 bytes per double of
 * √λ (d), X (N·d), ξ (N), E (nη·d), dots (nη), risk, sum, sumSq (nη·K_max each), plus the merged sums
 * and one checkpoint copy of every chunk's sums. Work per run: drawing X (N·d normals, ~10 updates
 * each) and nη·K_max·N steps of 2 d-vector passes (a dot product and an update).
 */
export function multiEpochCost(o: { d: number; N: number; Kmax: number; nEtas: number; runs: number; threads?: number; chunks?: number }): ResourceEstimate {
  const { d, N, Kmax, nEtas, runs } = o;
  const perSim = 8 * (d + N * d + N + nEtas * d + nEtas + 3 * nEtas * Kmax);
  const sums = 8 * 2 * nEtas * Kmax * ((o.chunks ?? 16) + 1);
  return { bytes: (o.threads ?? 1) * perSim + sums, largestArray: 8 * N * d, ops: runs * (10 * N * d + nEtas * Kmax * N * 2 * d) };
}
