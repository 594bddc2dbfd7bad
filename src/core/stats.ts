/**
 * Summary statistics and rank correlations (Spearman ρ, Kendall τ-b). A quantity the data leave
 * undefined (the standard error of one value, the correlation with a constant vector) is an error
 * naming the argument and why, never a silent NaN.
 */
import { ParameterError, requireVector } from "./validate";

/** Mean and standard error of the mean (sample sd / √n); needs n ≥ 2 finite values (the sd of one value is undefined). */
export function meanSe(xs: ArrayLike<number>): { mean: number; se: number; sd: number; n: number } {
  requireVector("xs", xs);
  const n = xs.length;
  if (n < 2) throw new ParameterError("xs.length", n, "≥ 2 (the standard error of a single value is undefined)");
  let m = 0;
  for (let i = 0; i < n; i++) m += xs[i];
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (xs[i] - m) ** 2;
  const sd = Math.sqrt(v / (n - 1));
  return { mean: m, se: sd / Math.sqrt(n), sd, n };
}

/** Three-way comparison that is exact for ±Infinity (a − b is NaN for ∞ − ∞). */
const cmp = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);

/** Ranks 1…n with ties given their average rank (±Infinity allowed: equal infinities tie). */
export function ranks(xs: ArrayLike<number>): Float64Array {
  if (xs === null || typeof xs !== "object" || typeof xs.length !== "number") throw new ParameterError("xs", xs, "an array of numbers");
  const n = xs.length;
  for (let i = 0; i < n; i++) {
    if (typeof xs[i] !== "number" || Number.isNaN(xs[i])) throw new ParameterError(`xs[${i}]`, xs[i], "a number (not NaN; ±Infinity allowed)");
  }
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => cmp(xs[a], xs[b]));
  const r = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && xs[idx[j + 1]] === xs[idx[i]]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[idx[k]] = avg;
    i = j + 1;
  }
  return r;
}

function checkPair(x: ArrayLike<number>, y: ArrayLike<number>): void {
  for (const [name, v] of [["x", x], ["y", y]] as const) {
    if (v === null || typeof v !== "object" || typeof v.length !== "number") throw new ParameterError(name, v, "an array of numbers");
  }
  if (x.length !== y.length) throw new ParameterError("y.length", y.length, `equal to x.length = ${x.length}`);
  if (x.length < 2) throw new ParameterError("n", x.length, "≥ 2");
  for (let i = 0; i < x.length; i++) {
    if (typeof x[i] !== "number" || typeof y[i] !== "number" || Number.isNaN(x[i]) || Number.isNaN(y[i])) {
      throw new ParameterError(`pair ${i}`, `(${x[i]}, ${y[i]})`, "not NaN");
    }
  }
  // a correlation with a constant vector is 0/0: undefined, not a number
  for (const [name, v] of [["x", x], ["y", y]] as const) {
    let constant = true;
    for (let i = 1; i < v.length && constant; i++) if (v[i] !== v[0]) constant = false;
    if (constant) throw new ParameterError(name, `constant (${v[0]})`, "at least two distinct values (the correlation with a constant vector is undefined)");
  }
}

/** Pearson correlation of finite x and y (neither constant). */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkPair(x, y);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new ParameterError(`pair ${i}`, `(${x[i]}, ${y[i]})`, "finite (use spearman or kendall for ±Infinity)");
  }
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0 || !Number.isFinite(sxx * syy)) {
    throw new ParameterError(sxx === 0 ? "x" : "y", "of zero or overflowing variance", "a finite non-zero spread (the correlation is undefined)");
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Spearman rank correlation ρ (Pearson correlation of average ranks; handles ties and ±Infinity; neither vector constant). */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkPair(x, y);
  return pearson(ranks(x), ranks(y));
}

/** Kendall τ-b (tie-corrected), O(n²); ±Infinity allowed (equal infinities tie); neither vector constant. */
export function kendall(x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkPair(x, y);
  const n = x.length;
  let conc = 0;
  let disc = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = cmp(x[i], x[j]);
      const dy = cmp(y[i], y[j]);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) tx++;
      else if (dy === 0) ty++;
      else if (dx === dy) conc++;
      else disc++;
    }
  }
  const denom = Math.sqrt((conc + disc + tx) * (conc + disc + ty));
  return (conc - disc) / denom; // denom > 0: neither vector is constant (checkPair)
}

/**
 * Two-sided Fisher exact test for two binomial counts: a successes of n₁ against b of n₂. The p-value
 * sums the hypergeometric probabilities (margins fixed) of every table no more likely than the observed one.
 */
export function fisherExact(a: number, n1: number, b: number, n2: number): number {
  for (const [name, v] of [["n1", n1], ["n2", n2]] as const) if (!Number.isInteger(v) || v < 1) throw new ParameterError(name, v, "an integer ≥ 1");
  if (!Number.isInteger(a) || a < 0 || a > n1) throw new ParameterError("a", a, `an integer in [0, n1 = ${n1}]`);
  if (!Number.isInteger(b) || b < 0 || b > n2) throw new ParameterError("b", b, `an integer in [0, n2 = ${n2}]`);
  const lf = (n: number): number => {
    let s = 0;
    for (let i = 2; i <= n; i++) s += Math.log(i);
    return s;
  };
  const s = a + b;
  const logP = (x: number): number => lf(n1) - lf(x) - lf(n1 - x) + lf(n2) - lf(s - x) - lf(n2 - s + x) - (lf(n1 + n2) - lf(s) - lf(n1 + n2 - s));
  const obs = logP(a);
  let p = 0;
  for (let x = Math.max(0, s - n2); x <= Math.min(n1, s); x++) {
    const lp = logP(x);
    if (lp <= obs + 1e-9) p += Math.exp(lp);
  }
  return Math.min(1, p);
}

/**
 * Exact one-sided paired sign-flip permutation test of H₀ "the paired differences are symmetric
 * about 0" against "their mean is > 0": p = #{s ∈ {±1}ⁿ : mean(s ⊙ d) ≥ mean(d)} / 2ⁿ, every sign
 * pattern enumerated (n ≤ 20). With all n differences positive p = 2⁻ⁿ (the smallest possible: 1/32
 * for 5 pairs), so a test at level 0.05 needs ≥ 5 pairs. Ties in |d| are handled exactly (a relative
 * tolerance of 1e-12 decides "≥").
 */
export function pairedSignFlipTest(diffs: ArrayLike<number>): { n: number; mean: number; p: number } {
  const n = diffs.length;
  if (n < 1 || n > 20) throw new ParameterError("diffs.length", n, "1 to 20 pairs (every sign pattern is enumerated)");
  let obs = 0;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(diffs[i])) throw new ParameterError(`diffs[${i}]`, diffs[i], "a finite number");
    obs += diffs[i];
    scale += Math.abs(diffs[i]);
  }
  const tol = 1e-12 * Math.max(scale, 1e-300);
  let count = 0;
  const total = 2 ** n;
  for (let mask = 0; mask < total; mask++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += mask & (1 << i) ? -diffs[i] : diffs[i];
    if (s >= obs - tol) count++;
  }
  return { n, mean: obs / n, p: count / total };
}
