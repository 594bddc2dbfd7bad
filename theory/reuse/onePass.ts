/**
 * Exact expected excess risk of one-pass, batch-1, constant-η SGD from w0 = 0 (last iterate) on a
 * diagonal spectrum (derived here for the set-up of Yan et al., arXiv 2511.13421; the paper gives no exact formula).
 *
 * The diagonal c_i(t) = E[(w_t − w*)_i²] obeys
 *   c(t+1) = A c(t) + b,  A = diag(ρ) + η²λλᵀ,  ρ_i = 1 − 2ηλ_i + κη²λ_i²,  b = η²σ²λ,
 * and R_t = ½ λᵀc(t). Coordinates with equal λ are merged (their sum evolves on its own), leaving a
 * diagonal-plus-rank-one matrix D + a vᵀ with a_g = n_g η²λ_g, v_g = λ_g. Its eigenvalues are the
 * roots μ_m of the secular equation 1 + Σ_g w_g/(ρ_g − μ) = 0 (w_g = a_g v_g), found to full relative
 * precision relative to the nearest pole (as in LAPACK's dlaed4). With d_{mg} = μ_m − ρ_g:
 *   R(T) = ½ Σ_m [ α_m μ_m^T + β_m (1 − μ_m^T)/(1 − μ_m) ],
 *   α_m = (Σ_g λ_g C0_g / d_{mg}) / S_m,  β_m = σ²/S_m,  S_m = Σ_g w_g / d_{mg}².
 * One decomposition costs O(G²) (G distinct eigenvalues); each T then costs O(G), real T allowed.
 */
import { ParameterError, requireInteger, requireNumber } from "../../src/core/validate";
import { trace } from "../../src/core/spectra";
import { kappa, requireLinearProblem, type LinearProblem } from "./problem";

/** The eigen-decomposed one-pass recursion at one η: evaluates R(T) for any real T ≥ 0 in O(G). */
export interface OnePassModes {
  eta: number;
  /** 1 − μ_m (exact to relative precision; > 0 for a stable η) */
  oneMinusMu: Float64Array;
  /** ln μ_m */
  logMu: Float64Array;
  alpha: Float64Array;
  beta: Float64Array;
  /** stationary risk R(∞) = ½ σ² s/(1 − s), s = Σ_i ηλ_i/(2 − κηλ_i) */
  stationaryRisk: number;
}

/** Distinct eigenvalues with multiplicities and summed initial errors C0_g = Σ_{i∈g} (w*_i)². */
interface Groups {
  lambda: Float64Array;
  count: Float64Array;
  c0: Float64Array;
}

const groupCache = new WeakMap<LinearProblem, Groups>();

function groups(problem: LinearProblem): Groups {
  const cached = groupCache.get(problem);
  if (cached) return cached;
  const d = problem.lambda.length;
  const order = Array.from({ length: d }, (_, i) => i).sort((i, j) => problem.lambda[i] - problem.lambda[j]);
  const lam: number[] = [];
  const cnt: number[] = [];
  const c0: number[] = [];
  for (const i of order) {
    const l = problem.lambda[i];
    const w2 = problem.wstar[i] * problem.wstar[i];
    if (lam.length > 0 && lam[lam.length - 1] === l) {
      cnt[cnt.length - 1] += 1;
      c0[c0.length - 1] += w2;
    } else {
      lam.push(l);
      cnt.push(1);
      c0.push(w2);
    }
  }
  const g = { lambda: Float64Array.from(lam), count: Float64Array.from(cnt), c0: Float64Array.from(c0) };
  groupCache.set(problem, g);
  return g;
}

/** s(η) = Σ_i ηλ_i/(2 − κηλ_i); the recursion is stable iff every 2 − κηλ_i > 0 and s < 1. */
export function stabilityIndex(problem: LinearProblem, eta: number): number {
  requireLinearProblem(problem);
  requireNumber("eta", eta, { gt: 0 });
  const k = kappa(problem.features);
  let s = 0;
  for (let i = 0; i < problem.lambda.length; i++) {
    const x = eta * problem.lambda[i];
    const den = 2 - k * x;
    if (!(den > 0)) return Infinity;
    s += x / den;
  }
  return s;
}

/** Largest η for which the expected one-pass recursion is stable (s(η) = 1), by bisection. */
export function stabilityLimit(problem: LinearProblem): number {
  requireLinearProblem(problem);
  let lo = 0;
  let hi = 4 / trace(problem.lambda);
  while (stabilityIndex(problem, hi) < 1) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const m = 0.5 * (lo + hi);
    if (stabilityIndex(problem, m) < 1) lo = m;
    else hi = m;
  }
  return lo;
}

/** Largest η the toolkit uses for one-pass SGD: min(1/tr H, 0.99 × stability limit). */
export function maxEta(problem: LinearProblem): number {
  return Math.min(1 / trace(problem.lambda), 0.99 * stabilityLimit(problem));
}

