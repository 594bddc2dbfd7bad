/**
 * The results of the reuse folder: the computations behind the claims and figures of Yan et al.,
 * "Larger Datasets Can Be Repeated More: A Theoretical Analysis of Multi-Epoch Scaling in Linear
 * Regression" (arXiv 2511.13421). Each is declared once with its config at each scale (every
 * parameter that changes the numbers, seeds included) and stored by the runner; claims and figures
 * (claims.ts, figures.ts) are pure functions of them. The parameters are this toolkit's documented
 * defaults, not the paper's.
 */
import * as path from "node:path";
import { pickByScale as pick } from "../core/scale";
import { powerLawFit } from "../core/fit";
import { logGrid } from "../core/grid";
import { defineResult, type ComputeContext } from "../core/result";
import { evenSpectrum, isotropicSpectrum, powerSpectrum, zipfModel } from "../core/spectra";
import { muennighoffReuseRate, thm41RiskSmallK, thm42PlateauSlope, zipfOnePassAsymptote, zipfPlateauAsymptote } from "../../theory/reuse/asymptotics";
import { defaultMcEtaGrid, onePassSgd } from "../../theory/reuse/monteCarlo";
import { maxEta, onePassRisk } from "../../theory/reuse/onePass";
import { invertOnePass, optimalOnePassRisk } from "../../theory/reuse/optimalRate";
import { olsRisk, plateauReuseRate, plateauReuseRates } from "../../theory/reuse/plateau";
import { invertScheduledOnePass } from "../../theory/reuse/schedule";
import { expectedInverseGramTrace, inverseGramTraceMonteCarlo } from "../../theory/reuse/olsTrace";
import { linearProblem, type LinearProblem } from "../../theory/reuse/problem";
import { logPowerZipfModel, zipfReuseRate, zipfRisk, zipfSaturationPoint } from "../../theory/reuse/zipf";
import { extrapolatePowerApproach, localExponents, localSlopes } from "../core/extrapolate";
import { ETA_REFINEMENT_PER_STEP, mcReuseRates, type McReuseRatesOptions } from "./mcReuseRates";

/** The Zipf one-hot model of Yan et al. (arXiv 2511.13421, Section 5) at this toolkit's defaults: exponents a = 4.5, b = 1, d = 1e5 tokens. */
export const ZIPF_DEFAULT = { a: 4.5, b: 1, d: 1e5 } as const;
type ZipfParams = { a: number; b: number; d: number };
const zipfOf = (z: ZipfParams) => zipfModel(z.a, z.b, z.d);

/**
 * E(K,N) at several K by multi-epoch Monte Carlo (η grid, then a refinement around each K's minimum on
 * common random numbers: mcReuseRates) on the context's worker threads, its finished chunks checkpointed in
 * the result's checkpoint folder (`<name>.json`, `<name>-K<K>.json`), so an interrupted computation resumes.
 */
async function mcRates(ctx: ComputeContext, name: string, label: string, p: LinearProblem, opts: Omit<McReuseRatesOptions, "threads" | "checkpoint" | "onProgress">) {
  const bar = ctx.progress(label);
  const rates = await mcReuseRates(p, {
    ...opts,
    threads: ctx.threads,
    onProgress: (a, b, stage) => bar.update(a, b, stage),
    checkpoint: path.join(ctx.checkpointDir(), name),
  });
  bar.done();
  return rates;
}

/** E(K,N) against K for several N in the Zipf model (exact closed form), with Muennighoff's E_M(K). */
export const zipfEvsK = defineResult({
  id: "reuse.zipf-e-vs-k",
  title: "E(K,N) against K in the Zipf model (exact)",
  config: (scale) => ({ zipf: { ...ZIPF_DEFAULT }, N: pick(scale, [1e4, 1e6], [1e4, 1e5, 1e6, 1e7], [1e4, 1e5, 1e6, 1e7, 1e8]), nK: pick(scale, 12, 25, 40), Krange: [1, 4096] }),
  compute(config) {
    const m = zipfOf(config.zipf);
    const K = logGrid(config.Krange[0], config.Krange[1], config.nK);
    return {
      config,
      K,
      curves: config.N.map((N) => ({ N, E: K.map((k) => zipfReuseRate(m, k, N).E), plateau: zipfReuseRate(m, Infinity, N).E })),
      muennighoff: K.map((k) => muennighoffReuseRate(k)),
    };
  },
});

