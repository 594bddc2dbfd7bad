/**
 * Shape checks at the library boundary (O(1): they look at lengths and types, never at every entry),
 * and the lookup that names the argument holding a non-finite entry once a result came out non-finite.
 * Hot inner-loop functions check their result (cheap) and only then scan their arguments.
 */
import { ParameterError, requireObject } from "./validate";

/** An array-like of numbers (Array or typed array); with `length`, of exactly that length (`what` describes it, e.g. "d = 10"). O(1). */
export function requireArrayLike(name: string, v: unknown, length?: number, what?: string): ArrayLike<number> {
  if (v === null || typeof v !== "object" || typeof (v as ArrayLike<number>).length !== "number") {
    throw new ParameterError(name, v === null ? "null" : typeof v === "object" ? "an object" : v, "an array of numbers");
  }
  const a = v as ArrayLike<number>;
  if (length !== undefined && a.length !== length) throw new ParameterError(`${name}.length`, a.length, `= ${what ?? length}`);
  return a;
}

/** A plain object with the listed array fields of the given lengths and the listed number fields (O(1)); `what` names the expected kind. */
export function requireShape(name: string, v: unknown, what: string, arrays: Record<string, number | undefined>, numbers: string[] = []): Record<string, unknown> {
  const o = requireObject(name, v, what);
  for (const f of numbers) if (typeof o[f] !== "number" || Number.isNaN(o[f])) throw new ParameterError(`${name}.${f}`, o[f], `a number (${name} must be ${what})`);
  for (const [f, n] of Object.entries(arrays)) {
    const a = o[f] as ArrayLike<number> | undefined;
    if (a === null || typeof a !== "object" || typeof a.length !== "number") throw new ParameterError(`${name}.${f}`, a === undefined ? "missing" : typeof a, `an array (${name} must be ${what})`);
    if (n !== undefined && a.length !== n) throw new ParameterError(`${name}.${f}.length`, a.length, `= ${n} (${name} must be ${what})`);
  }
  return o;
}

/** Throw a ParameterError naming the first non-finite entry of `v` (`name[i]`, or `name` for a scalar); return if there is none. O(length). */
export function throwIfNonFinite(name: string, v: unknown): void {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new ParameterError(name, v, "a finite number");
    return;
  }
  if (v === null || typeof v !== "object" || typeof (v as ArrayLike<number>).length !== "number") return;
  const a = v as ArrayLike<unknown>;
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== "number" || !Number.isFinite(a[i] as number)) throw new ParameterError(`${name}[${i}]`, a[i], "a finite number");
}

/**
 * After a non-finite result: name the argument that holds a non-finite entry (scanning `inputs` in order),
 * or, if every input is finite (an overflow), the first input with `reason`. Never returns.
 */
export function explainNonFinite(result: number, inputs: Array<[name: string, value: unknown]>, reason = "inputs small enough that the result is a finite number"): never {
  for (const [n, v] of inputs) throwIfNonFinite(n, v);
  throw new ParameterError(inputs[0][0], `… (result ${result})`, reason);
}

/**
 * For a loss that may legitimately overflow (a diverged iterate): a NaN result names the argument holding
 * a NaN entry; ±∞ is returned as is, and ∞ − ∞ from infinite entries (no NaN among them) as +∞ — the
 * quadratic term dominates — so that callers can flag the run as diverged.
 */
export function nanOrDiverged(result: number, inputs: Array<[name: string, value: ArrayLike<number>]>): number {
  if (!Number.isNaN(result)) return result;
  for (const [n, v] of inputs) {
    if (v === null || typeof v !== "object") continue;
    for (let i = 0; i < v.length; i++) if (Number.isNaN(v[i])) throw new ParameterError(`${n}[${i}]`, v[i], "a number (not NaN)");
  }
  return Infinity;
}
