/**
 * The results of the skill-composition toy (Wang, Dang, Lee, Lyu, "The Power of Power Law: Asymmetry
 * Enables Compositional Reasoning", arXiv 2604.22951): each declared once with its config per scale
 * (every parameter that changes the numbers, seeds included) and computed by the runner. Claims
 * (./claims.ts) and figures (./figures.ts) are pure functions of them. The settings are this
 * toolkit's defaults, not the paper's (its sizes, learning rates and seeds are not stated).
 */
import { defineResult } from "../core/result";
import { pickByScale as pick } from "../core/scale";
import { Rng } from "../core/rng";
import { aliasSample, aliasTable } from "../core/sampling";
import { binnedZipfSkills, skillStats, zipfSkills, type RankOrder } from "../../theory/skills/distributions";
import { initialAlignmentVariance, sampleInitialAlignment } from "../../theory/skills/initialAlignment";
import { landscapeGrid, projectTrajectory, randomOrthogonalDirection, raySlope, sliceCoefficients, trajectoryPca } from "../../theory/skills/landscape";
import { alignment, gaussianInit, gdStabilityLimit, gradient, hessianAtOptimum, hessianTopEigenvalue, loss, sampleGradient, skillModel, weightedNorm } from "../../theory/skills/model";
import { phaseField, uniformFixedPoints, uniformOde } from "../../theory/skills/ode";
import { populationGd } from "../../theory/skills/populationGd";
import { fitSamplesVsD, odeEscapeVsD, type SgdOutcome, type SgdTask } from "../../theory/skills/sampleComplexity";
import { csqCorrelation, csqCorrelationMonteCarlo, greedyPacking, logPackingSize, randomPacking } from "../../theory/skills/statisticalQuery";
import { sgdSweep } from "./sgdSweep";
import type { ComputeContext } from "../core/result";

/** Run a sweep of SGD tasks with the runner's threads, progress and resume folder. */
async function sweep(label: string, tasks: SgdTask[], ctx: ComputeContext): Promise<SgdOutcome[]> {
  const bar = ctx.progress(label);
  const out = await sgdSweep(tasks, { threads: ctx.threads, resumeDir: ctx.checkpointDir(), onProgress: (a, b) => bar.update(a, b, "runs") });
  bar.done();
  return out;
}

/**
 * Zipf laws over d = 120 skills (the size of S₅), α ∈ {0, 1, 1.2, 1.5, 2}: p_i against rank, their
 * statistics (p₁, p_min, Σp², √Σp², top-10 mass), a 6-bin coarse power law at α = 1.5, and Σp² at
 * d = 10⁶ against its limit ζ(2α)/ζ(α)² (§3.2: Var A(w₀) = r²Σp²).
 */
export const distributions = defineResult({
  id: "skills.distributions",
  title: "Zipf skill distributions over d = 120 skills and their statistics",
  config: () => ({ d: 120, alphas: [0, 1, 1.2, 1.5, 2], binned: { alpha: 1.5, bins: 6 }, seed: 0, limit: { d: 1e6, alpha: 1.5 } }),
  stored: false,
  compute(c) {
    const byRank = (p: Float64Array, rank: Uint32Array) => Array.from(rank, (i) => p[i]);
    const stats = (s: ReturnType<typeof skillStats>) => ({ p1: s.p1, pMin: s.pMin, sumP2: s.sumP2, sd: s.sdA0OverR, top10: s.top10 });
    const big = skillStats(zipfSkills(c.limit.d, c.limit.alpha, { seed: c.seed, order: "identity" }));
    const zb = binnedZipfSkills(c.d, c.binned.alpha, c.binned.bins, { seed: c.seed });
    return {
      rank: Array.from({ length: c.d }, (_, i) => i + 1),
      curves: c.alphas.map((alpha) => {
        const z = zipfSkills(c.d, alpha, { seed: c.seed });
        return { alpha, p: byRank(z.p, z.rank), stats: stats(skillStats(z)) };
      }),
      binned: byRank(zb.p, zb.rank),
      limit: { sumP2: big.sumP2, sumP2Limit: big.sumP2Limit },
      config: c,
    };
  },
});

/**
 * The closed-form gradient ∇L = kD(B^{k−1}w − A^{k−1}w⋆) (§3.1) against central finite differences of
 * L, and the Monte Carlo mean of per-sample gradients against it (z per coordinate), d = 50.
 */
