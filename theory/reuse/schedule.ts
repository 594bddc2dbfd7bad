/**
 * One-pass SGD with a learning-rate schedule η_t (batch 1, w0 = 0, last iterate): the exact expected risk
 * by the diagonal recursion of onePass.ts with a step-dependent η, and the decaying schedule
 * η_t = η0/(1 + b·t^α) of the decaying-learning-rate remark of Yan et al. (arXiv 2511.13421; the remark is
 * known from a secondary summary only: with such a schedule the effective reuse rate is at most O(κ_H),
 * κ_H = λ_1/λ_d, instead of growing like log N).
 *
 * Per step, with C_g the summed c_i = E[(w_t − w*)_i²] over the n_g coordinates with eigenvalue λ_g:
 *   C_g(t+1) = (1 − 2η_tλ_g + κη_t²λ_g²) C_g(t) + η_t² λ_g n_g (Σ_h λ_h C_h(t) + σ²),   R_t = ½ Σ_g λ_g C_g(t)
 * (κ = 2 Gaussian, 0 Rademacher features). O(G) per step for G distinct eigenvalues.
 */
import { minimizeBounded } from "../../src/core/optimize";
import { ParameterError, requireFunction, requireInteger, requireNumber } from "../../src/core/validate";
import { maxEta } from "./onePass";
import { kappa, requireLinearProblem, type LinearProblem } from "./problem";

/** A learning-rate schedule: η_t for the step t = 0, 1, 2, … */
export type Schedule = (t: number) => number;

/** η_t = η0/(1 + b·t^α) (α > 0, b ≥ 0; b = 0 is the constant schedule). */
export function decayingSchedule(eta0: number, b: number, alpha = 1): Schedule {
  requireNumber("eta0", eta0, { gt: 0 });
  requireNumber("b", b, { min: 0 });
  requireNumber("alpha", alpha, { gt: 0 });
  return (t) => eta0 / (1 + b * Math.pow(t, alpha));
}

/** Distinct eigenvalues with multiplicities and summed squared targets. */
function grouped(problem: LinearProblem): { lambda: number[]; count: number[]; c0: number[] } {
  const m = new Map<number, { n: number; c: number }>();
  problem.lambda.forEach((l, i) => {
    const g = m.get(l) ?? { n: 0, c: 0 };
    g.n += 1;
    g.c += problem.wstar[i] * problem.wstar[i];
    m.set(l, g);
  });
  const lambda = [...m.keys()].sort((a, b) => a - b);
  return { lambda, count: lambda.map((l) => m.get(l)!.n), c0: lambda.map((l) => m.get(l)!.c) };
}

/** State of the scheduled recursion: step t and the summed error second moments per eigenvalue group. */
interface State {
  t: number;
  C: Float64Array;
}

function stepper(problem: LinearProblem, schedule: Schedule) {
  requireLinearProblem(problem);
  requireFunction("schedule", schedule);
  const g = grouped(problem);
  const G = g.lambda.length;
  const k = kappa(problem.features);
  const s2 = problem.sigma * problem.sigma;
  const top = maxEta(problem);
  const lam = Float64Array.from(g.lambda);
  const cnt = Float64Array.from(g.count);
  const state: State = { t: 0, C: Float64Array.from(g.c0) };
  const risk = (): number => {
    let r = 0;
    for (let h = 0; h < G; h++) r += lam[h] * state.C[h];
    return 0.5 * r;
  };
  const step = (): void => {
    const eta = schedule(state.t);
    if (!(eta > 0 && eta <= top)) {
      throw new ParameterError(`schedule(${state.t})`, eta, `in (0, ${top.toPrecision(6)}] (the largest stable one-pass η of this problem)`);
    }
    let q = s2;
    for (let h = 0; h < G; h++) q += lam[h] * state.C[h];
    for (let h = 0; h < G; h++) {
      const x = eta * lam[h];
      state.C[h] = (1 - 2 * x + k * x * x) * state.C[h] + eta * x * cnt[h] * q;
    }
    state.t += 1;
  };
  return { state, risk, step };
}

/** Exact expected excess risk of one-pass SGD with schedule η_t after each step count in `Ts` (integers ≥ 0). */
export function scheduledOnePassRisk(problem: LinearProblem, schedule: Schedule, Ts: number[]): number[] {
  if (!Array.isArray(Ts) || Ts.length === 0) throw new ParameterError("Ts", Ts, "a non-empty array of step counts");
  Ts.forEach((T, i) => requireInteger(`Ts[${i}]`, T, { min: 0 }));
  const s = stepper(problem, schedule);
  const order = Ts.map((T, i) => ({ T, i })).sort((a, b) => a.T - b.T);
  const out = new Array<number>(Ts.length);
  for (const { T, i } of order) {
    while (s.state.t < T) s.step();
    out[i] = s.risk();
  }
  return out;
}

