/**
 * Synthetic data recipes for the proxy-ordering result: a seeded family of training distributions that
 * differ along the paper's four curation axes — domain mixture, quality (label corruption / noise),
 * diversity (duplication: few unique inputs) and a quality-score filtering threshold — all scored on one
 * clean validation distribution.
 *
 * The paper (Wang et al., arXiv 2512.24503) uses 23 LLM pretraining recipes along 4 dimensions; their exact
 * construction is not reproduced here. The world below is this toolkit's default (not the paper's),
 * extending the 10-recipe synthetic world derived for this toolkit (`spec10Recipes`): d = 4, f*(x) = sin(1.5 aᵀx) + 0.5 cos(cᵀx), a, c ~ N(0, I/d),
 * validation x ~ N(0, I) with clean labels y = f*(x).
 *
 * A recipe is a finite pool of inputs with, per input, the clean label value, the probability that the
 * label is kept (otherwise replaced by 0: corruption) and a label-noise sd. Its conditional mean is
 * g(x_i) = keep_i · clean_i; SGD draws inputs from the pool with fresh corruption and noise every step.
 */
import { Rng } from "../../src/core/rng";
import { ParameterError, requireInteger, requireNumber, requireObject } from "../../src/core/validate";
import { explainNonFinite, requireArrayLike } from "../../src/core/validateShape";
import { requireProxyWorld } from "./checkModel";

/** Curation axis a recipe varies along. */
export type RecipeAxis = "mixture" | "quality" | "diversity" | "filtering" | "shift" | "scale" | "alignment";
export const RECIPE_AXES: readonly RecipeAxis[] = ["mixture", "quality", "diversity", "filtering", "shift", "scale", "alignment"];

/** Declarative description of one recipe (all fields but `name`, `axis` optional). */
export interface RecipeSpec {
  name: string;
  axis: RecipeAxis;
  /** weights of the three domains (in-domain N(0,I); covariate-shifted N(1.5e₁, I); other task f_alt), default [1,0,0] */
  mixture?: number[];
  /** extra covariate shift s along e₁ for every input (as in the 10-recipe world), default 0 */
  shift?: number;
  /** input scale: x = mean + scale·z, default 1 */
  scale?: number;
  /** probability p that a label is replaced by 0 (so g = (1 − p)·f), default 0 */
  corruption?: number;
  /** zero-mean label-noise sd σ (hurts SGD only), default 0 */
  noise?: number;
  /** number of unique inputs (duplication: the recipe is the empirical law of `unique` points), default the pool size */
  unique?: number;
  /** quality-score filtering threshold t ∈ [0, 1): raw inputs with per-input corruption 0.6(1 − q), q ~ U(0,1), are kept when q + 0.1·ε ≥ t */
  filter?: number;
  /** multiply every label by this factor (alignment-vs-optimum separation), default 1 */
  labelScale?: number;
}

/** The synthetic world: input dimension, target functions, pool sizes and seed. */
export interface ProxyWorld {
  d: number;
  /** directions of f*(x) = sin(1.5 aᵀx) + 0.5 cos(cᵀx) */
  a: Float64Array;
  c: Float64Array;
  /** direction of the other task f_alt(x) = sin(1.5 a'ᵀx) + 0.5 cos(cᵀx) */
  aAlt: Float64Array;
  /** inputs per recipe pool (before duplication/filtering) and in the validation pool */
  poolSize: number;
  valSize: number;
  seed: number;
}

/** A recipe realised as a pool: inputs X (n × d), clean label value, keep probability and noise sd per input. */
export interface RecipePool {
  name: string;
  axis: RecipeAxis;
  n: number;
  X: Float64Array;
  clean: Float64Array;
  keep: Float64Array;
  sd: Float64Array;
}

/** Shift of domain 1 along e₁. */
export const DOMAIN_SHIFT = 1.5;

/** The world of seed `seed` (default d = 4, pools of 4000 inputs). */
export function proxyWorld(opts: { d?: number; poolSize?: number; valSize?: number; seed?: number } = {}): ProxyWorld {
  requireObject("opts", opts, "world options {d, poolSize, valSize, seed}");
  const d = requireInteger("d", opts.d ?? 4, { min: 1 });
  const poolSize = requireInteger("poolSize", opts.poolSize ?? 4000, { min: 10 });
  const valSize = requireInteger("valSize", opts.valSize ?? poolSize, { min: 10 });
  const seed = requireInteger("seed", opts.seed ?? 0, { min: 0 });
  const rng = new Rng(seed, 0);
  const draw = () => Float64Array.from({ length: d }, () => rng.normal() / Math.sqrt(d));
  const a = draw();
  const c = draw();
  const a2 = draw();
  const aAlt = a.map((v, i) => 0.5 * v + (Math.sqrt(3) / 2) * a2[i]);
  return { d, a, c, aAlt, poolSize, valSize, seed };
}