export const gradientCheck = defineResult({
  id: "skills.gradient-check",
  title: "Closed-form gradient against finite differences and per-sample Monte Carlo",
  config: (scale) => ({ d: 50, ks: [2, 3, 4], alphas: [0, 1.5], samples: pick(scale, 20000, 100000, 400000), fdStep: 1e-5 }),
  compute(c) {
    const d = c.d;
    const rows: Array<{ k: number; alpha: number; fdRelErr: number; maxZ: number; beyond3se: number; coords: number }> = [];
    for (const k of c.ks)
      for (const alpha of c.alphas) {
        const dist = zipfSkills(d, alpha, { seed: 3 });
        const m = skillModel(k, dist, { seed: 3 });
        // a point of order one so that every term matters
        const rng = new Rng(11, k, alpha * 10);
        const w = Float64Array.from({ length: d }, (_, i) => 0.6 * m.wstar[i] + 0.5 * rng.normal());
        const g = gradient(m, w);
        let num = 0;
        let den = 0;
        for (let i = 0; i < d; i++) {
          const h = c.fdStep;
          const wp = Float64Array.from(w);
          const wm = Float64Array.from(w);
          wp[i] += h;
          wm[i] -= h;
          const fd = (loss(m, wp) - loss(m, wm)) / (2 * h);
          num += (fd - g[i]) ** 2;
          den += g[i] ** 2;
        }
        // Monte Carlo of the per-sample gradient
        const n = c.samples;
        const tab = aliasTable(m.p);
        const srng = new Rng(5, k, alpha * 10);
        const sum = new Float64Array(d);
        const sum2 = new Float64Array(d);
        const gs = new Float64Array(d);
        const I = new Int32Array(k);
        for (let s = 0; s < n; s++) {
          for (let t = 0; t < k; t++) I[t] = aliasSample(tab, srng);
          sampleGradient(m, w, I, gs);
          for (let i = 0; i < d; i++) {
            sum[i] += gs[i];
            sum2[i] += gs[i] * gs[i];
          }
        }
        let maxZ = 0;
        let beyond3se = 0;
        let coords = 0;
        for (let i = 0; i < d; i++) {
          const mean = sum[i] / n;
          const se = Math.sqrt(Math.max(0, sum2[i] / n - mean * mean) / (n - 1));
          const z = Math.abs(mean - g[i]) / Math.max(se, 1e-300);
          if (se === 0 && Math.abs(mean - g[i]) < 1e-12) continue;
          maxZ = Math.max(maxZ, z);
          if (z > 3) beyond3se++;
          coords++;
        }
        rows.push({ k, alpha, fdRelErr: Math.sqrt(num / den), maxZ, beyond3se, coords });
      }
    return { config: c, rows };
  },
});

/** Sample variance of A(w₀) over draws w₀ ~ 𝒩(0, r²I) with its standard error, against r²Σp² (§3.2). */
export const initialAlignment = defineResult({
  id: "skills.initial-alignment",
  title: "Variance of the initial alignment A(w₀) against r²Σp²",
  config: (scale) => ({ ds: [120, 1000], alphas: [0, 1.5], k: 4, r: 0.5, draws: pick(scale, 10000, 10000, 100000) }),
  compute(c) {
    const rows: Array<{ d: number; alpha: number; variance: number; se: number; predicted: number }> = [];
    for (const d of c.ds)
      for (const alpha of c.alphas) {
        const dist = zipfSkills(d, alpha, { seed: 1 });
        const m = skillModel(c.k, dist, { seed: 1 });
        const n = c.draws;
        const { A } = sampleInitialAlignment(m, c.r, n, 100 + d);
        let s2 = 0;
        let s4 = 0;
        for (const a of A) {
          s2 += a * a;
          s4 += a ** 4;
        }
        const v = s2 / n; // the mean is known to be 0
        rows.push({ d, alpha, variance: v, se: Math.sqrt((s4 / n - v * v) / n), predicted: initialAlignmentVariance(dist, c.r) });
      }
    return { config: c, rows };
  },
});

/**
 * λ_max of the Hessian at w⋆, H = kD(I + (k−1)w⋆w⋆ᵀD), from its secular equation and from a dense
 * power iteration; the final training loss of GD started near w⋆ at 0.95× and 1.05× the limit 2/λ_max.
 */
export const stabilityLimit = defineResult({
  id: "skills.stability-limit",
  title: "Top Hessian eigenvalue at w⋆ and sharpness of the GD stability limit",
  config: () => ({
    settings: [{ k: 4, alpha: 0, d: 200 }, { k: 6, alpha: 0, d: 256 }, { k: 4, alpha: 1.5, d: 200 }, { k: 6, alpha: 1.5, d: 256 }],
    seed: 2,
    powerIterations: 2000,
    factors: [0.95, 1.05],
    gdSteps: 3000,
    perturbation: 1e-3,
  }),
  compute(c) {
    return {
      config: c,
      rows: c.settings.map(({ k, alpha, d }) => {
        const m = skillModel(k, zipfSkills(d, alpha, { seed: c.seed }), { seed: c.seed });
        const lambda = hessianTopEigenvalue(m);
        const H = hessianAtOptimum(m);
        let v = new Float64Array(d).fill(1);
        let mu = 0;
        for (let it = 0; it < c.powerIterations; it++) {
          const u = new Float64Array(d);
          for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) u[i] += H[i][j] * v[j];
          let nrm = 0;
          for (const x of u) nrm += x * x;
          nrm = Math.sqrt(nrm);
          mu = nrm;
          v = u.map((x) => x / nrm);
        }
        // sharpness: start at w⋆ + a small perturbation along the top mode, run GD
        const lim = gdStabilityLimit(m);
        const finalLoss = c.factors.map((f) => {
          const r = populationGd(m, { eta: f * lim, steps: c.gdSteps, w0: Float64Array.from(m.wstar, (x, i) => x + c.perturbation * v[i]), allowUnstable: true, records: 2 });
          return r.lossTrain[r.lossTrain.length - 1];
        });
        return { k, alpha, d, lambda, powerIteration: mu, finalLoss };
      }),
    };
  },
});

