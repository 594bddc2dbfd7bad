import { describe, expect, it } from "vitest";
import { runClaim } from "../../src/core/claim";
import { skillsClaims } from "../../src/skills/sgdSweep";

// Every skills claim at ci scale must pass (the seed sweeps run on worker threads from dist/).
describe("skills claims at ci scale", () => {
  for (const c of skillsClaims) {
    it(`${c.id}`, async () => {
      const o = await runClaim(c, "ci");
      expect(o.verdict, JSON.stringify({ measured: o.measured, details: o.details }).slice(0, 2000)).toBe("pass");
    }, 120_000);
  }
});
