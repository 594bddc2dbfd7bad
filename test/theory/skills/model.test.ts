import { describe, expect, it } from "vitest";
import { Rng } from "../../../src/core/rng";
import { aliasSample, aliasTable } from "../../../src/core/sampling";
import { binnedZipfSkills, logRankBins, skillStats, sumP2Limit, uniformSkills, zipfSkills } from "../../../theory/skills/distributions";
import {
  alignment,
  gaussianInit,
  gradient,
  hessianAtOptimum,
  hessianTopEigenvalue,
  loss,
  requireStableEta,
  sampleGradient,
  sampleLoss,
  skillModel,
  signAccuracy,
  gdStabilityLimit,
  uniformTestLoss,
  weightedNorm,
} from "../../../theory/skills/model";
import { csqCorrelation, csqCorrelationMonteCarlo, greedyPacking, logPackingSize, powerLawAdvantage, randomPacking, uniformSampleComplexity } from "../../../theory/skills/statisticalQuery";
import { escapeCondition, initialAlignmentVariance } from "../../../theory/skills/initialAlignment";

describe("skill distributions", () => {
  it("Zipf masses sum to 1, follow i^−α over the rank, and the rank is a seeded permutation", () => {
    const z = zipfSkills(500, 1.5, { seed: 4 });
    expect(z.p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(z.p[z.rank[0]] / z.p[z.rank[9]]).toBeCloseTo(10 ** 1.5, 10);
    expect(new Set(z.rank).size).toBe(500);
    expect(Array.from(zipfSkills(500, 1.5, { seed: 4 }).rank)).toEqual(Array.from(z.rank));
    expect(Array.from(zipfSkills(500, 1.5, { seed: 5 }).rank)).not.toEqual(Array.from(z.rank));
    expect(Array.from(zipfSkills(5, 1, { order: "reverse" }).rank)).toEqual([4, 3, 2, 1, 0]);
  });
  it("uniform, binned power law and the ζ-limit", () => {
    expect(skillStats(uniformSkills(120)).sumP2).toBeCloseTo(1 / 120, 14);
    const b = binnedZipfSkills(120, 1.5, 6, { seed: 1 });
    expect(b.p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(new Set(Array.from(b.p, (x) => x.toPrecision(12))).size).toBe(6);
    expect(sumP2Limit(2)).toBeCloseTo(0.4, 3); // ζ(4)/ζ(2)² = (π⁴/90)/(π⁴/36) = 0.4
    expect(sumP2Limit(1)).toBe(0);
  });
  it("log rank bins cover 0…d−1 without gaps", () => {
    const bins = logRankBins(1000, 5);
    expect(bins[0].lo).toBe(0);
    expect(bins[bins.length - 1].hi).toBe(1000);
    bins.forEach((b, i) => i > 0 && expect(b.lo).toBe(bins[i - 1].hi));
  });
  it("the alias sampler draws with the right frequencies (χ² within its 99.9% quantile)", () => {
    const p = zipfSkills(20, 1.2, { seed: 2 }).p;
    const t = aliasTable(p);
    const rng = new Rng(9);
    const n = 200000;
    const c = new Float64Array(20);
    for (let s = 0; s < n; s++) c[aliasSample(t, rng)]++;
    let chi2 = 0;
    for (let i = 0; i < 20; i++) chi2 += (c[i] - n * p[i]) ** 2 / (n * p[i]);
    expect(chi2).toBeLessThan(43.8); // χ²₁₉ 99.9% quantile
  });
  it("rejects α < 0, d < 1, bins > d", () => {
    expect(() => zipfSkills(10, -1)).toThrow(/alpha = -1: must be/);
    expect(() => zipfSkills(0, 1)).toThrow(/d = 0/);
    expect(() => binnedZipfSkills(10, 1, 11)).toThrow(/bins = 11/);
  });
});

describe("the k-fold composition toy", () => {
  const mk = (k: number, alpha: number, d = 30) => skillModel(k, zipfSkills(d, alpha, { seed: 7 }), { seed: 7 });

  it("L(w) = ½(B^k − 2A^k + 1) equals the exact expectation over all k-tuples (d = 6, k = 3)", () => {
    const m = mk(3, 1.2, 6);
    const w = Float64Array.from([0.3, -1.1, 0.7, 0.2, -0.4, 0.9]);
    let e = 0;
    for (let a = 0; a < 6; a++) for (let b = 0; b < 6; b++) for (let c = 0; c < 6; c++) e += m.p[a] * m.p[b] * m.p[c] * sampleLoss(m, w, [a, b, c]);
    expect(loss(m, w)).toBeCloseTo(e, 13);
  });
  it("E over all k-tuples of the per-sample gradient is ∇L exactly (d = 5, k = 3, repeated indices included)", () => {
    const m = mk(3, 1.5, 5);
    const w = Float64Array.from([0.5, -0.2, 1.3, 0.8, -0.6]);
    const acc = new Float64Array(5);
    const g = new Float64Array(5);
    for (let a = 0; a < 5; a++) for (let b = 0; b < 5; b++) for (let c = 0; c < 5; c++) {
      sampleGradient(m, w, [a, b, c], g);
      for (let i = 0; i < 5; i++) acc[i] += m.p[a] * m.p[b] * m.p[c] * g[i];
    }
    const exact = gradient(m, w);
    for (let i = 0; i < 5; i++) expect(acc[i]).toBeCloseTo(exact[i], 13);
  });
  it("loss is 0 at ±w⋆ for even k, at w⋆ only for odd k; ½ at w = 0", () => {
    const m4 = mk(4, 1.5);
    const m3 = mk(3, 1.5);
    expect(loss(m4, m4.wstar)).toBeCloseTo(0, 14);
    expect(loss(m4, m4.wstar.map((x) => -x))).toBeCloseTo(0, 14);
    expect(loss(m3, m3.wstar.map((x) => -x))).toBeCloseTo(2, 14);
    expect(loss(m4, new Float64Array(30))).toBe(0.5);
    expect(uniformTestLoss(m4, m4.wstar)).toBeCloseTo(0, 14);
    expect(signAccuracy(m4, m4.wstar.map((x) => -x))).toBe(1);
    expect(signAccuracy(m3, m3.wstar.map((x) => -x))).toBe(0);
  });
  it("the Hessian at w⋆ equals finite differences of ∇L, and λ_max from the secular equation equals the dense top eigenvalue", () => {
    const m = mk(4, 1.5, 12);
    const H = hessianAtOptimum(m);
    const h = 1e-6;
    for (const j of [0, 5, 11]) {
      const wp = Float64Array.from(m.wstar);
      const wm = Float64Array.from(m.wstar);
      wp[j] += h;
      wm[j] -= h;
      const gp = gradient(m, wp);
      const gm = gradient(m, wm);
      for (let i = 0; i < 12; i++) expect((gp[i] - gm[i]) / (2 * h)).toBeCloseTo(H[i][j], 7);
    }
    // power iteration
    let v = new Float64Array(12).fill(1);
    let mu = 0;
    for (let it = 0; it < 5000; it++) {
      const u = H.map((row) => row.reduce((s, x, j) => s + x * v[j], 0));
      mu = Math.hypot(...u);
      v = Float64Array.from(u, (x) => x / mu);
    }
    expect(hessianTopEigenvalue(m)).toBeCloseTo(mu, 10);
    expect(gdStabilityLimit(mk(6, 0, 256))).toBeCloseTo((2 * 256) / 36, 10);
  });
  it("Var A(w₀) = r²Σp² and E B(w₀) = r² (Monte Carlo within 4 standard errors)", () => {
    const m = mk(4, 1.5, 200);
    const n = 4000;
    let s2 = 0;
    let s4 = 0;
    let b = 0;
    for (let s = 0; s < n; s++) {
      const w = gaussianInit(200, 0.5, s);
      const a = alignment(m, w);
      s2 += a * a;
      s4 += a ** 4;
      b += weightedNorm(m, w);
    }
    const v = s2 / n;
    expect(Math.abs(v - initialAlignmentVariance(m.p, 0.5))).toBeLessThan(4 * Math.sqrt((s4 / n - v * v) / n));
    expect(b / n).toBeCloseTo(0.25, 2);
  });
  it("bad input: k < 2, d < k, η ≤ 0 or beyond the stability limit", () => {
    expect(() => skillModel(1, zipfSkills(10, 1))).toThrow(/k = 1: must be/);
    expect(() => skillModel(6, zipfSkills(4, 1))).toThrow(/d = 4: must be ≥ k = 6/);
    const m = mk(4, 0, 100);
    expect(() => requireStableEta(m, 0)).toThrow(/eta = 0/);
    expect(() => requireStableEta(m, 13)).toThrow(/stability limit/);
    expect(requireStableEta(m, 12)).toBe(12);
    expect(() => gaussianInit(10, 0, 1)).toThrow(/r = 0/);
  });
});

describe("statistical-query view and the escape condition", () => {
  it("⟨f_{w1}, f_{w2}⟩ = (w1·w2/d)^k equals the exact uniform expectation over all k-tuples (d = 5, k = 3)", () => {
    const w1 = [1, -1, 1, 1, -1];
    const w2 = [1, 1, -1, 1, -1];
    let e = 0;
    for (let a = 0; a < 5; a++) for (let b = 0; b < 5; b++) for (let c = 0; c < 5; c++) e += (w1[a] * w1[b] * w1[c] * w2[a] * w2[b] * w2[c]) / 125;
    expect(csqCorrelation(w1, w2, 3)).toBeCloseTo(e, 14);
  });
  it("a random packing of exp(ε²d/4) sign vectors has all overlaps ≤ ε (Hoeffding + union bound)", () => {
    const d = 400;
    const eps = 0.3;
    const M = Math.floor(Math.exp(logPackingSize(d, eps)));
    expect(M).toBeGreaterThan(2);
    expect(randomPacking(d, Math.min(M, 200), 3).maxOverlap).toBeLessThanOrEqual(eps);
  });
  it("a greedy packing keeps only vectors within ε of every kept one (checked pair by pair), and rejects when ε is tight", () => {
    const g = greedyPacking(64, 40, 0.3, 5);
    expect(g.complete).toBe(true);
    let max = 0;
    for (let a = 0; a < g.vectors.length; a++)
      for (let b = a + 1; b < g.vectors.length; b++) {
        let s = 0;
        for (let i = 0; i < 64; i++) s += g.vectors[a][i] * g.vectors[b][i];
        max = Math.max(max, Math.abs(s) / 64);
      }
    expect(max).toBeLessThanOrEqual(0.3);
    expect(g.maxOverlap).toBe(max);
    // at d = 64 an overlap ≤ 0.05 means |w·v| ≤ 3.2, i.e. |w·v| ∈ {0, 2}: most random pairs fail, so candidates exceed the kept
    const tight = greedyPacking(64, 20, 0.05, 5, 2000);
    expect(tight.candidates).toBeGreaterThan(tight.vectors.length);
    expect(() => greedyPacking(64, 20, 0, 5)).toThrow(/eps/);
  });
  it("the Monte Carlo correlation over uniform inputs matches (w1·w2/d)^k within 3 standard errors", () => {
    const rng = new Rng(9, 1);
    const w1 = Float64Array.from({ length: 50 }, () => rng.sign());
    const w2 = Float64Array.from(w1, (x, i) => (i < 8 ? -x : x)); // overlap 0.68
    for (const k of [2, 4, 6]) {
      const mc = csqCorrelationMonteCarlo(w1, w2, k, 200000, k);
      expect(Math.abs(mc.mean - csqCorrelation(w1, w2, k)) / mc.se).toBeLessThan(3);
    }
    // a wrong exponent is detected: (0.68)^4 vs (0.68)^2 differ by ≫ 3 se
    const mc4 = csqCorrelationMonteCarlo(w1, w2, 4, 200000, 4);
    expect(Math.abs(mc4.mean - csqCorrelation(w1, w2, 2)) / mc4.se).toBeGreaterThan(10);
  });
  it("rates: d^{k/2} uniform; the power law beats it iff k > 4α", () => {
    expect(uniformSampleComplexity(100, 6)).toBeCloseTo(1e6, 6);
    expect(powerLawAdvantage(8, 1.5).advantage).toBe(true);
    expect(powerLawAdvantage(6, 1.5).advantage).toBe(false);
  });
  it("escape condition |c|^{k−2} > B^{k/2}: the sign of dA/dt of the uniform ODE", () => {
    for (const [A, B] of [[0.1, 0.25], [0.3, 0.2], [0.02, 0.01], [0.5, 0.9]]) {
      const grow = A ** 3 - B ** 3 * A > 0; // k = 4: dA ∝ A^{k−1} − B^{k−1}A
      expect(escapeCondition(4, A, B).escapes).toBe(grow);
    }
    expect(escapeCondition(3, -0.3, 0.2).escapes).toBe(false);
  });
});

describe("data/reference/skills.json", () => {
  it("the d = 120 statistics table in the reference file is the one the distribution claim checks", async () => {
    const ref = JSON.parse(require("node:fs").readFileSync(require("node:path").resolve(__dirname, "../../../data/reference/skills.json"), "utf8"));
    const { ZIPF_STATS_D120 } = await import("../../../src/skills/claims");
    const rows = ref.derived_here.spec_table_d120.rows;
    expect(rows.map((r: { alpha: number }) => r.alpha)).toEqual(ZIPF_STATS_D120.map((r) => r.alpha));
    rows.forEach((r: { sum_p2: number; p1: number }, i: number) => {
      expect(r.sum_p2).toBe(ZIPF_STATS_D120[i].sumP2);
      expect(r.p1).toBe(ZIPF_STATS_D120[i].p1);
    });
    expect(ref.paper.arxiv).toBe("2604.22951");
  });
});
