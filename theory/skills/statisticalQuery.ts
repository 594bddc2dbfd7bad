/**
 * The statistical-query view of the toy (Wang, Dang, Lee, Lyu, arXiv 2604.22951: the CSQ lower bound
 * under uniform inputs and the minibatch-SGD upper bound under Zipf, as summarised by the first author): under uniform inputs two sign-vector targets
 * have correlation ⟨f_{w₁}, f_{w₂}⟩ = (w₁·w₂/d)^k; a Hoeffding-plus-union-bound packing of size
 * ≈ exp(ε²d/4) of nearly uncorrelated targets gives the CSQ lower bound τ² ≤ (log(dq)/d)^{k/2}, i.e.
 * Ω̃(d^{k/2}) samples; minibatch SGD under Zipf(α > 1) needs Õ(d^{2α}/(ηε)) samples.
 * Polylog factors are dropped (the paper suppresses them; their exact form is unknown).
 */
import { Rng } from "../../src/core/rng";
import { ParameterError, requireInteger, requireNumber } from "../../src/core/validate";

/** ⟨f_{w₁}, f_{w₂}⟩ under uniform inputs = (w₁·w₂/d)^k for sign vectors w₁, w₂. */
export function csqCorrelation(w1: ArrayLike<number>, w2: ArrayLike<number>, k: number): number {
  requireInteger("k", k, { min: 1 });
  if (w1.length !== w2.length || w1.length === 0) throw new ParameterError("w2.length", w2.length, `= w1.length = ${w1.length} ≥ 1`);
  let s = 0;
  for (let i = 0; i < w1.length; i++) s += w1[i] * w2[i];
  return Math.pow(s / w1.length, k);
}

/**
 * Size M of a packing of {±1}^d with every pairwise |w₁·w₂/d| ≤ ε guaranteed by Hoeffding and a union
 * bound: M(M−1) · exp(−ε²d/2) < 1, i.e. M = ⌊exp(ε²d/4)⌋ (returned as ln M to avoid overflow).
 */
export function logPackingSize(d: number, eps: number): number {
  requireInteger("d", d, { min: 1 });
  requireNumber("eps", eps, { gt: 0, max: 1 });
  return (eps * eps * d) / 4;
}

/** A random packing: M seeded random sign vectors and their largest pairwise |w₁·w₂/d| (checks the Hoeffding packing). */
export function randomPacking(d: number, M: number, seed: number): { vectors: Float64Array[]; maxOverlap: number } {
  requireInteger("d", d, { min: 1 });
  requireInteger("M", M, { min: 2 });
  const rng = new Rng(seed, 0x9ac);
  const vectors = Array.from({ length: M }, () => {
    const v = new Float64Array(d);
    for (let i = 0; i < d; i++) v[i] = rng.sign();
    return v;
  });
  let max = 0;
  for (let a = 0; a < M; a++)
    for (let b = a + 1; b < M; b++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += vectors[a][i] * vectors[b][i];
      max = Math.max(max, Math.abs(s) / d);
    }
  return { vectors, maxOverlap: max };
}

/** CSQ tolerance needed by q queries under uniform inputs: τ² ≤ (log(dq)/d)^{k/2} (Theorem A). */
export function csqToleranceSquared(d: number, q: number, k: number): number {
  requireInteger("d", d, { min: 2 });
  requireNumber("q", q, { min: 1 });
  requireInteger("k", k, { min: 2 });
  return Math.pow(Math.log(d * q) / d, k / 2);
}

/** Samples implied by Theorem A with τ ≈ 1/√n: n ≈ 1/τ² = (d/log(dq))^{k/2}; the polylog-free rate is d^{k/2}. */
export function uniformSampleComplexity(d: number, k: number, opts: { q?: number; withLog?: boolean } = {}): number {
  requireInteger("d", d, { min: 2 });
  requireInteger("k", k, { min: 2 });
  return opts.withLog ? 1 / csqToleranceSquared(d, opts.q ?? d, k) : Math.pow(d, k / 2);
}

