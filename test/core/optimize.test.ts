import { describe, expect, it } from "vitest";
import { findRoot, findRootLog, minimizeBounded, minimizeLog, parabolaVertex, bracketMinimumLog } from "../../src/core/optimize";

describe("1-D minimisation", () => {
  it("Brent finds the minimum of a smooth function to the tolerance and reports convergence", () => {
    const r = minimizeBounded((x) => (x - 0.3) ** 2 + Math.cos(3 * x) * 0.01, -2, 2, { xtol: 1e-12 });
    // derivative 2(x − 0.3) − 0.03 sin 3x = 0; a minimiser resolves x only to ~√ε (flat minimum)
    expect(Math.abs(2 * (r.x - 0.3) - 0.03 * Math.sin(3 * r.x))).toBeLessThan(1e-7);
    expect(r.converged).toBe(true);
    expect(r.atBound).toBeNull();
  });

  it("reports a minimum on the bound", () => {
    const r = minimizeBounded((x) => x, 1, 5);
    expect(r.x).toBe(1);
    expect(r.atBound).toBe("lower");
  });

  it("minimises in log space: x ln x − x·ln 1e-6 has its minimum at 1e-6/e", () => {
    const target = 1e-6 / Math.E;
    const r = minimizeLog((x) => x * Math.log(x) - x * Math.log(1e-6), 1e-12, 1, { lntol: 1e-10 });
    expect(Math.abs(Math.log(r.x / target))).toBeLessThan(1e-6);
  });

  it("brackets on a log grid", () => {
    const b = bracketMinimumLog((x) => (Math.log(x) - Math.log(1e-3)) ** 2, 1e-8, 1, 17);
    expect(b.found).toBe(true);
    expect(b.a < 1e-3 && 1e-3 < b.c).toBe(true);
  });

  it("parabolic vertex is exact on a parabola and null on a concave one", () => {
    const f = (x: number) => 3 * (x - 1.7) ** 2 + 2;
    const v = parabolaVertex(0, f(0), 1, f(1), 3, f(3))!;
    expect(v.x).toBeCloseTo(1.7, 12);
    expect(v.f).toBeCloseTo(2, 12);
    expect(parabolaVertex(0, 0, 1, 1, 2, 0)).toBeNull();
  });
});

describe("root finding", () => {
  it("Brent–Dekker solves cos x = x", () => {
    const r = findRoot((x) => Math.cos(x) - x, 0, 1);
    expect(Math.abs(Math.cos(r.x) - r.x)).toBeLessThan(1e-14);
    expect(r.converged).toBe(true);
  });
  it("solves in log space over many decades", () => {
    const r = findRootLog((x) => Math.log(x) - Math.log(3e11), 1, 1e15);
    expect(Math.abs(r.x / 3e11 - 1)).toBeLessThan(1e-10);
  });
  it("refuses an interval that does not bracket a root", () => {
    expect(() => findRoot((x) => x * x + 1, -1, 1)).toThrow(/do not bracket/);
  });
});
