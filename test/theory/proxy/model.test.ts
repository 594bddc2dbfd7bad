import { describe, expect, it } from "vitest";
import { Rng } from "../../../src/core/rng";
import { arcCosineKernel, featureVector, finiteWidthKernel, randomFeatureMap } from "../../../theory/proxy/randomFeatures";
import { proxyProblem, quadraticLoss, realisePools, type ProxyProblem } from "../../../theory/proxy/problem";
import { defaultRecipes, proxyWorld, recipePool, resolveRecipes, separationRecipes, spec10Recipes, validateRecipes } from "../../../theory/proxy/recipes";
import { flowLoss, gdByRecursion, gdLoss, gdParameters, lrGrid, sgdRun, stepsFor } from "../../../theory/proxy/training";
import { convergedLoss, optimalFlowLoss, ridgeLoss } from "../../../theory/proxy/optimalLoss";
import { oneStepLoss, oneStepTaylor, taylorTerms } from "../../../theory/proxy/taylor";
import { sweepCell } from "../../../theory/proxy/sweep";

const small = (recipes = defaultRecipes(), width = 16): ProxyProblem => {
  const w = proxyWorld({ poolSize: 300, seed: 1 });
  return proxyProblem(w, recipes, width, { featureSeed: 0, pools: realisePools(w, recipes) });
};

describe("random features", () => {
  it("the arc-cosine kernel matches Monte Carlo over (w, b) within 3 standard errors", () => {
    const x = [0.3, -1.2, 0.5, 0.9];
    const y = [1.1, 0.4, -0.7, 0.2];
    const exact = arcCosineKernel(x, y);
    // K_∞ = E[relu(wᵀx+b) relu(wᵀy+b)]: average of m·φ_m(x)_jφ_m(y)_j over many independent units j
    const map = randomFeatureMap(4, 200000, new Rng(5));
    const a = featureVector(map, x);
    const b = featureVector(map, y);
    let s = 0;
    let s2 = 0;
    for (let j = 0; j < map.width; j++) {
      const v = map.width * a[j] * b[j];
      s += v;
      s2 += v * v;
    }
    const mean = s / map.width;
    const se = Math.sqrt((s2 / map.width - mean * mean) / map.width);
    expect(Math.abs(mean - exact)).toBeLessThan(3 * se);
    expect(finiteWidthKernel(map, x, y)).toBeCloseTo(mean, 12);
    // K(x,x) = |u|²/2 (θ = 0): half the second moment of a centred Gaussian pre-activation
    const uu = x.reduce((t, v) => t + (v * v) / 4, 0) + 0.25;
    expect(arcCosineKernel(x, x)).toBeCloseTo(uu / 2, 14);
  });
});