const dot = (u: ArrayLike<number>, x: ArrayLike<number>, off: number, d: number) => {
  let s = 0;
  for (let i = 0; i < d; i++) s += u[i] * x[off + i];
  return s;
};

/** f*(x) = sin(1.5 aᵀx) + 0.5 cos(cᵀx) for the row of X at offset `off`. */
export function targetFunction(w: ProxyWorld, X: ArrayLike<number>, off = 0): number {
  requireProxyWorld("w", w);
  requireInteger("off", off, { min: 0 });
  if (requireArrayLike("X", X).length < off + w.d) throw new ParameterError("X.length", X.length, `≥ off + d = ${off + w.d}`);
  const f = Math.sin(1.5 * dot(w.a, X, off, w.d)) + 0.5 * Math.cos(dot(w.c, X, off, w.d));
  return Number.isFinite(f) ? f : explainNonFinite(f, [["X", Array.prototype.slice.call(X, off, off + w.d)]]);
}

function altFunction(w: ProxyWorld, X: ArrayLike<number>, off: number): number {
  return Math.sin(1.5 * dot(w.aAlt, X, off, w.d)) + 0.5 * Math.cos(dot(w.c, X, off, w.d));
}

/** Stable 31-bit hash of a recipe name (its pool's random stream does not depend on list order). */
function nameStream(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619) >>> 0;
  return (h >>> 1) + 16;
}

/** The validation pool: x ~ N(0, I), clean labels f*(x). */
export function validationPool(w: ProxyWorld): RecipePool {
  requireProxyWorld("w", w);
  const rng = new Rng(w.seed, 1);
  const n = w.valSize;
  const X = new Float64Array(n * w.d);
  for (let i = 0; i < X.length; i++) X[i] = rng.normal();
  const clean = new Float64Array(n);
  for (let r = 0; r < n; r++) clean[r] = targetFunction(w, X, r * w.d);
  return { name: "validation", axis: "mixture", n, X, clean, keep: new Float64Array(n).fill(1), sd: new Float64Array(n) };
}

/** Largest |shift|, scale, noise sd and |labelScale| of a recipe (double precision stays well posed). */
export const MAX_RECIPE_SIZE = 1e3;
/** Smallest input scale and |labelScale| of a recipe. */
export const MIN_RECIPE_SCALE = 1e-3;

/** Validate one recipe spec (index i of a list); throws a ParameterError naming the field and its allowed range. */
export function validateRecipe(s: unknown, i = 0, list = "recipes"): RecipeSpec {
  const at = `${list}[${i}]`;
  if (typeof s !== "object" || s === null || Array.isArray(s)) throw new ParameterError(at, JSON.stringify(s), "an object {name, axis, …}");
  const r = s as Record<string, unknown>;
  if (typeof r.name !== "string" || r.name.trim() === "") throw new ParameterError(`${at}.name`, r.name, "a non-empty string");
  if (typeof r.axis !== "string" || !(RECIPE_AXES as readonly string[]).includes(r.axis)) {
    throw new ParameterError(`${at}.axis`, r.axis, `one of ${RECIPE_AXES.join(", ")}`);
  }
  const known = new Set(["name", "axis", "mixture", "shift", "scale", "corruption", "noise", "unique", "filter", "labelScale"]);
  for (const k of Object.keys(r)) if (!known.has(k)) throw new ParameterError(`${at}.${k}`, r[k], `absent (unknown field; known: ${[...known].join(", ")})`);
  if (r.mixture !== undefined) {
    const m = r.mixture;
    if (!Array.isArray(m) || m.length !== 3) throw new ParameterError(`${at}.mixture`, JSON.stringify(m), "three domain weights [w0, w1, w2]");
    m.forEach((v, j) => requireNumber(`${at}.mixture[${j}]`, v, { min: 0 }));
    if ((m as number[]).reduce((a, b) => a + b, 0) <= 0) throw new ParameterError(`${at}.mixture`, JSON.stringify(m), "weights with a positive sum");
  }
  // ranges in which the proxy problem stays well posed in double precision: inputs x = shift + scale·z
  // and labels labelScale·f enter squared (to the fourth power in the SGD noise), so their sizes stay ≤ 1e3
  if (r.shift !== undefined) requireNumber(`${at}.shift`, r.shift, { min: -MAX_RECIPE_SIZE, max: MAX_RECIPE_SIZE });
  if (r.scale !== undefined) requireNumber(`${at}.scale`, r.scale, { min: MIN_RECIPE_SCALE, max: MAX_RECIPE_SIZE });
  if (r.corruption !== undefined) requireNumber(`${at}.corruption`, r.corruption, { min: 0, lt: 1 });
  if (r.noise !== undefined) requireNumber(`${at}.noise`, r.noise, { min: 0, max: MAX_RECIPE_SIZE });
  if (r.unique !== undefined) requireInteger(`${at}.unique`, r.unique, { min: 1 });
  if (r.filter !== undefined) requireNumber(`${at}.filter`, r.filter, { min: 0, lt: 1 });
  if (r.labelScale !== undefined) {
    const v = requireNumber(`${at}.labelScale`, r.labelScale, { min: -MAX_RECIPE_SIZE, max: MAX_RECIPE_SIZE });
    // at 0 every label is 0: every recipe has the same optimum, nothing to rank
    if (Math.abs(v) < MIN_RECIPE_SCALE) throw new ParameterError(`${at}.labelScale`, v, `a number with ${MIN_RECIPE_SCALE} ≤ |labelScale| ≤ ${MAX_RECIPE_SIZE} (at 0 every label is 0: nothing to rank)`);
  }
  return r as unknown as RecipeSpec;
}

