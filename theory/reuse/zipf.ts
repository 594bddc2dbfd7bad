/**
 * The Zipf one-hot model in closed form (this toolkit's reconstruction of the Section 5 model of Yan et al.,
 * arXiv 2511.13421, consistent with the exponents of Thms 5.1–5.2): token i with probability p_i ∝ i^{−(a−b)},
 * input √Λ_i e_i, no noise.
 * Coordinates decouple, so after K passes over N samples
 *   R̄(K,N;η) = ½ Σ_i p_i Λ_i (w*_i)² [1 − p_i (1 − (1 − ηΛ_i)^{2K})]^N,
 * decreasing in η ∈ (0, 1] (so η* = 1 = 1/D²). All powers are evaluated as exp(n·log1p(·)).
 */
import { findRootLog } from "../../src/core/optimize";
import { requireZipfModel, zipfModel, type ZipfModel } from "../../src/core/spectra";
import { ParameterError, requireInteger, requireNumber } from "../../src/core/validate";

/** Per-token log survival factors ln(1 − p_i q_i) for a given K and η (q_i = 1 − (1 − ηΛ_i)^{2K}). */
function logKeep(model: ZipfModel, K: number, eta: number): Float64Array {
  const { p, Lambda } = model;
  const out = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const q = K === Infinity ? 1 : -Math.expm1(2 * K * Math.log1p(-eta * Lambda[i]));
    out[i] = Math.log1p(-p[i] * q);
  }
  return out;
}

const onePassCache = new WeakMap<ZipfModel, Float64Array>();

/** ln(1 − p_i(1 − (1 − Λ_i)²)): the one-pass (K = 1, η = 1) factors, cached per model. */
function onePassLogKeep(model: ZipfModel): Float64Array {
  let c = onePassCache.get(model);
  if (!c) {
    c = logKeep(model, 1, 1);
    onePassCache.set(model, c);
  }
  return c;
}

/** ½ w*² Σ_i p_i Λ_i exp(N·L_i), summed from the smallest terms. */
function riskFromLogKeep(model: ZipfModel, L: Float64Array, N: number, w2: number): number {
  const { p, Lambda } = model;
  let r = 0;
  for (let i = p.length - 1; i >= 0; i--) r += p[i] * Lambda[i] * Math.exp(N * L[i]);
  return 0.5 * w2 * r;
}

/** Risk of K epochs over N samples at learning rate η (K may be Infinity, N and K may be real ≥ 0). */
export function zipfRisk(model: ZipfModel, K: number, N: number, opts: { eta?: number; wstar?: number } = {}): number {
  requireZipfModel(model);
  requireNumber("K", K, { min: 1, allowInfinity: true });
  requireNumber("N", N, { min: 0 });
  const eta = requireNumber("eta", opts.eta ?? 1, { gt: 0, max: 1 });
  if (opts.wstar !== undefined) requireNumber("wstar", opts.wstar);
  const L = K === 1 && eta === 1 ? onePassLogKeep(model) : logKeep(model, K, eta);
  return riskFromLogKeep(model, L, N, (opts.wstar ?? 1) ** 2);
}

/** R̄*(1,T): one pass over T samples at the optimal η = 1. */
export function zipfOnePassRisk(model: ZipfModel, T: number): number {
  requireNumber("T", T, { min: 0 });
  return zipfRisk(model, 1, T);
}

/**
 * Invert R̄*(1,N′) = target for real N′ ≥ 0 (Brent–Dekker root finding in ln N′). An optional
 * bracket [lo, hi] known to contain N′ saves the bracketing steps.
 */
export function zipfInvertOnePass(model: ZipfModel, target: number, bracket?: [number, number]): number {
  requireZipfModel(model);
  requireNumber("target", target, { gt: 0 });
  if (bracket !== undefined) {
    if (!Array.isArray(bracket) || bracket.length !== 2) throw new ParameterError("bracket", bracket, "[lo, hi]");
    requireNumber("bracket[0]", bracket[0], { min: 0 });
    requireNumber("bracket[1]", bracket[1], { gt: bracket[0] });
  }
  const L = onePassLogKeep(model);
  const f = (T: number): number => riskFromLogKeep(model, L, T, 1) - target;
  if (f(0) <= 0) return 0;
  let lo: number;
  let hi: number;
  if (bracket && f(bracket[0]) >= 0 && f(bracket[1]) <= 0) {
    [lo, hi] = bracket;
    if (f(hi) === 0) return hi;
    if (f(lo) === 0) return lo;
  } else {
    hi = 16;
    while (f(hi) > 0) {
      hi *= 16;
      if (hi > 1e300) throw new ParameterError("target", target, "reachable by one pass over the Zipf model");
    }
    lo = Math.min(1e-6, hi / 16);
  }
  return findRootLog(f, lo, hi, { lntol: 1e-12 }).x;
}

