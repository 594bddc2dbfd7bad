/**
 * The computed results behind the skills figures, per scale, cached in the result store
 * (data/results/skills/*.json). Every parameter that affects a result is in its config. Settings are
 * this toolkit's documented defaults (skills spec §6.1, §6.3, §8), not the paper's (unknown).
 */
import { pickByScale as pick, type Scale } from "../core/scale";
import { binnedZipfSkills, zipfSkills } from "../../theory/skills/distributions";
import { landscapeGrid, projectTrajectory, randomOrthogonalDirection, sliceCoefficients, trajectoryPca } from "../../theory/skills/landscape";
import { gaussianInit, skillModel, gdStabilityLimit } from "../../theory/skills/model";
import { phaseField, uniformFixedPoints, uniformOde } from "../../theory/skills/ode";
import { populationGd } from "../../theory/skills/populationGd";
import { fitSamplesVsD, odeEscapeVsD, type SgdTask } from "../../theory/skills/sampleComplexity";
import { escapeClaimConfig } from "./claims";
import { progress } from "../run/progress";
import { sgdSweep } from "./sgdSweep";
import { cached } from "../run/store";


/** p_i against rank for d = 120 (the size of S₅), α ∈ {0, 1, 1.2, 1.5, 2}, and a 6-bin coarse power law at α = 1.5. */
export function distributions() {
  const config = { d: 120, alphas: [0, 1, 1.2, 1.5, 2], binned: { alpha: 1.5, bins: 6 } };
  const byRank = (p: Float64Array, rank: Uint32Array) => Array.from(rank, (i) => p[i]);
  return {
    config,
    rank: Array.from({ length: config.d }, (_, i) => i + 1),
    curves: config.alphas.map((alpha) => {
      const z = zipfSkills(config.d, alpha, { seed: 0 });
      return { alpha, p: byRank(z.p, z.rank) };
    }),
    binned: (() => {
      const z = binnedZipfSkills(config.d, config.binned.alpha, config.binned.bins, { seed: 0 });
      return byRank(z.p, z.rank);
    })(),
  };
}

/** Learning curves of online SGD at the k = 6 escape-claim configuration, full budget, a few seeds per distribution. */
export function sgdCurves(scale: Scale) {
  const c = escapeClaimConfig("small");
  const config = { ...c, seeds: pick(scale, 3, 6, 12), records: 120 };
  return cached(`skills/sgd-curves-${scale}`, config, async () => {
    const tasks: SgdTask[] = [];
    for (let seed = 0; seed < config.seeds; seed++)
      for (const [alpha, eta] of [[0, config.etaUniform], [config.alpha, config.etaZipf]] as const)
        tasks.push({ k: config.k, d: config.d, alpha, eta, batch: config.batch, budget: config.budget, r: config.r, seed, records: config.records, fullBudget: true });
    const bar = progress("skills: SGD learning curves");
    const out = await sgdSweep(tasks, { onProgress: (a, b) => bar.update(a, b, "runs") });
    bar.done();
    return { config, runs: out.map((o) => ({ seed: o.seed, alpha: o.alpha, eta: o.eta, escape: o.escape, solve: o.solve, zA0: o.zA0, curve: o.curve })) };
  });
}

/** Population GD, d = 1000, k = 4, r = 0.5: Zipf α = 1.5 at η = 0.3 with per-bin curves; uniform at η = 0.3 and at ½ its limit. */
export function threeStages(scale: Scale) {
  const config = { d: 1000, k: 4, r: 0.5, alpha: 1.5, eta: 0.3, seed: 1, steps: pick(scale, 150000, 300000, 1000000), bins: 5, records: 300 };
  return cached(`skills/three-stages-${scale}`, config, () => {
    const dist = zipfSkills(config.d, config.alpha, { seed: config.seed });
    const m = skillModel(config.k, dist, { seed: config.seed });
    const w0 = gaussianInit(config.d, config.r, config.seed);
    const z = populationGd(m, { eta: config.eta, steps: config.steps, w0, rank: dist.rank, bins: config.bins, records: config.records });
    const um = skillModel(config.k, zipfSkills(config.d, 0), { seed: config.seed });
    const etaU = 0.5 * gdStabilityLimit(um);
    const u = populationGd(um, { eta: etaU, steps: config.steps, w0, records: config.records });
    const u03 = populationGd(um, { eta: config.eta, steps: config.steps, w0, records: config.records });
    const strip = (r: ReturnType<typeof populationGd>) => ({ t: r.t, A: r.A, uniformA: r.uniformA, lossUniform: r.lossUniform, lossTrain: r.lossTrain, escapeStep: r.escapeStep, solveStep: r.solveStep });
    return {
      config,
      zipf: { ...strip(z), bins: z.bins, binAlignment: z.binAlignment, binSignAccuracy: z.binSignAccuracy },
      uniform: { eta: etaU, ...strip(u) },
      uniformSameEta: strip(u03),
    };
  });
}

/** Phase portraits of the uniform ODE for k ∈ {2, 4, 6}: vector field, trajectories from A(0) = ±r/√d and a few larger |A(0)|, fixed points. */
export function phasePortrait() {
  const config = { ks: [2, 4, 6], d: 100, eta: 1, starts: [[0.05, 0.25], [-0.05, 0.25], [0.2, 0.25], [-0.2, 0.25], [0.3, 1.2], [-0.3, 1.2], [0.6, 1.4], [0.02, 0.04], [0.1, 0.5], [0.4, 0.2]] as Array<[number, number]> };
  return {
    config,
    panels: config.ks.map((k) => ({
      k,
      field: phaseField(k, { n: 13 }),
      fixed: uniformFixedPoints(k),
      trajectories: config.starts
        .filter(([a, b]) => a * a <= b)
        .map(([A0, B0]) => {
          const o = uniformOde({ k, d: config.d, eta: config.eta, A0, B0, maxSteps: 1e12, solveLoss: 1e-6 });
          // at most ~300 points per curve (RK4 takes thousands of tiny steps near the fixed points)
          const every = Math.max(1, Math.ceil(o.A.length / 300));
          const keep = (xs: number[]) => xs.filter((_, i) => i % every === 0 || i === xs.length - 1);
          return { A0, B0, A: keep(o.A), B: keep(o.B) };
        }),
    })),
  };
}

