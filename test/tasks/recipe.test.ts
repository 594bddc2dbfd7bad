import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng";
import {
  IGNORE_INDEX,
  corruptSample,
  mixtureTask,
  modularArithmeticTask,
  multiHopQaTask,
  recipeSource,
  s5Task,
  trainingSkills,
  weightedSkills,
  zipfLanguage,
} from "../../src/tasks";
import { expectFrequencies } from "./helpers";

const mix = () =>
  mixtureTask([
    { task: s5Task({ k: 4 }), skills: trainingSkills(120, 1.5) },
    { task: modularArithmeticTask({ P: 23, k: 3 }) },
    { task: multiHopQaTask({ entities: 30, relations: 4, k: 2 }) },
    { task: zipfLanguage({ vocabSize: 20, contextLength: 16 }) },
  ]);

describe("mixtures of task families", () => {
  it("offsets the vocabularies disjointly, pads to the longest context, and every lifted sample passes the evaluator", () => {
    const m = mix();
    expect(m.components.map((c) => c.offset)).toEqual([0, 121, 149, 185]);
    expect(m.vocab.size).toBe(206);
    expect(m.padToken).toBe(205);
    expect(m.contextLength).toBe(16);
    const rng = new Rng(1);
    let bad = 0;
    for (let n = 0; n < 4000; n++) {
      for (const s of [m.sample(rng), m.trainSample!(rng)]) {
        const c = s.skills[0];
        const lo = m.components[c].offset;
        const hi = lo + m.components[c].task.vocab.size;
        const Tc = m.components[c].task.contextLength;
        for (let t = 0; t < 16; t++) {
          const inRange = s.tokens[t] >= lo && s.tokens[t] < hi;
          if (t < Tc ? !inRange : s.tokens[t] !== m.padToken || s.target[t] !== IGNORE_INDEX) bad++;
        }
        if (!m.evaluator.check(s)) bad++;
        if (!m.evaluator.score(s, Array.from(s.target, (x) => (x < 0 ? 0 : x)))) bad++;
      }
    }
    expect(bad).toBe(0);
  });

  it("draws components with the mixture weights (χ² test)", () => {
    const m = mix();
    const w = weightedSkills([0.5, 0.1, 0.3, 0.1]);
    const rng = new Rng(2);
    const counts = new Float64Array(4);
    for (let n = 0; n < 20_000; n++) counts[m.trainSample!(rng, w).skills[0]]++;
    expectFrequencies(counts, w.p, "components");
  });

  it("the evaluator rejects a wrong answer inside a mixture", () => {
    const m = mix();
    const s = m.sample(new Rng(3), [1]);
    const t = s.answerPositions[0];
    const wrong = { ...s, target: s.target.slice(), answer: s.answer.slice() };
    wrong.target[t] = wrong.answer[0] = m.components[1].offset + ((s.answer[0] - m.components[1].offset + 1) % 23);
    expect(m.evaluator.check(wrong)).toBe(false);
  });
});

