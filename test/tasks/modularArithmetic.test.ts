import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng";
import { ParameterError } from "../../src/core/validate";
import { isPrime, modularArithmeticTask, modularEvaluator, problemSample, trainingSkills, uniformSkillSampler } from "../../src/tasks";
import { expectFrequencies } from "./helpers";

/** A problem "a₀ op₁ a₁ … =" with a claimed answer, in the task's token layout (ops at P..P+3, `=` at P+4). */
function problem(P: number, parts: Array<number | string>, answer: number) {
  const ops: Record<string, number> = { "+": 0, "-": 1, "*": 2, "/": 3 };
  const input = parts.map((x) => (typeof x === "number" ? x : P + ops[x]));
  input.push(P + 4);
  return problemSample(input, [answer], input.length, P + 4, new Int32Array(0));
}

describe("multi-step modular arithmetic", () => {
  it("the evaluator computes left to right with ÷ as the modular inverse (hand-worked cases)", () => {
    // 3 + 4 × 5 = 35 left to right (not 23)
    expect(modularEvaluator(97, 2).check(problem(97, [3, "+", 4, "*", 5], 35))).toBe(true);
    expect(modularEvaluator(97, 2).check(problem(97, [3, "+", 4, "*", 5], 23))).toBe(false);
    // mod 7: 3⁻¹ = 5, so 1 ÷ 3 = 5 and 6 ÷ 3 = 2; 2 − 5 = −3 ≡ 4
    expect(modularEvaluator(7, 1).check(problem(7, [1, "/", 3], 5))).toBe(true);
    expect(modularEvaluator(7, 2).check(problem(7, [6, "/", 3, "-", 5], 4))).toBe(true);
    // division by zero is malformed
    expect(modularEvaluator(7, 1).check(problem(7, [6, "/", 0], 0))).toBe(false);
  });

  it("every generated answer passes the independent evaluator (P ∈ {2, 3, 23, 97}, k ∈ {1, 3, 8})", () => {
    for (const P of [2, 3, 23, 97]) {
      for (const k of [1, 3, 8]) {
        const task = modularArithmeticTask({ P, k });
        const rng = new Rng(P, k);
        const zipf = trainingSkills(P, 1.5, { rankSeed: 1 });
        for (let n = 0; n < 2000; n++) expect(task.evaluator.check(task.sample(rng, n % 2 ? zipf : undefined))).toBe(true);
      }
    }
  });

  it("with fixed operands 6, 3 mod 7 the four operators give 2, 3, 4, 2", () => {
    const task = modularArithmeticTask({ P: 7, k: 1 });
    const rng = new Rng(4);
    const seen = new Set<number>();
    for (let n = 0; n < 400; n++) {
      const s = task.sample(rng, [6, 3]);
      const op = s.tokens[1] - 7;
      seen.add(op);
      expect(s.answer[0]).toBe([2, 3, 4, 2][op]);
    }
    expect(seen.size).toBe(4);
  });

  it("operands follow the skill distribution in every slot; operators are uniform except ÷ before 0 (redrawn from + − ×)", () => {
    const P = 23;
    const k = 4;
    const task = modularArithmeticTask({ P, k });
    const dist = trainingSkills(P, 1.2, { rankSeed: 8 });
    const rng = new Rng(10);
    const operands = new Float64Array(P);
    const ops = new Float64Array(4);
    const n = 30_000;
    let skillMismatch = 0;
    let divByZero = 0;
    for (let i = 0; i < n; i++) {
      const s = task.sample(rng, dist);
      for (let j = 0; j <= k; j++) {
        operands[s.tokens[2 * j]]++;
        if (s.skills[j] !== s.tokens[2 * j]) skillMismatch++;
      }
      for (let j = 1; j <= k; j++) {
        const op = s.tokens[2 * j - 1] - P;
        ops[op]++;
        if (op === 3 && s.tokens[2 * j] === 0) divByZero++;
      }
    }
    expect(skillMismatch).toBe(0);
    expect(divByZero).toBe(0);
    expectFrequencies(operands, dist.p, "operands");
    const p0 = dist.p[0];
    expectFrequencies(ops, [0.25 + p0 / 12, 0.25 + p0 / 12, 0.25 + p0 / 12, 0.25 * (1 - p0)], "operators");
  });

  it("has the documented layout: T = 2k + 2, vocabulary P + 5, only the `=` position scored", () => {
    const task = modularArithmeticTask({ P: 97, k: 5 });
    expect(task.contextLength).toBe(12);
    expect(task.vocab.size).toBe(102);
    expect(task.vocab.names.slice(97)).toEqual(["+", "−", "×", "÷", "="]);
    expect(task.slots).toBe(6);
    const s = task.sample(new Rng(1), uniformSkillSampler(97));
    expect(s.tokens[11]).toBe(101);
    expect(Array.from(s.answerPositions)).toEqual([11]);
    for (let t = 0; t < 11; t++) expect(s.target[t]).toBe(-1);
    expect(s.answer[0]).toBeLessThan(97);
  });

  it("isPrime agrees with a sieve up to 2000", () => {
    const sieve = new Uint8Array(2001).fill(1);
    sieve[0] = sieve[1] = 0;
    for (let i = 2; i * i <= 2000; i++) if (sieve[i]) for (let j = i * i; j <= 2000; j += i) sieve[j] = 0;
    for (let n = 0; n <= 2000; n++) expect(isPrime(n)).toBe(sieve[n] === 1);
  });

  it("rejects bad parameters with a ParameterError naming them", () => {
    expect(() => modularArithmeticTask({ P: 91 })).toThrow(/^P = 91: must be a prime/);
    expect(() => modularArithmeticTask({ P: 1 })).toThrow(ParameterError);
    expect(() => modularArithmeticTask({ P: 97.5 })).toThrow(/^P = 97.5/);
    expect(() => modularArithmeticTask({ k: 0 })).toThrow(/^k = 0/);
    expect(() => modularArithmeticTask({ P: 23 }).sample(new Rng(0), trainingSkills(97, 1))).toThrow(/skills.d/);
    expect(() => modularArithmeticTask({ operators: ["÷"] })).toThrow(/^operators = "÷"/);
    expect(() => modularArithmeticTask({ operators: [] })).toThrow(/^operators/);
    expect(() => modularArithmeticTask({ operators: ["+", "+"] })).toThrow(/distinct/);
    expect(() => modularArithmeticTask({ operators: ["%" as never] })).toThrow(/^operators\[0\]/);
    // a string is not an array of operators (it used to fail with "operators.map is not a function")
    expect(() => modularArithmeticTask({ operators: "+" as never })).toThrow(/^operators = "\+": must be an array/);
  });

  it("operators ['+']: a sum of k + 1 residues mod P (every answer = Σ aᵢ mod P, checked by the evaluator); ['×', '÷'] never divides by 0", () => {
    const sum = modularArithmeticTask({ P: 11, k: 5, operators: ["+"] });
    const rng = new Rng(3);
    for (let i = 0; i < 2000; i++) {
      const s = sum.sample(rng);
      for (let j = 1; j <= 5; j++) expect(s.tokens[2 * j - 1]).toBe(11); // the + token
      expect(s.answer[0]).toBe(Array.from(s.skills).reduce((a, b) => a + b, 0) % 11);
      expect(sum.evaluator.check(s)).toBe(true);
    }
    const md = modularArithmeticTask({ P: 5, k: 3, operators: ["×", "÷"] });
    for (let i = 0; i < 2000; i++) {
      const s = md.sample(rng);
      for (let j = 1; j <= 3; j++) {
        expect([7, 8]).toContain(s.tokens[2 * j - 1]);
        if (s.tokens[2 * j] === 0) expect(s.tokens[2 * j - 1]).toBe(7);
      }
      expect(md.evaluator.check(s)).toBe(true);
    }
  });

  it("the default operator set draws exactly as before the option existed (same tokens for a fixed seed)", () => {
    const a = modularArithmeticTask({ P: 7, k: 4 });
    const b = modularArithmeticTask({ P: 7, k: 4, operators: ["+", "−", "×", "÷"] });
    const ra = new Rng(9);
    const rb = new Rng(9);
    for (let i = 0; i < 200; i++) expect(Array.from(b.sample(rb).tokens)).toEqual(Array.from(a.sample(ra).tokens));
  });
});
