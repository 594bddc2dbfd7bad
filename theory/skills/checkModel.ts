/** O(1) shape checks of the toy's objects at the library boundary (a model, a distribution, slice coefficients). */
import { ParameterError, requireInteger, requireObject } from "../../src/core/validate";
import { requireShape } from "../../src/core/validateShape";

/** A skill model {k, d, p, wstar} with integer k ≥ 1, d ≥ 1 and p, w⋆ of length d. */
export function requireSkillModel<T>(name: string, m: T): T {
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
