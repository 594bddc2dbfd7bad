/** Shared flags of the `skills` commands: k, d, α, r, η, with the checks that involve several flags. */
import { ParameterError } from "../core/validate";
import { zipfSkills } from "../../theory/skills/distributions";
import { skillModel, gdStabilityLimit } from "../../theory/skills/model";

/** --k, --d, --alpha, --r: the k-fold composition toy with d skills of Zipf exponent α. */
export const MODEL_FLAGS = {
  k: { kind: "integer", required: true, bounds: { min: 2 }, description: "composition depth k (skills per example)" },
  d: { kind: "integer", required: true, bounds: { min: 1 }, description: "number of skills d (≥ k)" },
  alpha: { kind: "number", required: true, bounds: { min: 0, max: 100 }, description: "Zipf exponent α of the skill frequencies (0 = uniform)" },
  r: { kind: "number", default: 0.5, bounds: { min: 1e-6, max: 1e6 }, description: "initialisation scale r of w0" },
} as const;

/** --d must be ≥ --k. */
export function checkDk(k: number, d: number): void {
  if (d < k) throw new ParameterError("--d", d, `≥ k = ${k}`);
}

/** GD stability limit 2/λ_max(H(w⋆)) for (k, d, α) — independent of the rank order and of w⋆. */
export function etaLimit(k: number, d: number, alpha: number): number {
  return gdStabilityLimit(skillModel(k, zipfSkills(d, alpha, { seed: 0 }), { seed: 0 }));
}

/** --eta must be below the stability limit. */
export function checkEta(eta: number, k: number, d: number, alpha: number): number {
  const lim = etaLimit(k, d, alpha);
  if (!(eta < lim)) throw new ParameterError("--eta", eta, `> 0 and below the GD stability limit 2/λ_max = ${lim.toPrecision(4)} for k = ${k}, d = ${d}, α = ${alpha}`);
  return eta;
}

/**
 * Run a theory computation on the user's flags; an error naming one of its own parameters (`A0`, `B0`) is
 * re-raised naming the flag the user wrote (`renames`: parameter → flag), any other names every flag.
 */
export function withFlags<T>(flags: string, renames: Readonly<Record<string, string>>, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ParameterError && Object.hasOwn(renames, e.parameter)) throw new ParameterError(renames[e.parameter], e.value, e.allowed);
    if (e instanceof ParameterError && e.parameter.startsWith("--")) throw e;
    const why = (e instanceof Error ? e.message : String(e)).split("\n")[0].replace(/\bInfinity\b/g, "inf").replace(/\bNaN\b/g, "undefined");
    throw new Error(`${flags}: must be values the model resolves in double precision (it fails here: ${why}); use less extreme values`);
  }
}
