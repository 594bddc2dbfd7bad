/**
 * The computed results behind the reuse figures, per scale, cached in the result store
 * (data/results/reuse/*.json). Parameters are this toolkit's documented defaults (reuse spec §5, §8).
 */
import { pickByScale as pick, type Scale } from "../core/scale";
import { powerLawFit } from "../core/fit";
import { evenSpectrum, isotropicSpectrum, powerSpectrum, zipfModel } from "../core/spectra";
import {
  muennighoffReuseRate,
  thm41RiskSmallK,
  thm42PlateauSlope,
  zipfOnePassAsymptote,
  zipfPlateauAsymptote,
} from "../../theory/reuse/asymptotics";
import { mcReuseRate } from "../../theory/reuse/effectiveReuse";
import { defaultMcEtaGrid, onePassSgd, summarizeMc } from "../../theory/reuse/monteCarlo";
import { maxEta, onePassRisk } from "../../theory/reuse/onePass";
import { optimalOnePassRisk } from "../../theory/reuse/optimalRate";
import { plateauReuseRate } from "../../theory/reuse/plateau";
import { linearProblem } from "../../theory/reuse/problem";
import { zipfReuseRate, zipfRisk, zipfSaturationPoint } from "../../theory/reuse/zipf";
import { multiEpochMcParallel } from "./mcParallel";
import { progress } from "../run/progress";
import * as path from "node:path";
import { cached, resultsDir } from "../run/store";
import { logGrid } from "../core/grid";


const ZIPF = { a: 4.5, b: 1, d: 1e5 };

/** E(K,N) against K for several N in the Zipf model (exact), with Muennighoff's E_M(K). */
export function zipfEvsK(scale: Scale) {
  const config = { ...ZIPF, N: pick(scale, [1e4, 1e6], [1e4, 1e5, 1e6, 1e7], [1e4, 1e5, 1e6, 1e7, 1e8]), nK: pick(scale, 12, 25, 40), Krange: [1, 4096] };
  return cached(`reuse/zipf-e-vs-k-${scale}`, config, () => {
    const m = zipfModel(config.a, config.b, config.d);
    const K = logGrid(config.Krange[0], config.Krange[1], config.nK);
    return {
      config,
      K,
      curves: config.N.map((N) => ({ N, E: K.map((k) => zipfReuseRate(m, k, N).E), plateau: zipfReuseRate(m, Infinity, N).E })),
      muennighoff: K.map((k) => muennighoffReuseRate(k)),
    };
  });
}

/** Strongly convex E(K,N) against K by multi-epoch Monte Carlo, with optimal η per K and the plateau shortcut. */
export function stronglyConvexEvsK(scale: Scale) {
  const config = {
    spectrum: "isotropic",
    d: pick(scale, 5, 5, 20),
    sigma: 0.1,
    features: "gaussian" as const,
    N: pick(scale, [50, 500], [50, 500, 5000], [200, 2000, 20000]),
    Kmax: pick(scale, 16, 64, 128),
    runs: pick(scale, 40, 200, 1000),
    seed: 7,
    perOctave: 4,
  };
  return cached(`reuse/strongly-convex-e-vs-k-${scale}`, config, async () => {
    const p = linearProblem(isotropicSpectrum(config.d), { sigma: config.sigma, features: config.features });
    const curves = [];
    for (const N of config.N) {
      const etas = defaultMcEtaGrid(p, N, config.Kmax, config.perOctave);
      const bar = progress(`Monte Carlo E(K,N) at N = ${N}`);
      const acc = await multiEpochMcParallel(p, {
        N,
        Kmax: config.Kmax,
        etas,
        runs: config.runs,
        seed: config.seed,
        onProgress: (a: number, b: number) => bar.update(a, b),
        // an interrupted run resumes from its finished chunks
        checkpoint: path.join(resultsDir(), "partial", `reuse-strongly-convex-${scale}-N${N}.json`),
      });
      bar.done();
      const s = summarizeMc(acc);
      // every K up to 4, then ×1.5 steps, always ending at Kmax
      const Ks: number[] = [];
      for (let k = 1; k < config.Kmax; k = k < 4 ? k + 1 : Math.round(k * 1.5)) Ks.push(k);
      Ks.push(config.Kmax);
      const rates = Ks.map((k) => mcReuseRate(p, s, k, N));
      const K = rates.map((r) => r.K);
      const E = rates.map((r) => r.E);
      const se = rates.map((r) => r.se);
      const eta = rates.map((r) => r.eta);
      const onePassEta = K.map((k) => optimalOnePassRisk(p, k * N).eta);
      curves.push({ N, K, E, se, eta, onePassEta, plateau: plateauReuseRate(p, N).E });
    }
    return { config, curves, muennighoff: curves[0].K.map((k) => muennighoffReuseRate(k)) };
  });
}

