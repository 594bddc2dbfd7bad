import { describe, expect, it } from "vitest";
import { fmt } from "../../src/cli/output";

describe("CLI number formatting", () => {
  it("keeps every integer digit and rounds only the fraction (no silent loss of a factor of 10)", () => {
    expect(fmt(1239.7)).toBe("1240");
    expect(fmt(32519.5)).toBe("32520");
    expect(fmt(99999.99)).toBe("100000");
    expect(fmt(0.1 + 0.2)).toBe("0.3");
    expect(fmt(0.000123456)).toBe("0.0001235");
    expect(fmt(1.23456e-9)).toBe("1.235e-9");
    expect(fmt(12345678.9)).toBe("1.235e+7");
    expect(fmt(1e7)).toBe("1e+7");
    expect(fmt(42)).toBe("42");
    expect(fmt(Infinity)).toBe("inf");
  });
  it("reads back within the stated precision", () => {
    for (const x of [1239.7, 32519.5, 0.0123456, 7.654321, 123456.7, 9.99e-5]) expect(Math.abs(Number(fmt(x)) - x) / x).toBeLessThan(5e-4);
  });
});
