/**
 * E tr((ZᵀZ)⁻¹) for an N × d matrix Z of independent standardised entries: the quantity behind the
 * least-squares (OLS) risk ½σ² E tr(H(XᵀX)⁻¹) = ½σ² E tr((ZᵀZ)⁻¹) of the plateau of Yan et al.
 * (arXiv 2511.13421), with X = Z H^{1/2} (the whitened coordinates; independent of H).
 *
 * Gaussian entries: exactly d/(N − d − 1) (the mean of an inverse Wishart matrix).
 *
 * Rademacher entries (derived here; no closed form is known): by the leave-one-column-out identity
 * [(ZᵀZ)⁻¹]_jj = 1/q_j, q_j = z_jᵀ Q z_j, Q the projection off the other d − 1 columns (rank
 * m = N − d + 1). For ±1 entries the diagonal of Q contributes the constant tr Q = m, so q − m is a sum
 * over off-diagonal pairs only. With Q_ii ≈ r = m/N, its central moments are Var q ≈ 2m(1 − r),
 * E(q−m)³ ≈ 8m(1 − r)(1 − 2r) and E(q−m)⁴ ≈ 3 Var², and E 1/q expanded about m gives
 *   E tr((ZᵀZ)⁻¹) ≈ (d/m) · [1 + 2(1 − r)/m + 4(1 − r²)/m²],
 * exact at d = 1 (ZᵀZ = N); the Gaussian value 1/(m − 2) = (1/m)(1 + 2/m + 4/m² + …) is the same
 * expansion at r = 0. The neglected terms are O(m⁻³) relative (and the spread of Q_ii enters there);
 * `inverseGramTraceMonteCarlo` measures the remainder (test/theory/reuse/olsTrace.test.ts and the claim
 * reuse.rademacher-ols-trace).
 */
import { Rng } from "../../src/core/rng";
import { ParameterError, requireInteger, requireOneOf } from "../../src/core/validate";
import { FEATURES, type Features } from "./problem";

/** Smallest m = N − d + 1 at which the Rademacher expansion is used (its remainder ~ 30/m³ ≤ 0.1 % there). */
export const RADEMACHER_MIN_M = 30;

/** E tr((ZᵀZ)⁻¹) and how it was obtained. */
export interface InverseGramTrace {
  value: number;
  /** "exact" (Gaussian: inverse-Wishart mean; Rademacher at d = 1: ZᵀZ = N) or "expansion" (Rademacher, third order in 1/m) */
  method: "exact" | "expansion";
}

/** Smallest N for which `expectedInverseGramTrace` is defined at dimension d with this feature law. */
export function minSamplesForOls(d: number, features: Features): number {
  requireInteger("d", d, { min: 1 });
  if (features === "gaussian") return d + 2;
  return d === 1 ? 1 : Math.max(2 * d, d - 1 + RADEMACHER_MIN_M);
}

/**
 * E tr((ZᵀZ)⁻¹) for N samples in dimension d: exact for Gaussian features (needs N ≥ d + 2); for
 * Rademacher features the third-order expansion above (needs N ≥ 2d and N − d + 1 ≥ 30, where ZᵀZ is
 * singular with negligible probability; exact at d = 1).
 */
export function expectedInverseGramTrace(d: number, N: number, features: Features): InverseGramTrace {
  requireInteger("d", d, { min: 1 });
  requireOneOf("features", features, FEATURES);
  const Nmin = minSamplesForOls(d, features);
  if (features === "gaussian") {
    requireInteger("N", N, { min: Nmin });
    return { value: d / (N - d - 1), method: "exact" };
  }
  if (!(Number.isInteger(N) && N >= Nmin)) {
    throw new ParameterError(
      "N",
      N,
      `an integer ≥ ${Nmin} for Rademacher features at d = ${d} (N ≥ 2d and N − d + 1 ≥ ${RADEMACHER_MIN_M}: below, ZᵀZ is singular with non-negligible probability and the expansion of E tr((ZᵀZ)⁻¹) is not accurate)`,
    );
  }
  if (d === 1) return { value: 1 / N, method: "exact" };
  const m = N - d + 1;
  const r = m / N;
  return { value: (d / m) * (1 + (2 * (1 - r)) / m + (4 * (1 - r * r)) / (m * m)), method: "expansion" };
}