/** Plateau E(∞,N) against N: strongly convex (shortcut) with the Thm 4.2 slope; Zipf (exact) with fits. */
export function plateauVsN(scale: Scale) {
  const config = { d: 100, sigma: 0.1, nN: pick(scale, 5, 13, 25), N: [1e3, 1e7], zipfN: [5e4, 1e7], zipf: ZIPF };
  return cached(`reuse/plateau-vs-n-${scale}`, config, () => {
    const Ns = logGrid(config.N[0], config.N[1], config.nN).map(Math.round);
    const sc = [
      { label: "isotropic", lambda: isotropicSpectrum(config.d) },
      { label: "even [1,2]", lambda: evenSpectrum(config.d, 1, 2) },
    ].map(({ label, lambda }) => {
      const p = linearProblem(lambda, { sigma: config.sigma, features: "gaussian" });
      return { label, N: Ns, E: Ns.map((N) => plateauReuseRate(p, N).E), slope: thm42PlateauSlope(p) };
    });
    const m = zipfModel(ZIPF.a, ZIPF.b, ZIPF.d);
    const zN = logGrid(config.zipfN[0], config.zipfN[1], config.nN).map(Math.round);
    const zE = zN.map((N) => zipfReuseRate(m, Infinity, N).E);
    const fit = powerLawFit(zN, zE);
    return {
      config,
      stronglyConvex: sc,
      zipf: { N: zN, E: zE, fit: { coefficient: fit.coefficient, exponent: fit.exponent, exponentSe: fit.exponentSe }, asymptote: zN.map((N) => zipfPlateauAsymptote(m, N)) },
    };
  });
}

/** Saturation point K(0.75, N) against N (Zipf, exact). */
export function thresholdVsN(scale: Scale) {
  const config = { ...ZIPF, lambda: 0.75, nN: pick(scale, 4, 9, 17), N: [1e3, 1e7] };
  return cached(`reuse/threshold-vs-n-${scale}`, config, () => {
    const m = zipfModel(ZIPF.a, ZIPF.b, ZIPF.d);
    const N = logGrid(config.N[0], config.N[1], config.nN).map(Math.round);
    const K = N.map((n) => zipfSaturationPoint(m, n, config.lambda));
    const fit = powerLawFit(N, K);
    return { config, N, K, fit: { coefficient: fit.coefficient, exponent: fit.exponent } };
  });
}

/** One-pass optimal risk curves with their leading-order asymptotes. */
export function onePassCurves(scale: Scale) {
  const config = { d: 100, sigma: 0.1, features: "rademacher" as const, nT: pick(scale, 6, 16, 31), T: [1e3, 1e7], zipfT: [1e3, 1e9], zipf: ZIPF };
  return cached(`reuse/onepass-curves-${scale}`, config, () => {
    const T = logGrid(config.T[0], config.T[1], config.nT);
    const sc = [
      { label: "isotropic", lambda: isotropicSpectrum(config.d) },
      { label: "even [1,2]", lambda: evenSpectrum(config.d, 1, 2) },
    ].map(({ label, lambda }) => {
      const p = linearProblem(lambda, { sigma: config.sigma, features: config.features });
      const opt = T.map((t) => optimalOnePassRisk(p, t));
      return { label, T, risk: opt.map((o) => o.risk), eta: opt.map((o) => o.eta), asymptote: T.map((t) => thm41RiskSmallK(p, 1, t)) };
    });
    const m = zipfModel(ZIPF.a, ZIPF.b, ZIPF.d);
    const zT = logGrid(config.zipfT[0], config.zipfT[1], config.nT);
    return {
      config,
      stronglyConvex: sc,
      zipf: { T: zT, risk: zT.map((t) => zipfRisk(m, 1, t)), asymptote: zT.map((t) => zipfOnePassAsymptote(m, t)) },
    };
  });
}

/** Monte Carlo one-pass SGD against the exact risk curve (both feature laws). */
export function mcVsExact(scale: Scale) {
  const config = { d: 20, spectrum: "power:1", sigma: 0.3, runs: pick(scale, 300, 2000, 10000), seed: 3, etaFraction: 0.5, T: [1, 3, 10, 30, 100, 300, 1000] };
  return cached(`reuse/mc-vs-exact-${scale}`, config, () => {
    const Ts = config.T;
    const dense = logGrid(1, 1000, 60);
    return {
      config,
      laws: (["gaussian", "rademacher"] as const).map((features) => {
        const p = linearProblem(powerSpectrum(config.d, 1), { sigma: config.sigma, features });
        const eta = config.etaFraction * maxEta(p);
        const mc = onePassSgd(p, { T: Ts, eta, runs: config.runs, seed: config.seed });
        return { features, eta, T: Ts, mean: Array.from(mc.mean), se: Array.from(mc.se), denseT: dense, exact: onePassRisk(p, eta, dense) };
      }),
    };
  });
}
