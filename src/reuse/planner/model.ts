/**
 * The planner's model of a training run: the Zipf one-hot model of Yan et al. ("Larger Datasets Can
 * Be Repeated More", arXiv 2511.13421, Section 5; this toolkit's reconstruction in theory/reuse/zipf.ts)
 * seen through an affine loss scale and a token unit:
 *
 *   L(K, N) = L∞ + A · R̄(K, N/c; η),   R̄(K,n;η) = ½ Σ_i p_i Λ_i [1 − p_i(1 − (1 − ηΛ_i)^{2K})]^n,
 *   p_i ∝ i^{−(a−b)}, Λ_i = i^{−b}, i ≤ d,
 *
 * N in the user's token unit, c user tokens per model sample, A the loss per unit of squared-error
 * risk (the loss may be cross-entropy: only the shape of the risk is used), L∞ the loss no amount of
 * data removes. One pass over t fresh tokens is K = 1, N = t.
 *
 * Mapping (tokens → samples → steps): a sample of the theory is one draw of a "token" i (one unit of
 * knowledge) followed by one SGD step at learning rate η ≤ 1 (the theory's optimum is η = 1); c
 * converts the user's tokens to those draws. E(K,N) = N′/N with R̄(1, N′/c; η) = R̄(K, N/c; η) — both
 * sides at the same η, as in a study where every run uses one learning rate — is a ratio of sample
 * counts, so it does not depend on the user's unit, only on n = N/c, a, b and η. The K-epoch loss is
 * the one-pass curve at E·N tokens: L(K,N) = L(1, E(K,N)·N).
 *
 * Identifiability (derived here): for items with ηΛ_i ≪ 1 the one-pass factor is
 * 1 − p_i(2ηΛ_i − η²Λ_i²) ≈ exp(−2η i^{−a}/Z), so the one-pass curve depends on a and on the time
 * scale c·Z/η (Z = Σ i^{−(a−b)}), not on how i^{−a} splits into rarity p_i and difficulty Λ_i nor on
 * η: b enters only through Z and η only through the time scale (both absorbed by c), plus
 * η²Λ_i² corrections of the first few items. A one-pass curve therefore identifies L∞, a (its
 * power-law exponent is (a−1)/a), and — when it covers the bend at small t — A and c·Z/η; it does not
 * identify b nor η, which set the whole reuse curve (ηΛ_i = 1 for every item: one visit learns it,
 * E = 1; ηΛ_i ≪ 1: repetition is nearly as good as fresh data until KηΛ_i ≈ 1). The planner writes
 * b = β·(a − 1), β ∈ (0, 1) (a − b > 1 keeps Z finite as d grows), and takes β and η from
 * multi-epoch runs when given (`calibrate.ts`), else from the user or documented defaults
 * (`DEFAULT_BETA`, `DEFAULT_ETA`) with the interval spanning their default ranges.
 *
 * Why only this model: of theory/reuse's models it is the one with an exact K-epoch risk for every K
 * (the linear-regression problems of Sections 3–4 have an exact one-pass risk, but their multi-epoch
 * risk needs Monte Carlo), so it is the one a fit can invert for E(K,N) in milliseconds.
 */
import { findRootLog } from "../../core/optimize";
import { ParameterError, requireInteger, requireNumber } from "../../core/validate";

/** Parameters of the planner's model (see the module comment). */
export interface PlannerParams {
  /** exponent of p_iΛ_i ∝ i^{−a}; the one-pass loss falls like t^{−(a−1)/a} */
  a: number;
  /** β = b/(a − 1) ∈ (0, 1): the share of a − 1 that is per-visit difficulty Λ_i = i^{−b} */
  beta: number;
  /** per-visit learning rate η ∈ (0, 1] (the theory's η; 1 is its optimum) */
  eta: number;
  /** tokens (user units) per model sample */
  c: number;
  /** loss per unit of risk */
  A: number;
  /** irreducible loss L∞ */
  Linf: number;
  /** number of distinct items of the Zipf model */
  d: number;
}