/**
 * Online SGD at k = 6, d = 256, r = 0.5, batch 64, 2.56M samples (the paper's CSQ lower bound and SGD upper bound), each distribution
 * at its own stable η: uniform d/36 (½ of the GD limit 2d/k²), Zipf α = 1.5 at 0.2 (≈ 0.8 of its limit).
 * Seeds 0…N−1 per distribution, run to the full budget with a learning curve of 120 log-spaced records.
 */
export const sgdEscapeK6 = defineResult({
  id: "skills.sgd-escape-k6",
  title: "Online SGD at k = 6: escape and learning curves, uniform vs Zipf α = 1.5",
  config: (scale) => {
    const d = 256;
    return { k: 6, d, r: 0.5, batch: 64, budget: 2.56e6, alpha: 1.5, etaUniform: d / 36, etaZipf: 0.2, seeds: pick(scale, 8, 16, 48), records: 120 };
  },
  async compute(c, ctx) {
    const tasks: SgdTask[] = [];
    for (let seed = 0; seed < c.seeds; seed++)
      for (const [alpha, eta] of [[0, c.etaUniform], [c.alpha, c.etaZipf]] as const)
        tasks.push({ k: c.k, d: c.d, alpha, eta, batch: c.batch, budget: c.budget, r: c.r, seed, records: c.records, fullBudget: true });
    return { config: c, runs: await sweep("skills: SGD at k = 6", tasks, ctx) };
  },
});

/** Online SGD at odd k = 3 (the paper's SGD upper bound assumes k even), d ∈ {100, 200}: uniform at η = d/10, Zipf α = 1.5 at η = 0.5. */
export const oddK = defineResult({
  id: "skills.odd-k-sgd",
  title: "Online SGD at odd k = 3: samples to solve, uniform vs Zipf α = 1.5",
  config: (scale) => ({ k: 3, ds: [100, 200], alpha: 1.5, etaUniformOverD: 0.1, etaZipf: 0.5, batch: 64, budget: 2.56e6, r: 0.5, seeds: pick(scale, 4, 8, 24) }),
  async compute(c, ctx) {
    const tasks: SgdTask[] = [];
    for (const d of c.ds)
      for (let seed = 0; seed < c.seeds; seed++) {
        tasks.push({ k: c.k, d, alpha: 0, eta: d * c.etaUniformOverD, batch: c.batch, budget: c.budget, r: c.r, seed });
        tasks.push({ k: c.k, d, alpha: c.alpha, eta: c.etaZipf, batch: c.batch, budget: c.budget, r: c.r, seed });
      }
    const out = await sweep("skills: SGD at k = 3", tasks, ctx);
    return { config: c, runs: out.map((o) => ({ d: o.d, alpha: o.alpha, seed: o.seed, eta: o.eta, escape: o.escape, solve: o.solve })) };
  },
});

/** Escape steps of the uniform (A, B) ODE from A(0) = r/√d to A = 0.5 against d (η = 1), k ∈ {2, 3, 4, 6}, with power-law fits. */
export const odeEscape = defineResult({
  id: "skills.ode-escape",
  title: "Uniform ODE escape time against d",
  config: (scale) => ({ ks: [2, 3, 4, 6], d: pick(scale, [1e2, 1e3, 1e4], [1e2, 2e2, 5e2, 1e3, 2e3, 5e3, 1e4], [1e2, 3e2, 1e3, 3e3, 1e4, 3e4, 1e5]), eta: 1, r: 0.5 }),
  compute(c) {
    return { config: c, rows: c.ks.map((k) => ({ k, ...odeEscapeVsD(k, c.d, { eta: c.eta, r: c.r }), derived: 1 + ((k - 1) * (k - 2)) / k })) };
  },
});

