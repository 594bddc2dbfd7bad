/**
 * Skill distributions of the k-fold composition toy (Wang, Dang, Lee, Lyu, "The Power of Power Law:
 * Asymmetry Enables Compositional Reasoning", arXiv 2604.22951):
 * uniform p_i = 1/d, Zipf p_{π(i)} ∝ i^{−α} over a seeded random rank permutation π (this toolkit's
 * default; the paper ranks relations at random), and a power law over coarse rank bins (the
 * "granularity" ablation). Sampling uses Walker's alias method (O(1) per draw).
 */
import { Rng } from "../../src/core/rng";
import { zeta } from "../../src/core/special";
import { requireInteger, requireNumber, requireOneOf } from "../../src/core/validate";
import { requireSkillDistribution } from "./checkModel";

/** How ranks are assigned to skill ids: a seeded random permutation (default), identity (rank i = skill i), or reverse. */
export type RankOrder = "random" | "identity" | "reverse";
export const RANK_ORDERS: readonly RankOrder[] = ["random", "identity", "reverse"];

/** A distribution over d skills: `p[skill]`, and `rank[i]` = the skill id of rank i (rank 0 is the most frequent). */
export interface SkillDistribution {
  kind: "uniform" | "zipf" | "binned-zipf";
  d: number;
  /** exponent α (0 for uniform) */
  alpha: number;
  /** probability of each skill id (sums to 1) */
  p: Float64Array;
  /** rank → skill id (a permutation of 0…d−1; rank 0 has the largest mass) */
  rank: Uint32Array;
  /** number of coarse bins for `binned-zipf` */
  bins?: number;
}

function rankPermutation(d: number, order: RankOrder, seed: number): Uint32Array {
  if (order === "random") return new Rng(seed, 0x5c111).permutation(d);
  const r = new Uint32Array(d);
  for (let i = 0; i < d; i++) r[i] = order === "identity" ? i : d - 1 - i;
  return r;
}

/** Uniform skills p_i = 1/d (d ≥ 1). */
export function uniformSkills(d: number): SkillDistribution {
  requireInteger("d", d, { min: 1 });
  const p = new Float64Array(d).fill(1 / d);
  const rank = new Uint32Array(d);
  for (let i = 0; i < d; i++) rank[i] = i;
  return { kind: "uniform", d, alpha: 0, p, rank };
}

/** Zipf skills: p(skill rank[i]) = (i+1)^{−α} / Σ_j j^{−α}, ranks from a seeded permutation (α ≥ 0; α = 0 is uniform). */
export function zipfSkills(d: number, alpha: number, opts: { seed?: number; order?: RankOrder } = {}): SkillDistribution {
  requireInteger("d", d, { min: 1 });
  requireNumber("alpha", alpha, { min: 0 });
  const order = requireOneOf("order", opts.order ?? "random", RANK_ORDERS);
  const seed = requireInteger("seed", opts.seed ?? 0, { min: 0 });
  if (alpha === 0) return uniformSkills(d);
  const rank = rankPermutation(d, order, seed);
  const w = new Float64Array(d);
  let z = 0;
  for (let i = d - 1; i >= 0; i--) z += (w[i] = Math.pow(i + 1, -alpha)); // small terms first
  const p = new Float64Array(d);
  for (let i = 0; i < d; i++) p[rank[i]] = w[i] / z;
  return { kind: "zipf", d, alpha, p, rank };
}

/**
 * Power law over coarse bins: ranks split into `bins` contiguous groups of (nearly) equal size, each
 * group's total mass ∝ (mean Zipf mass of the group), spread uniformly inside the group — the coarse
 * asymmetry of the paper's "granularity" ablation (the bin definition is this toolkit's default).
 */
export function binnedZipfSkills(d: number, alpha: number, bins: number, opts: { seed?: number; order?: RankOrder } = {}): SkillDistribution {
  requireInteger("bins", bins, { min: 1, max: d });
  const fine = zipfSkills(d, alpha, opts);
  const p = new Float64Array(d);
  for (let b = 0; b < bins; b++) {
    const lo = Math.floor((b * d) / bins);
    const hi = Math.floor(((b + 1) * d) / bins);
    let m = 0;
    for (let i = lo; i < hi; i++) m += fine.p[fine.rank[i]];
    for (let i = lo; i < hi; i++) p[fine.rank[i]] = m / (hi - lo);
  }
  return { kind: "binned-zipf", d, alpha, p, rank: fine.rank, bins };
}

/** Summary statistics of a skill distribution (this toolkit's reference statistics, derived here). */
export interface SkillStats {
  d: number;
  alpha: number;
  /** largest probability p₁ */
  p1: number;
  /** smallest probability p_min */
  pMin: number;
  /** Σ p_i² (= Var A(w₀)/r²) */
  sumP2: number;
  /** √Σp_i², the standard deviation of A(w₀)/r */
  sdA0OverR: number;
  /** mass of the 10 most frequent skills */
  top10: number;
  /** d → ∞ limit of Σp² (ζ(2α)/ζ(α)² for α > 1; 0 for α ≤ 1) */
  sumP2Limit: number;
}

/** p₁, p_min, Σp², √Σp², top-10 mass and the ζ-limit of Σp². */
export function skillStats(dist: SkillDistribution): SkillStats {
  requireSkillDistribution("dist", dist);
  const sorted = Float64Array.from(dist.p).sort().reverse();
  let s2 = 0;
  for (const x of sorted) s2 += x * x;
  let top = 0;
  for (let i = 0; i < Math.min(10, sorted.length); i++) top += sorted[i];
  return {
    d: dist.d,
    alpha: dist.alpha,
    p1: sorted[0],
    pMin: sorted[sorted.length - 1],
    sumP2: s2,
    sdA0OverR: Math.sqrt(s2),
    top10: top,
    sumP2Limit: sumP2Limit(dist.alpha),
  };
}

/** lim_{d→∞} Σ p_i² for Zipf(α): ζ(2α)/ζ(α)² when α > 1, else 0 (the paper's initial-alignment argument). */
export function sumP2Limit(alpha: number): number {
  requireNumber("alpha", alpha, { min: 0 });
  return alpha > 1 ? zeta(2 * alpha) / zeta(alpha) ** 2 : 0;
}

/**
 * Log-spaced rank bins: `n` contiguous groups of ranks [lo, hi) with geometrically growing sizes
 * (first bin = rank 0 … ), covering 0…d−1; fewer bins if d is too small.
 */
export function logRankBins(d: number, n: number): Array<{ lo: number; hi: number }> {
  requireInteger("d", d, { min: 1 });
  requireInteger("bins", n, { min: 1 });
  const edges = new Set<number>([0, d]);
  for (let b = 1; b < n; b++) edges.add(Math.min(d, Math.max(1, Math.round(Math.exp((Math.log(d) * b) / n)))));
  const e = [...edges].sort((a, b) => a - b);
  const out: Array<{ lo: number; hi: number }> = [];
  for (let i = 0; i + 1 < e.length; i++) if (e[i + 1] > e[i]) out.push({ lo: e[i], hi: e[i + 1] });
  return out;
}
