/**
 * The minimum of a Monte Carlo risk curve over the learning rate η, for the optimal-η risks that the
 * effective reuse rate E(K,N) of Yan et al. (arXiv 2511.13421) compares. The search is this toolkit's
 * numerics, not the paper's.
 *
 * Why two stages. Near its optimum the risk against u = ln η is strongly asymmetric: on the small-η
 * side the bias decays like exp(−2ηλKN), on the large-η side the noise floor grows like η. With
 * λKN·η* ≈ ln(KN) the relative curvature of R in u is ≈ ln(KN) and the third derivative ≈ ln(KN)², so a
 * parabola through three points of a 4-per-octave grid (step h = ln 2/4) misses the minimum by several
 * percent, with a sign that depends on where the grid falls (E(1,N) between 0.97 and 1.11 on exact
 * one-pass curves at N = 1e3…1e4). Hence:
 *  1. `refinementEtas`: a few more η around the grid minimum, at h/3 spacing, simulated on the same
 *     runs (common random numbers) as the grid;
 *  2. `optimalOverEta` on all points: a cubic in ln R against ln η through the discrete minimum, its two
 *     neighbours and the next point on the lower side (a parabola where no fourth point exists). Its
 *     interpolation error is estimated by the distance to the log-parabola through the same minimum.
 * On exact one-pass curves (d = 5…50, N = 1e2…1e5, any grid alignment) this recovers R̄*(1,N) so that
 * E(1,N) = 1 within 0.1 %; on Monte Carlo its remaining bias (the minimum of a noisy curve is optimistic)
 * is well inside the standard error (test/theory/reuse/etaOptimum.test.ts).
 */
import { ParameterError, requireInteger, requireNumber } from "../../src/core/validate";

/** The minimum of a risk curve over η. */
export interface EtaOptimum {
  eta: number;
  risk: number;
  /** Monte Carlo standard error of the risk at the point nearest the optimum (in ln η) */
  se: number;
  /** estimated interpolation error of `risk`: |log-cubic − log-parabola| at their minima (0 if not interpolated) */
  interpolationError: number;
  /** index of the discrete minimum */
  index: number;
  /** true if the minimum was interpolated between points (false: the discrete minimum itself) */
  refined: boolean;
  /** true if the discrete minimum is the first or last point (widen the grid) */
  atEdge: boolean;
}

function requireArray(name: string, v: unknown): ArrayLike<number> {
  if (v === null || typeof v !== "object" || typeof (v as ArrayLike<number>).length !== "number") throw new ParameterError(name, v, "an array of numbers");
  return v as ArrayLike<number>;
}

/** Vertex of the parabola through (u_i, f_i), i = 0,1,2 with f1 the smallest; undefined if not convex. */
function parabolaMin(u: number[], f: number[]): { u: number; f: number } | undefined {
  const d01 = (f[1] - f[0]) / (u[1] - u[0]);
  const d12 = (f[2] - f[1]) / (u[2] - u[1]);
  const a = (d12 - d01) / (u[2] - u[0]);
  if (!(a > 0)) return undefined;
  const b = d01 + a * (u[1] - u[0]); // slope at u1
  const t = Math.min(u[2] - u[1], Math.max(u[0] - u[1], -b / (2 * a)));
  return { u: u[1] + t, f: f[1] + b * t + a * t * t };
}

/**
 * Minimum of the cubic through four points (u_i, f_i) (increasing u) inside [lo, hi]: the root of p′ with
 * p″ > 0 there; undefined if the cubic has no local minimum in the interval.
 */