describe("recipes: quality and duplication knobs", () => {
  it("corruption replaces content tokens at rate (1 − q)(1 − 1/V), keeps `=`/padding, and keeps streams shift-consistent", () => {
    const m = mix();
    const rate = 0.3;
    const rng = new Rng(4);
    // a problem component (modular arithmetic: content = 7 tokens before `=` + the answer, V = 28)
    let changed = 0;
    let total = 0;
    for (let n = 0; n < 4000; n++) {
      const s = m.componentSample(rng, 1);
      const c = corruptSample(m, s, rate, rng);
      const at = s.answerPositions[0];
      for (let t = 0; t < at; t++) changed += c.tokens[t] !== s.tokens[t] ? 1 : 0;
      changed += c.answer[0] !== s.answer[0] ? 1 : 0;
      total += at + 1;
      expect(c.tokens[at]).toBe(s.tokens[at]); // `=` kept
      expect(c.target[at]).toBe(c.answer[0]);
      for (let t = at + 1; t < 16; t++) expect(c.tokens[t]).toBe(s.tokens[t]);
    }
    const expected = rate * (1 - 1 / 28);
    expect(Math.abs(changed / total - expected)).toBeLessThan(5 * Math.sqrt((expected * (1 - expected)) / total));
    // a stream component: target[t] = tokens[t+1] after corruption, rate over T + 1 document tokens
    changed = 0;
    total = 0;
    for (let n = 0; n < 2000; n++) {
      const s = m.componentSample(rng, 3);
      const c = corruptSample(m, s, rate, rng);
      for (let t = 0; t + 1 < 16; t++) expect(c.target[t]).toBe(c.tokens[t + 1]);
      for (let t = 0; t < 16; t++) changed += c.tokens[t] !== s.tokens[t] ? 1 : 0;
      changed += c.target[15] !== s.target[15] ? 1 : 0;
      total += 17;
    }
    const e2 = rate * (1 - 1 / 20);
    expect(Math.abs(changed / total - e2)).toBeLessThan(5 * Math.sqrt((e2 * (1 - e2)) / total));
    const s = m.componentSample(rng, 0);
    expect(Array.from(corruptSample(m, s, 0, rng).tokens)).toEqual(Array.from(s.tokens));
  });

  it("clean recipes pass the evaluator; duplicates come from the pool at the stated fraction with Zipf popularity", () => {
    const m = mix();
    const clean = recipeSource(m, { name: "clean", weights: [1, 1, 1, 1] }, 1);
    let bad = 0;
    for (let s = 0; s < 20; s++) for (const x of clean.batch(s, 32).samples) if (!m.evaluator.check(x)) bad++;
    expect(bad).toBe(0);
    const poolSize = 40;
    const src = recipeSource(m, { name: "dup", weights: [1, 1, 1, 1], duplication: { fraction: 0.4, poolSize } }, 1);
    expect(src.pool.length).toBe(poolSize);
    const index = new Map(src.pool.map((s, i) => [s, i]));
    const counts = new Float64Array(poolSize);
    let dups = 0;
    const n = 20_000;
    const rng = new Rng(6);
    for (let i = 0; i < n; i++) {
      const j = index.get(src.example(rng));
      if (j !== undefined) {
        dups++;
        counts[j]++;
      }
    }
    expect(Math.abs(dups / n - 0.4)).toBeLessThan(5 * Math.sqrt(0.24 / n));
    let z = 0;
    for (let i = 1; i <= poolSize; i++) z += 1 / i;
    expectFrequencies(counts, Array.from({ length: poolSize }, (_, i) => 1 / (i + 1) / z), "pool popularity");
  });

  it("batch s depends only on (seed, s)", () => {
    const m = mix();
    const r = { name: "r", weights: [1, 2, 3, 4], quality: [1, 0.8, 0.9, 0.5], duplication: { fraction: 0.2, poolSize: 10 } };
    const a = recipeSource(m, r, 9);
    const b = recipeSource(m, r, 9);
    const late = a.batch(30, 8);
    b.batch(0, 8);
    expect(Array.from(b.batch(30, 8).inputs)).toEqual(Array.from(late.inputs));
    expect(Array.from(recipeSource(m, r, 10).batch(30, 8).inputs)).not.toEqual(Array.from(late.inputs));
  });

  it("rejects bad parameters with a ParameterError naming them", () => {
    const m = mix();
    expect(() => recipeSource(m, { name: "x", weights: [1, 1] }, 0)).toThrow(/^weights.length = 2/);
    expect(() => recipeSource(m, { name: "x", weights: [1, 1, 1, 1], quality: 1.2 }, 0)).toThrow(/^quality = 1.2/);
    expect(() => recipeSource(m, { name: "x", weights: [1, 1, 1, 1], quality: [1, 1, -1, 1] }, 0)).toThrow(/^quality\[2\] = -1/);
    expect(() => recipeSource(m, { name: "x", weights: [1, 1, 1, 1], duplication: { fraction: 2, poolSize: 5 } }, 0)).toThrow(/^duplication.fraction = 2/);
    expect(() => recipeSource(m, { name: "x", weights: [1, 1, 1, 1], duplication: { fraction: 0.5, poolSize: 0 } }, 0)).toThrow(/^duplication.poolSize = 0/);
    expect(() => mixtureTask([])).toThrow(/components.length = 0/);
  });
});
