import { describe, expect, it } from "vitest";
import {
  IGNORE_INDEX,
  accuracyByBin,
  modularArithmeticTask,
  multiHopQaTask,
  oneHopQaTask,
  s5Task,
  scoreBatch,
  skillBins,
  testSet,
  trainingBatch,
  trainingSkills,
  uniformOver,
  zipfLanguage,
  type Task,
} from "../../src/tasks";
import { expectFrequencies, uniformP } from "./helpers";

const TASKS: Task[] = [
  s5Task({ k: 4 }),
  modularArithmeticTask({ P: 23, k: 3 }),
  multiHopQaTask({ entities: 50, relations: 5, k: 3 }),
  oneHopQaTask({ entities: 50, relations: 5 }),
  zipfLanguage({ vocabSize: 40, contextLength: 16 }),
];

describe("batches for a next-token model", () => {
  it("have shape [B×T], tokens inside the vocabulary, mask = (target ≠ IGNORE), and rows the evaluator accepts", () => {
    for (const task of TASKS) {
      const skills = task.numSkills > 0 ? trainingSkills(task.numSkills, 1.5, { rankSeed: 1 }) : undefined;
      const b = trainingBatch(task, { seed: 3, step: 0, batchSize: 64, skills });
      const T = task.contextLength;
      expect(b.length).toBe(T);
      expect(b.inputs.length).toBe(64 * T);
      expect(b.targets.length).toBe(64 * T);
      expect(b.mask.length).toBe(64 * T);
      expect(b.skills.length).toBe(64 * b.slots);
      let bad = 0;
      for (let i = 0; i < 64 * T; i++) {
        if (!(b.inputs[i] >= 0 && b.inputs[i] < task.vocab.size)) bad++;
        if (b.targets[i] !== IGNORE_INDEX && !(b.targets[i] >= 0 && b.targets[i] < task.vocab.size)) bad++;
        if (b.mask[i] !== (b.targets[i] === IGNORE_INDEX ? 0 : 1)) bad++;
      }
      for (const s of b.samples) if (!task.evaluator.check(s)) bad++;
      expect(bad, task.name).toBe(0);
    }
  });

  it("training batch s depends only on (seed, s); the test set uses its own stream", () => {
    const task = s5Task({ k: 4 });
    const a = trainingBatch(task, { seed: 5, step: 12, batchSize: 16 });
    expect(Array.from(trainingBatch(task, { seed: 5, step: 12, batchSize: 16 }).inputs)).toEqual(Array.from(a.inputs));
    expect(Array.from(trainingBatch(task, { seed: 5, step: 13, batchSize: 16 }).inputs)).not.toEqual(Array.from(a.inputs));
    expect(Array.from(trainingBatch(task, { seed: 6, step: 12, batchSize: 16 }).inputs)).not.toEqual(Array.from(a.inputs));
    const t1 = testSet(task, { size: 16, seed: 5 });
    expect(Array.from(testSet(task, { size: 16, seed: 5 }).inputs)).toEqual(Array.from(t1.inputs));
    for (let s = 0; s < 50; s++) expect(Array.from(trainingBatch(task, { seed: 5, step: s, batchSize: 16 }).inputs)).not.toEqual(Array.from(t1.inputs));
  });

  it("held-out test sets are uniform over skills in every slot (χ² test), and QA test sets hold questions only", () => {
    const s5 = testSet(s5Task({ k: 6 }), { size: 20_000, seed: 1 });
    const counts = new Float64Array(120);
    for (const k of s5.skills) counts[k]++;
    expectFrequencies(counts, uniformP(120), "S5 test skills");
    const qa = multiHopQaTask({ entities: 30, relations: 8, k: 2 });
    const t = testSet(qa, { size: 10_000, seed: 2 });
    const rel = new Float64Array(8);
    const starts = new Float64Array(30);
    for (const s of t.samples) {
      expect(s.answerPositions[0]).toBe(3);
      for (const r of s.skills) rel[r]++;
      starts[s.tokens[0]]++;
    }
    expectFrequencies(rel, uniformP(8), "QA test relations");
    expectFrequencies(starts, uniformP(30), "QA test start entities");
  });

  it("conditional test sets: all slots drawn from a chosen bin", () => {
    const dist = trainingSkills(120, 1.5, { rankSeed: 2 });
    const bin = skillBins(dist, 6);
    const tail = Array.from({ length: 120 }, (_, i) => i).filter((i) => bin[i] === 5);
    const b = testSet(s5Task({ k: 4 }), { size: 500, seed: 3, skills: uniformOver(120, tail) });
    expect(Array.from(b.skills).every((k) => bin[k] === 5)).toBe(true);
  });

  it("scores predictions with the independent evaluator: right answers 1, wrong answers 0, exact counts in between", () => {
    for (const task of TASKS) {
      const b = testSet(task, { size: 40, seed: 8 });
      const T = b.length;
      const perfect = Array.from(b.targets, (x) => (x === IGNORE_INDEX ? 0 : x));
      const s = scoreBatch(task, b, perfect);
      expect(s.accuracy, task.name).toBe(1);
      expect(s.tokenAccuracy).toBe(1);
      // spoil the first answer position of every other row
      const half = perfect.slice();
      for (let r = 0; r < 40; r += 2) {
        const t = b.samples[r].answerPositions[0];
        half[r * T + t] = (half[r * T + t] + 1) % task.vocab.size;
      }
      const h = scoreBatch(task, b, half);
      expect(h.accuracy, task.name).toBe(0.5);
      expect(Array.from(h.correct.slice(0, 4))).toEqual([0, 1, 0, 1]);
      const scored = b.mask.reduce((a, x) => a + x, 0);
      expect(h.tokenAccuracy).toBeCloseTo(1 - 20 / scored, 12);
    }
  });

  it("per-bin accuracy counts each row once in every bin one of its slots falls in", () => {
    const task = s5Task({ k: 2 });
    const dist = trainingSkills(120, 1.5, { rankSeed: 1 });
    const bin = skillBins(dist, 2);
    const head = Array.from({ length: 120 }, (_, i) => i).filter((i) => bin[i] === 0);
    const b = testSet(task, { size: 10, seed: 1, skills: uniformOver(120, head) });
    const correct = Uint8Array.from([1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    const r = accuracyByBin(b, correct, bin, 2);
    expect(Array.from(r.count)).toEqual([10, 0]);
    expect(r.accuracy[0]).toBeCloseTo(0.3, 12);
    expect(Number.isNaN(r.accuracy[1])).toBe(true);
  });

  it("rejects bad parameters with a ParameterError naming them", () => {
    const task = s5Task();
    expect(() => trainingBatch(task, { seed: 0, step: -1, batchSize: 4 })).toThrow(/^step = -1/);
    expect(() => trainingBatch(task, { seed: 0, step: 0, batchSize: 0 })).toThrow(/^batchSize = 0/);
    expect(() => testSet(task, { size: 0, seed: 0 })).toThrow(/^size = 0/);
    const b = testSet(task, { size: 2, seed: 0 });
    expect(() => scoreBatch(task, b, [1, 2])).toThrow(/^predicted.length = 2/);
  });
});
