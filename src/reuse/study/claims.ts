/**
 * Claims of the transformer reuse study (Yan et al., arXiv 2511.13421, Section 6.3), checked on a
 * small GPT trained on the Zipf facts language (the transformer analogue of the paper's Zipf model). Each claim is a pure function of the study's result
 * (`reuse.transformer-study`, trained by the runner when nothing is stored). The thresholds are this toolkit's statement of the qualitative findings (the paper states no
 * tolerances); a claim that does not reproduce at a scale fails with its numbers.
 */
import type { Claim, Evidence } from "../../core/claim";
import { powerLawFit } from "../../core/fit";
import { spearman } from "../../core/stats";
import { MUENNIGHOFF_RSTAR, PAPER_LLM_SATURATION_FIT, thm51Exponents, thm52PlateauExponent } from "../../../theory/reuse/asymptotics";
import { fitMuennighoffRstar, muennighoffErrors } from "../../../theory/reuse/muennighoffFit";
import { windowTokens } from "./config";
import { reuseTransformerStudy, type ReuseStudyResult } from "./study";

const PAPER = "Yan et al. 2025, arXiv 2511.13421, Sec. 6.3";
const r3 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : x);
const byN = (r: ReuseStudyResult, f: (c: ReuseStudyResult["curves"][number]) => number): Record<string, number> =>
  Object.fromEntries(r.curves.map((c) => [`N=${c.N}`, r3(f(c))]));

/** Level E(2,N)/2 must reach at every N for "E ≈ K at small K". */
export const SMALL_K_LEVEL = 0.8;
/** Correlation the K(λ,N)-against-ln N fit must reach (the paper reports r = 0.97). */
export const LOG_FIT_MIN_R = 0.9;

/** Tolerance of the one-pass exponent against (a−1)/a, and of the saturation-level exponent against b/(a−b). */
export const ONE_PASS_EXPONENT_TOLERANCE = 0.1;
export const PLATEAU_EXPONENT_TOLERANCE = 0.1;

/** Smallest log-log slope of the fitted R*(N) that counts as "grows with N" (noise-free flat curves give |slope| < 0.01). */
export const MIN_RSTAR_SLOPE = 0.05;

/** Optimizer steps the smallest N must give per epoch (else "epochs" count optimizer steps, not reuse). */
export const PREMISE_MIN_STEPS_PER_EPOCH = 20;
/** The one-pass curve's log-log slope over its last decade must keep this share of its first decade's (no floor in sight). */
export const PREMISE_MIN_SLOPE_RATIO = 0.5;
/** The floor fitted to the one-pass curve (L∞ + c·t^p) must lie below this share of the loss at K_max·N_max. */
export const PREMISE_MAX_FLOOR_SHARE = 0.5;

/** Log-log slope of loss against tokens by least squares over the points with tokens in [lo, hi]. */
function logSlope(tokens: readonly number[], loss: readonly number[], lo: number, hi: number): number {
  const pts = tokens.map((t, i) => [t, loss[i]] as const).filter(([t, l]) => t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9) && l > 0);
  if (pts.length < 2) return NaN;
  const xs = pts.map(([t]) => Math.log(t));
  const ys = pts.map(([, l]) => Math.log(l));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => ((sxy += (x - mx) * (ys[i] - my)), (sxx += (x - mx) ** 2)));
  return sxx > 0 ? sxy / sxx : NaN;
}

/**
 * The premise of the reuse study (issue "transformer studies that can test their papers"): the data
 * must limit the runs. Over the tokens the runs see, N_min to K_max·N_max, the one-pass loss keeps
 * falling like a power law — its log-log slope over the last decade keeps at least half of its slope
 * over the first, and a fitted L∞ + c·t^p puts the floor L∞ below half of the last loss (no floor in
 * sight) — and the smallest N gives at least 20 optimizer steps per epoch (otherwise "K epochs"
 * mostly counts optimizer steps). One batch size and one constant lr for every run hold by
 * construction (the config has one of each).
 */