/** The N of the claim on the Monte Carlo E(K,N) (reuse.mc-e-monotone-in-k). */
export const MC_CLAIM_N = 100;

/**
 * Strongly convex E(K,N) against K by multi-epoch Monte Carlo (isotropic, d = 5, Gaussian features,
 * σ = 0.1), at several N — N = 100 is the claim's, the others the figures' — with the optimal η per K,
 * the one-pass optimum for K·N samples and the plateau shortcut. One seed and run count for every N;
 * E on the K grid 1, 2, 3, 4, 6, 8, 12, 16, … up to Kmax.
 */
export const stronglyConvexEvsK = defineResult({
  id: "reuse.strongly-convex-e-vs-k",
  title: "Strongly convex E(K,N) against K by multi-epoch Monte Carlo",
  config: (scale) => ({
    spectrum: "isotropic",
    d: 5,
    sigma: 0.1,
    features: "gaussian" as const,
    N: pick(scale, [50, MC_CLAIM_N, 500], [50, MC_CLAIM_N, 500, 5000], [50, MC_CLAIM_N, 500, 5000, 20000]),
    Kmax: pick(scale, 16, 32, 64),
    runs: pick(scale, 100, 300, 1000),
    seed: 5,
    perOctave: 4,
    /** refinement points per grid step around each K's minimum (common random numbers; theory/reuse/etaOptimum.ts) */
    etaRefinement: ETA_REFINEMENT_PER_STEP,
  }),
  async compute(config, ctx) {
    const p = linearProblem(isotropicSpectrum(config.d), { sigma: config.sigma, features: config.features });
    const { Kmax } = config;
    const Ks = [...new Set([1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256].filter((k) => k < Kmax).concat(Kmax))];
    const curves = [];
    for (const N of config.N) {
      const etas = defaultMcEtaGrid(p, N, Kmax, config.perOctave);
      const rates = await mcRates(ctx, `N${N}`, `Monte Carlo E(K,N) at N = ${N}`, p, { N, Ks, etas, runs: config.runs, seed: config.seed, perStep: config.etaRefinement });
      const K = rates.map((r) => r.K);
      curves.push({
        N,
        K,
        E: rates.map((r) => r.E),
        se: rates.map((r) => r.se),
        eta: rates.map((r) => r.eta),
        onePassEta: K.map((k) => optimalOnePassRisk(p, k * N).eta),
        plateau: plateauReuseRate(p, N).E,
      });
    }
    return { config, curves, muennighoff: curves[0].K.map((k) => muennighoffReuseRate(k)) };
  },
});

/**
 * The plateau E(∞,N) against N: strongly convex (least-squares shortcut, isotropic and λ evenly
 * spaced in [1,2]) with the Thm 4.2 slope tr H/(4 λ_d d) in ln N; Zipf (exact K = ∞ limit) with a
 * power-law fit and the Thm 5.2 asymptote ∝ N^{b/(a−b)}.
 */
