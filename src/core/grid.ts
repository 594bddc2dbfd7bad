/** Grids of sample points. */
import { requireInteger, requireNumber } from "./validate";

/** n log-spaced points from lo to hi inclusive (n = 1 gives [lo]). */
export function logGrid(lo: number, hi: number, n: number): number[] {
  requireNumber("lo", lo, { gt: 0 });
  requireNumber("hi", hi, { gt: 0 });
  requireInteger("n", n, { min: 1 });
  if (n === 1) return [lo];
  return Array.from({ length: n }, (_, i) => Math.exp(Math.log(lo) + ((Math.log(hi) - Math.log(lo)) * i) / (n - 1)));
}