function cubicMin(u: number[], f: number[], lo: number, hi: number, centre: number): { u: number; f: number } | undefined {
  // Newton form p(t) = f0 + c1 (t−u0) + c2 (t−u0)(t−u1) + c3 (t−u0)(t−u1)(t−u2), rewritten in powers of s = t − centre
  const dd1 = [0, 1, 2].map((i) => (f[i + 1] - f[i]) / (u[i + 1] - u[i]));
  const dd2 = [0, 1].map((i) => (dd1[i + 1] - dd1[i]) / (u[i + 2] - u[i]));
  const c3 = (dd2[1] - dd2[0]) / (u[3] - u[0]);
  const [a0, a1, a2] = [u[0] - centre, u[1] - centre, u[2] - centre];
  // p(s) = f0 + c1 (s−a0) + c2 (s−a0)(s−a1) + c3 (s−a0)(s−a1)(s−a2)
  const p = (s: number): number => f[0] + dd1[0] * (s - a0) + dd2[0] * (s - a0) * (s - a1) + c3 * (s - a0) * (s - a1) * (s - a2);
  // p′(s) = A s² + B s + C
  const A = 3 * c3;
  const B = 2 * dd2[0] - 2 * c3 * (a0 + a1 + a2);
  const C = dd1[0] - dd2[0] * (a0 + a1) + c3 * (a0 * a1 + a0 * a2 + a1 * a2);
  const roots: number[] = [];
  if (Math.abs(A) < 1e-14 * (Math.abs(B) + Math.abs(C))) {
    if (B !== 0) roots.push(-C / B);
  } else {
    const disc = B * B - 4 * A * C;
    if (disc >= 0) {
      const q = -0.5 * (B + Math.sign(B || 1) * Math.sqrt(disc));
      roots.push(q / A);
      if (q !== 0) roots.push(C / q);
    }
  }
  let best: { u: number; f: number } | undefined;
  for (const s of roots) {
    if (!(s >= lo - centre && s <= hi - centre) || !(2 * A * s + B > 0)) continue;
    const v = p(s);
    if (!best || v < best.f) best = { u: centre + s, f: v };
  }
  return best;
}

/**
 * The minimum of a risk curve given at increasing η (any spacing, e.g. a log grid merged with its
 * refinement points; non-finite risks, e.g. of diverged η, are skipped): the discrete minimum, then the
 * minimum of a cubic in ln R against ln η through it, its two neighbours and the next point on the
 * side of the lower neighbour — or of the parabola through the three when there is no such point or the
 * cubic has no minimum between the neighbours. Risks must be > 0 to be interpolated in ln R; a curve
 * with a zero risk at or next to its minimum returns the discrete minimum.
 */
export function optimalOverEta(mean: readonly number[], se: readonly number[], etas: readonly number[]): EtaOptimum {
  requireArray("mean", mean);
  requireArray("se", se);
  requireArray("etas", etas);
  const n = etas.length;
  if (n === 0) throw new ParameterError("etas", "[]", "a non-empty η grid");
  if (mean.length !== n) throw new ParameterError("mean.length", mean.length, `equal to etas.length = ${n}`);
  if (se.length !== n) throw new ParameterError("se.length", se.length, `equal to etas.length = ${n}`);
  for (let m = 0; m < n; m++) {
    requireNumber(`etas[${m}]`, etas[m], { gt: 0 });
    if (m > 0 && !(etas[m] > etas[m - 1])) throw new ParameterError(`etas[${m}]`, etas[m], `> etas[${m - 1}] = ${etas[m - 1]} (increasing grid)`);
  }
  for (let m = 0; m < n; m++) if (Number.isFinite(mean[m])) requireNumber(`se[${m}]`, se[m], { min: 0 });
  let best = -1;
  for (let m = 0; m < n; m++) {
    if (Number.isFinite(mean[m]) && (best < 0 || mean[m] < mean[best])) best = m;
  }
  if (best < 0) throw new ParameterError("mean", "all non-finite", "at least one finite risk");
  const plain = (atEdge: boolean): EtaOptimum => ({ eta: etas[best], risk: mean[best], se: se[best], interpolationError: 0, index: best, refined: false, atEdge });
  if (best === 0 || best === n - 1) return plain(true);
  const ok = (m: number): boolean => m >= 0 && m < n && Number.isFinite(mean[m]) && mean[m] > 0;
  if (!ok(best - 1) || !ok(best) || !ok(best + 1)) return plain(false);
  const u = (m: number): number => Math.log(etas[m]);
  const f = (m: number): number => Math.log(mean[m]);
  const three = [best - 1, best, best + 1];
  const par = parabolaMin(three.map(u), three.map(f));
  if (!par) return plain(false);
  // the fourth point on the side of the lower neighbour (where the minimum lies)
  const fourth = mean[best - 1] < mean[best + 1] ? best - 2 : best + 2;
  let cub: { u: number; f: number } | undefined;
  if (ok(fourth)) {
    const idx = [...three, fourth].sort((a, b) => a - b);
    cub = cubicMin(idx.map(u), idx.map(f), u(best - 1), u(best + 1), u(best));
  }
  const chosen = cub ?? par;
  const risk = Math.exp(chosen.f);
  // standard error of the point nearest the optimum in ln η
  let near = best;
  for (const m of three) if (Math.abs(u(m) - chosen.u) < Math.abs(u(near) - chosen.u)) near = m;
  return {
    eta: Math.exp(chosen.u),
    risk,
    se: se[near],
    interpolationError: cub ? Math.abs(risk - Math.exp(par.f)) : 0,
    index: best,
    refined: true,
    atEdge: false,
  };
}

