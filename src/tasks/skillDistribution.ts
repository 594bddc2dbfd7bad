/**
 * Skill distributions for training the transformer tasks (Wang, Dang, Lee, Lyu, arXiv 2604.22951): uniform p_i = 1/d, or a
 * power law p(skill π(i)) ∝ (i+1)^{−α} over one seeded random ranking π of the skills (this
 * toolkit's default; the paper ranks skills at random). Each slot of a problem draws its skill i.i.d.
 * from p; held-out test sets are always uniform.
 *
 * The distributions themselves are those of the skills theory (`theory/skills/distributions.ts`,
 * reused, not duplicated); this module turns one into a sampler (Walker alias table, O(1) per draw)
 * and adds arbitrary categorical weights (recipe mixtures) and rank bins for per-bin metrics.
 */
import type { Rng } from "../core/rng";
import { ParameterError, requireInteger, requireNumber, requireOneOf } from "../core/validate";
import { aliasSample, aliasTable, type AliasTable } from "../core/sampling";
import {
  binnedZipfSkills,
  logRankBins,
  uniformSkills,
  zipfSkills,
  type RankOrder,
  type SkillDistribution,
} from "../../theory/skills/distributions";

/** A distribution over skill ids 0..d−1 that can be sampled. */
export interface SkillSampler {
  readonly d: number;
  /** probability of each skill id */
  readonly p: Float64Array;
  /** rank → skill id (rank 0 is the most frequent) */
  readonly rank: Uint32Array;
  /** power-law exponent α (0 for uniform; NaN for arbitrary weights) */
  readonly alpha: number;
  /** one i.i.d. draw */
  sample(rng: Rng): number;
}

function fromTable(d: number, p: Float64Array, rank: Uint32Array, alpha: number): SkillSampler {
  const table: AliasTable = aliasTable(p);
  return { d, p, rank, alpha, sample: (rng: Rng) => aliasSample(table, rng) };
}

/** A sampler for a distribution of the skills theory (uniform, Zipf, binned Zipf). */
export function skillSampler(dist: SkillDistribution): SkillSampler {
  return fromTable(dist.d, dist.p, dist.rank, dist.alpha);
}

/** Uniform over d skills (the test distribution). */
export function uniformSkillSampler(d: number): SkillSampler {
  return skillSampler(uniformSkills(d));
}

/**
 * The training distribution of a task with d skills: uniform for α = 0, else p(skill rank[i]) ∝
 * (i+1)^{−α} with `rank` a random permutation seeded by `rankSeed` (or identity / reverse order), or,
 * with `bins`, the coarse power law over that many rank bins.
 */
export function trainingSkills(
  d: number,
  alpha: number,
  opts: { rankSeed?: number; order?: RankOrder; bins?: number } = {},
): SkillSampler {
  requireInteger("d", d, { min: 1 });
  requireNumber("alpha", alpha, { min: 0 });
  const seed = requireInteger("rankSeed", opts.rankSeed ?? 0, { min: 0 });
  const order = opts.order ?? "random";
  if (opts.bins !== undefined) return skillSampler(binnedZipfSkills(d, alpha, opts.bins, { seed, order }));
  return skillSampler(zipfSkills(d, alpha, { seed, order }));
}

/** Arbitrary non-negative weights (normalised), e.g. the domain weights of a data recipe; rank by decreasing weight. */
export function weightedSkills(weights: ArrayLike<number>): SkillSampler {
  const d = weights.length;
  if (d === 0) throw new ParameterError("weights.length", 0, "≥ 1");
  let total = 0;
  for (let i = 0; i < d; i++) total += requireNumber(`weights[${i}]`, weights[i], { min: 0 });
  if (!(total > 0)) throw new ParameterError("sum(weights)", total, "> 0");
  const p = new Float64Array(d);
  for (let i = 0; i < d; i++) p[i] = weights[i] / total;
  const rank = Uint32Array.from(Array.from({ length: d }, (_, i) => i).sort((a, b) => p[b] - p[a] || a - b));
  return fromTable(d, p, rank, NaN);
}

/**
 * The rank bin of every skill: `bin[skill]` ∈ 0..nBins−1, bins contiguous in rank (bin 0 = head).
 * "equal": nBins groups of (nearly) equal size (e.g. S5: 6 bins of 20); "log": geometrically growing
 * sizes (fewer bins if d is small).
 */
export function skillBins(sampler: SkillSampler, nBins: number, mode: "equal" | "log" = "equal"): Int32Array {
  requireInteger("nBins", nBins, { min: 1, max: sampler.d });
  requireOneOf("mode", mode, ["equal", "log"] as const);
  const d = sampler.d;
  const bin = new Int32Array(d);
  const ranges =
    mode === "log"
      ? logRankBins(d, nBins)
      : Array.from({ length: nBins }, (_, b) => ({ lo: Math.floor((b * d) / nBins), hi: Math.floor(((b + 1) * d) / nBins) }));
  ranges.forEach(({ lo, hi }, b) => {
    for (let i = lo; i < hi; i++) bin[sampler.rank[i]] = b;
  });
  return bin;
}

/** Uniform over a subset of the d skills (e.g. one rank bin, for conditional test sets or head/tail contexts). */
export function uniformOver(d: number, ids: ArrayLike<number>): SkillSampler {
  requireInteger("d", d, { min: 1 });
  const w = new Float64Array(d);
  for (let i = 0; i < ids.length; i++) {
    requireInteger(`ids[${i}]`, ids[i], { min: 0, max: d - 1 });
    w[ids[i]] = 1;
  }
  return weightedSkills(w);
}
