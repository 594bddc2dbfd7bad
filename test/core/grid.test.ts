import { describe, expect, it } from "vitest";
import { logGrid } from "../../src/core/grid";
import { pickByScale } from "../../src/core/scale";

describe("grids and scales", () => {
  it("logGrid has constant ratio, exact ends, and validates", () => {
    const g = logGrid(1e-3, 10, 5);
    expect(g[0]).toBeCloseTo(1e-3, 15);
    expect(g[4]).toBeCloseTo(10, 12);
    for (let i = 1; i < 5; i++) expect(g[i] / g[i - 1]).toBeCloseTo(10, 10);
    expect(logGrid(2, 5, 1)).toEqual([2]);
    expect(() => logGrid(0, 1, 3)).toThrow(/lo = 0/);
  });
  it("pickByScale returns the value of its scale", () => {
    expect(["ci", "small", "paper"].map((s) => pickByScale(s as "ci", 1, 2, 3))).toEqual([1, 2, 3]);
  });
});
