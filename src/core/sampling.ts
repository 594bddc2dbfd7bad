/** Sampling from a discrete distribution in O(1) per draw: Walker's alias method (Vose's variant). */
import type { Rng } from "./rng";
import { ParameterError, requireNumber } from "./validate";

/** Walker alias table for O(1) sampling from p: `prob[i]` and `alias[i]`. */
export interface AliasTable {
  n: number;
  prob: Float64Array;
  alias: Uint32Array;
}

/** Build Walker's alias table (Vose's numerically stable variant) for a probability vector p. */
export function aliasTable(p: ArrayLike<number>): AliasTable {
  const n = p.length;
  if (n === 0) throw new ParameterError("p.length", 0, "≥ 1");
  let total = 0;
  for (let i = 0; i < n; i++) {
    requireNumber(`p[${i}]`, p[i], { min: 0 });
    total += p[i];
  }
  if (!(total > 0)) throw new ParameterError("sum(p)", total, "> 0");
  const prob = new Float64Array(n);
  const alias = new Uint32Array(n);
  const scaled = new Float64Array(n);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) {
    scaled[i] = (p[i] * n) / total;
    (scaled[i] < 1 ? small : large).push(i);
  }
  while (small.length > 0 && large.length > 0) {
    const s = small.pop() as number;
    const l = large.pop() as number;
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  for (const i of large) {
    prob[i] = 1;
    alias[i] = i;
  }
  for (const i of small) {
    prob[i] = 1;
    alias[i] = i;
  }
  return { n, prob, alias };
}

/** One draw from an alias table. */
export function aliasSample(t: AliasTable, rng: Rng): number {
  const u = rng.uniform() * t.n;
  const i = Math.floor(u);
  return u - i < t.prob[i] ? i : t.alias[i];
}
