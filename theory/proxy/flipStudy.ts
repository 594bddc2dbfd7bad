/**
 * Flip learning rates, predicted and observed (predictions derived here). For a pair of recipes:
 *  - one-step Taylor flip 2(a_A − a_B)/(c_A − c_B) at θ_0 = 0 (exact for one full-batch step);
 *  - SGD-noise flip (D_B − D_A)/(n_A − n_B) from E ℓ ≈ D_k + η n_k in the fixed-time regime (τ = ηT);
 *  - observed: the lr at which the seed-averaged SGD losses cross, on a half-octave grid around the
 *    prediction, interpolated in ln η.
 * Wang et al., arXiv 2512.24503 (one-step argument: the paper's Taylor argument, as summarised; noise
 * mechanism: this toolkit's derivation).
 */
import { Rng } from "../../src/core/rng";
import { requireInteger, requireNumber } from "../../src/core/validate";
import type { ProxyProblem } from "./problem";
import { noiseFlip, noiseModel, observedFlip, oneStepFlip, stabilityEdges, taylorTerms, type NoiseModel } from "./taylor";
import { findRootLog } from "../../src/core/optimize";
import { gdLoss, sgdRun, stepsFor } from "./training";
import { ParameterError, requireObject } from "../../src/core/validate";
import { requireProxyProblem } from "./checkModel";

/** One pair's flip numbers. */
export interface FlipRow {
  a: string;
  b: string;
  /** the recipe with the lower drift (better at small η) */
  winner: string;
  /** one-step Taylor flip lr at θ_0 = 0 (∞: no one-step flip) */
  oneStep: number;
  /** predicted SGD-noise flip lr (with the full tr H_v), and with the equilibrated trace */
  noise: number;
  noiseEquilibrated: number;
  /** predicted flip with the exact GD mean path at (η, T = τ/η) as the drift: root of Δ[ℓ_GD(η) + η n_k] (∞: none below the edge) */
  discrete: number;
  /** observed crossing of the seed-mean SGD losses (null: none on the grid) */
  observed: number | null;
  /** observed / predicted (discrete) */
  ratio: number | null;
  /** lr grid, seed-mean losses of a and b on it, and their standard errors */
  grid?: number[];
  lossA?: number[];
  lossB?: number[];
}

/** Options of `flipStudy`. */
export interface FlipOptions {
  batch?: number;
  /** fixed training time τ = ηT of the noise model and of the SGD runs (default 1000) */
  time?: number;
  /** SGD seeds averaged for the observed crossing (default 4; 0: predictions only) */
  seeds?: number;
  /** the pairs (indices into problem.recipes); default every pair */
  pairs?: Array<[number, number]>;
  /** observe only flips predicted below this lr (default: the smallest GD stability edge of the pair) */
  maxLr?: number;
  /** half-octave grid points on each side of the prediction (default 4: ×1/4 … ×4) */
  halfOctaves?: number;
  /** stream seed (world seed) */
  streamSeed?: number;
}

/** Noise models of every recipe of a problem at batch B and time τ. */
export function noiseModels(p: ProxyProblem, batch: number, tau: number): NoiseModel[] {
  requireProxyProblem("p", p);
  return p.recipes.map((r) => noiseModel(r, p.val, batch, tau));
}