/**
 * Steps until scheduled one-pass SGD first reaches `target` (real: linear interpolation of the risk between
 * the two steps that bracket it); Infinity if not reached within `maxSteps`.
 */
export function scheduledStepsToReach(problem: LinearProblem, schedule: Schedule, target: number, maxSteps: number): number {
  requireNumber("target", target, { gt: 0 });
  requireInteger("maxSteps", maxSteps, { min: 1 });
  const s = stepper(problem, schedule);
  let prev = s.risk();
  if (prev <= target) return 0;
  while (s.state.t < maxSteps) {
    s.step();
    const r = s.risk();
    if (r <= target) return s.state.t - 1 + (prev - target) / (prev - r);
    prev = r;
  }
  return Infinity;
}

/** The schedule family η_t = 1/(1/η0 + t/c): η0 at the start, ≈ c/t late (η0/(1 + b t) with b = η0/c). */
export function inverseTimeSchedule(eta0: number, c: number): Schedule {
  requireNumber("eta0", eta0, { gt: 0 });
  requireNumber("c", c, { gt: 0 });
  return decayingSchedule(eta0, eta0 / c, 1);
}

/** N′ of the scheduled one-pass side: the fewest steps to reach `target`, minimised over the schedule's (η0, c). */
export interface ScheduledInverse {
  N: number;
  eta0: number;
  c: number;
}

/**
 * Invert the schedule-optimised one-pass risk: min over η_t = 1/(1/η0 + t/c) of the steps to reach `target`
 * (η0 ∈ [maxEta·1e-3, maxEta], c ∈ [1e-2, 1e2]/λ_d; a 4 × 25 grid in logs — fine in c, on which the
 * steps depend most, since a coarser grid let the refinement settle on a worse ridge — then two rounds
 * of Brent per coordinate). `maxSteps` caps each run.
 */
export function invertScheduledOnePass(problem: LinearProblem, target: number, maxSteps: number): ScheduledInverse {
  requireLinearProblem(problem);
  requireNumber("target", target, { gt: 0 });
  requireInteger("maxSteps", maxSteps, { min: 1 });
  const top = maxEta(problem);
  let lamMin = Infinity;
  for (const l of problem.lambda) lamMin = Math.min(lamMin, l);
  const bounds = { u: [Math.log(top * 1e-3), Math.log(top) - 1e-9], v: [Math.log(1e-2 / lamMin), Math.log(1e2 / lamMin)] };
  const cost = (u: number, v: number): number => {
    const T = scheduledStepsToReach(problem, inverseTimeSchedule(Math.exp(u), Math.exp(v)), target, maxSteps);
    return Number.isFinite(T) ? Math.log(Math.max(T, 1e-300)) : 1e300;
  };
  let best = { u: bounds.u[1], v: bounds.v[0], f: Infinity };
  const nu = 4;
  const nv = 25;
  for (let i = 0; i < nu; i++) {
    for (let j = 0; j < nv; j++) {
      const u = bounds.u[0] + ((bounds.u[1] - bounds.u[0]) * i) / (nu - 1);
      const v = bounds.v[0] + ((bounds.v[1] - bounds.v[0]) * j) / (nv - 1);
      const f = cost(u, v);
      if (f < best.f) best = { u, v, f };
    }
  }
  if (!(best.f < 1e299)) throw new ParameterError("target", target, `reachable by scheduled one-pass SGD within maxSteps = ${maxSteps}`);
  const du = (bounds.u[1] - bounds.u[0]) / (nu - 1);
  const dv = (bounds.v[1] - bounds.v[0]) / (nv - 1);
  for (let round = 0; round < 2; round++) {
    const w = round === 0 ? 1 : 0.5;
    const rv = minimizeBounded((v) => cost(best.u, v), Math.max(bounds.v[0], best.v - w * dv), Math.min(bounds.v[1], best.v + w * dv), { xtol: 1e-4, rtol: 0 });
    if (rv.fun <= best.f) best = { ...best, v: rv.x, f: rv.fun };
    const ru = minimizeBounded((u) => cost(u, best.v), Math.max(bounds.u[0], best.u - w * du), Math.min(bounds.u[1], best.u + w * du), { xtol: 1e-4, rtol: 0 });
    if (ru.fun <= best.f) best = { ...best, u: ru.x, f: ru.fun };
  }
  return { N: Math.exp(best.f), eta0: Math.exp(best.u), c: Math.exp(best.v) };
}