/** Theorem B's sample bound for Zipf(α > 1), polylogs dropped: d^{2α}/(η ε). */
export function powerLawSampleComplexity(d: number, alpha: number, eta: number, eps: number): number {
  requireInteger("d", d, { min: 1 });
  requireNumber("alpha", alpha, { gt: 1 });
  requireNumber("eta", eta, { gt: 0 });
  requireNumber("eps", eps, { gt: 0 });
  return Math.pow(d, 2 * alpha) / (eta * eps);
}

/** Theorem B's iteration bound, polylogs dropped: (d^α/η) · ln(1/ε). */
export function powerLawIterationBound(d: number, alpha: number, eta: number, eps: number): number {
  requireNumber("eps", eps, { gt: 0, lt: 1 });
  requireNumber("alpha", alpha, { gt: 1 });
  requireNumber("eta", eta, { gt: 0 });
  return (Math.pow(d, alpha) / eta) * Math.log(1 / eps);
}

/** Exponents compared: power law beats the uniform lower bound when k/2 > 2α, i.e. k > 4α (derived). */
export function powerLawAdvantage(k: number, alpha: number): { uniformExponent: number; powerLawExponent: number; advantage: boolean } {
  requireInteger("k", k, { min: 2 });
  requireNumber("alpha", alpha, { gt: 1 });
  return { uniformExponent: k / 2, powerLawExponent: 2 * alpha, advantage: k / 2 > 2 * alpha };
}

/**
 * A packing built greedily: seeded random sign vectors are drawn one by one and kept when every
 * |w·v/d| with the vectors kept so far is ≤ ε, until M are kept (or `maxCandidates` are drawn). It
 * constructs the nearly-uncorrelated family of Theorem A's argument; `candidates` counts the draws.
 */
export function greedyPacking(d: number, M: number, eps: number, seed: number, maxCandidates = 10 * M): { vectors: Int8Array[]; candidates: number; maxOverlap: number; complete: boolean } {
  requireInteger("d", d, { min: 1 });
  requireInteger("M", M, { min: 2 });
  requireNumber("eps", eps, { gt: 0, max: 1 });
  requireInteger("maxCandidates", maxCandidates, { min: M });
  const rng = new Rng(seed, 0x9ad);
  const kept: Int8Array[] = [];
  let candidates = 0;
  let maxOverlap = 0;
  const limit = eps * d;
  while (kept.length < M && candidates < maxCandidates) {
    candidates++;
    const v = new Int8Array(d);
    for (let i = 0; i < d; i++) v[i] = rng.sign();
    let worst = 0;
    let ok = true;
    for (const u of kept) {
      let s = 0;
      for (let i = 0; i < d; i++) s += u[i] * v[i];
      const a = Math.abs(s);
      if (a > limit) {
        ok = false;
        break;
      }
      if (a > worst) worst = a;
    }
    if (ok) {
      kept.push(v);
      maxOverlap = Math.max(maxOverlap, worst / d);
    }
  }
  return { vectors: kept, candidates, maxOverlap, complete: kept.length === M };
}

/**
 * Monte Carlo estimate of ⟨f_{w₁}, f_{w₂}⟩ = E[∏_t w₁_{I_t} w₂_{I_t}] with I₁…I_k i.i.d. uniform on [d]
 * (n seeded draws): its mean and standard error, to check the closed form (w₁·w₂/d)^k.
 */
export function csqCorrelationMonteCarlo(w1: ArrayLike<number>, w2: ArrayLike<number>, k: number, n: number, seed: number): { mean: number; se: number } {
  requireInteger("k", k, { min: 1 });
  requireInteger("n", n, { min: 2 });
  if (w1.length !== w2.length || w1.length === 0) throw new ParameterError("w2.length", w2.length, `= w1.length = ${w1.length} ≥ 1`);
  const d = w1.length;
  const rng = new Rng(seed, 0x9ae);
  let s = 0;
  let s2 = 0;
  for (let j = 0; j < n; j++) {
    let f = 1;
    for (let t = 0; t < k; t++) {
      const i = Math.min(d - 1, Math.floor(rng.uniform() * d));
      f *= w1[i] * w2[i];
    }
    s += f;
    s2 += f * f;
  }
  const mean = s / n;
  return { mean, se: Math.sqrt(Math.max(0, s2 / n - mean * mean) / (n - 1)) };
}
