import { describe, expect, it } from "vitest";
import { runClaim } from "../../src/core/claim";
import { proxyClaims } from "../../src/proxy/claims";

describe("proxy claims at ci scale", () => {
  for (const c of proxyClaims) {
    it(`${c.id} passes`, async () => {
      const o = await runClaim(c, "ci");
      expect(o.verdict, JSON.stringify({ measured: o.measured, details: o.details })).toBe("pass");
    }, 60_000);
  }
});