/** Validate a recipe list: non-empty, ≥ 2 recipes, every spec valid, names unique. */
export function validateRecipes(list: unknown, name = "recipes"): RecipeSpec[] {
  if (!Array.isArray(list) || list.length === 0) throw new ParameterError(name, Array.isArray(list) ? [] : JSON.stringify(list), "a non-empty list of recipes");
  if (list.length < 2) throw new ParameterError(`${name}.length`, list.length, "≥ 2 (a ranking needs two recipes)");
  const out = list.map((s, i) => validateRecipe(s, i, name));
  const seen = new Set<string>();
  for (const r of out) {
    if (seen.has(r.name)) throw new ParameterError(`${name} name`, r.name, "unique within the list");
    seen.add(r.name);
  }
  return out;
}

/** Realise a recipe as a pool in world `w` (its own random stream, keyed by the recipe name). */
export function recipePool(w: ProxyWorld, spec: RecipeSpec): RecipePool {
  requireProxyWorld("w", w);
  const s = validateRecipe(spec);
  const rng = new Rng(w.seed, nameStream(s.name));
  const d = w.d;
  const mix = s.mixture ?? [1, 0, 0];
  const tot = mix[0] + mix[1] + mix[2];
  const scale = s.scale ?? 1;
  const shift = s.shift ?? 0;
  const p0 = s.corruption ?? 0;
  const noise = s.noise ?? 0;
  const ls = s.labelScale ?? 1;
  // raw draws: for filtering, a raw pool with per-input quality q and a noisy score
  const raw = w.poolSize;
  const nUnique = Math.min(s.unique ?? raw, raw);
  const X: number[] = [];
  const clean: number[] = [];
  const keep: number[] = [];
  const x = new Float64Array(d);
  for (let r = 0; r < raw && clean.length < nUnique; r++) {
    const u = rng.uniform() * tot;
    const dom = u < mix[0] ? 0 : u < mix[0] + mix[1] ? 1 : 2;
    for (let i = 0; i < d; i++) x[i] = scale * rng.normal();
    x[0] += shift + (dom === 1 ? DOMAIN_SHIFT : 0);
    let p = p0;
    if (s.filter !== undefined) {
      const q = rng.uniform();
      const score = q + 0.1 * rng.normal();
      if (score < s.filter) continue;
      p = 1 - (1 - p0) * (1 - 0.6 * (1 - q));
    }
    X.push(...x);
    clean.push(ls * (dom === 2 ? altFunction(w, x, 0) : targetFunction(w, x, 0)));
    keep.push(1 - p);
  }
  const n = clean.length;
  if (n < 2) throw new ParameterError(`recipe "${s.name}" pool size`, n, "≥ 2 inputs (lower the filter threshold)");
  return { name: s.name, axis: s.axis, n, X: Float64Array.from(X), clean: Float64Array.from(clean), keep: Float64Array.from(keep), sd: new Float64Array(n).fill(noise) };
}

/** Label noise sd σ = 1.2(1 − q) + 0.1 (this toolkit's device): the better a recipe (q → 0), the noisier its labels. */
export const noiseForLevel = (q: number): number => 1.2 * (1 - requireNumber("q", q, { min: 0, max: 1 })) + 0.1;

