/** O(1) shape checks of the toy's objects at the library boundary (a model, a distribution, slice coefficients). */
import { ParameterError, requireInteger, requireObject } from "../../src/core/validate";
import { requireShape } from "../../src/core/validateShape";

/** A skill model {k, d, p, wstar} with integer k ≥ 1, d ≥ 1 and p, w⋆ of length d. */
export function requireSkillModel<T>(name: string, m: T): T {
  // fast path (called from the O(d) functions of every step): no allocation
  const f = m as unknown as { k: number; d: number; p: { length: number } | null; wstar: { length: number } | null } | null;
  if (f !== null && typeof f === "object" && Number.isInteger(f.k) && f.k >= 1 && Number.isInteger(f.d) && f.d >= 1 && typeof f.p === "object" && f.p !== null && f.p.length === f.d && typeof f.wstar === "object" && f.wstar !== null && f.wstar.length === f.d) return m;
  const o = requireObject(name, m, "a skill model {k, d, p, wstar} (see skillModel)");
  requireInteger(`${name}.k`, o.k, { min: 1 });
  const d = requireInteger(`${name}.d`, o.d, { min: 1 });
  requireShape(name, m, "a skill model {k, d, p, wstar} (see skillModel)", { p: d, wstar: d });
  return m;
}

/** A skill distribution {d, alpha, p, rank} with p and rank of length d. */
export function requireSkillDistribution<T>(name: string, dist: T): T {
  const o = requireObject(name, dist, "a skill distribution {d, alpha, p, rank} (see zipfSkills)");
  const d = requireInteger(`${name}.d`, o.d, { min: 1 });
  requireShape(name, dist, "a skill distribution {d, alpha, p, rank} (see zipfSkills)", { p: d, rank: d }, ["alpha"]);
  return dist;
}

const SLICE_FIELDS = ["A0", "Au", "Av", "B0", "Bcu", "Bcv", "Buu", "Buv", "Bvv"];

/** Slice coefficients (see sliceCoefficients): integer k ≥ 1 and nine finite numbers. */
export function requireSliceCoefficients<T>(name: string, c: T): T {
  const o = requireObject(name, c, "slice coefficients (see sliceCoefficients)");
  requireInteger(`${name}.k`, o.k, { min: 1 });
  for (const f of SLICE_FIELDS) if (typeof o[f] !== "number" || !Number.isFinite(o[f])) throw new ParameterError(`${name}.${f}`, o[f], "a finite number (see sliceCoefficients)");
  return c;
}