/** Phase portraits of the uniform ODE for k ∈ {2, 4, 6}: vector field, trajectories from a few (A(0), B(0)), fixed points. */
export const phasePortrait = defineResult({
  id: "skills.phase-portrait",
  title: "Phase portraits of the uniform (A, B) ODE",
  config: () => ({ ks: [2, 4, 6], d: 100, eta: 1, fieldPoints: 13, starts: [[0.05, 0.25], [-0.05, 0.25], [0.2, 0.25], [-0.2, 0.25], [0.3, 1.2], [-0.3, 1.2], [0.6, 1.4], [0.02, 0.04], [0.1, 0.5], [0.4, 0.2]] as Array<[number, number]> }),
  compute(c) {
    return {
      config: c,
      panels: c.ks.map((k) => ({
        k,
        field: phaseField(k, { n: c.fieldPoints }),
        fixed: uniformFixedPoints(k),
        trajectories: c.starts
          .filter(([a, b]) => a * a <= b)
          .map(([A0, B0]) => {
            const o = uniformOde({ k, d: c.d, eta: c.eta, A0, B0, maxSteps: 1e12, solveLoss: 1e-6 });
            // at most ~300 points per curve (RK4 takes thousands of tiny steps near the fixed points)
            const every = Math.max(1, Math.ceil(o.A.length / 300));
            const keep = (xs: number[]) => xs.filter((_, i) => i % every === 0 || i === xs.length - 1);
            return { A0, B0, A: keep(o.A), B: keep(o.B) };
          }),
      })),
    };
  },
});

/**
 * The signal slope k|A(w₀)|^{k−1} along w⋆ and its ratio to the self term kB₀^{k−1}|A₀| at
 * w₀ ~ 𝒩(0, r²I) (§3.2), geometric means over initialisations, against d, uniform and Zipf α = 1.5.
 */
export const flatLandscape = defineResult({
  id: "skills.flat-landscape",
  title: "Signal slope along w⋆ at initialisation against d",
  config: (scale) => ({ k: 6, r: 0.5, alpha: 1.5, d: pick(scale, [64, 256, 1024, 4096], [64, 128, 256, 512, 1024, 2048, 4096], [64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384]), inits: pick(scale, 1000, 2000, 5000) }),
  compute(c) {
    // geometric mean: |A|^{k−1} amplifies the noise of a median fivefold; E ln|A| has variance π²/8 per draw
    const geo = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
    const res = { uniform: [] as number[], zipf: [] as number[], uniformSelfOverSignal: [] as number[] };
    for (const d of c.d)
      for (const alpha of [0, c.alpha]) {
        const sig: number[] = [];
        const ratio: number[] = [];
        for (let s = 0; s < c.inits; s++) {
          const m = skillModel(c.k, zipfSkills(d, alpha, { seed: s }), { seed: s });
          const sl = raySlope(m, gaussianInit(d, c.r, s));
          sig.push(Math.abs(sl.signal));
          ratio.push(Math.abs(sl.self) / Math.abs(sl.signal));
        }
        if (alpha === 0) {
          res.uniform.push(geo(sig));
          res.uniformSelfOverSignal.push(geo(ratio));
        } else res.zipf.push(geo(sig));
      }
    return { config: c, geoMeanSignalUniform: res.uniform, geoMeanSignalZipf: res.zipf, geoMeanSelfOverSignalUniform: res.uniformSelfOverSignal };
  },
});

/**
 * Population GD (§3.5), d = 1000, k = 4, r = 0.5, per seed: Zipf α = 1.5 at η = 0.3 with alignment per
 * log-spaced rank bin; uniform p at the same η and at ½ its stability limit, from the same w₀. For each
 * uniform run, the escape step the exact uniform (A, B) ODE predicts from that seed's own A₀ = mean(w₀⊙w⋆)
 * and B₀ = mean(w₀²) (finite for every seed; ~3·10⁸ steps at seed 1, where |A₀| is 0.06 of its standard
 * deviation r/√d), and the ODE's loss curve up to the step budget for the ½-limit run.
 * ci uses seeds 1 (predicted beyond the budget) and 2 (predicted 1.34·10⁵ steps, within 1.5·10⁵).
 */
