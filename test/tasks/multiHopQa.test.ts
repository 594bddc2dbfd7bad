import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng";
import { ParameterError } from "../../src/core/validate";
import { IGNORE_INDEX, multiHopQaTask, oneHopQaTask, trainingSkills } from "../../src/tasks";
import { expectFrequencies, uniformP } from "./helpers";

describe("multi-hop QA", () => {
  it("every generated answer (questions and atomic facts) passes the independent fact-following evaluator", () => {
    for (const k of [1, 2, 3, 5]) {
      const task = multiHopQaTask({ entities: 50, relations: 7, k, graphSeed: k });
      const rng = new Rng(3, k);
      const zipf = trainingSkills(7, 1.5, { rankSeed: 2 });
      let bad = 0;
      for (let n = 0; n < 4000; n++) {
        if (!task.evaluator.check(task.sample(rng, n % 2 ? zipf : undefined))) bad++;
        if (!task.evaluator.check(task.trainSample!(rng, zipf))) bad++;
      }
      for (const [e, r] of task.facts()) if (!task.evaluator.check(task.factSample(e, r))) bad++;
      expect(bad).toBe(0);
    }
  });

  it("a k-hop answer equals k chained one-hop answers of the same graph", () => {
    const task = multiHopQaTask({ entities: 40, relations: 5, k: 3, graphSeed: 9 });
    const rng = new Rng(1);
    for (let n = 0; n < 500; n++) {
      const s = task.sample(rng);
      let e = s.tokens[0];
      for (const r of s.skills) e = task.factSample(e, r).answer[0];
      expect(s.answer[0]).toBe(e);
    }
  });

  it("has the documented layout: entities, relations, `=`, pad; T = k + 2; facts right-padded", () => {
    const task = multiHopQaTask({ entities: 30, relations: 4, k: 3 });
    const L = task.layout;
    expect([L.relationBase, L.equals, L.pad, L.size]).toEqual([30, 34, 35, 36]);
    expect(task.contextLength).toBe(5);
    expect(task.vocab.names[34]).toBe("=");
    const q = task.sample(new Rng(0));
    expect(q.tokens[4]).toBe(L.equals);
    expect(Array.from(q.answerPositions)).toEqual([4]);
    const f = task.factSample(7, 2);
    expect(Array.from(f.tokens)).toEqual([7, 32, 34, 35, 35]);
    expect(Array.from(f.target.slice(0, 2))).toEqual([IGNORE_INDEX, IGNORE_INDEX]);
    expect(Array.from(f.target.slice(3))).toEqual([IGNORE_INDEX, IGNORE_INDEX]);
    expect(task.facts().length).toBe(120);
  });

  it("training mixes facts at rate factFraction, facts uniform over relations whatever the skill distribution; questions follow it", () => {
    const R = 6;
    const task = multiHopQaTask({ entities: 100, relations: R, k: 2, factFraction: 0.3 });
    const dist = trainingSkills(R, 2, { rankSeed: 5 });
    const rng = new Rng(8);
    const n = 40_000;
    let facts = 0;
    const factRel = new Float64Array(R);
    const questionRel = new Float64Array(R);
    for (let i = 0; i < n; i++) {
      const s = task.trainSample!(rng, dist);
      if (s.answerPositions[0] === 2) {
        facts++;
        factRel[s.skills[0]]++;
      } else for (const r of s.skills) questionRel[r]++;
    }
    expect(Math.abs(facts / n - 0.3)).toBeLessThan(5 * Math.sqrt((0.3 * 0.7) / n));
    expectFrequencies(factRel, uniformP(R), "fact relations");
    expectFrequencies(questionRel, dist.p, "question relations");
  });

  it("held-out entities start test questions only (their facts are still trained)", () => {
    const task = multiHopQaTask({ entities: 60, relations: 3, k: 2, heldOutFraction: 0.25 });
    expect(task.testEntities.length).toBe(15);
    expect(task.trainEntities.length).toBe(45);
    const test = new Set(task.testEntities);
    expect(Array.from(task.trainEntities).some((e) => test.has(e))).toBe(false);
    const rng = new Rng(2);
    let leaks = 0;
    let testOutside = 0;
    const factStarts = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const s = task.trainSample!(rng);
      if (s.answerPositions[0] === 2) factStarts.add(s.tokens[0]);
      else if (test.has(s.tokens[0])) leaks++;
      if (!test.has(task.sample(rng).tokens[0])) testOutside++;
    }
    expect(leaks).toBe(0);
    expect(testOutside).toBe(0);
    expect(Array.from(test).every((e) => factStarts.has(e))).toBe(true);
  });

  it("one-hop QA: every example is a fact query with its relation from the skill distribution", () => {
    const task = oneHopQaTask({ entities: 80, relations: 10 });
    expect(task.contextLength).toBe(3);
    const dist = trainingSkills(10, 1.5, { rankSeed: 1 });
    const rng = new Rng(4);
    const counts = new Float64Array(10);
    let bad = 0;
    for (let i = 0; i < 30_000; i++) {
      const s = task.trainSample!(rng, dist);
      counts[s.skills[0]]++;
      if (!task.evaluator.check(s)) bad++;
    }
    expect(bad).toBe(0);
    expectFrequencies(counts, dist.p, "one-hop relations");
  });

  it("the graph is fixed by graphSeed; data by the sampling seed", () => {
    const a = multiHopQaTask({ entities: 20, relations: 3, graphSeed: 1 }).facts();
    expect(multiHopQaTask({ entities: 20, relations: 3, graphSeed: 1 }).facts()).toEqual(a);
    expect(multiHopQaTask({ entities: 20, relations: 3, graphSeed: 2 }).facts()).not.toEqual(a);
    const t = multiHopQaTask({ entities: 20, relations: 3 });
    const draw = (seed: number) => Array.from({ length: 10 }, () => Array.from(t.sample(new Rng(seed)).tokens));
    expect(draw(5)).toEqual(draw(5));
  });

  it("rejects bad parameters with a ParameterError naming them", () => {
    expect(() => multiHopQaTask({ k: 0 })).toThrow(/^k = 0/);
    expect(() => multiHopQaTask({ entities: 1 })).toThrow(/^entities = 1/);
    expect(() => multiHopQaTask({ relations: 0 })).toThrow(/^relations = 0/);
    expect(() => multiHopQaTask({ factFraction: 1 })).toThrow(/^factFraction = 1/);
    expect(() => multiHopQaTask({ heldOutFraction: -0.1 })).toThrow(ParameterError);
    expect(() => multiHopQaTask({ graphSeed: -1 })).toThrow(/^graphSeed = -1/);
    expect(() => multiHopQaTask({ entities: 3 }).factSample(3, 0)).toThrow(/^e = 3/);
  });
});