export const reuseTransformerPremise: Claim = {
  id: "reuse.transformer-premise-data-limited",
  paper: `${PAPER} (the set-up's premise: a data-limited regime)`,
  statement: `Transformer study premise: the one-pass loss still falls as a power law at K_max·N_max tokens — last-decade log-log slope ≥ ${PREMISE_MIN_SLOPE_RATIO} × the first decade's, and the floor of a fitted L∞ + c·t^p ≤ ${PREMISE_MAX_FLOOR_SHARE} × the last loss — and the smallest N gives ≥ ${PREMISE_MIN_STEPS_PER_EPOCH} optimizer steps per epoch; without these, E(K,N) measures the loss floor or the step count, not data reuse.`,
  needs: [reuseTransformerStudy],
  evidence(res): Evidence {
    const r = res.get(reuseTransformerStudy);
    const c = r.config;
    const tokensPerStep = windowTokens(c) * c.batchSize;
    const minSteps = c.N[0] / tokensPerStep;
    const lo = c.N[0];
    const hi = Math.min(c.Kmax * c.N[c.N.length - 1], r.onePassMean.tokens[r.onePassMean.tokens.length - 1]);
    const { tokens, valLoss } = r.onePassMean;
    const first = logSlope(tokens, valLoss, lo, Math.min(hi, 10 * lo));
    const last = logSlope(tokens, valLoss, Math.max(lo, hi / 10), hi);
    const ratio = first < 0 ? last / first : NaN;
    const lastLoss = valLoss[tokens.findIndex((t) => t >= hi * (1 - 1e-9))] ?? valLoss[valLoss.length - 1];
    const floorShare = r.onePassFit ? r.onePassFit.floor / lastLoss : NaN;
    const ok =
      minSteps >= PREMISE_MIN_STEPS_PER_EPOCH && Number.isFinite(ratio) && ratio >= PREMISE_MIN_SLOPE_RATIO && Number.isFinite(floorShare) && floorShare <= PREMISE_MAX_FLOOR_SHARE;
    return {
      measured: { stepsPerEpochAtNmin: r3(minSteps), slopeRatio: r3(ratio), floorShare: r3(floorShare) },
      predicted: `steps ≥ ${PREMISE_MIN_STEPS_PER_EPOCH}, slope ratio ≥ ${PREMISE_MIN_SLOPE_RATIO}, floor share ≤ ${PREMISE_MAX_FLOOR_SHARE}`,
      tolerance: "all three",
      verdict: ok ? "pass" : "fail",
      details: {
        tokensRange: [lo, hi],
        slopeFirstDecade: r3(first),
        slopeLastDecade: r3(last),
        lossAtLastToken: r3(lastLoss),
        fit: r.onePassFit ? { floor: r3(r.onePassFit.floor), exponent: r3(r.onePassFit.exponent), rmsLogResidual: r3(r.onePassFit.rmsLogResidual) } : null,
        bayesLoss: r.bayesLoss,
        chanceLoss: r3(r.chanceLoss),
        tokensToSeeEveryItemOnce: Math.round(r.coverageTokens),
        batchSize: c.batchSize,
        lr: c.lr,
      },
    };
  },
};

/** The saturation level max_K E(K,N) against N and its power-law fit (null with < 2 N or a level ≤ 0). */
function saturationLevelFit(r: ReuseStudyResult): { N: number[]; Emax: number[]; fit: ReturnType<typeof powerLawFit> | null } {
  const N = r.curves.map((c) => c.N);
  const Emax = r.curves.map((c) => c.Emax);
  return { N, Emax, fit: N.length >= 2 && Emax.every((e) => e > 0) ? powerLawFit(N, Emax) : null };
}

const premised = (c: Claim): Claim => ({ ...c, premises: [reuseTransformerPremise] });