/**
 * The default family of 16 recipes, 4 per curation axis, at severity levels q = 0, ⅓, ⅔, 1 within each
 * axis, with label noise σ = 1.2(1 − q) + 0.1 (the milder recipe is the noisier: the ingredient that makes
 * fixed-lr rankings flip; a toolkit default, not the paper's recipes):
 * mixture (domain weights), quality (corruption p), diversity (unique inputs), filtering (threshold t).
 */
export function defaultRecipes(): RecipeSpec[] {
  const levels = [0, 1 / 3, 2 / 3, 1];
  const mixtures = [[1, 0, 0], [0.7, 0.3, 0], [0.5, 0.25, 0.25], [0.2, 0.4, 0.4]];
  const corruption = [0.1, 0.2, 0.3, 0.4];
  const unique = [1000, 300, 100, 40];
  const filter = [0.8, 0.55, 0.3, 0.05];
  const out: RecipeSpec[] = [];
  levels.forEach((q, i) => out.push({ name: `mixture-${i}`, axis: "mixture", mixture: mixtures[i], noise: noiseForLevel(q) }));
  levels.forEach((q, i) => out.push({ name: `quality-${i}`, axis: "quality", corruption: corruption[i], noise: noiseForLevel(q) }));
  levels.forEach((q, i) => out.push({ name: `diversity-${i}`, axis: "diversity", unique: unique[i], mixture: [0.8, 0.2, 0], noise: noiseForLevel(q) }));
  levels.forEach((q, i) => out.push({ name: `filtering-${i}`, axis: "filtering", filter: filter[i], noise: noiseForLevel(q) }));
  return out;
}

/**
 * The 10-recipe synthetic world (derived here, not the paper's): q = linspace(0,1,10): shift s = q,
 * corruption 0.3q, noise 1.2(1 − q) + 0.1. The set name `spec10` and recipe names `spec-k` are CLI values.
 */
export function spec10Recipes(): RecipeSpec[] {
  return Array.from({ length: 10 }, (_, k) => {
    const q = k / 9;
    return { name: `spec-${k}`, axis: "shift" as const, shift: q, corruption: 0.3 * q, noise: noiseForLevel(q) };
  });
}

/** Pure curvature: recipes differing only in input scale (x ~ N(0, s² I)), clean labels (derived here: a flip governed by the stability edges). */
export function curvatureRecipes(): RecipeSpec[] {
  return [0.6, 0.8, 1, 1.25, 1.5, 2].map((s) => ({ name: `scale-${s}`, axis: "scale" as const, scale: s }));
}

/**
 * Alignment-vs-optimum separation (derived here: it tells the fixed-steps and fixed-time tiny-lr regimes apart): `amplified` has labels 2f* — the largest first-order
 * alignment b_vᵀb_k but a poor optimum — against clean, mildly shifted or corrupted recipes.
 */
export function separationRecipes(): RecipeSpec[] {
  return [
    { name: "clean", axis: "alignment" },
    { name: "amplified", axis: "alignment", labelScale: 2 },
    { name: "shifted", axis: "alignment", shift: 0.7 },
    { name: "corrupted", axis: "alignment", corruption: 0.3 },
  ];
}

/** Named recipe sets. */
export const RECIPE_SETS: Readonly<Record<string, () => RecipeSpec[]>> = {
  default: defaultRecipes,
  spec10: spec10Recipes,
  curvature: curvatureRecipes,
  separation: separationRecipes,
};

/**
 * Resolve a recipes value: a set name (default, spec10, curvature, separation), a comma-separated
 * list of recipe names from those sets, or a parsed JSON array of recipe specs.
 */
export function resolveRecipes(value: string | unknown[], name = "recipes"): RecipeSpec[] {
  if (Array.isArray(value)) return validateRecipes(value, name);
  if (typeof value !== "string" || value.trim() === "") throw new ParameterError(name, value, `a set name (${Object.keys(RECIPE_SETS).join(", ")}), a list of recipe names, or an array of recipe specs`);
  const v = value.trim();
  if (Object.hasOwn(RECIPE_SETS, v)) return RECIPE_SETS[v]();
  const parts = v.split(",").map((p) => p.trim());
  const catalog = new Map<string, RecipeSpec>();
  for (const f of Object.values(RECIPE_SETS)) for (const r of f()) catalog.set(r.name, r);
  return validateRecipes(
    parts.map((p, i) => {
      const r = catalog.get(p);
      // own names only (a Map): "constructor" or "__proto__" are never sets or recipes
      if (!r) throw new ParameterError(parts.length === 1 ? name : `${name}[${i}]`, p, `a recipe set (${Object.keys(RECIPE_SETS).join(", ")}) or a known recipe name (e.g. mixture-0, spec-3, scale-1.5)`);
      return r;
    }),
    name,
  );
}
