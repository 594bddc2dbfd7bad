import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng";
import { groupWordTask, permutationGroup, WORD_GROUPS } from "../../src/tasks/groupWord";
import { trainingSkills } from "../../src/tasks/skillDistribution";

describe("group word problems", () => {
  it("the groups have orders 6, 8, 12, 24, are closed, non-abelian, with the identity as element 0 and an inverse for every element", () => {
    const orders = { S3: 6, D4: 8, A4: 12, S4: 24 };
    for (const name of WORD_GROUPS) {
      const G = permutationGroup(name);
      const n = G.order;
      expect(n).toBe(orders[name]);
      expect(G.elements[0]).toEqual(Array.from({ length: G.points }, (_, i) => i));
      let commute = 0;
      for (let a = 0; a < n; a++) {
        expect(G.mul[a * n]).toBe(a); // a∘e = a
        expect(G.mul[a]).toBe(a); // e∘a = a
        let inverses = 0;
        for (let b = 0; b < n; b++) {
          if (G.mul[a * n + b] === G.mul[b * n + a]) commute++;
          if (G.mul[a * n + b] === 0) inverses++;
          // the table entry is the composed function (a∘b)(x) = a(b(x))
          expect(G.elements[G.mul[a * n + b]]).toEqual(G.elements[b].map((x) => G.elements[a][x]));
        }
        expect(inverses).toBe(1);
      }
      expect(commute).toBeLessThan(n * n);
    }
  });

  it("the table is associative (every triple)", () => {
    for (const name of WORD_GROUPS) {
      const { order: n, mul } = permutationGroup(name);
      for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) for (let c = 0; c < n; c++) expect(mul[mul[a * n + b] * n + c]).toBe(mul[a * n + mul[b * n + c]]);
    }
  });

  it("every generated answer passes the independent evaluator (k = 1, 2, 8; uniform and power-law skills); a wrong answer fails it", () => {
    for (const name of WORD_GROUPS)
      for (const k of [1, 2, 8]) {
        const task = groupWordTask({ group: name, k });
        const rng = new Rng(4, k);
        const zipf = trainingSkills(task.numSkills, 1.5, { rankSeed: 2 });
        for (let i = 0; i < 1000; i++) {
          const s = task.sample(rng, i % 2 ? zipf : undefined);
          expect(task.evaluator.check(s)).toBe(true);
          const pred = new Int32Array(k + 1);
          pred[k] = (s.answer[0] + 1) % task.numSkills;
          expect(task.evaluator.score(s, pred)).toBe(false);
          pred[k] = s.answer[0];
          expect(task.evaluator.score(s, pred)).toBe(true);
        }
      }
  });

  it("composes right to left: in S3, swap(0,1)∘swap(1,2) = 120; in D4 the quarter turn to the 4th is the identity; the format is g₁ … g_k =", () => {
    const s3 = groupWordTask({ group: "S3", k: 2 });
    const tok = (name: string) => s3.vocab.names.indexOf(name);
    expect(s3.sample(new Rng(0), [tok("102"), tok("021")]).answer[0]).toBe(tok("120"));
    const d4 = groupWordTask({ group: "D4", k: 4 });
    const r = d4.vocab.names.indexOf("1230");
    expect(r).toBeGreaterThan(0);
    const s = d4.sample(new Rng(0), [r, r, r, r]);
    expect(s.answer[0]).toBe(0);
    expect(Array.from(s.tokens)).toEqual([r, r, r, r, 8]);
    expect(d4.contextLength).toBe(5);
    expect(d4.vocab.size).toBe(9);
  });

  it("rejects an unknown group and k < 1, naming the parameter", () => {
    expect(() => groupWordTask({ group: "Q8" as never })).toThrow(/group/);
    expect(() => groupWordTask({ k: 0 })).toThrow(/k/);
  });
});
