import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng";

describe("Rng (xoshiro128**)", () => {
  it("is reproducible from its seed and streams are distinct", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(42, 1);
    const xa = Array.from({ length: 5 }, () => a.nextUint32());
    const xb = Array.from({ length: 5 }, () => b.nextUint32());
    const xc = Array.from({ length: 5 }, () => c.nextUint32());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
    expect(new Rng(42).fork(1).nextUint32()).toBe(new Rng(42, 1).nextUint32());
  });

  it("uniforms have mean 1/2 and variance 1/12 within Monte Carlo error", () => {
    const r = new Rng(7);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
      s2 += u * u;
    }
    const mean = s / n;
    const v = s2 / n - mean * mean;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(v - 1 / 12)).toBeLessThan(4 * Math.sqrt(1 / 180 / n));
  });

  it("normals have mean 0, variance 1 and fourth moment 3 within Monte Carlo error", () => {
    const r = new Rng(3);
    const n = 400_000;
    let m1 = 0;
    let m2 = 0;
    let m4 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      m1 += z;
      m2 += z * z;
      m4 += z ** 4;
    }
    m1 /= n;
    m2 /= n;
    m4 /= n;
    expect(Math.abs(m1)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(m2 - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(m4 - 3)).toBeLessThan(4 * Math.sqrt(96 / n)); // Var z⁴ = 105 − 9
  });

  it("permutations are uniform: each position takes each value with frequency 1/n", () => {
    const r = new Rng(11);
    const n = 5;
    const reps = 50_000;
    const counts = Array.from({ length: n }, () => new Array(n).fill(0));
    for (let k = 0; k < reps; k++) {
      const p = r.permutation(n);
      expect([...p].sort()).toEqual([0, 1, 2, 3, 4]);
      for (let i = 0; i < n; i++) counts[i][p[i]]++;
    }
    const pr = 1 / n;
    const se = Math.sqrt((pr * (1 - pr)) / reps);
    for (const row of counts) for (const c of row) expect(Math.abs(c / reps - pr)).toBeLessThan(5 * se);
  });

  it("int(n) has no modulo bias and rejects bad n", () => {
    const r = new Rng(5);
    const n = 3;
    const reps = 90_000;
    const c = [0, 0, 0];
    for (let i = 0; i < reps; i++) c[r.int(n)]++;
    for (const x of c) expect(Math.abs(x / reps - 1 / 3)).toBeLessThan(5 * Math.sqrt(2 / 9 / reps));
    expect(() => r.int(0)).toThrow(/n = 0/);
    expect(() => new Rng(-1)).toThrow(/seed = -1/);
    expect(() => new Rng(1.5)).toThrow(/seed = 1.5/);
  });
});