/**
 * The learning rates at which to refine a risk curve given on the log grid `etas`: `perStep − 1` points
 * on each side of the grid minimum, at a 1/perStep of the grid step in ln η, inside [etas[0], etas[n−1]]
 * (simulate them on the same runs as the grid: common random numbers). Empty if the grid has fewer than
 * two finite points.
 */
export function refinementEtas(mean: readonly number[], etas: readonly number[], perStep = 3): number[] {
  requireArray("mean", mean);
  requireArray("etas", etas);
  requireInteger("perStep", perStep, { min: 2, max: 64 });
  const n = etas.length;
  if (mean.length !== n) throw new ParameterError("mean.length", mean.length, `equal to etas.length = ${n}`);
  for (let m = 0; m < n; m++) {
    requireNumber(`etas[${m}]`, etas[m], { gt: 0 });
    if (m > 0 && !(etas[m] > etas[m - 1])) throw new ParameterError(`etas[${m}]`, etas[m], `> etas[${m - 1}] = ${etas[m - 1]} (increasing grid)`);
  }
  let best = -1;
  let finite = 0;
  for (let m = 0; m < n; m++) {
    if (!Number.isFinite(mean[m])) continue;
    finite++;
    if (best < 0 || mean[m] < mean[best]) best = m;
  }
  if (finite < 2) return [];
  const out: number[] = [];
  const uBest = Math.log(etas[best]);
  for (const side of [-1, 1]) {
    const other = best + side;
    if (other < 0 || other >= n) continue;
    const step = Math.log(etas[other]) - uBest;
    for (let q = 1; q < perStep; q++) out.push(Math.exp(uBest + (q * step) / perStep));
  }
  return out.sort((a, b) => a - b);
}

/**
 * Merge two risk curves over η (a grid and its refinement) into one sorted by η; a refinement point
 * equal to a grid point is dropped.
 */
export function mergeEtaCurves(
  a: { etas: readonly number[]; mean: readonly number[]; se: readonly number[] },
  b: { etas: readonly number[]; mean: readonly number[]; se: readonly number[] },
): { etas: number[]; mean: number[]; se: number[] } {
  const rows: Array<[number, number, number]> = [];
  for (const c of [a, b]) {
    requireArray("etas", c.etas);
    if (c.mean.length !== c.etas.length || c.se.length !== c.etas.length) throw new ParameterError("mean.length", c.mean.length, `equal to etas.length = ${c.etas.length} (and se.length)`);
    for (let m = 0; m < c.etas.length; m++) rows.push([c.etas[m], c.mean[m], c.se[m]]);
  }
  rows.sort((x, y) => x[0] - y[0]);
  const kept = rows.filter((r, i) => i === 0 || r[0] !== rows[i - 1][0]);
  return { etas: kept.map((r) => r[0]), mean: kept.map((r) => r[1]), se: kept.map((r) => r[2]) };
}
