/**
 * Checkable claims of Wang, Dang, Lee, Lyu, "The Power of Power Law: Asymmetry Enables Compositional
 * Reasoning" (arXiv 2604.22951), on the k-fold multiplicative composition toy, with the checks of the
 * skills spec §6.1, §6.3 and §6.5. Every number here is computed from the theory modules; the seed
 * sweeps go through an injectable runner (in-process by default; `src/run/skillsClaims.ts` plugs in
 * the worker-thread runner). Settings marked "default" are this toolkit's, not the paper's (unknown).
 */
import { within, type Claim, type Evidence } from "../core/claim";
import { pickByScale as pick, type Scale } from "../core/scale";
import { powerLawFit } from "../core/fit";
import { skillStats, zipfSkills } from "../../theory/skills/distributions";
import { gaussianInit, gradient, hessianAtOptimum, hessianTopEigenvalue, loss, sampleGradient, skillModel, gdStabilityLimit } from "../../theory/skills/model";
import { aliasSample, aliasTable } from "../../theory/skills/distributions";
import { initialAlignmentVariance, sampleInitialAlignment } from "../../theory/skills/initialAlignment";
import { raySlope } from "../../theory/skills/landscape";
import { populationGd } from "../../theory/skills/populationGd";
import { medianReached, odeEscapeVsD, runSgdTask, type SgdOutcome, type SgdTask } from "../../theory/skills/sampleComplexity";
import { Rng } from "../core/rng";

const PAPER = "Wang, Dang, Lee, Lyu 2026, arXiv 2604.22951";

/** Runs a list of SGD tasks and returns their outcomes in order (in-process by default). */
export type SgdRunner = (tasks: SgdTask[]) => Promise<SgdOutcome[]>;
export const inProcessRunner: SgdRunner = async (tasks) => tasks.map(runSgdTask);

/** Reference statistics of the spec's table (§4.7, d = 120), as printed there. */
export const SPEC_TABLE_D120: ReadonlyArray<{ alpha: number; p1: number; pMin: number; sumP2: number; sd: number; top10: number }> = [
  { alpha: 0, p1: 0.0083, pMin: 8.3e-3, sumP2: 0.0083, sd: 0.091, top10: 0.083 },
  { alpha: 1.0, p1: 0.186, pMin: 1.55e-3, sumP2: 0.057, sd: 0.238, top10: 0.546 },
  { alpha: 1.2, p1: 0.272, pMin: 8.7e-4, sumP2: 0.102, sd: 0.32, top10: 0.672 },
  { alpha: 1.5, p1: 0.412, pMin: 3.1e-4, sumP2: 0.204, sd: 0.451, top10: 0.821 },
  { alpha: 2.0, p1: 0.611, pMin: 4.2e-5, sumP2: 0.404, sd: 0.636, top10: 0.947 },
];

/** Mann–Whitney AUC: P(x > y) + ½P(x = y) over pairs (x from xs, y from ys); NaN if either is empty. */
export function auc(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length === 0 || ys.length === 0) return NaN;
  let s = 0;
  for (const x of xs) for (const y of ys) s += x > y ? 1 : x === y ? 0.5 : 0;
  return s / (xs.length * ys.length);
}

/** Configuration of the k = 6 escape claim per scale (small = the configuration). */
export function escapeClaimConfig(scale: Scale) {
  const d = 256;
  return {
    k: 6,
    d,
    r: 0.5,
    batch: 64,
    budget: 2.56e6,
    seeds: pick(scale, 8, 16, 48),
    alpha: 1.5,
    /** uniform η = d/36 ≈ ½ of the GD limit 2d/k²; Zipf η = 0.2 (spec §6.1; ≈ 0.8 of its limit at d = 256) */
    etaUniform: d / 36,
    etaZipf: 0.2,
  };
}

