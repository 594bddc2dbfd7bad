import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ID_PATTERN } from "../../src/core/result";
import { evaluateClaim, drawFigure } from "../../src/run/evaluate";
import { Runner } from "../../src/run/runner";
import { reuse, reuseClaims, reuseFigures } from "../../src/reuse";

// The claims are stated once (src/reuse/claims.ts) and judged here at the reduced `ci` scale through
// one runner (each result computed once); `datalaws check --scale small|paper` runs the same objects.
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "claims-ci-fd62aa9.json"), "utf8")).claims as Record<string, { verdict: string; measured: unknown }>;

/** Equal to ~1e-9 relative, number by number (records key by key). */
function expectSameMeasure(got: unknown, want: unknown, where: string): void {
  if (typeof want === "number") {
    expect(typeof got, where).toBe("number");
    const g = got as number;
    expect(Math.abs(g - want), `${where}: ${g} vs ${want}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
  } else if (want && typeof want === "object") {
    for (const [k, v] of Object.entries(want)) expectSameMeasure((got as Record<string, unknown>)[k], v, `${where}.${k}`);
  } else expect(got, where).toEqual(want);
}

describe("reuse claims at ci scale", () => {
  let tmp: string;
  let prev: string | undefined;
  let runner: Runner;
  beforeAll(() => {
    prev = process.env.DATALAWS_DATA;
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-reuse-claims-"));
    process.env.DATALAWS_DATA = tmp;
    runner = new Runner({ scale: "ci", quiet: true, fresh: false });
  });
  afterAll(() => {
    if (prev === undefined) delete process.env.DATALAWS_DATA;
    else process.env.DATALAWS_DATA = prev;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  for (const claim of reuseClaims) {
    it(`${claim.id}: ${claim.statement}`, async () => {
      const o = await evaluateClaim(claim, runner);
      expect(o.error, o.error).toBeUndefined();
      expect(o.verdict, JSON.stringify({ measured: o.measured, predicted: o.predicted, details: o.details })).toBe("pass");
      // the same value as before the claims became functions of named results
      expectSameMeasure(o.measured, fixture[claim.id].measured, claim.id);
    }, 60_000);
  }

  it("every figure draws from the results the claims computed: no result is computed twice", async () => {
    for (const f of reuseFigures) {
      const o = await drawFigure(f, runner);
      expect("error" in o ? o.error : undefined, f.id).toBeUndefined();
    }
    const computed = runner.log.filter((e) => e.source === "computed").map((e) => e.id);
    expect(new Set(computed).size).toBe(computed.length);
  }, 120_000);

  it("a second run loads every result from the store", async () => {
    const again = new Runner({ scale: "ci", quiet: true, fresh: false });
    for (const claim of reuseClaims) await evaluateClaim(claim, again);
    expect(again.log.every((e) => e.source === "stored")).toBe(true);
  }, 60_000);

  it("ids are unique, `reuse.<slug>`, and every needed result is declared in the folder", () => {
    const ids = [...reuse.claims, ...reuse.figures, ...reuse.results].map((x) => x.id);
    for (const id of ids) expect(id).toMatch(ID_PATTERN);
    for (const id of ids) expect(id.startsWith("reuse.")).toBe(true);
    expect(new Set(reuse.claims.map((c) => c.id)).size).toBe(reuse.claims.length);
    expect(new Set(reuse.figures.map((c) => c.id)).size).toBe(reuse.figures.length);
    for (const x of [...reuse.claims, ...reuse.figures]) for (const d of x.needs) expect(reuse.results, `${x.id} needs ${d.id}`).toContain(d);
    expect(reuse.results).toContain(reuse.study);
  });
});