/** Stationary (T → ∞) excess risk of constant-η one-pass SGD: ½ σ² s/(1 − s) (+Infinity beyond the stability limit). */
export function stationaryRisk(problem: LinearProblem, eta: number): number {
  const s = stabilityIndex(problem, eta);
  if (!(s < 1)) return Infinity; // beyond the stability limit the risk diverges (a well-defined +∞)
  return (0.5 * problem.sigma * problem.sigma * s) / (1 - s);
}

function checkEta(problem: LinearProblem, eta: number): void {
  requireNumber("eta", eta, { gt: 0 });
  const s = stabilityIndex(problem, eta);
  if (!(s < 1)) {
    throw new ParameterError("eta", eta, `in (0, ${stabilityLimit(problem).toPrecision(6)}) (the stability bound of one-pass SGD)`);
  }
}

/** Eigen-decompose the one-pass recursion at learning rate η (O(G²)). */
export function onePassModes(problem: LinearProblem, eta: number): OnePassModes {
  checkEta(problem, eta);
  const { lambda, count, c0 } = groups(problem);
  const G = lambda.length;
  const k = kappa(problem.features);
  const sigma2 = problem.sigma * problem.sigma;
  // pole positions relative to one another: ρ_h − ρ_g = (λ_h − λ_g)(−2η + κη²(λ_h + λ_g)), exact to rounding
  const rho = new Float64Array(G);
  const oneMinusRho = new Float64Array(G);
  const w = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    const x = eta * lambda[g];
    oneMinusRho[g] = x * (2 - k * x);
    rho[g] = 1 - oneMinusRho[g];
    w[g] = count[g] * x * x;
  }
  // order the poles by ρ ascending
  const ord = Array.from({ length: G }, (_, i) => i).sort((i, j) => rho[i] - rho[j] || lambda[j] - lambda[i]);
  const lamO = new Float64Array(G);
  const wO = new Float64Array(G);
  const c0O = new Float64Array(G);
  const omrO = new Float64Array(G);
  for (let m = 0; m < G; m++) {
    lamO[m] = lambda[ord[m]];
    wO[m] = w[ord[m]];
    c0O[m] = c0[ord[m]];
    omrO[m] = oneMinusRho[ord[m]];
  }
  const delta = new Float64Array(G); // Δ_h = ρ_h − ρ_o for the current origin o
  const oneMinusMu = new Float64Array(G);
  const logMu = new Float64Array(G);
  const alpha = new Float64Array(G);
  const beta = new Float64Array(G);
  let wsum = 0;
  for (let g = 0; g < G; g++) wsum += wO[g];

  const k2 = k * eta * eta;
  const setOrigin = (o: number): void => {
    const lo = lamO[o];
    for (let h = 0; h < G; h++) delta[h] = h === o ? 0 : (lamO[h] - lo) * (-2 * eta + k2 * (lamO[h] + lo));
  };
  const sol = { tau: 0, S: 0, L: 0 };

  for (let m = 0; m < G; m++) {
    // root m lies in (ρ_m, ρ_{m+1}) for m < G−1, and in (ρ_{G−1}, ρ_{G−1} + Σw] for the last
    let o = m;
    let lo: number;
    let hi: number;
    if (m < G - 1) {
      // origin at pole m, and in the same sweep f at the middle of (ρ_m, ρ_{m+1}): f(τ) = 1 + Σ_h w_h/(Δ_h − τ)
      const lm = lamO[m];
      const width = (lamO[m + 1] - lm) * (-2 * eta + k2 * (lamO[m + 1] + lm));
      if (!(width > 0)) {
        throw new Error(`internal: two distinct eigenvalues give the same ρ at eta = ${eta}; perturb the spectrum`);
      }
      const mid = 0.5 * width;
      let f = 1;
      for (let h = 0; h < G; h++) {
        const dh = h === m ? 0 : (lamO[h] - lm) * (-2 * eta + k2 * (lamO[h] + lm));
        delta[h] = dh;
        f += wO[h] / (dh - mid);
      }
      if (f >= 0) {
        lo = 0;
        hi = mid;
      } else {
        o = m + 1;
        setOrigin(o);
        lo = -mid;
        hi = 0;
      }
    } else {
      setOrigin(m);
      lo = 0;
      hi = wsum;
    }
    solveSecular(wO, lamO, c0O, delta, o, lo, hi, sol);
    const omm = omrO[o] - sol.tau;
    oneMinusMu[m] = omm;
    logMu[m] = Math.log1p(-omm);
    alpha[m] = sol.L / sol.S;
    beta[m] = sigma2 / sol.S;
  }
  return { eta, oneMinusMu, logMu, alpha, beta, stationaryRisk: stationaryRisk(problem, eta) };
}

/**
 * Solve f(τ) = 0 on (lo, hi) where f has its pole at τ = 0 (origin o): safeguarded Newton on
 * F(τ) = τ·f(τ) = τ(1 + Σ_{h≠o} w_h/(Δ_h − τ)) − w_o, which is smooth at the pole. Each sweep also
 * accumulates the modal sums S = Σ_h w_h/(μ − ρ_h)² and L = Σ_h λ_h C0_h/(μ − ρ_h) at the same τ, so the
 * root's coefficients need no further pass; `out` receives τ, S and L at the accepted τ.
 */
