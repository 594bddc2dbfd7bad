/** The `--spectrum` argument: `isotropic`, `even:LO:HI`, `power:A`, `zipf:A:B`. */
import { evenSpectrum, isotropicSpectrum, powerSpectrum, zipfModel, type ZipfModel } from "../core/spectra";
import { ParameterError } from "../core/validate";
import { parseNumber } from "./command";

export type SpectrumChoice =
  | { kind: "linear"; label: string; lambda: Float64Array }
  | { kind: "zipf"; label: string; model: ZipfModel };

/** Parse SPEC for dimension d. */
export function parseSpectrum(spec: string, d: number): SpectrumChoice {
  const parts = spec.split(":");
  const allowed = "one of isotropic, even:LO:HI, power:A, zipf:A:B";
  const num = (i: number, what: string) => {
    if (parts[i] === undefined || parts[i] === "") throw new ParameterError("--spectrum", spec, `${allowed} (missing ${what})`);
    return parseNumber(`--spectrum ${what}`, parts[i]);
  };
  switch (parts[0]) {
    case "isotropic":
      if (parts.length !== 1) break;
      return { kind: "linear", label: spec, lambda: isotropicSpectrum(d) };
    case "even": {
      if (parts.length !== 3) break;
      const lo = num(1, "LO");
      const hi = num(2, "HI");
      if (!(lo > 0 && Number.isFinite(lo))) throw new ParameterError("even LO", lo, "a finite number > 0");
      if (!(hi >= lo && Number.isFinite(hi))) throw new ParameterError("even HI", hi, `a finite number ≥ LO = ${lo}`);
      return { kind: "linear", label: spec, lambda: evenSpectrum(d, lo, hi) };
    }
    case "power": {
      if (parts.length !== 2) break;
      const a = num(1, "A");
      if (!(a > 0 && Number.isFinite(a))) throw new ParameterError("power A", a, "a finite number > 0");
      return { kind: "linear", label: spec, lambda: powerSpectrum(d, a) };
    }
    case "zipf": {
      if (parts.length !== 3) break;
      const a = num(1, "A");
      const b = num(2, "B");
      if (!(b >= 0)) throw new ParameterError("zipf B", b, "≥ 0");
      if (!(a > b + 1)) throw new ParameterError("zipf A", a, `> B + 1 = ${b + 1} (p_i ∝ i^-(A-B) must be summable)`);
      return { kind: "zipf", label: spec, model: zipfModel(a, b, d) };
    }
  }
  throw new ParameterError("--spectrum", spec, allowed);
}

/** The SPEC syntax, as printed by --help. */
export const SPEC_HELP = `SPEC — the spectrum of the data covariance H (d eigenvalues), or the Zipf one-hot model:
  isotropic      λ_i = 1 (H = I)
  even:LO:HI     d eigenvalues evenly spaced in [LO, HI], 0 < LO ≤ HI, e.g. even:0.5:2
  power:A        λ_i = i^-A, A > 0, e.g. power:1.5
  zipf:A:B       token i with p_i ∝ i^-(A-B), input √(i^-B) e_i, so H ∝ i^-A; B ≥ 0, A > B + 1,
                 e.g. zipf:4.5:1 (no label noise: --sigma 0, --wstar 1)`;
