import { describe, expect, it } from "vitest";
import { checkCost, checkResources, formatBytes, formatSeconds, memoryLimits, ResourceError, type MemoryLimits } from "../../src/core/resources";
import { ParameterError } from "../../src/core/validate";
import { multiEpochCost } from "../../theory/reuse/monteCarlo";
import { onlineSgdCost } from "../../theory/skills/onlineSgd";

const lim: MemoryLimits = { memory: 1e9, memorySource: "test memory", heap: 1e8, arrayBuffer: 4e8 };

describe("resource limits", () => {
  it("this machine's limits are positive and name their source", () => {
    const m = memoryLimits();
    expect(m.memory).toBeGreaterThan(1e8);
    expect(m.heap).toBeGreaterThan(1e7);
    expect(m.memorySource).toMatch(/memory/);
  });

  it("refuses beyond memory, heap or the largest array, naming the parameter and the estimate; warns with an ETA when long", () => {
    expect(() => checkResources({ bytes: 2e9 }, { what: "x", parameters: { "--d": 5 }, limits: lim })).toThrow(/^--d = 5: must be smaller: x would need about 2.0 GB, more than test memory, 1.0 GB$/);
    expect(() => checkResources({ bytes: 1e6, heapBytes: 2e8 }, { what: "x", parameters: { n: 5 }, limits: lim })).toThrow(/V8 heap limit/);
    expect(() => checkResources({ bytes: 5e8, largestArray: 5e8 }, { what: "x", parameters: { n: 5 }, limits: lim })).toThrow(/largest array/);
    const e = (() => {
      try {
        checkResources({ bytes: 2e9 }, { what: "x", parameters: { n: 5 }, limits: lim });
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(ResourceError);
    expect(e).toBeInstanceOf(ParameterError);
    const lines: string[] = [];
    checkResources({ bytes: 1e6, ops: 1e12 }, { what: "x", parameters: { "--runs": 9 }, limits: lim, warn: (l) => lines.push(l) });
    expect(lines).toEqual(["x: 17 min estimated (--runs), about 1.0 MB of memory; Ctrl-C stops it"]);
    checkResources({ bytes: 1e6, ops: 1e9 }, { what: "x", parameters: { "--runs": 9 }, limits: lim, warn: (l) => lines.push(l) });
    expect(lines).toHaveLength(1); // short work: no line
    // a worst case (runs that may stop early) is announced as such
    checkResources({ bytes: 1e6, ops: 1e12 }, { what: "y", parameters: { "--budget": 9 }, limits: lim, warn: (l) => lines.push(l), upperBound: true });
    expect(lines[1]).toBe("y: up to 17 min estimated (--budget), about 1.0 MB of memory; Ctrl-C stops it");
  });

  it("checkCost blames the size that alone is too large, else all of them", () => {
    const cost = (v: { d: number; N: number }) => ({ bytes: 8 * v.d * v.N });
    expect(() => checkCost("mc", cost, { d: 1e9, N: 10 }, { names: { d: "--d", N: "--N" }, limits: lim })).toThrow(/^--d = 1000000000: must be smaller/);
    expect(() => checkCost("mc", cost, { d: 1e5, N: 1e5 }, { names: { d: "--d", N: "--N" }, limits: lim })).toThrow(/^--d = 100000, --N = 100000: must be smaller together/);
  });

  it("cost functions grow with the arrays they allocate (X is N·d doubles per simulation in flight)", () => {
    const a = multiEpochCost({ d: 100, N: 1000, Kmax: 4, nEtas: 10, runs: 10 });
    expect(a.largestArray).toBe(8 * 100 * 1000);
    expect(a.bytes).toBeGreaterThan(8 * 100 * 1000);
    expect(multiEpochCost({ d: 100, N: 1000, Kmax: 4, nEtas: 10, runs: 10, threads: 2 }).bytes).toBeGreaterThan(1.9 * a.bytes);
    expect(onlineSgdCost({ k: 4, d: 10, batch: 1e6, budget: 1e6 }).largestArray).toBe(4 * 4e6);
    expect(formatBytes(1.7e9)).toBe("1.7 GB");
    expect(formatSeconds(5400)).toBe("1.5 h");
  });
});