export const plateauVsN = defineResult({
  id: "reuse.plateau-vs-n",
  title: "Plateau E(∞,N) against N (strongly convex and Zipf)",
  config: (scale) => ({
    d: 100,
    sigma: 0.1,
    // decades, half decades, quarter decades from 1e3: the claims fit the points from 1e4 on
    N: [1e3, 1e7],
    nN: pick(scale, 5, 9, 17),
    zipf: { ...ZIPF_DEFAULT },
    zipfN: [5e4, 1e7],
    zipfNn: pick(scale, 6, 12, 24),
  }),
  compute(config) {
    const Ns = logGrid(config.N[0], config.N[1], config.nN).map(Math.round);
    const stronglyConvex = [
      { label: "isotropic", lambda: isotropicSpectrum(config.d) },
      { label: "even [1,2]", lambda: evenSpectrum(config.d, 1, 2) },
    ].map(({ label, lambda }) => {
      const p = linearProblem(lambda, { sigma: config.sigma, features: "gaussian" });
      return { label, N: Ns, E: plateauReuseRates(p, Ns).map((r) => r.E), slope: thm42PlateauSlope(p) };
    });
    const m = zipfOf(config.zipf);
    const zN = logGrid(config.zipfN[0], config.zipfN[1], config.zipfNn).map(Math.round);
    const zE = zN.map((N) => zipfReuseRate(m, Infinity, N).E);
    const fit = powerLawFit(zN, zE);
    return {
      config,
      stronglyConvex,
      zipf: { N: zN, E: zE, fit: { coefficient: fit.coefficient, exponent: fit.exponent, exponentSe: fit.exponentSe }, asymptote: zN.map((N) => zipfPlateauAsymptote(m, N)) },
    };
  },
});

/** The saturation point K(λ,N) — the K at which E(K,N) = λK, λ = 0.75 — against N (Zipf, exact). */
export const thresholdVsN = defineResult({
  id: "reuse.threshold-vs-n",
  title: "Saturation point K(0.75, N) against N (Zipf, exact)",
  config: (scale) => ({ zipf: { ...ZIPF_DEFAULT }, lambda: 0.75, N: pick(scale, [1e4, 1e5, 1e6], [1e4, 3e4, 1e5, 3e5, 1e6, 3e6, 1e7], logGrid(1e4, 1e8, 13)) }),
  compute(config) {
    const m = zipfOf(config.zipf);
    const N = config.N;
    const K = N.map((n) => zipfSaturationPoint(m, Math.round(n), config.lambda));
    const fit = powerLawFit(N, K);
    return { config, N, K, fit: { coefficient: fit.coefficient, exponent: fit.exponent } };
  },
});

/** The optimal one-pass risk R̄*(1,T) with its leading-order asymptotes (Thm 4.1 strongly convex; Zipf). */
export const onePassCurves = defineResult({
  id: "reuse.onepass-curves",
  title: "Optimal one-pass risk R̄*(1,T) and its asymptotes",
  config: (scale) => ({ d: 100, sigma: 0.1, features: "rademacher" as const, nT: pick(scale, 6, 16, 31), T: [1e3, 1e7], zipfT: [1e3, 1e9], zipf: { ...ZIPF_DEFAULT } }),
  compute(config) {
    const T = logGrid(config.T[0], config.T[1], config.nT);
    const stronglyConvex = [
      { label: "isotropic", lambda: isotropicSpectrum(config.d) },
      { label: "even [1,2]", lambda: evenSpectrum(config.d, 1, 2) },
    ].map(({ label, lambda }) => {
      const p = linearProblem(lambda, { sigma: config.sigma, features: config.features });
      const opt = T.map((t) => optimalOnePassRisk(p, t));
      return { label, T, risk: opt.map((o) => o.risk), eta: opt.map((o) => o.eta), asymptote: T.map((t) => thm41RiskSmallK(p, 1, t)) };
    });
    const m = zipfOf(config.zipf);
    const zT = logGrid(config.zipfT[0], config.zipfT[1], config.nT);
    return {
      config,
      stronglyConvex,
      zipf: { T: zT, risk: zT.map((t) => zipfRisk(m, 1, t)), asymptote: zT.map((t) => zipfOnePassAsymptote(m, t)) },
    };
  },
});