export const threeStages = defineResult({
  id: "skills.three-stages",
  title: "Three-stage dynamics of population GD, Zipf vs uniform, and the uniform escape predicted from A₀",
  config: (scale) => ({ d: 1000, k: 4, r: 0.5, alpha: 1.5, eta: 0.3, uniformEtaFraction: 0.5, seeds: pick(scale, [1, 2], [1, 2, 3], [1, 2, 3, 4, 5]), steps: pick(scale, 150000, 300000, 1000000), bins: 5, records: 300, odeCurvePoints: 300 }),
  compute(c) {
    const strip = (r: ReturnType<typeof populationGd>) => ({ t: r.t, A: r.A, uniformA: r.uniformA, lossUniform: r.lossUniform, lossTrain: r.lossTrain, escapeStep: r.escapeStep, solveStep: r.solveStep, diverged: r.diverged });
    return {
      config: c,
      seeds: c.seeds.map((seed) => {
        const dist = zipfSkills(c.d, c.alpha, { seed });
        const m = skillModel(c.k, dist, { seed });
        const w0 = gaussianInit(c.d, c.r, seed);
        const z = populationGd(m, { eta: c.eta, steps: c.steps, w0, rank: dist.rank, bins: c.bins, records: c.records });
        const um = skillModel(c.k, zipfSkills(c.d, 0, { seed }), { seed });
        const etaU = c.uniformEtaFraction * gdStabilityLimit(um);
        const u = populationGd(um, { eta: etaU, steps: c.steps, w0, records: c.records });
        const uSame = populationGd(um, { eta: c.eta, steps: c.steps, w0, records: c.records });
        // the uniform ODE from this seed's own (A₀, B₀): its escape step (no budget) and its curve up to the budget
        const A0 = alignment(um, w0);
        const B0 = weightedNorm(um, w0);
        const predict = (eta: number) => uniformOde({ k: c.k, d: c.d, eta, A0, B0, trajectory: false, maxSteps: 1e40 }).escapeSteps;
        const curve = uniformOde({ k: c.k, d: c.d, eta: etaU, A0, B0, maxSteps: c.steps });
        const every = Math.max(1, Math.ceil(curve.t.length / c.odeCurvePoints));
        const thin = (xs: number[]) => xs.filter((_, i) => i % every === 0 || i === xs.length - 1);
        return {
          seed,
          A0,
          B0,
          zA0: A0 / (c.r / Math.sqrt(c.d)),
          zipf: { ...strip(z), bins: z.bins, binAlignment: z.binAlignment, binSignAccuracy: z.binSignAccuracy },
          uniform: { eta: etaU, ...strip(u), predictedEscape: predict(etaU), ode: { t: thin(curve.t), loss: thin(curve.loss) } },
          uniformSameEta: { eta: c.eta, ...strip(uSame), predictedEscape: predict(c.eta) },
        };
      }),
    };
  },
});

/**
 * The α trade-off (§3.6): population GD (k = 4, r = 0.5, η = 0.25 for every α) for α ∈ {1.2, 1.5, 1.75, 2}
 * and several seeds: training alignment A and per-rank-bin alignment over log-spaced steps.
 */
export const alphaTradeoff = defineResult({
  id: "skills.alpha-tradeoff",
  title: "The α trade-off of population GD: head against tail",
  config: (scale) => ({
    k: 4,
    d: pick(scale, 200, 1000, 1000),
    r: 0.5,
    eta: 0.25,
    alphas: [1.2, 1.5, 1.75, 2.0],
    seeds: pick(scale, [1, 2, 3], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]),
    steps: pick(scale, 300000, 3000000, 10000000),
    bins: 5,
    records: 400,
    stopLoss: 1e-6,
  }),
  compute(c, ctx) {
    const bar = ctx.progress("skills: α trade-off");
    const total = c.alphas.length * c.seeds.length;
    const curves: Array<{ alpha: number; seed: number; t: number[]; A: number[]; lossUniform: number[]; binAlignment: number[][]; escapeStep: number | null; solveStep: number | null }> = [];
    for (const alpha of c.alphas)
      for (const seed of c.seeds) {
        const dist = zipfSkills(c.d, alpha, { seed });
        const m = skillModel(c.k, dist, { seed });
        const r = populationGd(m, { eta: c.eta, steps: c.steps, w0: gaussianInit(c.d, c.r, seed), rank: dist.rank, bins: c.bins, records: c.records, stopLoss: c.stopLoss });
        curves.push({ alpha, seed, t: r.t, A: r.A, lossUniform: r.lossUniform, binAlignment: r.binAlignment, escapeStep: r.escapeStep, solveStep: r.solveStep });
        bar.update(curves.length, total, "runs");
      }
    bar.done();
    return { config: c, curves };
  },
});

/** Exact landscapes at initialisation (k = 6, d = 256): slices along (w⋆, random ⊥_p) and along the PCA of a population-GD trajectory, uniform vs Zipf. */
export const landscapes = defineResult({
  id: "skills.landscapes",
  title: "Exact loss landscapes around w₀, uniform vs Zipf",
  config: (scale) => ({ k: 6, d: 256, r: 0.5, alpha: 1.5, seed: 0, span: 0.6, n: pick(scale, 31, 61, 101), pcaSteps: 4000, pcaRecords: 80, etaFraction: 0.5 }),
  compute(c) {
    const runs = [0, c.alpha].map((alpha) => {
      const dist = zipfSkills(c.d, alpha, { seed: c.seed });
      const m = skillModel(c.k, dist, { seed: c.seed });
      const w0 = gaussianInit(c.d, c.r, c.seed);
      const v = randomOrthogonalDirection(m, m.wstar, c.seed);
      const span: [number, number] = [-c.span, c.span];
      const star = landscapeGrid(sliceCoefficients(m, w0, m.wstar, v, "train"), span, span, c.n);
      const starU = landscapeGrid(sliceCoefficients(m, w0, m.wstar, v, "uniform"), span, span, c.n);
      const eta = c.etaFraction * gdStabilityLimit(m);
      const tr = populationGd(m, { eta, steps: c.pcaSteps, w0, snapshots: true, records: c.pcaRecords });
      const snaps = tr.snapshots as Float64Array[];
      const { v1, v2, explained } = trajectoryPca(snaps);
      const proj = projectTrajectory(snaps, w0, v1, v2);
      const ext = Math.max(0.05, ...proj.a.map(Math.abs), ...proj.b.map(Math.abs)) * 1.2;
      const pca = landscapeGrid(sliceCoefficients(m, w0, v1, v2, "train"), [-ext, ext], [-ext, ext], c.n);
      return { alpha, eta, star, starUniform: starU, pca, explained, projection: proj, loss0: star.z[(c.n - 1) / 2][(c.n - 1) / 2] };
    });
    return { config: c, runs };
  },
});

