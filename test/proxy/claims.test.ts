/**
 * The proxy theory claims at scale ci, through the runner: each gives the verdict and measures what it
 * measured before results, claims and figures became declarations, or what its later change recorded
 * (test/fixtures/claims-ci-fd62aa9.json).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proxyClaims } from "../../src/proxy/claims";
import { evaluateClaim } from "../../src/run/evaluate";
import { Runner } from "../../src/run/runner";

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "claims-ci-fd62aa9.json"), "utf8")).claims as Record<string, { verdict: string; measured: unknown }>;

/** Same numbers to 1e-9 relative (the computations are deterministic; only summation order may differ). */
function expectSame(a: unknown, b: unknown, where: string): void {
  if (typeof b === "number") {
    expect(typeof a, where).toBe("number");
    const x = a as number;
    if (!Number.isFinite(b)) expect(x, where).toBe(b);
    else expect(Math.abs(x - b), `${where}: ${x} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
    return;
  }
  expect(Object.keys(a as object).sort(), where).toEqual(Object.keys(b as object).sort());
  for (const k of Object.keys(b as object)) expectSame((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${where}.${k}`);
}

describe("proxy claims at ci scale", () => {
  let dir: string;
  let runner: Runner;
  const saved = process.env.DATALAWS_DATA;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-proxy-claims-"));
    process.env.DATALAWS_DATA = dir;
    runner = new Runner({ scale: "ci", quiet: true, threads: 1 });
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.DATALAWS_DATA;
    else process.env.DATALAWS_DATA = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const c of proxyClaims) {
    it(`${c.id} gives its recorded verdict and measures what it measured before`, async () => {
      const o = await evaluateClaim(c, runner);
      // a claim may fail honestly at ci (proxy.regret-standard-vs-tiny: the ci target is narrow); it never errors
      expect(o.verdict, JSON.stringify({ error: o.error, measured: o.measured, details: o.details })).toBe(fixture[c.id].verdict);
      expectSame(o.measured, fixture[c.id].measured, c.id);
    }, 120_000);
  }

  it("computes each result once, however many claims need it", () => {
    const computed = runner.log.filter((e) => e.source === "computed").map((e) => e.id);
    expect(new Set(computed).size).toBe(computed.length);
    expect(computed).toContain("proxy.sweep-gd-fixed-time");
    // every sweep judged against the same wide target: computed once, not per sweep
    expect(computed.filter((id) => id === "proxy.target-optimum")).toHaveLength(1);
  });
});