/** Monte Carlo of one-pass SGD against the exact one-pass risk curve (Gaussian and Rademacher features). */
export const mcVsExact = defineResult({
  id: "reuse.mc-vs-exact",
  title: "Monte Carlo one-pass SGD against the exact risk",
  config: (scale) => ({ d: 20, spectrum: "power:1", sigma: 0.3, runs: pick(scale, 500, 2000, 10000), seed: 1, etaFraction: 0.5, T: [1, 3, 10, 30, 100, 300, 1000] }),
  compute(config) {
    const dense = logGrid(1, 1000, 60);
    return {
      config,
      laws: (["gaussian", "rademacher"] as const).map((features) => {
        const p = linearProblem(powerSpectrum(config.d, 1), { sigma: config.sigma, features });
        const eta = config.etaFraction * maxEta(p);
        const mc = onePassSgd(p, { T: config.T, eta, runs: config.runs, seed: config.seed });
        return {
          features,
          eta,
          T: config.T,
          mean: Array.from(mc.mean),
          se: Array.from(mc.se),
          /** the closed form at the Monte Carlo's T */
          exactAtT: onePassRisk(p, eta, config.T),
          denseT: dense,
          exact: onePassRisk(p, eta, dense),
        };
      }),
    };
  },
});

/**
 * E(1,N) with each side at its own optimal learning rate: the N′ at which the optimal one-pass risk
 * equals the optimal one-pass risk at N, over N (power-law spectrum λ_i = i^{−1.5}).
 */
export const onePassSelfRate = defineResult({
  id: "reuse.onepass-self-rate",
  title: "E(1,N) by inverting the optimal one-pass risk",
  config: (scale) => ({ d: pick(scale, 50, 200, 1000), power: 1.5, sigma: 0.1, features: "gaussian" as const, N: pick(scale, [1e3, 1e5], [1e3, 1e4, 1e5, 1e6], [1e3, 1e4, 1e5, 1e6, 1e7]) }),
  compute(config) {
    const p = linearProblem(powerSpectrum(config.d, config.power), { sigma: config.sigma, features: config.features });
    return { N: config.N, E: config.N.map((N) => invertOnePass(p, optimalOnePassRisk(p, N).risk).N / N) };
  },
});

/** Zipf risks for the exponents of Thm 5.1: R̄*(1,T) over T and R̄(∞,N) over N. */
export const zipfRiskCurves = defineResult({
  id: "reuse.zipf-risk-curves",
  title: "Zipf one-pass and K = ∞ risks (Thm 5.1 exponents)",
  config: (scale) => ({ zipf: { ...ZIPF_DEFAULT }, T: [1e4, 1e9], N: [1e5, 1e8], n: pick(scale, 4, 8, 16) }),
  compute(config) {
    const m = zipfOf(config.zipf);
    const T = logGrid(config.T[0], config.T[1], config.n);
    const N = logGrid(config.N[0], config.N[1], config.n);
    return { T, onePassRisk: T.map((t) => zipfRisk(m, 1, t)), N, infiniteKRisk: N.map((x) => zipfRisk(m, Infinity, x)) };
  },
});

/** The reuse efficiency E(K,N)/K at small K against N (Zipf, exact). */
export const zipfSmallKEfficiency = defineResult({
  id: "reuse.zipf-small-k-efficiency",
  title: "E(K,N)/K at K = 2 and 4 against N (Zipf, exact)",
  config: (scale) => ({ zipf: { ...ZIPF_DEFAULT }, K: [2, 4], N: pick(scale, [1e3, 1e4, 1e5, 1e6], logGrid(1e3, 1e7, 9), logGrid(1e3, 1e8, 11)) }),
  compute(config) {
    const m = zipfOf(config.zipf);
    return { N: config.N, K: config.K, ratio: config.K.map((K) => config.N.map((N) => zipfReuseRate(m, K, Math.round(N)).E / K)) };
  },
});

/** E(K,N) on a K grid up to K = ∞ for several N (Zipf, exact): E is non-decreasing in K and at most K. */
export const zipfEOnKGrid = defineResult({
  id: "reuse.zipf-e-on-k-grid",
  title: "E(K,N) on a K grid up to ∞ (Zipf, exact)",
  config: (scale) => ({
    zipf: { ...ZIPF_DEFAULT },
    K: [1, 2, 3, 4, 6, 8, 12, 16, 32, 64, 128, 256, 1024, Infinity],
    N: pick(scale, [1e4, 1e6], [1e4, 1e5, 1e6, 1e7], [1e4, 1e5, 1e6, 1e7, 1e8]),
  }),
  compute(config) {
    const m = zipfOf(config.zipf);
    return { K: config.K, N: config.N, E: config.N.map((N) => config.K.map((K) => zipfReuseRate(m, K, N).E)) };
  },
});

