import { describe, expect, it } from "vitest";
import { runClaim } from "../../src/core/claim";
import { reuseClaims } from "../../src/reuse/claims";

// The claims are stated once (src/reuse/claims.ts) and run here at the reduced `ci` scale;
// `datalaws check --scale small|paper` runs the same objects at larger scale.
describe("reuse claims at ci scale", () => {
  for (const claim of reuseClaims) {
    it(`${claim.id}: ${claim.statement}`, async () => {
      const o = await runClaim(claim, "ci");
      expect(o.details?.error, String(o.details?.error)).toBeUndefined();
      expect(o.verdict, JSON.stringify({ measured: o.measured, predicted: o.predicted, details: o.details })).toBe("pass");
    }, 60_000);
  }

  it("ids are unique and carry the result prefix", () => {
    const ids = reuseClaims.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of reuseClaims) expect(c.id.startsWith("reuse.")).toBe(true);
  });
});