export const reuseTransformerClaims: Claim[] = [
  reuseTransformerPremise,
  {
    id: "reuse.transformer-e1",
    paper: `${PAPER}, definition of E(K,N)`,
    statement:
      "Transformer study: one epoch over N unique tokens is worth N fresh tokens, |E(1,N) − 1| ≤ 0.05 at every N (the first epoch is the one-pass run itself; only the monotone smoothing of the one-pass curve can move it).",
    needs: [reuseTransformerStudy],
    evidence(res): Evidence {
      const r = res.get(reuseTransformerStudy);
      const dev = r.curves.map((c) => Math.abs(c.E[0] - 1));
      const worst = Math.max(...dev);
      return { measured: r3(worst), predicted: 0, tolerance: 0.05, verdict: worst <= 0.05 ? "pass" : "fail", details: { E1: byN(r, (c) => c.E[0]) } };
    },
  },
  premised({
    id: "reuse.transformer-linear-small-k",
    paper: `${PAPER} (E ≈ K for K ≲ 5)`,
    statement: `Transformer study: repeating data is almost as good as fresh data for a few epochs — E(2,N)/2 ≥ ${SMALL_K_LEVEL} at every N (seed-mean losses).`,
    needs: [reuseTransformerStudy],
    evidence(res): Evidence {
      const r = res.get(reuseTransformerStudy);
      const ratio = r.curves.map((c) => c.E[1] / 2);
      const worst = Math.min(...ratio.map((x) => (Number.isFinite(x) ? x : -Infinity)));
      const perSeedMin = r.curves.map((c) => Math.min(...c.Eseeds.map((e) => e[1] / 2)));
      return {
        measured: r3(worst),
        predicted: `≥ ${SMALL_K_LEVEL}`,
        tolerance: `min over N of E(2,N)/2 ≥ ${SMALL_K_LEVEL}`,
        verdict: worst >= SMALL_K_LEVEL ? "pass" : "fail",
        details: {
          E2over2: byN(r, (c) => c.E[1] / 2),
          E4over4: r.config.Kmax >= 4 ? byN(r, (c) => c.E[3] / 4) : {},
          perSeedMinE2over2: Object.fromEntries(r.curves.map((c, i) => [`N=${c.N}`, r3(perSeedMin[i])])),
          muennighoffE4over4: r3(r.muennighoff[Math.min(3, r.muennighoff.length - 1)] / Math.min(4, r.muennighoff.length)),
        },
      };
    },
  }),
  premised({
    id: "reuse.transformer-saturates",
    paper: `${PAPER}, saturation point K(λ,N), λ = 0.75`,
    statement:
      "Transformer study: the reuse rate saturates — at every N the efficiency E(K,N)/K falls to λ = 0.75 within the K_max epochs trained (K(0.75,N) finite).",
    needs: [reuseTransformerStudy],
    evidence(res): Evidence {
      const r = res.get(reuseTransformerStudy);
      const Ksat = r.curves.map((c) => c.Ksat);
      const ok = Ksat.every(Number.isFinite);
      return {
        measured: byN(r, (c) => c.Ksat),
        predicted: `K(0.75,N) ≤ K_max = ${r.config.Kmax}`,
        tolerance: "finite at every N",
        verdict: ok ? "pass" : "fail",
        details: {
          EKmaxOverKmax: byN(r, (c) => c.E[c.E.length - 1] / r.config.Kmax),
          Emax: byN(r, (c) => c.Emax),
          Kpeak: byN(r, (c) => c.Kpeak),
          KsatSeeds: Object.fromEntries(r.curves.map((c) => [`N=${c.N}`, c.KsatSeeds.map(r3)])),
        },
      };
    },
  }),
  premised({
    id: "reuse.transformer-saturation-rises-with-n",
    paper: `${PAPER} (the saturation level rises with N)`,
    statement:
      "Transformer study: larger datasets can be repeated more — the saturation level max_K E(K,N) rises with N (Spearman ρ(N, E_max) ≥ 0.8 and a positive power-law exponent), unlike Muennighoff et al.'s N-independent E_M(K).",
    needs: [reuseTransformerStudy],
    evidence(res): Evidence {
      const r = res.get(reuseTransformerStudy);
      const { N, Emax, fit } = saturationLevelFit(r);
      const rho = N.length >= 2 ? spearman(N, Emax) : NaN;
      const exponent = fit ? fit.exponent : NaN;
      return {
        measured: { spearman: r3(rho), exponent: r3(exponent) },
        predicted: "ρ ≥ 0.8, exponent > 0",
        tolerance: "ρ ≥ 0.8 and exponent > 0",
        verdict: rho >= 0.8 && exponent > 0 ? "pass" : "fail",
        details: {
          Emax: byN(r, (c) => c.Emax),
          EmaxSeeds: Object.fromEntries(r.curves.map((c) => [`N=${c.N}`, c.EmaxSeeds.map(r3)])),
          exponentSe: fit ? r3(fit.exponentSe) : null,
          muennighoffEKmax: r3(r.muennighoff[r.muennighoff.length - 1]),
        },
      };
    },
  }),
  premised({
    id: "reuse.transformer-saturation-log-n",
    paper: `${PAPER}, fit K(0.75,N) ≈ 0.80·log N + 5.21 (r = 0.97)`,
    statement: `Transformer study: the saturation point grows with log N — a fit K(0.75,N) = a·ln N + b over the N grid has a > 0 and correlation r ≥ ${LOG_FIT_MIN_R} (the paper: r = ${PAPER_LLM_SATURATION_FIT.r}; its slope is not comparable, the unit of N being unknown).`,
    needs: [reuseTransformerStudy],
    evidence(res): Evidence {
      const r = res.get(reuseTransformerStudy);
      const f = r.fit;
      if (!f || f.n < 3) {
        return {
          measured: byN(r, (c) => c.Ksat),
          predicted: `a > 0, r ≥ ${LOG_FIT_MIN_R}`,
          tolerance: "needs a finite K(0.75,N) at ≥ 3 values of N",
          verdict: "fail",
          details: { reason: `only ${f ? f.n : r.curves.filter((c) => Number.isFinite(c.Ksat)).length} N with a finite K(0.75,N)`, fit: f },
        };
      }
      return {
        measured: { slope: r3(f.slope), intercept: r3(f.intercept), r: r3(f.r) },
        predicted: `a > 0, r ≥ ${LOG_FIT_MIN_R} (paper: a = ${PAPER_LLM_SATURATION_FIT.slope}, b = ${PAPER_LLM_SATURATION_FIT.intercept}, r = ${PAPER_LLM_SATURATION_FIT.r})`,
        tolerance: `a > 0 and r ≥ ${LOG_FIT_MIN_R}`,
        verdict: f.slope > 0 && f.r >= LOG_FIT_MIN_R ? "pass" : "fail",
        details: { N: f.N, Ksat: f.Ksat.map(r3), slopeSe: r3(f.slopeSe), KsatSeeds: Object.fromEntries(r.curves.map((c) => [`N=${c.N}`, c.KsatSeeds.map(r3)])) },
      };
    },
  }),
  premised({
    id: "reuse.transformer-zipf-exponents",
    paper: `${PAPER}, Thm 5.1 (one pass: R ∝ T^{−(a−1)/a}) and Thm 5.2 (E(∞,N) ∝ N^{b/(a−b)})`,
    statement: `Transformer study against the Zipf theory at the language's own (a, b) = (α + b, b): the one-pass loss falls with exponent (a−1)/a within ${ONE_PASS_EXPONENT_TOLERANCE} (the fitted floor's exponent), and the saturation level max_K E(K,N) grows with N at an exponent within ${PLATEAU_EXPONENT_TOLERANCE} of b/(a−b) — the theory's items are learned at a per-exposure rate Λ_i; here Λ_i scales each fact's loss and gradient, but Adam rescales every parameter's step, so this asks whether the theory's mechanism carries over, not only its direction.`,
    needs: [reuseTransformerStudy],
    evidence(res): Evidence {
      const r = res.get(reuseTransformerStudy);
      const b = r.config.facts.weightExponent;
      const a = r.config.facts.frequencyExponent + b;
      const onePassTheory = -thm51Exponents(a, b).smallK; // (a−1)/a
      const plateauTheory = thm52PlateauExponent(a, b);
      const onePass = r.onePassFit ? -r.onePassFit.exponent : NaN;
      const { fit } = saturationLevelFit(r);
      const plateau = fit ? fit.exponent : NaN;
      const ok = Math.abs(onePass - onePassTheory) <= ONE_PASS_EXPONENT_TOLERANCE && Math.abs(plateau - plateauTheory) <= PLATEAU_EXPONENT_TOLERANCE;
      return {
        measured: { onePassExponent: r3(onePass), plateauExponent: r3(plateau) },
        predicted: { onePassExponent: r3(onePassTheory), plateauExponent: r3(plateauTheory) },
        tolerance: `one pass ± ${ONE_PASS_EXPONENT_TOLERANCE}, plateau ± ${PLATEAU_EXPONENT_TOLERANCE}`,
        verdict: ok ? "pass" : "fail",
        details: {
          a,
          b,
          impliedA: Number.isFinite(onePass) && onePass < 1 ? r3(1 / (1 - onePass)) : null,
          plateauExponentSe: fit ? r3(fit.exponentSe) : null,
          Emax: byN(r, (c) => c.Emax),
          EmaxCensoredAtKmax: Object.fromEntries(r.curves.map((c) => [`N=${c.N}`, c.Kpeak === r.config.Kmax])),
        },
      };
    },
  }),
  premised({
    id: "reuse.transformer-muennighoff",
    paper: `${PAPER}, against Muennighoff et al. 2023 (arXiv 2305.16264, R* = 15.39, independent of N)`,
    statement:
      `Transformer study against Muennighoff et al.'s data-constrained law: fitting E_M(K) = 1 + R*(1 − e^{−(K−1)/R*}) to each N's measured E(K,N) needs an R* that grows with N (Spearman ρ(N, R*) ≥ 0.8 and a log-log slope ≥ ${MIN_RSTAR_SLOPE}, i.e. R* grows by ≥ 19 % over 1.5 decades of N), so no single N-independent R* describes every N.`,
    needs: [reuseTransformerStudy],
    evidence(res): Evidence {
      const r = res.get(reuseTransformerStudy);
      const rows = r.curves.map((c) => {
        const ok = c.E.map((e, i) => [r.K[i], e] as const).filter(([, e]) => Number.isFinite(e) && e > 0);
        const K = ok.map(([k]) => k);
        const E = ok.map(([, e]) => e);
        const fit = K.length >= 2 ? fitMuennighoffRstar(K, E) : null;
        const fixed = K.length >= 2 ? muennighoffErrors(K, E, MUENNIGHOFF_RSTAR) : null;
        return { N: c.N, Rstar: fit ? fit.Rstar : NaN, rmsLogError: fit ? fit.rmsLogError : NaN, maxRelativeErrorAt1539: fixed ? fixed.maxRelativeError : NaN };
      });
      const N = rows.map((x) => x.N);
      const R = rows.map((x) => x.Rstar);
      const usable = R.every((x) => Number.isFinite(x) && x > 0) && N.length >= 3;
      const rho = usable ? spearman(N, R) : NaN;
      const slope = usable ? powerLawFit(N, R).exponent : NaN;
      return {
        measured: { spearman: r3(rho), RstarSlope: r3(slope) },
        predicted: `ρ ≥ 0.8 and slope ≥ ${MIN_RSTAR_SLOPE} (Muennighoff: R* = 15.39 at every N)`,
        tolerance: `ρ ≥ 0.8 and slope ≥ ${MIN_RSTAR_SLOPE}`,
        verdict: usable && rho >= 0.8 && slope >= MIN_RSTAR_SLOPE ? "pass" : "fail",
        details: { rows: rows.map((x) => ({ N: x.N, Rstar: r3(x.Rstar), rmsLogError: r3(x.rmsLogError), maxRelativeErrorAt1539: r3(x.maxRelativeErrorAt1539) })) },
      };
    },
  }),
];