/** Predicted (one-step and SGD-noise) and observed flip lrs for pairs of recipes of a problem (needs pool features for SGD). */
export function flipStudy(p: ProxyProblem, o: FlipOptions = {}): FlipRow[] {
  requireProxyProblem("p", p);
  requireObject("o", o);
  if (o.maxLr !== undefined) requireNumber("maxLr", o.maxLr, { gt: 0, allowInfinity: true });
  if (o.streamSeed !== undefined) requireInteger("streamSeed", o.streamSeed, { min: 0 });
  if (o.pairs !== undefined) {
    if (!Array.isArray(o.pairs)) throw new ParameterError("pairs", typeof o.pairs, "an array of [i, j] recipe index pairs");
    o.pairs.forEach((pr, q) => {
      if (!Array.isArray(pr) || pr.length !== 2) throw new ParameterError(`pairs[${q}]`, JSON.stringify(pr), "a pair [i, j]");
      pr.forEach((x, e) => requireInteger(`pairs[${q}][${e}]`, x, { min: 0, max: p.recipes.length - 1 }));
    });
  }
  const B = requireInteger("batch", o.batch ?? 8, { min: 1 });
  const tau = requireNumber("time", o.time ?? 1000, { gt: 0 });
  const seeds = requireInteger("seeds", o.seeds ?? 4, { min: 0 });
  const H = requireInteger("halfOctaves", o.halfOctaves ?? 4, { min: 1 });
  const terms = p.recipes.map((r) => taylorTerms(r, p.val));
  const models = noiseModels(p, B, tau);
  const pairs = o.pairs ?? p.recipes.flatMap((_, i) => p.recipes.slice(i + 1).map((__, jj) => [i, i + 1 + jj] as [number, number]));
  return pairs.map(([i, j]) => {
    const A = p.recipes[i];
    const Bm = p.recipes[j];
    const os = oneStepFlip(terms[i], terms[j], i, j);
    const nf = noiseFlip(models[i], models[j], i, j);
    const nfe = noiseFlip({ drift: models[i].drift, slope: models[i].slopeEquilibrated }, { drift: models[j].drift, slope: models[j].slopeEquilibrated }, i, j);
    const edge = Math.min(stabilityEdges(A, B).gd, stabilityEdges(Bm, B).gd);
    // drift from the exact GD path at (η, τ/η) plus the noise excess η n_k: the prediction at finite η
    const model = (k: number, eta: number) =>
      gdLoss(p.recipes[k], p.val, eta, stepsFor(eta, { regime: "fixed-time", time: tau, maxSteps: 1e9 })).loss + eta * models[k].slopeEquilibrated;
    let discrete = Infinity;
    if (Number.isFinite(nfe.eta)) {
      const w = nfe.smallLrWinner;
      const l = w === i ? j : i;
      const f = (eta: number) => model(w, eta) - model(l, eta);
      const lo = Math.min(nfe.eta / 16, 1e-3);
      const hi = 0.999 * edge;
      if (hi > lo && f(lo) < 0 && f(hi) > 0) discrete = findRootLog(f, lo, hi, { lntol: 1e-6 }).x;
    }
    const row: FlipRow = {
      a: A.name,
      b: Bm.name,
      winner: p.recipes[nf.smallLrWinner].name,
      oneStep: os.eta,
      noise: nf.eta,
      noiseEquilibrated: nfe.eta,
      discrete,
      observed: null,
      ratio: null,
    };
    const maxLr = o.maxLr ?? edge;
    const centre = Number.isFinite(discrete) ? discrete : nfe.eta;
    if (seeds > 0 && Number.isFinite(centre) && centre < maxLr && A.Phi && Bm.Phi) {
      const grid = Array.from({ length: 2 * H + 1 }, (_, k) => centre * Math.pow(2, (k - H) / 2)).filter((e) => e < edge);
      const mean = (r: typeof A, idx: number) =>
        grid.map((eta) => {
          let s = 0;
          for (let sd = 0; sd < seeds; sd++) {
            const rng = new Rng(o.streamSeed ?? 0, 4, p.width, p.featureSeed, idx, sd);
            s += sgdRun(r, p.val, { eta, steps: stepsFor(eta, { regime: "fixed-time", time: tau, maxSteps: 1e7 }), batch: B, rng }).loss;
          }
          return s / seeds;
        });
      const la = mean(A, i);
      const lb = mean(Bm, j);
      row.grid = grid;
      row.lossA = la;
      row.lossB = lb;
      row.observed = grid.length >= 2 ? observedFlip(grid, la, lb) : null;
      row.ratio = row.observed === null ? null : row.observed / centre;
    }
    return row;
  });
}