/** A Monte Carlo estimate of E tr((ZᵀZ)⁻¹) with its standard error. */
export interface InverseGramTraceEstimate {
  mean: number;
  se: number;
  runs: number;
  /** draws with a singular ZᵀZ (left out of the mean; reported so a non-zero count is seen) */
  singular: number;
}

/**
 * Monte Carlo of tr((ZᵀZ)⁻¹): `runs` seeded draws of Z (N × d), ZᵀZ by rows, its Cholesky factor L and
 * tr((ZᵀZ)⁻¹) = ‖L⁻¹‖²_F. O(runs · (N d² / 2 + d³ / 3)).
 */
export function inverseGramTraceMonteCarlo(d: number, N: number, features: Features, opts: { runs: number; seed: number }): InverseGramTraceEstimate {
  requireInteger("d", d, { min: 1, max: 2000 });
  requireInteger("N", N, { min: d, max: 1e7 });
  requireOneOf("features", features, FEATURES);
  requireInteger("runs", opts.runs, { min: 2 });
  requireInteger("seed", opts.seed, { min: 0 });
  const rng = new Rng(opts.seed, d, N, features === "gaussian" ? 0 : 1);
  const G = new Float64Array(d * d);
  const z = new Float64Array(d);
  const inv = new Float64Array(d);
  let sum = 0;
  let sum2 = 0;
  let used = 0;
  let singular = 0;
  for (let run = 0; run < opts.runs; run++) {
    G.fill(0);
    for (let n = 0; n < N; n++) {
      if (features === "gaussian") for (let i = 0; i < d; i++) z[i] = rng.normal();
      else {
        let bits = 0;
        for (let i = 0; i < d; i++) {
          if ((i & 31) === 0) bits = rng.nextUint32();
          z[i] = bits & 1 ? 1 : -1;
          bits >>>= 1;
        }
      }
      for (let i = 0; i < d; i++) {
        const zi = z[i];
        const row = i * d;
        for (let j = 0; j <= i; j++) G[row + j] += zi * z[j];
      }
    }
    // Cholesky in place (lower triangle): G = L Lᵀ
    let ok = true;
    for (let j = 0; j < d && ok; j++) {
      let s = G[j * d + j];
      for (let k = 0; k < j; k++) s -= G[j * d + k] * G[j * d + k];
      if (!(s > 1e-9 * N)) {
        ok = false;
        break;
      }
      const ljj = Math.sqrt(s);
      G[j * d + j] = ljj;
      for (let i = j + 1; i < d; i++) {
        let t = G[i * d + j];
        for (let k = 0; k < j; k++) t -= G[i * d + k] * G[j * d + k];
        G[i * d + j] = t / ljj;
      }
    }
    if (!ok) {
      singular++;
      continue;
    }
    // ‖L⁻¹‖²_F column by column: solve L x = e_c by forward substitution
    let tr = 0;
    for (let c = 0; c < d; c++) {
      for (let i = c; i < d; i++) {
        let t = i === c ? 1 : 0;
        for (let k = c; k < i; k++) t -= G[i * d + k] * inv[k];
        inv[i] = t / G[i * d + i];
        tr += inv[i] * inv[i];
      }
    }
    sum += tr;
    sum2 += tr * tr;
    used++;
  }
  if (used < 2) throw new ParameterError("N", N, `large enough for ZᵀZ to be invertible in most draws (${singular} of ${opts.runs} were singular)`);
  const mean = sum / used;
  const variance = Math.max(0, (sum2 - used * mean * mean) / (used - 1));
  return { mean, se: Math.sqrt(variance / used), runs: used, singular };
}