/** Default β when neither multi-epoch runs nor the user give it: the middle of (0, 1) (this toolkit's documented default, not fitted). */
export const DEFAULT_BETA = 0.5;
/**
 * Default η without runs: 10^−1.5 ≈ 0.032, the geometric middle of the range [10^−3, 1] the planner
 * considers (this toolkit's documented default, not fitted). Not the theory's η* = 1: at η = 1 one
 * visit learns the most frequent item, so the bend of the one-pass curve would be a single sample —
 * a network needs many steps for it.
 */
export const DEFAULT_ETA = 10 ** -1.5;
/** η range without runs (the interval's corners): from one visit learning 1/1000 of the top item to all of it. */
export const DEFAULT_ETA_RANGE: [number, number] = [1e-3, 1];
/**
 * Default d: items of the Zipf model, 2^20 — enough that the last half of them holds a negligible
 * share of the risk for curves of several decades (`tailShare`), so the fit sees a power law and not
 * the finite vocabulary's floor. Items beyond EXACT_ITEMS are summed in groups (see `itemGrid`).
 */
export const DEFAULT_D = 2 ** 20;
/** Items summed one by one; beyond them, groups of consecutive items spanning 1% in i (BIN_RATIO). */
export const EXACT_ITEMS = 1024;
export const BIN_RATIO = 1.01;

/** b of the parameters: β(a − 1). */
export const exponentB = (p: Pick<PlannerParams, "a" | "beta">): number => p.beta * (p.a - 1);

const grids = new Map<number, { index: Float64Array; count: Float64Array }>();
/**
 * The items of a d-item model as (index, count): items 1…EXACT_ITEMS one by one, then consecutive
 * items in groups [lo, hi] with hi ≈ 1.01·lo, each represented by its midpoint (lo + hi)/2 with count
 * hi − lo + 1. Every item of a group shares one p_i, Λ_i to relative accuracy ≈ a·0.5% at the group's
 * edge and ≈ 10⁻⁵ on the group's sum (midpoint rule), so the risk is the d-item Zipf risk to ≈ 10⁻⁴
 * relative (the tests compare with theory/reuse/zipf.ts) at a cost of EXACT_ITEMS + ln(d/EXACT_ITEMS)/ln 1.01
 * terms (≈ 1 700 for d = 2^20) instead of d.
 */
export function itemGrid(d: number): { index: Float64Array; count: Float64Array } {
  let g = grids.get(d);
  if (!g) {
    const index: number[] = [];
    const count: number[] = [];
    for (let i = 1; i <= Math.min(d, EXACT_ITEMS); i++) (index.push(i), count.push(1));
    for (let lo = EXACT_ITEMS + 1; lo <= d; ) {
      const hi = Math.min(d, Math.max(lo, Math.floor(lo * BIN_RATIO)));
      index.push(0.5 * (lo + hi));
      count.push(hi - lo + 1);
      lo = hi + 1;
    }
    g = { index: Float64Array.from(index), count: Float64Array.from(count) };
    grids.set(d, g);
  }
  return g;
}

/** Check the parameters (names the bad one). */
export function requirePlannerParams(p: PlannerParams): PlannerParams {
  requireNumber("a", p.a, { gt: 1 });
  requireNumber("beta", p.beta, { gt: 0, lt: 1 });
  requireNumber("eta", p.eta, { gt: 0, max: 1 });
  requireNumber("c", p.c, { gt: 0 });
  requireNumber("A", p.A, { gt: 0 });
  requireNumber("Linf", p.Linf, { min: 0 });
  requireInteger("d", p.d, { min: 2 });
  return p;
}

const keeps = new Map<string, { w: Float64Array; L: Float64Array }>();
/**
 * The risk's terms for (a, β, d, η, K) on the item grid: weights ½·count·p_iΛ_i and
 * ln(1 − p_i(1 − (1 − ηΛ_i)^{2K})), p_i = i^{−(a−b)}/Z, Λ_i = i^{−b}, Z = Σ count·i^{−(a−b)}; memoised.
 */
