// Every claim and figure of the toolkit at scale ci, through one runner (as `npm start` runs them):
// each result is computed at most once, and every claim measures the value recorded in
// test/fixtures/claims-ci-fd62aa9.json (written by `datalaws check --scale ci --json` at commit
// fd62aa9). The computations are seeded and deterministic, so the values agree to rounding.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClaimOutcome } from "../src/core/claim";
import { claims, figures } from "../src/registry";
import { drawFigure, evaluateClaims, type FigureOutcome } from "../src/run/evaluate";
import { Runner } from "../src/run/runner";

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "claims-ci-fd62aa9.json"), "utf8")) as {
  claims: Record<string, { verdict: string; measured: unknown }>;
};

/** Paths where two measured values differ beyond relative 1e-9 (absolute 1e-12 near zero). */
function differences(a: unknown, b: unknown, at = "measured"): string[] {
  if (typeof a === "number" && typeof b === "number") {
    const ok = a === b || (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) + 1e-12;
    return ok ? [] : [`${at}: ${a} now, ${b} before`];
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${at}: length ${a.length} now, ${b.length} before`];
    return a.flatMap((x, i) => differences(x, b[i], `${at}[${i}]`));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`));
  }
  return a === b ? [] : [`${at}: ${JSON.stringify(a)} now, ${JSON.stringify(b)} before`];
}

describe("every claim at scale ci, through one runner", () => {
  let dir: string;
  let outcomes: ClaimOutcome[];
  let runner: Runner;
  let drawn: FigureOutcome[];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-claims-"));
    process.env.DATALAWS_DATA = dir;
    runner = new Runner({ scale: "ci", quiet: true });
    outcomes = await evaluateClaims(claims, runner);
    // the figures in the same run, as `npm start` draws them: they reuse the claims' results
    drawn = [];
    for (const f of figures) drawn.push(await drawFigure(f, runner));
  }, 1_800_000);
  afterAll(() => {
    delete process.env.DATALAWS_DATA;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("every claim gives evidence and every figure draws (no errors)", () => {
    expect(outcomes.filter((o) => o.verdict === "error").map((o) => `${o.id}: ${o.error}`)).toEqual([]);
    expect(drawn.flatMap((d) => ("error" in d ? [`${d.def.id}: ${d.error}`] : []))).toEqual([]);
    expect(drawn).toHaveLength(figures.length);
  });

  it("every claim of the fixture still exists and measures the same value with the same verdict", () => {
    const now = new Map(outcomes.map((o) => [o.id, o]));
    const problems: string[] = [];
    for (const [id, before] of Object.entries(fixture.claims)) {
      const o = now.get(id);
      if (!o) {
        problems.push(`${id}: missing`);
        continue;
      }
      if (o.verdict !== before.verdict) problems.push(`${id}: verdict ${o.verdict} now, ${before.verdict} before`);
      problems.push(...differences(JSON.parse(JSON.stringify(o.measured)), before.measured).map((d) => `${id}: ${d}`));
    }
    expect(problems).toEqual([]);
  });

  it("computes each result at most once in the run (one config per result id: claims and figures share it)", () => {
    const computed = runner.log.filter((e) => e.source === "computed").map((e) => e.id);
    expect(computed.length).toBeGreaterThan(0);
    expect(computed.filter((k, i) => computed.indexOf(k) !== i)).toEqual([]);
  });
});
