/**
 * Validation at the public boundary: every bad parameter throws a `ParameterError` that names the
 * parameter, its value and the allowed range. Never let a NaN through silently.
 */

/** Error for a parameter outside its allowed range; `message` is one line. */
export class ParameterError extends RangeError {
  constructor(
    readonly parameter: string,
    readonly value: unknown,
    readonly allowed: string,
  ) {
    super(`${parameter} = ${fmt(value)}: must be ${allowed}`);
    this.name = "ParameterError";
  }
}

function fmt(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(fmt).join(", ")}]`;
  return String(v);
}

export interface Bounds {
  min?: number;
  max?: number;
  /** exclusive lower bound */
  gt?: number;
  /** exclusive upper bound */
  lt?: number;
  /** allow +Infinity (e.g. K = ∞) */
  allowInfinity?: boolean;
}

function describe(kind: string, b: Bounds): string {
  const lo = b.gt !== undefined ? `> ${b.gt}` : b.min !== undefined ? `≥ ${b.min}` : "";
  const hi = b.lt !== undefined ? `< ${b.lt}` : b.max !== undefined ? `≤ ${b.max}` : "";
  const range = [lo, hi].filter(Boolean).join(" and ");
  const inf = b.allowInfinity ? " (or Infinity)" : "";
  return `a finite ${kind}${range ? " " + range : ""}${inf}`;
}

/** A finite number within the bounds (Infinity only if `allowInfinity`). Returns the value. */
export function requireNumber(name: string, value: unknown, b: Bounds = {}): number {
  const ok =
    typeof value === "number" &&
    !Number.isNaN(value) &&
    (Number.isFinite(value) || (b.allowInfinity === true && value === Infinity)) &&
    (b.min === undefined || value >= b.min) &&
    (b.max === undefined || value <= b.max) &&
    (b.gt === undefined || value > b.gt) &&
    (b.lt === undefined || value < b.lt);
  if (!ok) throw new ParameterError(name, value, describe("number", b));
  return value as number;
}

/** An integer within the bounds (Infinity only if `allowInfinity`). Returns the value. */
export function requireInteger(name: string, value: unknown, b: Bounds = {}): number {
  let v: number;
  try {
    v = requireNumber(name, value, { ...b });
  } catch {
    throw new ParameterError(name, value, describe("integer", b));
  }
  if (Number.isFinite(v) && !Number.isInteger(v)) throw new ParameterError(name, value, describe("integer", b));
  return v;
}

/** A non-empty array of finite numbers each within the bounds. */
export function requireVector(name: string, v: ArrayLike<number>, b: Bounds = {}): void {
  if (v === null || typeof v !== "object" || typeof (v as ArrayLike<number>).length !== "number") {
    throw new ParameterError(name, v, "an array of numbers");
  }
  if (v.length === 0) throw new ParameterError(name, "[]", "a non-empty vector");
  for (let i = 0; i < v.length; i++) requireNumber(`${name}[${i}]`, v[i], b);
}

/** One of the listed string values. */
export function requireOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new ParameterError(name, value, `one of ${allowed.join(", ")}`);
  }
  return value as T;
}

/** A function (e.g. the objective of a solver). */
export function requireFunction<F extends (...args: never[]) => unknown>(name: string, f: unknown): F {
  if (typeof f !== "function") throw new ParameterError(name, typeof f === "object" ? String(f) : f, "a function");
  return f as F;
}

/** A plain object (an options or record argument); `what` says which. */
export function requireObject(name: string, v: unknown, what = "an object"): Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new ParameterError(name, v === null ? "null" : Array.isArray(v) ? "an array" : typeof v, what);
  return v as Record<string, unknown>;
}

/**
 * A quantity the inputs leave undefined (or not representable as a finite double): throws a
 * ParameterError naming the input responsible, its value and why, instead of returning NaN or ±Infinity.
 */
export function undefinedFor(name: string, value: unknown, reason: string): never {
  throw new ParameterError(name, value, reason);
}