/** Samples to escape / solve against d (online SGD, k = 4), each distribution at ½ its own stability limit; log–log fits. */
export const samplesVsD = defineResult({
  id: "skills.samples-vs-d",
  title: "Online SGD samples to escape and solve against d (k = 4)",
  config: (scale) => ({
    k: 4,
    d: pick(scale, [16, 32, 64], [32, 64, 128, 256], [32, 64, 128, 256, 512]),
    alphas: [0, 1.5],
    etaFraction: 0.5,
    batch: 64,
    budget: pick(scale, 2e6, 2e7, 1e8),
    r: 0.5,
    seeds: pick(scale, 2, 4, 12),
  }),
  async compute(c, ctx) {
    const tasks: SgdTask[] = [];
    for (const alpha of c.alphas)
      for (const d of c.d)
        for (let seed = 0; seed < c.seeds; seed++) tasks.push({ k: c.k, d, alpha, etaFraction: c.etaFraction, batch: c.batch, budget: c.budget, r: c.r, seed });
    const out = await sweep("skills: samples vs d", tasks, ctx);
    return {
      config: c,
      series: c.alphas.map((alpha) => {
        const runs = out.filter((o) => o.alpha === alpha);
        const pts = (key: "escape" | "solve") => runs.map((o) => ({ d: o.d, samples: o[key] }));
        const fs = fitSamplesVsD(pts("solve"));
        const fe = fitSamplesVsD(pts("escape"));
        return {
          alpha,
          runs: runs.map((o) => ({ d: o.d, seed: o.seed, eta: o.eta, escape: o.escape, solve: o.solve })),
          solveFit: fs.fit ? { exponent: fs.fit.exponent, se: fs.fit.exponentSe, coefficient: fs.fit.coefficient } : null,
          escapeFit: fe.fit ? { exponent: fe.fit.exponent, se: fe.fit.exponentSe, coefficient: fe.fit.coefficient } : null,
          unreachedSolve: fs.unreached,
        };
      }),
    };
  },
});

/**
 * Theorem A's packing (§3.3): for each (d, ε), a greedy pass over seeded random sign vectors collects
 * M = ⌊exp(ε²d/4)⌋ vectors with every pairwise |w₁·w₂/d| ≤ ε (the Hoeffding-plus-union-bound size);
 * the first M draws without rejection give the fraction of pairs beyond ε against Hoeffding's
 * 2exp(−ε²d/2); and the correlation ⟨f_{w₁}, f_{w₂}⟩ under uniform inputs is estimated by Monte Carlo
 * for pairs of the packing and for a strongly overlapping pair (w and w with 10% of its signs flipped).
 */
export const csqPacking = defineResult({
  id: "skills.csq-packing",
  title: "Theorem A's packing of nearly uncorrelated targets and their correlation (w₁·w₂/d)^k",
  config: (scale) => ({ settings: [{ d: 256, eps: 0.3 }, { d: 1024, eps: 0.15 }], ks: [4, 6], seed: 7, mcSamples: pick(scale, 200000, 1000000, 4000000) }),
  compute(c) {
    return {
      config: c,
      rows: c.settings.map(({ d, eps }) => {
        const M = Math.floor(Math.exp(logPackingSize(d, eps)));
        const g = greedyPacking(d, M, eps, c.seed);
        const raw = randomPacking(d, M, c.seed);
        let beyond = 0;
        let pairs = 0;
        for (let a = 0; a < M; a++)
          for (let b = a + 1; b < M; b++) {
            let s2 = 0;
            for (let i = 0; i < d; i++) s2 += raw.vectors[a][i] * raw.vectors[b][i];
            pairs++;
            if (Math.abs(s2) / d > eps) beyond++;
          }
        // pairs for the correlation check: the packing's most overlapping pair, its first pair, and w vs w with 10% of signs flipped
        let best: [number, number] = [0, 1];
        let bestOverlap = -1;
        for (let a = 0; a < g.vectors.length; a++)
          for (let b = a + 1; b < g.vectors.length; b++) {
            let s2 = 0;
            for (let i = 0; i < d; i++) s2 += g.vectors[a][i] * g.vectors[b][i];
            if (Math.abs(s2) > bestOverlap) {
              bestOverlap = Math.abs(s2);
              best = [a, b];
            }
          }
        const flipped = Float64Array.from(g.vectors[0]);
        for (let i = 0; i < Math.round(0.1 * d); i++) flipped[i] = -flipped[i];
        const pairsToCheck: Array<{ name: string; w1: ArrayLike<number>; w2: ArrayLike<number> }> = [
          { name: "most overlapping pair of the packing", w1: g.vectors[best[0]], w2: g.vectors[best[1]] },
          { name: "first pair of the packing", w1: g.vectors[0], w2: g.vectors[1] },
          { name: "w and w with 10% of signs flipped", w1: g.vectors[0], w2: flipped },
        ];
        const correlations = c.ks.flatMap((k) =>
          pairsToCheck.map((q, j) => {
            const mc = csqCorrelationMonteCarlo(q.w1, q.w2, k, c.mcSamples, c.seed * 100 + k * 10 + j);
            let dot = 0;
            for (let i = 0; i < d; i++) dot += q.w1[i] * q.w2[i];
            return { k, pair: q.name, overlap: dot / d, exact: csqCorrelation(q.w1, q.w2, k), mean: mc.mean, se: mc.se };
          }),
        );
        return { d, eps, M, logM: logPackingSize(d, eps), greedy: { kept: g.vectors.length, candidates: g.candidates, maxOverlap: g.maxOverlap, complete: g.complete }, raw: { maxOverlap: raw.maxOverlap, pairs, beyond, hoeffding: 2 * Math.exp((-eps * eps * d) / 2) }, correlations };
      }),
    };
  },
});

