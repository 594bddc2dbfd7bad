// Premise first: a claim whose premise does not pass is measured but judged inconclusive, in every
// place a verdict is shown (check --json, the CLI table, the report); the registry's premises are
// registered claims named as premises; the three studies' premises guard their main claims.
import { describe, expect, it } from "vitest";
import type { Claim, ClaimOutcome, Verdict } from "../../src/core/claim";
import { claimJson, claimTable } from "../../src/cli/output";
import { reportHtml } from "../../src/plot/report";
import { claims, registryProblems } from "../../src/registry";
import { evaluateClaim, evaluateClaims } from "../../src/run/evaluate";
import { Runner } from "../../src/run/runner";

let judged = 0;
const claim = (id: string, verdict: Verdict | "throw", premises?: Claim[]): Claim => ({
  id,
  paper: "test",
  statement: `${id} holds`,
  needs: [],
  premises,
  evidence() {
    judged++;
    if (verdict === "throw") throw new Error("no evidence");
    return { measured: 1, predicted: 1, tolerance: 0, verdict };
  },
});
const runner = () => new Runner({ scale: "ci", quiet: true });

describe("premise first", () => {
  it("a failed premise makes its claims inconclusive, keeping their numbers and the verdict they would have had", async () => {
    const premise = claim("x.study-premise", "fail");
    const a = claim("x.a", "pass", [premise]);
    const b = claim("x.b", "fail", [premise]);
    judged = 0;
    const out = await evaluateClaims([a, b], runner());
    expect(out.map((o) => o.verdict)).toEqual(["inconclusive", "inconclusive"]);
    expect(out[0]).toMatchObject({ measured: 1, premise: { id: "x.study-premise", verdict: "fail", withheld: "pass" } });
    expect(out[1].premise?.withheld).toBe("fail");
    expect(judged).toBe(3); // the premise once, though two claims rest on it and the selection does not list it
  });
  it("a passing premise leaves the claims' own verdicts; an erroring premise also makes them inconclusive", async () => {
    const ok = claim("x.ok-premise", "pass");
    expect((await evaluateClaim(claim("x.c", "fail", [ok]), runner())).verdict).toBe("fail");
    const broken = claim("x.broken-premise", "throw");
    const o = await evaluateClaim(claim("x.d", "pass", [broken]), runner());
    expect(o).toMatchObject({ verdict: "inconclusive", premise: { id: "x.broken-premise", verdict: "error" } });
  });
  it("is shown as inconclusive by check --json, the CLI table and the report", async () => {
    const o: ClaimOutcome = { id: "x.e", paper: "p", statement: "s", verdict: "inconclusive", measured: 2, predicted: 1, tolerance: 0, seconds: 0, premise: { id: "x.p-premise", verdict: "fail", statement: "premise text", withheld: "pass" } };
    expect(claimJson(o)).toMatchObject({ verdict: "inconclusive", premise: { id: "x.p-premise", withheld: "pass" } });
    const t = claimTable([o], "here");
    expect(t).toMatch(/INCONCLUSIVE\s+x\.e/);
    expect(t).toContain("0/1 claims pass here; 1 inconclusive (a premise did not pass)");
    const html = reportHtml({ title: "t", figures: [], claims: [o], outPath: "/tmp/r/index.html" });
    expect(html).toContain('class="verdict inconclusive"');
    expect(html).toContain("1 inconclusive");
    expect(html).toContain("premise text");
  });
});

describe("the studies' premises", () => {
  it("are registered claims named as premises, and each study's main claims rest on its premise", () => {
    expect(registryProblems()).toEqual([]);
    const premiseOf = (id: string) => claims.find((c) => c.id === id)?.premises?.map((p) => p.id);
    expect(premiseOf("reuse.transformer-saturation-rises-with-n")).toEqual(["reuse.transformer-premise-data-limited"]);
    expect(premiseOf("skills.transformer-power-law-wins-composition")).toEqual(["skills.transformer-premise-held-out-composition"]);
    expect(premiseOf("proxy.transformer-fixed-time-reduced-beats-standard")).toEqual(["proxy.transformer-premise-tuning-reorders"]);
    expect(premiseOf("reuse.transformer-e1")).toBeUndefined(); // a definition check needs no premise
  });
});
