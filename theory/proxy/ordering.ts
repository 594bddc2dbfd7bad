/**
 * Agreement of a proxy ranking of recipes with the target ranking: Spearman ρ
 * (Pearson correlation of average ranks), Kendall τ-b, pairwise accuracy (the share of recipe pairs
 * ordered as by the target; "decision accuracy" in DataDecide's terms), and top-k decision regret
 *   regret@k = min_{i ∈ top-k by proxy} L_tgt(i) − min_i L_tgt(i).
 * Diverged runs carry loss +∞: they rank last (tied), and are never dropped (dropping would change n).
 * Wang et al., arXiv 2512.24503 (Spearman and top-k decision regret are the paper's metrics; the regret
 * formula is this toolkit's reconstruction).
 */
import { kendall, spearman } from "../../src/core/stats";
import { ParameterError, requireInteger } from "../../src/core/validate";
import { requireArrayLike } from "../../src/core/validateShape";

function check(proxy: ArrayLike<number>, target: ArrayLike<number>): void {
  requireArrayLike("proxy", proxy);
  requireArrayLike("target", target);
  if (proxy.length !== target.length) throw new ParameterError("proxy.length", proxy.length, `equal to target.length = ${target.length}`);
  if (proxy.length < 2) throw new ParameterError("recipes", proxy.length, "≥ 2");
  for (let i = 0; i < proxy.length; i++) {
    if (Number.isNaN(proxy[i]) || proxy[i] === -Infinity) throw new ParameterError(`proxy[${i}]`, proxy[i], "a loss (finite, or +Infinity for a diverged run)");
    if (!Number.isFinite(target[i])) throw new ParameterError(`target[${i}]`, target[i], "finite");
  }
}

/** A target whose losses all tie carries no ranking: every agreement metric with it is undefined. */
function checkTargetRanks(target: ArrayLike<number>): void {
  for (let i = 1; i < target.length; i++) if (target[i] !== target[0]) return;
  throw new ParameterError("target", `${target.length} equal losses (${target[0]})`, "at least two distinct losses (all targets tie: the agreement is undefined)");
}

/**
 * Share of recipe pairs (with distinct target losses) that the proxy orders like the target; a proxy tie
 * counts ½. Undefined (a ParameterError naming `target`) when every target loss ties.
 */
export function pairwiseAccuracy(proxy: ArrayLike<number>, target: ArrayLike<number>): number {
  check(proxy, target);
  checkTargetRanks(target);
  let agree = 0;
  let total = 0;
  for (let i = 0; i < proxy.length; i++) {
    for (let j = i + 1; j < proxy.length; j++) {
      if (target[i] === target[j]) continue;
      total++;
      const t = target[i] < target[j];
      if (proxy[i] === proxy[j]) agree += 0.5;
      else if (proxy[i] < proxy[j] === t) agree += 1;
    }
  }
  return agree / total;
}

/**
 * regret@k = min_{i ∈ top-k by proxy} L_tgt(i) − min_i L_tgt(i). Ties in the proxy at the k-th place are
 * broken pessimistically (the tied recipe with the worse target loss is taken first), so that a set of
 * diverged runs never looks informative.
 */
export function topKRegret(proxy: ArrayLike<number>, target: ArrayLike<number>, k = 1): number {
  check(proxy, target);
  requireInteger("k", k, { min: 1, max: proxy.length });
  const idx = Array.from({ length: proxy.length }, (_, i) => i).sort((a, b) =>
    proxy[a] < proxy[b] ? -1 : proxy[a] > proxy[b] ? 1 : target[b] - target[a],
  );
  let best = Infinity;
  let bestAll = Infinity;
  for (let i = 0; i < idx.length; i++) {
    if (i < k) best = Math.min(best, target[idx[i]]);
    bestAll = Math.min(bestAll, target[i]);
  }
  return best - bestAll;
}

/** Every agreement metric of a proxy ranking against a target ranking. */
export interface Agreement {
  spearman: number;
  kendall: number;
  pairwise: number;
  /** regret@k in target-loss units */
  regret: number;
  k: number;
  /** number of diverged (+∞) proxy runs */
  diverged: number;
}

/**
 * Spearman, Kendall, pairwise accuracy and regret@k (default k = 1) of `proxy` against `target` (lower =
 * better). A constant target is refused (ParameterError naming `target`): no ranking to agree with.
 */
export function rankAgreement(proxy: ArrayLike<number>, target: ArrayLike<number>, k = 1): Agreement {
  check(proxy, target);
  checkTargetRanks(target);
  let diverged = 0;
  for (let i = 0; i < proxy.length; i++) if (proxy[i] === Infinity) diverged++;
  const allTied = Array.from(proxy).every((v) => v === proxy[0]);
  return {
    // a constant proxy (e.g. every run diverged) carries no ranking: ρ = τ = 0 by convention
    spearman: allTied ? 0 : spearman(proxy, target),
    kendall: allTied ? 0 : kendall(proxy, target),
    pairwise: pairwiseAccuracy(proxy, target),
    regret: topKRegret(proxy, target, k),
    k,
    diverged,
  };
}

/** regret@k for every k = 1…n. */
export function regretCurve(proxy: ArrayLike<number>, target: ArrayLike<number>): number[] {
  check(proxy, target);
  return Array.from({ length: proxy.length }, (_, i) => topKRegret(proxy, target, i + 1));
}