/** Multi-epoch Monte Carlo at a large K against the least-squares plateau shortcut E(∞,N) (Thm 4.1, large K). */
export const mcLargeK = defineResult({
  id: "reuse.mc-large-k",
  title: "Multi-epoch Monte Carlo at the largest K against the plateau shortcut",
  config: (scale) => ({ d: 10, sigma: 0.1, features: "gaussian" as const, N: 100, Kmax: pick(scale, 100, 200, 400), runs: pick(scale, 100, 300, 1000), seed: 2, perOctave: 4, etaRefinement: ETA_REFINEMENT_PER_STEP }),
  async compute(config, ctx) {
    const p = linearProblem(isotropicSpectrum(config.d), { sigma: config.sigma, features: config.features });
    const { N, Kmax } = config;
    const etas = defaultMcEtaGrid(p, N, Kmax, config.perOctave);
    const [best] = await mcRates(ctx, "mc", `Monte Carlo E(${Kmax},${N})`, p, { N, Ks: [Kmax], etas, runs: config.runs, seed: config.seed, perStep: config.etaRefinement });
    return { N, K: Kmax, runs: config.runs, E: best.E, se: best.se, eta: best.eta, risk: best.risk, plateau: plateauReuseRate(p, N).E, etaGridPoints: etas.length };
  },
});

/**
 * Local exponents of the Zipf saturation point K(0.75,N) and plateau E(∞,N) against N (exact), and their
 * extrapolation to N → ∞ by a least-squares fit s(N) = s∞ − c·N^{−γ} of the local exponents (Thm 5.2
 * predicts s∞ = b/(a−b) = 2/7 for both).
 */
export const zipfLocalExponents = defineResult({
  id: "reuse.zipf-local-exponents",
  title: "Local exponents of K(0.75,N) and E(∞,N) against N, extrapolated (Zipf, exact)",
  config: (scale) => ({ zipf: { ...ZIPF_DEFAULT }, lambda: 0.75, N: pick(scale, [1e4, 1e8], [1e4, 1e9], [1e4, 1e10]), nN: pick(scale, 9, 11, 19) }),
  compute(config) {
    const m = zipfOf(config.zipf);
    const N = logGrid(config.N[0], config.N[1], config.nN).map(Math.round);
    const Kstar = N.map((n) => zipfSaturationPoint(m, n, config.lambda));
    const plateau = N.map((n) => zipfReuseRate(m, Infinity, n).E);
    const k = localExponents(N, Kstar);
    const e = localExponents(N, plateau);
    return {
      config,
      N,
      Kstar,
      plateau,
      localN: k.x,
      kstarExponent: k.exponent,
      plateauExponent: e.exponent,
      kstarLimit: extrapolatePowerApproach(k.x, k.exponent),
      plateauLimit: extrapolatePowerApproach(e.x, e.exponent),
    };
  },
});

/**
 * The plateau E(∞,N) of the log-power-law Zipf model (Thm 5.3 reading: p_i ∝ i^{−α}, Λ_i = (1 + ln i)^{−b})
 * for b = 1 and 2 against N, with the local slopes of E^{1/b} against ln N.
 */