export function makeSkillsClaims(runner: SgdRunner = inProcessRunner): Claim[] {
  return [
    {
      id: "skills.gradient",
      result: "skills",
      paper: `${PAPER}, §3.1 closed-form gradient; spec §4.1 per-sample gradient`,
      statement:
        "The closed-form ∇L = kD(B^{k−1}w − A^{k−1}w⋆) matches central finite differences of L to 1e-6 relative, and the mean of per-sample gradients matches it within 3 standard errors (d = 50, k ∈ {2,3,4}, α ∈ {0, 1.5}).",
      check(scale): Evidence {
        const n = pick(scale, 20000, 100000, 400000);
        let worstFd = 0;
        let maxZ = 0;
        let over3 = 0;
        let coords = 0;
        const perConfig: Record<string, number> = {};
        for (const k of [2, 3, 4])
          for (const alpha of [0, 1.5]) {
            const dist = zipfSkills(50, alpha, { seed: 3 });
            const m = skillModel(k, dist, { seed: 3 });
            // a point of order one so that every term matters
            const rng = new Rng(11, k, alpha * 10);
            const w = Float64Array.from({ length: 50 }, (_, i) => 0.6 * m.wstar[i] + 0.5 * rng.normal());
            const g = gradient(m, w);
            let num = 0;
            let den = 0;
            for (let i = 0; i < 50; i++) {
              const h = 1e-5;
              const wp = Float64Array.from(w);
              const wm = Float64Array.from(w);
              wp[i] += h;
              wm[i] -= h;
              const fd = (loss(m, wp) - loss(m, wm)) / (2 * h);
              num += (fd - g[i]) ** 2;
              den += g[i] ** 2;
            }
            const rel = Math.sqrt(num / den);
            worstFd = Math.max(worstFd, rel);
            // Monte Carlo of the per-sample gradient
            const tab = aliasTable(m.p);
            const srng = new Rng(5, k, alpha * 10);
            const sum = new Float64Array(50);
            const sum2 = new Float64Array(50);
            const gs = new Float64Array(50);
            const I = new Int32Array(k);
            for (let s = 0; s < n; s++) {
              for (let t = 0; t < k; t++) I[t] = aliasSample(tab, srng);
              sampleGradient(m, w, I, gs);
              for (let i = 0; i < 50; i++) {
                sum[i] += gs[i];
                sum2[i] += gs[i] * gs[i];
              }
            }
            let zc = 0;
            for (let i = 0; i < 50; i++) {
              const mean = sum[i] / n;
              const se = Math.sqrt(Math.max(0, sum2[i] / n - mean * mean) / (n - 1));
              const z = Math.abs(mean - g[i]) / Math.max(se, 1e-300);
              if (se === 0 && Math.abs(mean - g[i]) < 1e-12) continue;
              zc = Math.max(zc, z);
              if (z > 3) over3++;
              coords++;
            }
            maxZ = Math.max(maxZ, zc);
            perConfig[`k=${k},α=${alpha}: fd rel err`] = rel;
            perConfig[`k=${k},α=${alpha}: max |z|`] = zc;
          }
        const frac3 = over3 / coords;
        // 300 coordinates: 0.27% are expected beyond 3 se by chance; the max |z| bound is Bonferroni at ~0.2%
        const ok = worstFd <= 1e-6 && frac3 <= 0.02 && maxZ < 4.6;
        return {
          measured: { fdRelErr: worstFd, maxZ, fracBeyond3se: frac3 },
          predicted: { fdRelErr: 0, maxZ: 0, fracBeyond3se: 0.0027 },
          tolerance: "fd ≤ 1e-6; ≤ 2% of coordinates beyond 3 se and max |z| < 4.6 (Bonferroni over 300)",
          verdict: ok ? "pass" : "fail",
          details: { samplesPerConfig: n, ...perConfig },
        };
      },
    },
    {
      id: "skills.initial-alignment-variance",
      result: "skills",
      paper: `${PAPER}, §3.2 (Var A(w₀) = r²Σp_i²)`,
      statement:
        "Over 10⁴ draws w₀ ~ 𝒩(0, r²I) (r = 0.5), the sample variance of A(w₀) is within 3 standard errors of r²Σp_i², for uniform and Zipf α = 1.5 at d = 120 and d = 1000.",
      check(scale): Evidence {
        const n = pick(scale, 10000, 10000, 100000);
        const rows: Record<string, number> = {};
        let worst = 0;
        for (const d of [120, 1000])
          for (const alpha of [0, 1.5]) {
            const dist = zipfSkills(d, alpha, { seed: 1 });
            const m = skillModel(4, dist, { seed: 1 });
            const { A } = sampleInitialAlignment(m, 0.5, n, 100 + d);
            let s2 = 0;
            let s4 = 0;
            for (const a of A) {
              s2 += a * a;
              s4 += a ** 4;
            }
            const v = s2 / n; // mean is known to be 0
            const se = Math.sqrt((s4 / n - v * v) / n);
            const pred = initialAlignmentVariance(dist, 0.5);
            const z = Math.abs(v - pred) / se;
            worst = Math.max(worst, z);
            rows[`d=${d},α=${alpha}: measured`] = v;
            rows[`d=${d},α=${alpha}: r²Σp²`] = pred;
          }
        return { measured: worst, predicted: 0, tolerance: "|z| ≤ 3 for each of 4 settings", verdict: worst <= 3 ? "pass" : "fail", details: { draws: n, maxZ: worst, ...rows } };
      },
    },
    {
      id: "skills.distribution-table",
      result: "skills",
      paper: "skills spec §4.7 (derived reference table, d = 120)",
      statement: "p₁, p_min, Σp², √Σp² and the top-10 mass of Zipf(α) over d = 120 skills match the spec's table to its printed digits (α ∈ {0, 1, 1.2, 1.5, 2}), and Σp² → ζ(2α)/ζ(α)² (0.176 at α = 1.5, d = 10⁶).",
      check(): Evidence {
        let worst = 0;
        const details: Record<string, number> = {};
        for (const row of SPEC_TABLE_D120) {
          const s = skillStats(zipfSkills(120, row.alpha, { seed: 0 }));
          const pairs: Array<[number, number]> = [[s.p1, row.p1], [s.pMin, row.pMin], [s.sumP2, row.sumP2], [s.sdA0OverR, row.sd], [s.top10, row.top10]];
          for (const [m, t] of pairs) {
            // printed to 2–3 significant digits: allow half a unit in the last printed digit (relative 1%)
            const rel = Math.abs(m - t) / t;
            worst = Math.max(worst, rel);
          }
          details[`α=${row.alpha}: Σp²`] = s.sumP2;
        }
        const big = skillStats(zipfSkills(1e6, 1.5, { seed: 0, order: "identity" }));
        details["d=1e6, α=1.5: Σp²"] = big.sumP2;
        details["ζ-limit α=1.5"] = big.sumP2Limit;
        const limOk = Math.abs(big.sumP2 - 0.176) < 0.002;
        return { measured: worst, predicted: 0, tolerance: "relative 2% per printed entry; ζ-limit within 0.002", verdict: worst <= 0.02 && limOk ? "pass" : "fail", details };
      },
    },
    {
      id: "skills.stability-limit",
      result: "skills",
      paper: "skills spec §4.5 (derived): H(w⋆) = kD(I + (k−1)w⋆w⋆ᵀD)",
      statement:
        "λ_max of the Hessian at w⋆ from its secular equation equals a dense power iteration (1e-8), is exactly k²/d for uniform p, and the GD limit 2/λ_max is sharp: GD from near w⋆ converges at 0.95× and diverges at 1.05× the limit.",
      check(): Evidence {
        const details: Record<string, number> = {};
        let worst = 0;
        let sharp = true;
        for (const [k, alpha, d] of [[4, 0, 200], [6, 0, 256], [4, 1.5, 200], [6, 1.5, 256]] as const) {
          const dist = zipfSkills(d, alpha, { seed: 2 });
          const m = skillModel(k, dist, { seed: 2 });
          const lam = hessianTopEigenvalue(m);
          const H = hessianAtOptimum(m);
          let v = new Float64Array(d).fill(1);
          let mu = 0;
          for (let it = 0; it < 2000; it++) {
            const u = new Float64Array(d);
            for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) u[i] += H[i][j] * v[j];
            let nrm = 0;
            for (const x of u) nrm += x * x;
            nrm = Math.sqrt(nrm);
            mu = nrm;
            v = u.map((x) => x / nrm);
          }
          const rel = Math.abs(mu - lam) / lam;
          worst = Math.max(worst, rel);
          if (alpha === 0) worst = Math.max(worst, Math.abs(lam - (k * k) / d) / lam);
          details[`k=${k},α=${alpha}: λ_max`] = lam;
          // sharpness: start at w⋆ + small perturbation along the top mode, run GD
          const lim = gdStabilityLimit(m);
          for (const [f, expect] of [[0.95, true], [1.05, false]] as const) {
            const r = populationGd(m, { eta: f * lim, steps: 3000, w0: Float64Array.from(m.wstar, (x, i) => x + 1e-3 * v[i]), allowUnstable: true, records: 2 });
            const converged = r.lossTrain[r.lossTrain.length - 1] < 1e-10;
            if (converged !== expect) sharp = false;
            details[`k=${k},α=${alpha}: final loss at ${f}×limit`] = r.lossTrain[r.lossTrain.length - 1];
          }
        }
        return { measured: worst, predicted: 0, tolerance: "1e-8 relative; converge at 0.95×, diverge at 1.05×", verdict: worst <= 1e-8 && sharp ? "pass" : "fail", details };
      },
    },
    {
      id: "skills.sgd-escape-k6",
      result: "skills",
      paper: `${PAPER}, Theorems A and B (toy check of spec §6.1)`,
      statement:
        "Online SGD at k = 6, r = 0.5, batch 64, each distribution at its own stable η (uniform d/36, Zipf α = 1.5 at 0.2): uniform never escapes within the budget, Zipf escapes in a clear fraction (≥ 1/4) of seeds, and larger |A(w₀)| predicts escape (AUC ≥ 0.75). d = 256, 2.56M samples; seeds 0…N−1 with N = 8 (ci), 16 (small), 48 (paper).",
      async check(scale): Promise<Evidence> {
        const c = escapeClaimConfig(scale);
        const tasks: SgdTask[] = [];
        for (let seed = 0; seed < c.seeds; seed++) {
          tasks.push({ k: c.k, d: c.d, alpha: 0, eta: c.etaUniform, batch: c.batch, budget: c.budget, r: c.r, seed });
          tasks.push({ k: c.k, d: c.d, alpha: c.alpha, eta: c.etaZipf, batch: c.batch, budget: c.budget, r: c.r, seed });
        }
        const out = await runner(tasks);
        const uni = out.filter((o) => o.alpha === 0);
        const zipf = out.filter((o) => o.alpha !== 0);
        const fracU = uni.filter((o) => o.escape !== null).length / uni.length;
        const fracZ = zipf.filter((o) => o.escape !== null).length / zipf.length;
        const esc = zipf.filter((o) => o.escape !== null).map((o) => o.zA0);
        const non = zipf.filter((o) => o.escape === null).map((o) => o.zA0);
        const a = auc(esc, non);
        const aMargin = auc(zipf.filter((o) => o.escape !== null).map((o) => o.escapeMargin), zipf.filter((o) => o.escape === null).map((o) => o.escapeMargin));
        const aucOk = Number.isNaN(a) ? true : a >= 0.75; // all (or no) seeds escaped: nothing to predict
        const ok = fracU === 0 && fracZ >= 0.25 && aucOk;
        return {
          measured: { uniformEscapeFraction: fracU, zipfEscapeFraction: fracZ, zipfSolveFraction: zipf.filter((o) => o.solve !== null).length / zipf.length, aucAbsA0: a },
          predicted: { uniformEscapeFraction: 0, zipfEscapeFraction: "≥ 0.25 (uncertain: implementations disagree)", aucAbsA0: "≥ 0.75" } as unknown as Record<string, number>,
          tolerance: "uniform 0 escapes; Zipf ≥ 1/4 of seeds; AUC ≥ 0.75 (skipped if every Zipf seed escapes)",
          verdict: ok ? "pass" : "fail",
          details: {
            config: c,
            etaLimitUniform: uni[0].etaLimit,
            etaLimitZipfSeed0: zipf[0].etaLimit,
            aucEscapeMargin: aMargin,
            zipfMedianEscapeSamples: medianReached(zipf.map((o) => o.escape)),
            zipfMedianSolveSamples: medianReached(zipf.map((o) => o.solve)),
            perSeed: zipf.map((o, i) => ({ seed: o.seed, zA0: o.zA0, escapeMargin: o.escapeMargin, escape: o.escape, solve: o.solve, uniformEscape: uni[i].escape, uniformFinalLoss: uni[i].finalUniformLoss })),
          },
        };
      },
    },
    {
      id: "skills.odd-k-no-advantage",
      result: "skills",
      paper: `${PAPER}, Theorem B hypothesis "k even" (spec §6.1 lesson, §7)`,
      statement:
        "For odd k = 3 the power-law advantage disappears: with tuned η (uniform d/10, Zipf α = 1.5 at 0.5; batch 64, r = 0.5) uniform's median samples-to-solve is no larger than Zipf's, at d = 100 and 200.",
      async check(scale): Promise<Evidence> {
        const seeds = pick(scale, 4, 8, 24);
        const ds = [100, 200];
        const tasks: SgdTask[] = [];
        for (const d of ds)
          for (let seed = 0; seed < seeds; seed++) {
            tasks.push({ k: 3, d, alpha: 0, eta: d / 10, batch: 64, budget: 2.56e6, r: 0.5, seed });
            tasks.push({ k: 3, d, alpha: 1.5, eta: 0.5, batch: 64, budget: 2.56e6, r: 0.5, seed });
          }
        const out = await runner(tasks);
        const measured: Record<string, number> = {};
        let ok = true;
        for (const d of ds) {
          const u = medianReached(out.filter((o) => o.d === d && o.alpha === 0).map((o) => o.solve));
          const z = medianReached(out.filter((o) => o.d === d && o.alpha > 0).map((o) => o.solve));
          measured[`d=${d}: uniform median solve`] = u ?? Infinity;
          measured[`d=${d}: Zipf median solve`] = z ?? Infinity;
          if (u === null || (z !== null && u > z)) ok = false;
        }
        return { measured, predicted: "uniform ≤ Zipf (no advantage for odd k)", tolerance: "median comparison", verdict: ok ? "pass" : "fail", details: { seeds, budget: 2.56e6 } };
      },
    },
    {
      id: "skills.ode-escape-exponent",
      result: "skills",
      paper: `${PAPER}, Theorem A (Ω̃(d^{k/2})); spec §4.3 ODE`,
      statement:
        "The uniform ODE's escape time (A: r/√d → 0.5, r = 0.5, fixed η) grows as d^γ over d ∈ [10², 10⁴] with γ rising in k and ≥ k/2; γ matches the derived 1 + (k−1)(k−2)/k (B decays while A creeps) within 0.05 for k ∈ {3, 4, 6}.",
      check(scale): Evidence {
        const ds = pick(scale, [1e2, 1e3, 1e4], [1e2, 3e2, 1e3, 3e3, 1e4], [1e2, 3e2, 1e3, 3e3, 1e4, 3e4, 1e5]);
        const measured: Record<string, number> = {};
        const predicted: Record<string, number> = {};
        let ok = true;
        let prev = -Infinity;
        for (const k of [2, 3, 4, 6]) {
          const r = odeEscapeVsD(k, ds, { eta: 1 });
          const g = r.fit.exponent;
          measured[`k=${k}`] = g;
          predicted[`k=${k}`] = 1 + ((k - 1) * (k - 2)) / k;
          if (!(g > prev) || g < k / 2 - 1e-9) ok = false;
          if (k >= 3 && Math.abs(g - predicted[`k=${k}`]) > 0.05) ok = false;
          prev = g;
        }
        return { measured, predicted, tolerance: "rising in k; ≥ k/2; within 0.05 of 1 + (k−1)(k−2)/k for k ≥ 3 (k = 2 is d·log d)", verdict: ok ? "pass" : "fail", details: { d: ds, note: "with η ∝ d (a fixed fraction of the limit 2d/k²) every exponent drops by exactly 1" } };
      },
    },
    {
      id: "skills.flat-landscape",
      result: "skills",
      paper: `${PAPER}, §3.2 (signal ≈ (r/√d)^{k−1} uniform, Θ(r^{k−1}) Zipf)`,
      statement:
        "At w₀ ~ 𝒩(0, r²I) (r = 0.5, k = 6) the signal slope k|A(w₀)|^{k−1} of the loss along w⋆ has geometric mean ∝ d^{−(k−1)/2} for uniform (fitted exponent within 0.2 of −2.5 over d ∈ [64, 4096]) while for Zipf α = 1.5 it does not vanish with d (|exponent| ≤ 0.3), and uniform's self term kB₀^{k−1}|A₀| dominates it at every d.",
      check(scale): Evidence {
        const ds = pick(scale, [64, 256, 1024, 4096], [64, 128, 256, 512, 1024, 2048, 4096], [64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384]);
        const inits = pick(scale, 1000, 2000, 5000);
        const k = 6;
        // geometric mean: |A|^{k−1} amplifies the noise of a median fivefold; E ln|A| has variance π²/8 per draw
        const med = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
        const res: Record<string, number[]> = { uniform: [], zipf: [], uniformSelfOverSignal: [] };
        for (const d of ds)
          for (const alpha of [0, 1.5]) {
            const sig: number[] = [];
            const ratio: number[] = [];
            for (let s = 0; s < inits; s++) {
              const m = skillModel(k, zipfSkills(d, alpha, { seed: s }), { seed: s });
              const w0 = gaussianInit(d, 0.5, s);
              const sl = raySlope(m, w0);
              sig.push(Math.abs(sl.signal));
              ratio.push(Math.abs(sl.self) / Math.abs(sl.signal));
            }
            if (alpha === 0) {
              res.uniform.push(med(sig));
              res.uniformSelfOverSignal.push(med(ratio));
            } else res.zipf.push(med(sig));
          }
        const gu = powerLawFit(ds, res.uniform).exponent;
        const gz = powerLawFit(ds, res.zipf).exponent;
        const selfDominates = res.uniformSelfOverSignal.every((x) => x > 1);
        return {
          measured: { uniformExponent: gu, zipfExponent: gz },
          predicted: { uniformExponent: -(k - 1) / 2, zipfExponent: 0 },
          tolerance: "uniform within 0.2 of −(k−1)/2; |Zipf exponent| ≤ 0.3 (≈ 5 standard errors at 1000 draws per d)",
          verdict: within(gu, -(k - 1) / 2, 0.2) === "pass" && Math.abs(gz) <= 0.3 && selfDominates ? "pass" : "fail",
          details: { d: ds, initsPerD: inits, geoMeanSignalUniform: res.uniform, geoMeanSignalZipf: res.zipf, geoMeanSelfOverSignalUniform: res.uniformSelfOverSignal },
        };
      },
    },
    {
      id: "skills.three-stages",
      result: "skills",
      paper: `${PAPER}, §3.5 three-stage dynamics (spec §6.3 step 3)`,
      statement:
        "Population GD (d = 1000, k = 4, r = 0.5): Zipf α = 1.5 at η = 0.3 escapes and solves, its 5 log-spaced rank bins reach mean alignment 0.5 strictly in rank order (head first), while uniform at the same η and at half its stability limit (η = 62.5) does not escape in the same number of steps.",
      check(scale): Evidence {
        const steps = pick(scale, 150000, 300000, 1000000);
        const seeds = pick(scale, [1], [1, 2, 3], [1, 2, 3, 4, 5]);
        let ok = true;
        const details: Record<string, unknown> = { steps };
        for (const seed of seeds) {
          const dist = zipfSkills(1000, 1.5, { seed });
          const m = skillModel(4, dist, { seed });
          const w0 = gaussianInit(1000, 0.5, seed);
          const z = populationGd(m, { eta: 0.3, steps, w0, rank: dist.rank, stopLoss: 1e-3 });
          const half = z.binAlignment.map((b) => {
            const i = b.findIndex((x) => x > 0.5);
            return i < 0 ? null : z.t[i];
          });
          const ordered = half.every((h, i) => h !== null && (i === 0 || h > (half[i - 1] as number)));
          const um = skillModel(4, zipfSkills(1000, 0, { seed }), { seed });
          const u1 = populationGd(um, { eta: 0.3, steps, w0, records: 4 });
          const u2 = populationGd(um, { eta: 0.5 * gdStabilityLimit(um), steps, w0, records: 4 });
          if (!ordered || z.escapeStep === null || z.solveStep === null || u1.escapeStep !== null || u2.escapeStep !== null) ok = false;
          details[`seed ${seed}`] = { zipfEscape: z.escapeStep, zipfSolve: z.solveStep, binHalfAlignmentSteps: half, uniformEscape: [u1.escapeStep, u2.escapeStep] };
        }
        return { measured: ok ? 1 : 0, predicted: 1, tolerance: "all seeds: ordered bins, Zipf escapes and solves, uniform does not escape", verdict: ok ? "pass" : "fail", details };
      },
    },
    {
      id: "skills.alpha-tradeoff",
      result: "skills",
      paper: `${PAPER}, §3.6 finding 1 (α is a trade-off)`,
      statement:
        "Population GD (k = 4, r = 0.5, η = 0.25 for every α; d = 200 at ci, 1000 at small): a larger α gives a faster head but a slower tail — over α ∈ {1.5, 1.75, 2.0} the step at which the (mass-weighted) training alignment A passes 0.5 falls with α, and the step at which the tail rank bin's mean alignment passes 0.5 rises (medians over seeds).",
      check(scale): Evidence {
        const alphas = [1.5, 1.75, 2.0];
        const d = pick(scale, 200, 1000, 1000);
        const seeds = pick(scale, [1, 2, 3], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        const steps = pick(scale, 300000, 3000000, 10000000);
        const head: number[] = [];
        const tail: number[] = [];
        const topSkill: number[] = [];
        const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
        for (const alpha of alphas) {
          const h: number[] = [];
          const t: number[] = [];
          const h1: number[] = [];
          for (const seed of seeds) {
            const dist = zipfSkills(d, alpha, { seed });
            const m = skillModel(4, dist, { seed });
            const r = populationGd(m, { eta: 0.25, steps, w0: gaussianInit(d, 0.5, seed), rank: dist.rank, bins: 5, records: 400, stopLoss: 1e-6 });
            const first = (b: number[]) => {
              const i = b.findIndex((x) => x > 0.5);
              return i < 0 ? Infinity : r.t[i];
            };
            h.push(first(r.A.map((a) => (a < 0 ? -a : a))));
            h1.push(first(r.binAlignment[0]));
            t.push(first(r.binAlignment[r.binAlignment.length - 1]));
          }
          head.push(med(h));
          tail.push(med(t));
          topSkill.push(med(h1));
        }
        const ok = head.every((x, i) => i === 0 || x < head[i - 1]) && tail.every((x, i) => i === 0 || x > tail[i - 1]) && Number.isFinite(head[0]);
        return {
          measured: Object.fromEntries(alphas.flatMap((a, i) => [[`α=${a}: head`, head[i]], [`α=${a}: tail`, tail[i]]])),
          predicted: "head steps falling, tail steps rising in α",
          tolerance: "strict monotonicity (∞ = not reached within the step budget; record grid of 400 log-spaced steps)",
          verdict: ok ? "pass" : "fail",
          details: { d, steps, seeds, topRankBinHalfAlignmentStep: topSkill, note: "the top rank bin holds a single skill, whose time depends on its own initial sign: reported, not used" },
        };
      },
    },
  ];
}

/** The claims with the in-process runner (what `theory/` alone can run). */
export const skillsClaims: Claim[] = makeSkillsClaims();