function solveSecular(
  w: Float64Array,
  lam: Float64Array,
  c0: Float64Array,
  delta: Float64Array,
  o: number,
  lo: number,
  hi: number,
  out: { tau: number; S: number; L: number },
): void {
  const G = w.length;
  const positive = lo >= 0; // root on the right of the pole (τ > 0)
  let a = lo;
  let b = hi;
  let tau = positive ? Math.min(w[o], 0.5 * b) : Math.max(-w[o], 0.5 * a);
  if (!(tau > a && tau < b)) tau = 0.5 * (a + b);
  const wo = w[o];
  const lco = lam[o] * c0[o];
  for (let it = 0; it < 200; it++) {
    // F, F' and the modal sums at τ (r = 1/(Δ_h − τ) = −1/(μ − ρ_h))
    let psi = 0;
    let dpsi = 0;
    let L = 0;
    for (let h = 0; h < G; h++) {
      if (h === o) continue;
      const r = 1 / (delta[h] - tau);
      const wr = w[h] * r;
      psi += wr;
      dpsi += wr * r;
      L -= lam[h] * c0[h] * r;
    }
    out.tau = tau;
    out.S = dpsi + wo / (tau * tau);
    out.L = L + lco / tau;
    const F = tau * (1 + psi) - wo;
    const dF = 1 + psi + tau * dpsi;
    // sign of f = sign(F)/sign(τ); f increasing in τ
    const fpos = positive ? F > 0 : F < 0;
    if (F === 0) return;
    if (fpos) b = tau;
    else a = tau;
    let next = tau - F / dF;
    if (!(next > a && next < b) || !Number.isFinite(next)) {
      // bisect geometrically near the pole, arithmetically otherwise
      next = positive
        ? a > 0
          ? Math.sqrt(a * b)
          : b * 0.5
        : b < 0
          ? -Math.sqrt(a * b)
          : a * 0.5;
    }
    // converged: the accepted τ is the one the sums were taken at (within 4 ulp of the Newton step)
    if (Math.abs(next - tau) <= 4 * Number.EPSILON * Math.abs(tau) || b - a <= 4 * Number.EPSILON * Math.max(Math.abs(a), Math.abs(b))) return;
    tau = next;
  }
}

/** R(T) from a decomposition, for real T ≥ 0. */
export function riskFromModes(modes: OnePassModes, T: number): number {
  if (!(T >= 0 && T < Infinity)) throw new ParameterError("T", T, "a finite number ≥ 0");
  let r = 0;
  for (let m = 0; m < modes.alpha.length; m++) {
    const muT = Math.exp(T * modes.logMu[m]);
    // (1 − μ^T)/(1 − μ) = −expm1(T ln μ)/(1 − μ)
    r += modes.alpha[m] * muT + (modes.beta[m] * -Math.expm1(T * modes.logMu[m])) / modes.oneMinusMu[m];
  }
  return 0.5 * r;
}

/** Exact expected excess risk of one-pass SGD after each T in `Ts` at learning rate η (the recursion above). */
export function onePassRisk(problem: LinearProblem, eta: number, Ts: number | number[]): number[] {
  const list = typeof Ts === "number" ? [Ts] : Ts;
  if (!Array.isArray(list) || list.length === 0) throw new ParameterError("Ts", Ts, "a step count or a non-empty array of them");
  list.forEach((T, i) => requireNumber(list.length === 1 ? "T" : `Ts[${i}]`, T, { min: 0 }));
  const modes = onePassModes(problem, eta);
  return list.map((T) => {
    const r = riskFromModes(modes, T);
    if (!Number.isFinite(r)) throw new ParameterError("T", T, `small enough for the risk to be computed in doubles (R(T) = ${r} at eta = ${eta})`);
    return r;
  });
}

/**
 * Reference implementation: iterate the diagonal recursion T steps (O(dT)); for tests only.
 */
export function onePassRiskByRecursion(problem: LinearProblem, eta: number, T: number): number {
  requireLinearProblem(problem);
  requireNumber("eta", eta, { gt: 0 }); // any η: beyond the stability limit it shows the divergence
  requireInteger("T", T, { min: 0 });
  const d = problem.lambda.length;
  const k = kappa(problem.features);
  const c = Float64Array.from(problem.wstar, (x) => x * x);
  const lam = problem.lambda;
  const s2 = problem.sigma * problem.sigma;
  for (let t = 0; t < T; t++) {
    let q = s2;
    for (let i = 0; i < d; i++) q += lam[i] * c[i];
    for (let i = 0; i < d; i++) {
      const x = eta * lam[i];
      c[i] = (1 - 2 * x + k * x * x) * c[i] + eta * x * q;
    }
  }
  let r = 0;
  for (let i = 0; i < d; i++) r += lam[i] * c[i];
  return 0.5 * r;
}