export const logPowerPlateau = defineResult({
  id: "reuse.log-power-plateau",
  title: "Plateau E(∞,N) of the log-power-law Zipf model against N (Thm 5.3)",
  config: (scale) => ({ alpha: 2.5, b: [1, 2], d: 1e5, N: pick(scale, [1e3, 1e7], [1e3, 1e10], [1e3, 1e10]), nN: pick(scale, 5, 8, 15) }),
  compute(config) {
    const N = logGrid(config.N[0], config.N[1], config.nN).map(Math.round);
    return {
      config,
      curves: config.b.map((b) => {
        const m = logPowerZipfModel(config.alpha, b, config.d);
        const E = N.map((n) => zipfReuseRate(m, Infinity, n).E);
        const s = localSlopes(N.map(Math.log), E.map((e) => Math.pow(e, 1 / b)));
        return { b, N, E, lnNmid: s.x, rootSlope: s.slope };
      }),
    };
  },
});

/** K grid of the strongly convex E-against-N Monte Carlo. */
const E_VS_N_K = [1, 2, 3, 4, 6, 8, 12, 16];

/**
 * Strongly convex E(K,N) against N by multi-epoch Monte Carlo (isotropic, d = 5, Gaussian features,
 * σ = 0.1), one curve per K ∈ {1,…,16}, with the least-squares plateau shortcut E(∞,N) per N: the
 * effective-reuse regime E = K(1+o(1)) and the threshold of Thm 4.2. One seed for every N.
 */
export const stronglyConvexEvsN = defineResult({
  id: "reuse.strongly-convex-e-vs-n",
  title: "Strongly convex E(K,N) against N by multi-epoch Monte Carlo, one curve per K",
  config: (scale) => ({
    spectrum: "isotropic",
    d: 5,
    sigma: 0.1,
    features: "gaussian" as const,
    N: pick(scale, [50, 1500], [50, 5000], [50, 1e5]),
    nN: pick(scale, 3, 6, 9),
    K: E_VS_N_K,
    runs: pick(scale, 250, 600, 2000),
    seed: 13,
    perOctave: 4,
    etaRefinement: ETA_REFINEMENT_PER_STEP,
  }),
  async compute(config, ctx) {
    const p = linearProblem(isotropicSpectrum(config.d), { sigma: config.sigma, features: config.features });
    const Kmax = Math.max(...config.K);
    const Ns = logGrid(config.N[0], config.N[1], config.nN).map(Math.round);
    const rows = [];
    for (const N of Ns) {
      const etas = defaultMcEtaGrid(p, N, Kmax, config.perOctave);
      const rates = await mcRates(ctx, `N${N}`, `Monte Carlo E(K,${N})`, p, { N, Ks: config.K, etas, runs: config.runs, seed: config.seed, perStep: config.etaRefinement });
      rows.push({ N, E: rates.map((r) => r.E), se: rates.map((r) => r.se), plateau: plateauReuseRate(p, N).E });
    }
    return { config, N: Ns, K: config.K, rows, slope: thm42PlateauSlope(p) };
  },
});

/**
 * Multi-epoch Monte Carlo at the paper's d = 100 (σ = 0.1; λ evenly spaced in [1,2] and Gaussian
 * features are this toolkit's defaults): E(K,N) on a K grid for a few N, with the plateau shortcut.
 */
export const mcPaperDimension = defineResult({
  id: "reuse.mc-d100",
  title: "Multi-epoch Monte Carlo at d = 100 against the plateau shortcut",
  config: (scale) => ({
    spectrum: "even [1,2]",
    d: 100,
    sigma: 0.1,
    features: "gaussian" as const,
    N: pick(scale, [600], [1000, 3000, 10000], [1000, 3000, 10000, 30000]),
    K: [1, 2, 4, 8, 16, 32],
    runs: pick(scale, 8, 16, 100),
    seed: 17,
    perOctave: 4,
    etaRefinement: ETA_REFINEMENT_PER_STEP,
  }),
  async compute(config, ctx) {
    const p = linearProblem(evenSpectrum(config.d, 1, 2), { sigma: config.sigma, features: config.features });
    const Kmax = Math.max(...config.K);
    const rows = [];
    for (const N of config.N) {
      const etas = defaultMcEtaGrid(p, N, Kmax, config.perOctave);
      const rates = await mcRates(ctx, `N${N}`, `Monte Carlo E(K,${N}) at d = ${config.d}`, p, { N, Ks: config.K, etas, runs: config.runs, seed: config.seed, perStep: config.etaRefinement });
      rows.push({ N, E: rates.map((r) => r.E), se: rates.map((r) => r.se), eta: rates.map((r) => r.eta), plateau: plateauReuseRate(p, N).E });
    }
    return { config, K: config.K, rows, slope: thm42PlateauSlope(p) };
  },
});