/** The k = 6 SGD setting shared by the ablations (the configuration of skills.sgd-escape-k6, with its seeds). */
const k6Setting = (scale: Parameters<typeof pick>[0]) => ({ k: 6, d: 256, r: 0.5, batch: 64, budget: 2.56e6, alpha: 1.5, etaZipf: 0.2, seeds: pick(scale, 8, 16, 48) });

/**
 * Granularity ablation (§3.6 finding 2): online SGD in the k = 6 setting of skills.sgd-escape-k6 with the
 * power law α = 1.5 over coarse rank bins (6 bins, and 24 beyond ci, of equal size, uniform inside each; the bin
 * definition is this toolkit's default) instead of over individual skills; the fine runs are that
 * result's. Also √Σp², the standard deviation of A(w₀)/r, of each distribution.
 */
export const granularityAblation = defineResult({
  id: "skills.ablation-granularity",
  title: "Granularity ablation: power law over coarse bins vs over individual skills (k = 6 SGD)",
  config: (scale) => ({ ...k6Setting(scale), bins: pick(scale, [6], [6, 24], [6, 24]) }),
  async compute(c, ctx) {
    const tasks: SgdTask[] = [];
    for (const bins of c.bins) for (let seed = 0; seed < c.seeds; seed++) tasks.push({ k: c.k, d: c.d, alpha: c.alpha, eta: c.etaZipf, batch: c.batch, budget: c.budget, r: c.r, seed, bins });
    const out = await sweep("skills: granularity ablation", tasks, ctx);
    const sdA = (bins?: number) => skillStats(bins ? binnedZipfSkills(c.d, c.alpha, bins, { seed: 0 }) : zipfSkills(c.d, c.alpha, { seed: 0 })).sdA0OverR;
    return {
      config: c,
      fineSdA0OverR: sdA(),
      variants: c.bins.map((bins) => ({ bins, sdA0OverR: sdA(bins), runs: out.filter((_, i) => tasks[i].bins === bins).map((o) => ({ seed: o.seed, zA0: o.zA0, escape: o.escape, solve: o.solve, diverged: o.diverged })) })),
    };
  },
});

/**
 * Rank-order ablation (§3.6 finding 3): online SGD in the k = 6 setting with the Zipf ranks assigned to
 * skills in identity and in reverse order instead of a seeded random permutation (the random runs are
 * skills.sgd-escape-k6's). w⋆ and w₀ are the same per seed; only which skill gets which frequency changes.
 */
export const rankOrderAblation = defineResult({
  id: "skills.ablation-rank-order",
  title: "Rank-order ablation: identity and reverse rank assignments vs random (k = 6 SGD)",
  config: (scale) => ({ ...k6Setting(scale), orders: ["identity", "reverse"] as RankOrder[] }),
  async compute(c, ctx) {
    const tasks: SgdTask[] = [];
    for (const order of c.orders) for (let seed = 0; seed < c.seeds; seed++) tasks.push({ k: c.k, d: c.d, alpha: c.alpha, eta: c.etaZipf, batch: c.batch, budget: c.budget, r: c.r, seed, order });
    const out = await sweep("skills: rank-order ablation", tasks, ctx);
    return { config: c, variants: c.orders.map((order) => ({ order, runs: out.filter((_, i) => tasks[i].order === order).map((o) => ({ seed: o.seed, zA0: o.zA0, escape: o.escape, solve: o.solve, diverged: o.diverged })) })) };
  },
});