function terms(p: Pick<PlannerParams, "a" | "beta" | "d" | "eta">, K: number): { w: Float64Array; L: Float64Array } {
  const key = `${p.a}|${p.beta}|${p.d}|${p.eta}|${K}`;
  let t = keeps.get(key);
  if (!t) {
    if (keeps.size > 512) keeps.clear(); // ≤ 512 × 2 × 1 700 doubles (14 MB)
    const { index, count } = itemGrid(p.d);
    const b = exponentB(p);
    const s = p.a - b;
    const n = index.length;
    let Z = 0;
    for (let j = n - 1; j >= 0; j--) Z += count[j] * Math.pow(index[j], -s);
    const w = new Float64Array(n);
    const L = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const pj = Math.pow(index[j], -s) / Z;
      const lam = Math.pow(index[j], -b);
      w[j] = 0.5 * count[j] * pj * lam;
      const q = K === Infinity ? 1 : -Math.expm1(2 * K * Math.log1p(-p.eta * lam));
      L[j] = Math.log1p(-pj * q);
    }
    t = { w, L };
    keeps.set(key, t);
  }
  return t;
}

/** R̄(K, n; η) of the planner's Zipf model, n samples (real ≥ 0), summed from the smallest terms. */
export function plannerRisk(p: Pick<PlannerParams, "a" | "beta" | "d" | "eta">, K: number, n: number): number {
  const { w, L } = terms(p, K);
  let r = 0;
  for (let i = w.length - 1; i >= 0; i--) r += w[i] * Math.exp(n * L[i]);
  return r;
}

/**
 * Share of the one-pass risk after n samples held by the last half of the d items: near 0 while the
 * model's finite vocabulary does not matter; when it grows, the fit sees the d-item floor rather than
 * the power law, and d should be larger.
 */
export function tailShare(p: Pick<PlannerParams, "a" | "beta" | "d" | "eta">, n: number): number {
  const { w, L } = terms(p, 1);
  const { index } = itemGrid(p.d);
  let tail = 0;
  let all = 0;
  for (let i = w.length - 1; i >= 0; i--) {
    const r = w[i] * Math.exp(n * L[i]);
    all += r;
    if (index[i] > p.d / 2) tail += r;
  }
  return all > 0 ? tail / all : 1;
}

/** Predicted loss after K epochs over N unique tokens (K = 1: one pass over N fresh tokens). */
export function plannerLoss(p: PlannerParams, K: number, N: number): number {
  return p.Linf + p.A * plannerRisk(p, K, N / p.c);
}

/**
 * E(K,N) of the model at N unique tokens (real N, E ∈ [1, K]). Throws when the model has learned all
 * its items by then (the one-pass risk no longer falls: E is undefined).
 */
export function plannerReuseRate(p: PlannerParams, K: number, N: number): number {
  requireNumber("K", K, { min: 1, allowInfinity: true });
  requireNumber("N", N, { gt: 0 });
  if (K === 1) return 1;
  const n = N / p.c;
  const risk = plannerRisk(p, K, n);
  const r1 = plannerRisk(p, 1, n);
  if (!(risk > 0) || !(r1 - plannerRisk(p, 1, 2 * n) > 1e-8 * r1)) {
    throw new ParameterError("N", N, `small enough that the model has not learned all its d = ${p.d} items (at N/c = ${n.toPrecision(3)} samples the one-pass risk no longer falls: E is undefined)`);
  }
  // N′ ∈ [n, K·n] (1 ≤ E ≤ K); K = ∞: widen until the one-pass risk falls below
  const f = (m: number): number => plannerRisk(p, 1, m) - risk;
  if (f(n) <= 0) return 1;
  let hi = K === Infinity ? 2 * n : K * n * (1 + 1e-9);
  while (f(hi) > 0) {
    hi *= 4;
    if (hi > 1e300) throw new ParameterError("N", N, "such that one pass reaches the K-epoch risk");
  }
  return findRootLog(f, n, hi, { lntol: 1e-10 }).x / n;
}

/** Saturation point K(λ,N): the real K ≥ 1 with E(K,N) = λK (Yan et al., Sec. 6.3); Infinity if E/K > λ up to Kmax. */
export function plannerSaturationK(p: PlannerParams, N: number, lambda = 0.75, Kmax = 1e5): number {
  requireNumber("lambda", lambda, { gt: 0, lt: 1 });
  const g = (K: number): number => plannerReuseRate(p, K, N) / K - lambda;
  if (g(Kmax) > 0) return Infinity;
  return findRootLog(g, 1, Kmax, { lntol: 1e-6 }).x;
}
