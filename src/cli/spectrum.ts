/** The `--spectrum` argument: `isotropic`, `even:LO:HI`, `power:A`, `zipf:A:B`. */
import { evenSpectrum, isotropicSpectrum, powerSpectrum, zipfModel, type ZipfModel } from "../core/spectra";
import { ParameterError } from "../core/validate";
import { parseNumber } from "./command";

export type SpectrumChoice =
  | { kind: "linear"; label: string; lambda: Float64Array }
  | { kind: "zipf"; label: string; model: ZipfModel };

/** Eigenvalues the risk formulas resolve in double precision: λ_i ∈ [1e-12, 1e12]. */
export const LAMBDA_RANGE = [1e-12, 1e12] as const;

/** Parse SPEC for dimension d. Every error names --spectrum with the SPEC as written. */
export function parseSpectrum(spec: string, d: number): SpectrumChoice {
  const parts = spec.split(":");
  const allowed = "one of isotropic, even:LO:HI, power:A, zipf:A:B";
  const bad = (why: string): never => {
    throw new ParameterError("--spectrum", spec, why);
  };
  const num = (i: number, what: string) => {
    if (parts[i] === undefined || parts[i] === "") bad(`${allowed} (missing ${what})`);
    try {
      return parseNumber("--spectrum", parts[i]);
    } catch {
      return bad(`${allowed} with ${what} a number (${what} = ${JSON.stringify(parts[i])})`);
    }
  };
  const [lo, hi] = LAMBDA_RANGE;
  const inRange = (lambda: Float64Array, form: string): Float64Array => {
    const top = Math.max(...lambda);
    const bottom = Math.min(...lambda);
    if (!(bottom >= lo && top <= hi)) bad(`${form} with every eigenvalue in [${lo}, ${hi}] (at d = ${d} they span [${bottom.toPrecision(3)}, ${top.toPrecision(3)}])`);
    return lambda;
  };
  switch (parts[0]) {
    case "isotropic":
      if (parts.length !== 1) break;
      return { kind: "linear", label: spec, lambda: isotropicSpectrum(d) };
    case "even": {
      if (parts.length !== 3) break;
      const a = num(1, "LO");
      const b = num(2, "HI");
      if (!(a >= lo && a <= hi)) bad(`even:LO:HI with ${lo} ≤ LO ≤ HI ≤ ${hi} (LO = ${parts[1]})`);
      if (!(b >= a && b <= hi)) bad(`even:LO:HI with ${lo} ≤ LO ≤ HI ≤ ${hi} (HI = ${parts[2]})`);
      return { kind: "linear", label: spec, lambda: inRange(evenSpectrum(d, a, b), "even:LO:HI") };
    }
    case "power": {
      if (parts.length !== 2) break;
      const a = num(1, "A");
      if (!(a > 0 && a <= 100)) bad(`power:A with 0 < A ≤ 100 (A = ${parts[1]})`);
      return { kind: "linear", label: spec, lambda: inRange(powerSpectrum(d, a), `power:A with d^-A ≥ ${lo}, i.e. A ≤ ${(12 / Math.log10(Math.max(d, 2))).toPrecision(3)} at d = ${d}`) };
    }
    case "zipf": {
      if (parts.length !== 3) break;
      const a = num(1, "A");
      const b = num(2, "B");
      if (!(b >= 0 && b <= 100)) bad(`zipf:A:B with 0 ≤ B ≤ 100 (B = ${parts[2]})`);
      if (!(a > b + 1 && a <= 100)) bad(`zipf:A:B with B + 1 < A ≤ 100 (A = ${parts[1]}, B + 1 = ${b + 1}; p_i ∝ i^-(A-B) must be summable)`);
      if (d < 2) throw new ParameterError("--d", d, "≥ 2 for zipf:A:B (a one-token model is learned exactly by its first sample: its risk is 0 and E undefined)");
      return { kind: "zipf", label: spec, model: zipfModel(a, b, d) };
    }
  }
  return bad(allowed);
}

/** The SPEC syntax, as printed by --help. */
export const SPEC_HELP = `SPEC — the spectrum of the data covariance H (d eigenvalues), or the Zipf one-hot model:
  isotropic      λ_i = 1 (H = I)
  even:LO:HI     d eigenvalues evenly spaced in [LO, HI], 0 < LO ≤ HI, e.g. even:0.5:2
  power:A        λ_i = i^-A, A > 0, e.g. power:1.5
  zipf:A:B       token i with p_i ∝ i^-(A-B), input √(i^-B) e_i, so H ∝ i^-A; B ≥ 0, A > B + 1,
                 e.g. zipf:4.5:1 (no label noise: --sigma 0, --wstar 1)`;
