import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng";
import { ParameterError } from "../../src/core/validate";
import { IGNORE_INDEX, S5_EQUALS, S5_VOCAB_SIZE, s5PermutationName, s5Task, trainingSkills } from "../../src/tasks";
import { expectFrequencies, uniformP } from "./helpers";

const tokenOf = (name: string): number => {
  for (let i = 0; i < 120; i++) if (s5PermutationName(i) === name) return i;
  throw new Error(name);
};

describe("S5 state tracking", () => {
  it("names the 120 permutations in strictly increasing lexicographic order, each a permutation of 01234", () => {
    const names = Array.from({ length: 120 }, (_, i) => s5PermutationName(i));
    for (const n of names) expect([...n].sort().join("")).toBe("01234");
    for (let i = 1; i < 120; i++) expect(names[i - 1] < names[i]).toBe(true);
    expect(names[0]).toBe("01234");
    expect(names[119]).toBe("43210");
  });

  it("every generated answer passes the independent evaluator (k = 1, 4, 6, 16; uniform and power-law skills)", () => {
    for (const k of [1, 4, 6, 16]) {
      const task = s5Task({ k });
      const rng = new Rng(1, k);
      const zipf = trainingSkills(120, 1.5, { rankSeed: 3 });
      for (let n = 0; n < 5000; n++) {
        const s = task.sample(rng, n % 2 ? zipf : undefined);
        expect(task.evaluator.check(s)).toBe(true);
      }
    }
  });

  it("composes as (σ∘τ)(x) = σ(τ(x)): swap(0,1)∘swap(1,2) = 12034; a transposition squared and a 5-cycle to the 5th are the identity", () => {
    expect(s5Task({ k: 2 }).sample(new Rng(0), [tokenOf("10234"), tokenOf("02134")]).answer[0]).toBe(tokenOf("12034"));
    expect(s5Task({ k: 2 }).sample(new Rng(0), [tokenOf("10234"), tokenOf("10234")]).answer[0]).toBe(tokenOf("01234"));
    const c = tokenOf("12340");
    expect(s5Task({ k: 5 }).sample(new Rng(0), [c, c, c, c, c]).answer[0]).toBe(tokenOf("01234"));
    expect(s5Task({ k: 3 }).sample(new Rng(0), [c, c, c]).answer[0]).toBe(tokenOf("34012"));
  });

  it("the composition of uniform permutations is uniform over S5 (χ² test)", () => {
    const task = s5Task({ k: 4 });
    const rng = new Rng(5);
    const counts = new Float64Array(120);
    for (let n = 0; n < 60_000; n++) counts[task.sample(rng).answer[0]]++;
    expectFrequencies(counts, uniformP(120), "answers");
  });

  it("has the documented layout: T = k + 1, `=` last, only the `=` position scored, ids < 121", () => {
    const task = s5Task({ k: 6 });
    expect(task.contextLength).toBe(7);
    expect(task.vocab.size).toBe(S5_VOCAB_SIZE);
    expect(task.vocab.names.length).toBe(S5_VOCAB_SIZE);
    const s = task.sample(new Rng(2));
    expect(s.tokens.length).toBe(7);
    expect(s.tokens[6]).toBe(S5_EQUALS);
    expect(Array.from(s.answerPositions)).toEqual([6]);
    for (let t = 0; t < 6; t++) {
      expect(s.target[t]).toBe(IGNORE_INDEX);
      expect(s.tokens[t]).toBe(s.skills[t]);
      expect(s.tokens[t]).toBeLessThan(120);
    }
    expect(s.target[6]).toBeLessThan(120);
  });

  it("the evaluator rejects a wrong answer and scores predictions against its own recomputation", () => {
    const task = s5Task({ k: 4 });
    const s = task.sample(new Rng(9));
    const wrong = { ...s, target: s.target.slice(), answer: s.answer.map((a) => (a + 1) % 120) };
    wrong.target[4] = wrong.answer[0];
    expect(task.evaluator.check(wrong)).toBe(false);
    expect(task.evaluator.score(s, s.target)).toBe(true);
    // a prediction matching the corrupted target is wrong: the evaluator does not trust stored targets
    expect(task.evaluator.score(wrong, wrong.target)).toBe(false);
  });

  it("the same seed gives the same data", () => {
    const task = s5Task({ k: 6 });
    const a = new Rng(77);
    const b = new Rng(77);
    const c = new Rng(78);
    const xa = Array.from({ length: 20 }, () => Array.from(task.sample(a).tokens));
    expect(Array.from({ length: 20 }, () => Array.from(task.sample(b).tokens))).toEqual(xa);
    expect(Array.from({ length: 20 }, () => Array.from(task.sample(c).tokens))).not.toEqual(xa);
  });

  it("rejects bad parameters with a ParameterError naming them", () => {
    for (const k of [0, -1, 2.5, NaN]) expect(() => s5Task({ k })).toThrow(ParameterError);
    expect(() => s5Task({ k: 0 })).toThrow(/^k = 0/);
    const task = s5Task({ k: 2 });
    expect(() => task.sample(new Rng(0), [1, 120])).toThrow(/skills\[1\] = 120/);
    expect(() => task.sample(new Rng(0), [1])).toThrow(/skills.length = 1/);
    expect(() => task.sample(new Rng(0), trainingSkills(97, 1))).toThrow(/skills.d = 97/);
  });
});
