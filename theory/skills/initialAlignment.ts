/**
 * Initial alignment (Wang, Dang, Lee, Lyu, arXiv 2604.22951, as summarised by the first author) and the
 * escape condition of the toy (derived here from the uniform-p ODE). With w(0) ~ 𝒩(0, r² I): E A(w₀) = 0, Var A(w₀) = r² Σ p_i² — r²/d for uniform,
 * Θ(r²) for Zipf(α > 1). Under population gradient flow the alignment moves as
 * dA/dt = η k (A^{k−1} Σp_i² − B^{k−1} Σ p_i² w_i w⋆_i); for uniform p the second sum is A/d and |A|
 * grows iff |A|^{k−2} > B^{k−1} — with the cosine c = A/√B, iff |c|^{k−2} > B^{k/2}.
 */
import { Rng } from "../../src/core/rng";
import { requireInteger, requireNumber } from "../../src/core/validate";
import { explainNonFinite, requireArrayLike } from "../../src/core/validateShape";
import { alignment, weightedNorm, type SkillModel } from "./model";
import type { SkillDistribution } from "./distributions";
import { requireSkillModel } from "./checkModel";

/** Var A(w₀) = r² Σ p_i² for w₀ ~ 𝒩(0, r² I) (any w⋆ ∈ {±1}^d). */
export function initialAlignmentVariance(p: ArrayLike<number> | SkillDistribution, r: number): number {
  requireNumber("r", r, { gt: 0 });
  const isDist = p !== null && typeof p === "object" && !("length" in p) && "p" in p;
  const q = requireArrayLike(isDist ? "p.p" : "p", isDist ? (p as SkillDistribution).p : p);
  let s = 0;
  for (let i = 0; i < q.length; i++) s += q[i] * q[i];
  return Number.isFinite(s) ? r * r * s : explainNonFinite(s, [[isDist ? "p.p" : "p", q]]);
}

/** E B(w₀) = r² (Σ p_i = 1). */
export function initialNormMean(r: number): number {
  requireNumber("r", r, { gt: 0 });
  return r * r;
}

/** n independent draws of (A(w₀), B(w₀)) with w₀ ~ 𝒩(0, r² I) from the stream (seed, 0xa11). */
export function sampleInitialAlignment(m: SkillModel, r: number, n: number, seed: number): { A: Float64Array; B: Float64Array } {
  requireSkillModel("m", m);
  requireNumber("r", r, { gt: 0 });
  requireInteger("n", n, { min: 1 });
  const rng = new Rng(seed, 0xa11);
  const A = new Float64Array(n);
  const B = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    let a = 0;
    let b = 0;
    for (let i = 0; i < m.d; i++) {
      const w = r * rng.normal();
      a += m.p[i] * w * m.wstar[i];
      b += m.p[i] * w * w;
    }
    A[s] = a;
    B[s] = b;
  }
  return { A, B };
}

/** dA/dt per unit η under population gradient flow: k (A^{k−1} Σp_i² − B^{k−1} Σ p_i² w_i w⋆_i). */
export function alignmentVelocity(m: SkillModel, w: ArrayLike<number>): number {
  const A = alignment(m, w);
  const B = weightedNorm(m, w);
  let s2 = 0;
  let a2 = 0;
  for (let i = 0; i < m.d; i++) {
    const q = m.p[i] * m.p[i];
    s2 += q;
    a2 += q * w[i] * m.wstar[i];
  }
  return m.k * (Math.pow(A, m.k - 1) * s2 - Math.pow(B, m.k - 1) * a2);
}

/**
 * Escape condition for uniform p (derived here): |A| grows under gradient flow iff |c|^{k−2} > B^{k/2},
 * c = A/√B. Returns the margin log|c|^{k−2} − log B^{k/2} (> 0: the signal wins) and the verdict.
 * For odd k there is no ±w⋆ symmetry: A^{k−1} ≥ 0, so only A > 0 can grow.
 */
export function escapeCondition(k: number, A: number, B: number): { margin: number; escapes: boolean } {
  requireInteger("k", k, { min: 2 });
  requireNumber("B", B, { gt: 0 });
  requireNumber("A", A);
  const c = Math.abs(A) / Math.sqrt(B);
  const margin = (k - 2) * Math.log(c) - (k / 2) * Math.log(B);
  const sideOk = k % 2 === 0 || A > 0;
  return { margin, escapes: sideOk && margin > 0 };
}