/**
 * The plateau E(∞,N) when the one-pass side may use a decaying learning rate η_t = η0/(1 + b·t) (η0 and b
 * optimised; the decaying-learning-rate remark of Yan et al.), against the constant-η plateau, for an
 * isotropic spectrum (κ_H = 1) and a two-level one (half the λ at 1, half at 4: κ_H = 4); d = 100,
 * σ = 0.1, Gaussian features. The K → ∞ side is the least-squares risk either way.
 */
export const decayingLrPlateau = defineResult({
  id: "reuse.decaying-lr-plateau",
  title: "Plateau E(∞,N) with a decaying-learning-rate one-pass reference",
  config: (scale) => ({ d: 100, sigma: 0.1, features: "gaussian" as const, kappas: [1, 4], N: pick(scale, [300, 600, 1200], [1000, 3000, 10000], [1000, 3000, 10000, 30000, 100000]) }),
  compute(config) {
    return {
      config,
      spectra: config.kappas.map((kappaH) => {
        const lambda = Float64Array.from({ length: config.d }, (_, i) => (i < config.d / 2 ? 1 : kappaH));
        const p = linearProblem(lambda, { sigma: config.sigma, features: config.features });
        const rows = config.N.map((N) => {
          const inv = invertScheduledOnePass(p, olsRisk(p, N), 1000 * N);
          return { N, Esched: inv.N / N, eta0: inv.eta0, b: inv.eta0 / inv.c, Econst: plateauReuseRate(p, N).E };
        });
        return { kappaH, rows };
      }),
    };
  },
});

/**
 * E tr((ZᵀZ)⁻¹) for Rademacher features — the OLS risk of the plateau over ½σ² — by seeded Monte Carlo
 * against the third-order expansion used by the plateau shortcut (olsTrace.ts), with the Gaussian value
 * d/(N − d − 1) beside it.
 */
export const rademacherOlsTrace = defineResult({
  id: "reuse.rademacher-ols-trace",
  title: "E tr((ZᵀZ)⁻¹) for Rademacher features: Monte Carlo against the expansion",
  config: (scale) => ({
    cells: pick(
      scale,
      [[10, 100], [8, 60], [20, 60], [40, 100]],
      [[10, 100], [8, 60], [20, 60], [40, 100], [100, 200], [100, 1000]],
      [[10, 100], [8, 60], [20, 60], [40, 100], [100, 200], [100, 1000], [200, 2000]],
    ) as number[][],
    runs: pick(scale, 4000, 20000, 50000),
    seed: 11,
  }),
  compute(config) {
    return {
      config,
      rows: config.cells.map(([d, N]) => {
        const runs = d >= 100 ? Math.max(200, Math.round(config.runs / 20)) : config.runs;
        const mc = inverseGramTraceMonteCarlo(d, N, "rademacher", { runs, seed: config.seed });
        return { d, N, mean: mc.mean, se: mc.se, runs: mc.runs, singular: mc.singular, expansion: expectedInverseGramTrace(d, N, "rademacher").value, gaussian: d / (N - d - 1) };
      }),
    };
  },
});

/** Every theory result of the folder (the transformer study is in study/). */
export const reuseResults = [zipfEvsK, stronglyConvexEvsK, plateauVsN, thresholdVsN, onePassCurves, mcVsExact, onePassSelfRate, zipfRiskCurves, zipfSmallKEfficiency, zipfEOnKGrid, mcLargeK, zipfLocalExponents, logPowerPlateau, stronglyConvexEvsN, mcPaperDimension, decayingLrPlateau, rademacherOlsTrace] as const;
