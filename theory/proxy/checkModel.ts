/** O(1) shape checks of the proxy theory's objects at the library boundary (quadratic losses, recipe models, problems, pools, maps). */
import { ParameterError, requireInteger, requireNumber, requireObject } from "../../src/core/validate";
import { requireShape } from "../../src/core/validateShape";

/** A quadratic loss {m, H (m·m), b (m), c}. */
export function requireQuadraticLoss<T>(name: string, q: T): T {
  // fast path (called at every loss evaluation): no allocation
  const f = q as unknown as { m: number; c: number; H: { length: number } | null; b: { length: number } | null } | null;
  if (f !== null && typeof f === "object" && Number.isInteger(f.m) && f.m >= 1 && typeof f.c === "number" && Number.isFinite(f.c) && typeof f.H === "object" && f.H !== null && f.H.length === f.m * f.m && typeof f.b === "object" && f.b !== null && f.b.length === f.m) return q;
  const o = requireObject(name, q, "a quadratic loss {m, H, b, c}");
  const m = requireInteger(`${name}.m`, o.m, { min: 1 });
  requireNumber(`${name}.c`, o.c);
  requireShape(name, q, "a quadratic loss {m, H, b, c}", { H: m * m, b: m });
  return q;
}

/** A recipe model (see proxyProblem): a quadratic loss with its eigen-data and noise variance. */
export function requireRecipeModel<T>(name: string, r: T): T {
  // fast path (called at every loss evaluation): no allocation
  const f = r as unknown as { m: number; noiseVar: number; lambda: { length: number } | null; U: { length: number } | null; z: { length: number } | null; HvE: { length: number } | null; bvE: { length: number } | null } | null;
  if (requireQuadraticLoss(name, r) && f !== null && typeof f.noiseVar === "number" && f.noiseVar >= 0 && Number.isFinite(f.noiseVar) && isLength(f.lambda, f.m) && isLength(f.U, f.m * f.m) && isLength(f.z, f.m) && isLength(f.HvE, f.m * f.m) && isLength(f.bvE, f.m)) return r;
  const m = (requireQuadraticLoss(name, r) as unknown as { m: number }).m;
  requireShape(name, r, "a recipe model (see proxyProblem)", { lambda: m, U: m * m, z: m, HvE: m * m, bvE: m });
  requireNumber(`${name}.noiseVar`, (r as unknown as { noiseVar: unknown }).noiseVar, { min: 0 });
  return r;
}

const isLength = (a: { length: number } | null | undefined, n: number): boolean => typeof a === "object" && a !== null && a.length === n;

/** A proxy problem {width, val, recipes} with every recipe of the width's dimension. */
export function requireProxyProblem<T>(name: string, p: T): T {
  const o = requireObject(name, p, "a proxy problem (see proxyProblem)");
  const width = requireInteger(`${name}.width`, o.width, { min: 1 });
  const val = requireQuadraticLoss(`${name}.val`, o.val as { m: number });
  if (val.m !== width) throw new ParameterError(`${name}.val.m`, val.m, `= width = ${width}`);
  if (!Array.isArray(o.recipes)) throw new ParameterError(`${name}.recipes`, typeof o.recipes, "an array of recipe models");
  o.recipes.forEach((r, i) => {
    if (requireRecipeModel(`${name}.recipes[${i}]`, r as { m: number }).m !== width) throw new ParameterError(`${name}.recipes[${i}].m`, r.m, `= width = ${width}`);
  });
  return p;
}

/** A recipe pool {n, X, clean, keep, sd} (see recipePool). */
export function requireRecipePool<T>(name: string, p: T): T {
  const o = requireObject(name, p, "a recipe pool {n, X, clean, keep, sd} (see recipePool)");
  const n = requireInteger(`${name}.n`, o.n, { min: 1 });
  requireShape(name, p, "a recipe pool {n, X, clean, keep, sd} (see recipePool)", { X: undefined, clean: n, keep: n, sd: n });
  return p;
}

/** A world {d, a, c, aAlt, poolSize, valSize, seed} (see proxyWorld). */
export function requireProxyWorld<T>(name: string, w: T): T {
  const o = requireObject(name, w, "a proxy world (see proxyWorld)");
  const d = requireInteger(`${name}.d`, o.d, { min: 1 });
  requireInteger(`${name}.seed`, o.seed, { min: 0 });
  requireInteger(`${name}.valSize`, o.valSize, { min: 1 });
  requireInteger(`${name}.poolSize`, o.poolSize, { min: 1 });
  requireShape(name, w, "a proxy world (see proxyWorld)", { a: d, c: d, aAlt: d });
  return w;
}

/** A random feature map {d, width, W (width·d), bias (width)} (see randomFeatureMap). */
export function requireFeatureMap<T>(name: string, map: T): T {
  const o = requireObject(name, map, "a random feature map (see randomFeatureMap)");
  const d = requireInteger(`${name}.d`, o.d, { min: 1 });
  const width = requireInteger(`${name}.width`, o.width, { min: 1 });
  requireShape(name, map, "a random feature map (see randomFeatureMap)", { W: width * d, bias: width });
  return map;
}

/** One-step Taylor terms {a, c, loss0}, all finite. */
export function requireTaylorTerms<T>(name: string, t: T): T {
  const o = requireObject(name, t, "Taylor terms {a, c, loss0} (see taylorTerms)");
  for (const f of ["a", "c", "loss0"]) requireNumber(`${name}.${f}`, o[f]);
  return t;
}