describe("recipes", () => {
  it("the default family has ≥ 12 recipes over the four curation axes, all distinct", () => {
    const r = defaultRecipes();
    expect(r.length).toBeGreaterThanOrEqual(12);
    expect(new Set(r.map((x) => x.axis))).toEqual(new Set(["mixture", "quality", "diversity", "filtering"]));
    expect(new Set(r.map((x) => x.name)).size).toBe(r.length);
  });
  it("pools are seeded by recipe name (order independent) and carry the axis' effect", () => {
    const w = proxyWorld({ poolSize: 400, seed: 3 });
    const [a] = defaultRecipes().filter((x) => x.name === "diversity-3");
    expect(recipePool(w, a).n).toBe(40);
    const q = recipePool(w, { name: "q", axis: "quality", corruption: 0.3 });
    expect(Math.max(...q.keep)).toBeCloseTo(0.7, 14);
    const f = recipePool(w, { name: "f", axis: "filtering", filter: 0.8 });
    // filtering keeps high-quality inputs only: fewer inputs, keep probability ≥ 1 − 0.6·(1 − (0.8 − noise))
    expect(f.n).toBeLessThan(0.5 * w.poolSize);
    expect(f.keep.reduce((s, v) => s + v, 0) / f.n).toBeGreaterThan(0.85);
    expect(Array.from(recipePool(w, a).X)).toEqual(Array.from(recipePool(w, a).X));
  });
  it("bad recipe lists throw one-line errors naming the field", () => {
    expect(() => validateRecipes([])).toThrow(/recipes = \[\]: must be a non-empty list/);
    expect(() => validateRecipes([{ name: "a", axis: "quality" }])).toThrow(/≥ 2/);
    expect(() => validateRecipes([{ name: "a", axis: "quality", corruption: 1.5 }, { name: "b", axis: "quality" }])).toThrow(/recipes\[0\]\.corruption = 1.5/);
    expect(() => validateRecipes([{ name: "a", axis: "nope" }, { name: "b", axis: "quality" }])).toThrow(/recipes\[0\]\.axis/);
    expect(() => validateRecipes([{ name: "a", axis: "quality" }, { name: "a", axis: "quality" }])).toThrow(/unique/);
    expect(() => resolveRecipes("mixture-0,nonexistent")).toThrow(/^recipes\[1\] = "nonexistent"/);
    // names are own names only: properties of every object are neither sets nor recipes
    for (const name of ["constructor", "__proto__", "toString"]) expect(() => resolveRecipes(name)).toThrow(new RegExp(`^recipes = "${name}": must be a recipe set`));
  });
  it("numeric recipe fields outside the well-posed range are refused by the library, naming field and range", () => {
    const two = (extra: Record<string, unknown>) => [{ name: "a", axis: "scale", ...extra }, { name: "b", axis: "scale" }];
    expect(() => validateRecipes(two({ scale: 1e300 }))).toThrow(/^recipes\[0\]\.scale = 1e\+300: must be a finite number ≥ 0\.001 and ≤ 1000$/);
    expect(() => validateRecipes(two({ scale: 1e-4 }))).toThrow(/recipes\[0\]\.scale = 0\.0001/);
    expect(() => validateRecipes(two({ shift: -2e3 }))).toThrow(/recipes\[0\]\.shift = -2000: must be a finite number ≥ -1000 and ≤ 1000/);
    expect(() => validateRecipes(two({ noise: 1e4 }))).toThrow(/recipes\[0\]\.noise = 10000/);
    expect(() => validateRecipes(two({ labelScale: 0 }))).toThrow(/recipes\[0\]\.labelScale = 0: must be a number with 0\.001 ≤ \|labelScale\| ≤ 1000 \(at 0 every label is 0/);
    expect(() => validateRecipes(two({ labelScale: -5e3 }))).toThrow(/recipes\[0\]\.labelScale = -5000/);
    // the edges of the ranges and negative label scales are allowed
    expect(validateRecipes(two({ scale: 1e3, shift: -1e3, noise: 1e3, labelScale: -1e-3 }))).toHaveLength(2);
    // every built-in recipe is inside the ranges
    for (const r of [...defaultRecipes(), ...spec10Recipes(), ...separationRecipes()]) expect(() => validateRecipes([r, { name: "other", axis: "scale" }])).not.toThrow();
    expect(resolveRecipes("mixture-0,spec-3").map((r) => r.name)).toEqual(["mixture-0", "spec-3"]);
  });
});

describe("training dynamics (exact)", () => {
  const p = small(spec10Recipes().slice(0, 3));
  const r = p.recipes[1];
  it("the moments give the validation loss: ½ E_v[(θᵀφ − f*)²] equals the quadratic form", () => {
    const w = proxyWorld({ poolSize: 300, seed: 1 });
    const pools = realisePools(w, spec10Recipes().slice(0, 3));
    const theta = Float64Array.from({ length: 16 }, (_, i) => Math.sin(i));
    let direct = 0;
    for (let i = 0; i < pools.val.n; i++) {
      const phi = featureVector(p.map, pools.val.X.subarray(i * 4, i * 4 + 4));
      let f = 0;
      for (let j = 0; j < 16; j++) f += theta[j] * phi[j];
      direct += 0.5 * (f - pools.val.clean[i]) ** 2;
    }
    expect(quadraticLoss(p.val, theta)).toBeCloseTo(direct / pools.val.n, 10);
  });
  it("the GD closed form equals iterating the recursion (to rounding)", () => {
    for (const [eta, T] of [[0.5, 1], [0.5, 37], [3, 200]] as const) {
      const a = gdParameters(r, eta, T);
      const b = gdByRecursion(r, eta, T);
      const scale = Math.max(...b.map(Math.abs));
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-9 * scale);
    }
  });
  it("GD at fixed time τ = ηT tends to gradient flow as η → 0, and flow at τ = ∞ is the least-squares optimum", () => {
    const tau = 50;
    const gaps = [0.2, 0.02, 0.002].map((eta) => Math.abs(gdLoss(r, p.val, eta, stepsFor(eta, { regime: "fixed-time", time: tau })).loss - flowLoss(r, p.val, tau)));
    expect(gaps[1]).toBeLessThan(gaps[0] / 5);
    expect(gaps[2]).toBeLessThan(gaps[1] / 5);
    expect(flowLoss(r, p.val, Infinity)).toBeCloseTo(convergedLoss(r, p.val, 0), 8);
    expect(ridgeLoss(r, p.val, 1e-14)).toBeCloseTo(convergedLoss(r, p.val, 0), 4);
  });
  it("L* = min_τ ℓ_val(θ̄(τ)) is a minimum over τ (no grid point below it)", () => {
    const o = optimalFlowLoss(r, p.val);
    for (const tau of lrGrid(0.1, 1e6, 40)) expect(flowLoss(r, p.val, tau)).toBeGreaterThanOrEqual(o.loss - 1e-12);
  });
  it("GD above the stability edge 2/λ_max diverges (loss +∞); just below it does not", () => {
    const edge = 2 / r.lambda[0];
    expect(gdLoss(r, p.val, 1.05 * edge, 2000).diverged).toBe(true);
    expect(gdLoss(r, p.val, 0.95 * edge, 2000).diverged).toBe(false);
  });
  it("the one-step expansion −ηa + η²c/2 is exact for a full-batch step", () => {
    const t = taylorTerms(r, p.val);
    for (const eta of [1e-3, 0.7, 4]) expect(oneStepTaylor(t, eta)).toBeCloseTo(oneStepLoss(r, p.val, eta), 12);
    // at θ_0 = 0: a_k = b_vᵀ b_k
    expect(t.a).toBeCloseTo(r.b.reduce((s, v, i) => s + v * p.val.b[i], 0), 14);
  });
  it("the mean of SGD runs is the GD path: Monte Carlo within 4 standard errors", () => {
    const eta = 0.3;
    const T = 60;
    const runs = 200;
    const mean = new Float64Array(16);
    const sq = new Float64Array(16);
    for (let k = 0; k < runs; k++) {
      const th = sgdRun(r, p.val, { eta, steps: T, batch: 4, rng: new Rng(11, k) }).theta;
      for (let i = 0; i < 16; i++) {
        mean[i] += th[i] / runs;
        sq[i] += (th[i] * th[i]) / runs;
      }
    }
    const gd = gdParameters(r, eta, T);
    for (let i = 0; i < 16; i++) {
      const se = Math.sqrt(Math.max(sq[i] - mean[i] ** 2, 1e-30) / runs);
      expect(Math.abs(mean[i] - gd[i])).toBeLessThan(4 * se + 1e-12);
    }
  });
  it("weight decay ω: the GD closed form equals iterating θ ← θ − η(H_kθ − b_k + ωθ), and tends to (H_k + ωI)⁻¹b_k", () => {
    const m = r.m;
    for (const [eta, T, wd] of [[0.5, 37, 0.1], [2, 200, 0.01], [0.3, 5000, 1]] as const) {
      let th = new Float64Array(m);
      for (let t = 0; t < T; t++) {
        const nx = new Float64Array(m);
        for (let i = 0; i < m; i++) {
          let g = -r.b[i] + wd * th[i];
          for (let j = 0; j < m; j++) g += r.H[i * m + j] * th[j];
          nx[i] = th[i] - eta * g;
        }
        th = nx;
      }
      const a = gdParameters(r, eta, T, wd);
      const scale = Math.max(...th.map(Math.abs));
      for (let i = 0; i < m; i++) expect(Math.abs(a[i] - th[i])).toBeLessThan(1e-9 * scale);
    }
    // long training with ω = 1 reaches the ridge solution: (H + I)θ = b
    const th = gdParameters(r, 0.3, 5000, 1);
    for (let i = 0; i < m; i++) {
      let s = th[i];
      for (let j = 0; j < m; j++) s += r.H[i * m + j] * th[j];
      expect(s).toBeCloseTo(r.b[i], 10);
    }
    // and ω = 0 is plain GD
    expect(Array.from(gdParameters(r, 0.5, 37, 0))).toEqual(Array.from(gdParameters(r, 0.5, 37)));
    expect(() => gdLoss(r, p.val, 0.5, 10, -1)).toThrow(/^weightDecay = -1: must be a finite number ≥ 0/);
  });
  it("SGD with weight decay: the Monte Carlo mean is the GD path with the same ω (within 4 standard errors), not the path without it", () => {
    const eta = 0.3;
    const T = 60;
    const wd = 0.5;
    const runs = 200;
    const mean = new Float64Array(16);
    const sq = new Float64Array(16);
    for (let k = 0; k < runs; k++) {
      const th = sgdRun(r, p.val, { eta, steps: T, batch: 4, weightDecay: wd, rng: new Rng(12, k) }).theta;
      for (let i = 0; i < 16; i++) {
        mean[i] += th[i] / runs;
        sq[i] += (th[i] * th[i]) / runs;
      }
    }
    const gd = gdParameters(r, eta, T, wd);
    const plain = gdParameters(r, eta, T);
    let far = 0;
    for (let i = 0; i < 16; i++) {
      const se = Math.sqrt(Math.max(sq[i] - mean[i] ** 2, 1e-30) / runs);
      expect(Math.abs(mean[i] - gd[i])).toBeLessThan(4 * se + 1e-12);
      if (Math.abs(mean[i] - plain[i]) > 4 * se) far++;
    }
    expect(far).toBeGreaterThan(0);
    expect(() => sgdRun(r, p.val, { eta, steps: 1, weightDecay: NaN, rng: new Rng(1) })).toThrow(/^weightDecay = NaN/);
  });
  it("sweep cells do not depend on anything but their seed (reproducible)", () => {
    const spec = { world: { poolSize: 300, seed: 1 }, recipes: spec10Recipes().slice(0, 3), width: 8, lrs: [0.1, 1], regime: "fixed-steps" as const, steps: 50, optimizer: "sgd" as const, seed: 2 };
    expect(sweepCell(spec).loss).toEqual(sweepCell(spec).loss);
  });
});

describe("regime separation (fixed-steps vs fixed-time tiny lr)", () => {
  it("amplified labels have the best first-order alignment but a poor optimum: fixed-steps tiny lr picks it, fixed time does not", () => {
    const p = small(separationRecipes(), 32);
    const names = p.recipes.map((r) => r.name);
    const amp = names.indexOf("amplified");
    const align = p.recipes.map((r) => taylorTerms(r, p.val).a);
    expect(align.indexOf(Math.max(...align))).toBe(amp);
    const opt = p.recipes.map((r) => optimalFlowLoss(r, p.val).loss);
    expect(opt[amp]).toBeGreaterThan(Math.min(...opt));
    const fixedSteps = p.recipes.map((r) => gdLoss(r, p.val, 1e-4, 100).loss);
    const fixedTime = p.recipes.map((r) => gdLoss(r, p.val, 1e-3, 1e7).loss);
    expect(fixedSteps.indexOf(Math.min(...fixedSteps))).toBe(amp);
    expect(fixedTime.indexOf(Math.min(...fixedTime))).toBe(opt.indexOf(Math.min(...opt)));
  });
});