/** Escape steps of the uniform ODE against d for k ∈ {2,3,4,6} at fixed η = 1, with power-law fits. */
export function odeEscape() {
  const config = { ks: [2, 3, 4, 6], d: [1e2, 2e2, 5e2, 1e3, 2e3, 5e3, 1e4], eta: 1, r: 0.5 };
  return { config, rows: config.ks.map((k) => ({ k, ...odeEscapeVsD(k, config.d, { eta: config.eta, r: config.r }), derived: 1 + ((k - 1) * (k - 2)) / k })) };
}

/** Exact landscapes at initialisation: slices along (w⋆, random ⊥_p) and along the PCA of a population-GD trajectory, uniform vs Zipf. */
export function landscapes(scale: Scale) {
  const config = { k: 6, d: 256, r: 0.5, alpha: 1.5, seed: 0, span: 0.6, n: pick(scale, 31, 61, 101), pcaSteps: 4000, pcaRecords: 80, etaFraction: 0.5 };
  return cached(`skills/landscapes-${scale}`, config, () => {
    const runs = [0, config.alpha].map((alpha) => {
      const dist = zipfSkills(config.d, alpha, { seed: config.seed });
      const m = skillModel(config.k, dist, { seed: config.seed });
      const w0 = gaussianInit(config.d, config.r, config.seed);
      const v = randomOrthogonalDirection(m, m.wstar, config.seed);
      const span: [number, number] = [-config.span, config.span];
      const star = landscapeGrid(sliceCoefficients(m, w0, m.wstar, v, "train"), span, span, config.n);
      const starU = landscapeGrid(sliceCoefficients(m, w0, m.wstar, v, "uniform"), span, span, config.n);
      const eta = config.etaFraction * gdStabilityLimit(m);
      const tr = populationGd(m, { eta, steps: config.pcaSteps, w0, snapshots: true, records: config.pcaRecords });
      const snaps = tr.snapshots as Float64Array[];
      const { v1, v2, explained } = trajectoryPca(snaps);
      const proj = projectTrajectory(snaps, w0, v1, v2);
      const ext = Math.max(0.05, ...proj.a.map(Math.abs), ...proj.b.map(Math.abs)) * 1.2;
      const pca = landscapeGrid(sliceCoefficients(m, w0, v1, v2, "train"), [-ext, ext], [-ext, ext], config.n);
      return { alpha, eta, star, starUniform: starU, pca, explained, projection: proj, loss0: star.z[(config.n - 1) / 2][(config.n - 1) / 2] };
    });
    return { config, runs };
  });
}

/** Samples to escape / solve against d (k = 4), each distribution at ½ its own stability limit; log-log fits. */
export function samplesVsD(scale: Scale) {
  const config = {
    k: 4,
    d: pick(scale, [16, 32, 64], [32, 64, 128, 256], [32, 64, 128, 256, 512]),
    alphas: [0, 1.5],
    etaFraction: 0.5,
    batch: 64,
    budget: pick(scale, 2e6, 2e7, 1e8),
    r: 0.5,
    seeds: pick(scale, 2, 4, 12),
  };
  return cached(`skills/samples-vs-d-${scale}`, config, async () => {
    const tasks: SgdTask[] = [];
    for (const alpha of config.alphas)
      for (const d of config.d)
        for (let seed = 0; seed < config.seeds; seed++) tasks.push({ k: config.k, d, alpha, etaFraction: config.etaFraction, batch: config.batch, budget: config.budget, r: config.r, seed });
    const bar = progress("skills: samples vs d");
    const out = await sgdSweep(tasks, { onProgress: (a, b) => bar.update(a, b, "runs") });
    bar.done();
    return {
      config,
      series: config.alphas.map((alpha) => {
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
  });
}

/** The α trade-off: population GD (k = 4, r = 0.5, η = 0.25) for α ∈ {1.2, 1.5, 1.75, 2}: uniform-test loss and tail-bin alignment over steps. */
export function alphaTradeoff(scale: Scale) {
  const config = { k: 4, d: pick(scale, 200, 1000, 1000), r: 0.5, eta: 0.25, seed: 1, alphas: [1.2, 1.5, 1.75, 2.0], steps: pick(scale, 300000, 3000000, 10000000), records: 300 };
  return cached(`skills/alpha-tradeoff-${scale}`, config, () => ({
    config,
    curves: config.alphas.map((alpha) => {
      const dist = zipfSkills(config.d, alpha, { seed: config.seed });
      const m = skillModel(config.k, dist, { seed: config.seed });
      const r = populationGd(m, { eta: config.eta, steps: config.steps, w0: gaussianInit(config.d, config.r, config.seed), rank: dist.rank, records: config.records, stopLoss: 1e-4 });
      return { alpha, t: r.t, lossUniform: r.lossUniform, A: r.A, tail: r.binAlignment[r.binAlignment.length - 1], escapeStep: r.escapeStep, solveStep: r.solveStep };
    }),
  }));
}

