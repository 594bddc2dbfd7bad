/** Shared flag parsing of the `skills` commands: k, d, α, r, η with the bad-input rules, named by flag. */
import { ParameterError } from "../core/validate";
import { zipfSkills } from "../../theory/skills/distributions";
import { skillModel, gdStabilityLimit } from "../../theory/skills/model";
import type { Args } from "./args";

/** --k (≥ 2), --d (≥ k), --alpha (≥ 0; 0 = uniform), --r (> 0). */
export function modelFlags(args: Args, defaults: { k?: number; d?: number; alpha?: number } = {}): { k: number; d: number; alpha: number; r: number } {
  const k = args.integer("k", defaults.k, { min: 2 });
  const d = args.integer("d", defaults.d, { min: 1 });
  if (d < k) throw new ParameterError("--d", d, `≥ k = ${k}`);
  const alpha = args.number("alpha", defaults.alpha, { min: 0 });
  const r = args.number("r", 0.5, { gt: 0 });
  return { k, d, alpha, r };
}

/** GD stability limit 2/λ_max(H(w⋆)) for (k, d, α) — independent of the rank order and of w⋆. */
export function etaLimit(k: number, d: number, alpha: number): number {
  return gdStabilityLimit(skillModel(k, zipfSkills(d, alpha, { seed: 0 }), { seed: 0 }));
}

/** --eta: > 0 and below the stability limit. */
export function etaFlag(args: Args, k: number, d: number, alpha: number, fallback?: number): number {
  const eta = args.number("eta", fallback, { gt: 0 });
  const lim = etaLimit(k, d, alpha);
  if (!(eta < lim)) throw new ParameterError("--eta", eta, `> 0 and below the GD stability limit 2/λ_max = ${lim.toPrecision(4)} for k = ${k}, d = ${d}, α = ${alpha}`);
  return eta;
}