/**
 * Why E(K,N) of a Zipf model is undefined in double precision, or undefined when it is defined: the
 * risk after K passes must stay above the smallest double (else every token is learned and N′ is not
 * determined), and the one-pass risk must still fall beyond N (if doubling the samples changes it by
 * less than 1e-8 relative, it sits on the floor of tokens practically never drawn). The one check
 * behind both the library's error and the CLI's (which names --spectrum instead).
 */
export function zipfUndefinedReason(model: ZipfModel, K: number, N: number): { parameter: "N" | "a"; allowed: string } | undefined {
  if (!(zipfRisk(model, K, N) > 0)) {
    return { parameter: "N", allowed: `small enough that the risk after N = ${N} samples stays above the smallest double (it underflows to 0 for this model: E(K,N) is undefined)` };
  }
  const r1 = zipfRisk(model, 1, N);
  const r2 = zipfRisk(model, 1, 2 * N);
  if (!(r1 - r2 > 1e-8 * r1)) {
    return {
      parameter: "a",
      allowed:
        `such that the one-pass risk still falls after N = ${N} samples (with a = ${model.a}, b = ${model.b}, d = ${model.d} it is flat at ${r1.toPrecision(3)}: ` +
        `tokens beyond the first are practically never drawn, so N′ and E(K,N) are undefined)`,
    };
  }
  return undefined;
}

/** Effective reuse rate E(K,N) = N′/N of the Zipf model, both sides at η = 1 (exact; K = ∞ allowed). */
export function zipfReuseRate(model: ZipfModel, K: number, N: number): { E: number; risk: number; Nprime: number } {
  requireZipfModel(model);
  requireNumber("K", K, { min: 1, allowInfinity: true });
  requireInteger("N", N, { min: 1 });
  const why = zipfUndefinedReason(model, K, N);
  if (why) throw new ParameterError(why.parameter, why.parameter === "N" ? N : model.a, why.allowed);
  const risk = zipfRisk(model, K, N);
  // N′ lies in [N, K·N] (1 ≤ E ≤ K); widen slightly for rounding
  const bracket: [number, number] | undefined = K === Infinity ? undefined : [N * (1 - 1e-9), K * N * (1 + 1e-9)];
  const Nprime = zipfInvertOnePass(model, risk, bracket);
  return { E: Nprime / N, risk, Nprime };
}

/**
 * The saturation point K(λ,N): the real K ≥ 1 at which E(K,N) = λK (Yan et al., Section 6.3; λ = 0.75 in the
 * paper). E/K falls from 1 at K = 1; returns Infinity if E/K stays above λ up to Kmax.
 */
export function zipfSaturationPoint(model: ZipfModel, N: number, lambda = 0.75, Kmax = 1e7): number {
  requireZipfModel(model);
  requireInteger("N", N, { min: 1 });
  requireNumber("lambda", lambda, { gt: 0, lt: 1 });
  requireNumber("Kmax", Kmax, { gt: 1 });
  const g = (K: number): number => zipfReuseRate(model, K, N).E / K - lambda;
  if (g(Kmax) > 0) return Infinity;
  return findRootLog(g, 1, Kmax, { lntol: 1e-9 }).x;
}

/**
 * The log-power-law variant (Yan et al., Assumption 5.3 / Theorem 5.3; the form of Λ_i is this toolkit's
 * reading of the assumption): Zipf p_i ∝ i^{−α} with Λ_i = (1 + ln i)^{−b}; its plateau is predicted to
 * grow like (log N)^b.
 */
export function logPowerZipfModel(alpha: number, b: number, d: number): ZipfModel {
  requireNumber("alpha", alpha, { gt: 1 });
  requireNumber("b", b, { gt: 0 });
  requireInteger("d", d, { min: 1 });
  const p = new Float64Array(d);
  const Lambda = new Float64Array(d);
  let Z = 0;
  for (let i = d; i >= 1; i--) Z += Math.pow(i, -alpha);
  for (let i = 0; i < d; i++) {
    p[i] = Math.pow(i + 1, -alpha) / Z;
    Lambda[i] = Math.pow(1 + Math.log(i + 1), -b);
  }
  // a, b recorded as the spectrum's effective exponents: p_iΛ_i ≈ i^{−α}·(log i)^{−b}
  return { a: alpha, b, d, p, Lambda, Z };
}

export { zipfModel };
