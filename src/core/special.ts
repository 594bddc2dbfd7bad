/** Special functions: log-gamma and gamma (Lanczos, g = 7, n = 9; ~15 significant digits). */
import { ParameterError, requireNumber } from "./validate";

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  requireNumber("x", x, { gt: 0 });
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = LANCZOS[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Γ(x) for 0 < x ≤ 171 (Γ overflows a double beyond 171.6). */
export function gamma(x: number): number {
  requireNumber("x", x, { gt: 0 });
  const g = Math.exp(logGamma(x));
  if (!Number.isFinite(g)) throw new ParameterError("x", x, "≤ 171 (Γ(x) overflows a double; use logGamma)");
  return g;
}

/** Riemann zeta ζ(s) for s > 1 (direct sum + Euler–Maclaurin tail). */
export function zeta(s: number): number {
  requireNumber("s", s, { gt: 1 });
  const n = 20;
  let sum = 0;
  for (let k = 1; k < n; k++) sum += Math.pow(k, -s);
  // tail Σ_{k≥n} k^{-s} ≈ n^{1−s}/(s−1) + n^{−s}/2 + s n^{−s−1}/12 − s(s+1)(s+2) n^{−s−3}/720
  sum += Math.pow(n, 1 - s) / (s - 1) + 0.5 * Math.pow(n, -s) + (s * Math.pow(n, -s - 1)) / 12;
  sum -= (s * (s + 1) * (s + 2) * Math.pow(n, -s - 3)) / 720;
  sum += (s * (s + 1) * (s + 2) * (s + 3) * (s + 4) * Math.pow(n, -s - 5)) / 30240;
  return sum;
}