/**
 * Curriculum ablation (§3.6 finding 4; the curriculum's form is this toolkit's): in the k = 6 setting,
 * each distribution first trains on k = 2 compositions (same p, w⋆, w₀) at a quarter of its own k = 2
 * GD stability limit until its uniform-test loss is below 0.05 (at most half the budget), then on k = 6
 * at the η of skills.sgd-escape-k6 (uniform d/36, Zipf 0.2) with the rest. Without the curriculum the
 * runs are skills.sgd-escape-k6's. (At half the k = 2 limit, uniform SGD with batch 64 diverges.)
 */
export const curriculumAblation = defineResult({
  id: "skills.ablation-curriculum",
  title: "Curriculum ablation: a k = 2 warm-up before k = 6, uniform vs Zipf (SGD)",
  config: (scale) => ({ ...k6Setting(scale), etaUniform: 256 / 36, warmup: { k: 2, budget: 1.28e6, etaFraction: 0.25 } }),
  async compute(c, ctx) {
    const tasks: SgdTask[] = [];
    for (const [alpha, eta] of [[0, c.etaUniform], [c.alpha, c.etaZipf]] as const)
      for (let seed = 0; seed < c.seeds; seed++) tasks.push({ k: c.k, d: c.d, alpha, eta, batch: c.batch, budget: c.budget, r: c.r, seed, warmup: c.warmup });
    const out = await sweep("skills: curriculum ablation", tasks, ctx);
    return { config: c, runs: out.map((o) => ({ alpha: o.alpha, seed: o.seed, eta: o.eta, warmupSolve: o.warmupSolve ?? null, warmupSamples: o.warmupSamples ?? 0, escape: o.escape, solve: o.solve, diverged: o.diverged })) };
  },
});

/**
 * Where Theorem B's separation can show (§3.3–3.4): the step exponents each mechanism predicts against d.
 * Uniform: the exact ODE's escape steps from the typical A₀ = r/√d at half the GD limit (η = d/k², ∝ d),
 * k ∈ {4, 6, 8} (derived exponent (k−1)(k−2)/k). Zipf α = 1.5: population GD at k = 4, half its own
 * (d-independent) limit, steps to solve (the tail stage, rate ∝ η p_min ∝ d^{−α}), a few seeds per d.
 * With a fixed batch, SGD samples are steps × batch, so the same exponents apply to samples.
 */
export const theoremBRegime = defineResult({
  id: "skills.theorem-b-regime",
  title: "Step exponents against d: uniform ODE escape (k = 4, 6, 8) and Zipf population-GD solve",
  config: (scale) => ({
    r: 0.5,
    uniform: { ks: [4, 6, 8], d: [64, 128, 256, 512, 1024, 2048, 4096], etaFraction: 0.5 },
    zipf: { k: 4, alpha: 1.5, etaFraction: 0.5, d: pick(scale, [64, 128, 256, 512], [64, 128, 256, 512, 1024], [64, 128, 256, 512, 1024, 2048]), seeds: pick(scale, [1, 2, 3], [1, 2, 3], [1, 2, 3, 4, 5]), maxSteps: 5e6 },
  }),
  compute(c, ctx) {
    const uniform = c.uniform.ks.map((k) => {
      const o = odeEscapeVsD(k, c.uniform.d, { etaRule: "stability", fraction: c.uniform.etaFraction, r: c.r });
      return { k, d: o.d, eta: o.eta, escapeSteps: o.escapeSteps, exponent: o.fit.exponent, derived: ((k - 1) * (k - 2)) / k };
    });
    const bar = ctx.progress("skills: Zipf solve against d");
    const zipf: Array<{ d: number; seed: number; eta: number; escapeStep: number | null; solveStep: number | null }> = [];
    for (const d of c.zipf.d)
      for (const seed of c.zipf.seeds) {
        const m = skillModel(c.zipf.k, zipfSkills(d, c.zipf.alpha, { seed }), { seed });
        const eta = c.zipf.etaFraction * gdStabilityLimit(m);
        const r = populationGd(m, { eta, steps: c.zipf.maxSteps, w0: gaussianInit(d, c.r, seed), records: 2, stopLoss: 0.05 });
        zipf.push({ d, seed, eta, escapeStep: r.escapeStep, solveStep: r.solveStep });
        bar.update(zipf.length, c.zipf.d.length * c.zipf.seeds.length, "runs");
      }
    bar.done();
    const fit = fitSamplesVsD(zipf.map((z) => ({ d: z.d, samples: z.solveStep })));
    return { config: c, uniform, zipf: { runs: zipf, exponent: fit.fit?.exponent ?? null, se: fit.fit?.exponentSe ?? null, unreached: fit.unreached } };
  },
});

/** Every result of the toy, in report order. */
export const skillsResults = [distributions, gradientCheck, initialAlignment, stabilityLimit, sgdEscapeK6, oddK, odeEscape, phasePortrait, flatLandscape, threeStages, alphaTradeoff, landscapes, samplesVsD, csqPacking, theoremBRegime, granularityAblation, rankOrderAblation, curriculumAblation] as const;
