import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../src/run/store";
import { NN_WORKER_FILE } from "../../src/nn/many";
import { atomicFactCount, SKILLS_MICRO_CONFIG, SKILLS_STUDY_CONFIGS, tupleCount, validateSkillsConfig, type SkillsStudyConfig } from "../../src/skills/study/config";
import { binTestSets, rankBins, runSkills, skillsData, skillsSplitTask, skillsTask, SKILLS_DATA_MODULE, uniformTestSet } from "../../src/skills/study/data";
import type { HeldOutTask } from "../../src/tasks/heldOut";
import { paramCheckpointFile } from "../../src/nn/studyRuns";
import { analyseSkills, computeSkillsStudy, skillsArm, skillsStudyRuns, skillsTransformerStudy, type SkillsRunRecord, type SkillsStudyResult } from "../../src/skills/study/study";
import { StudyInterrupted } from "../../src/nn/studyRuns";
import { skillsTransformerClaims } from "../../src/skills/study/claims";
import { skillsTransformerFigures } from "../../src/skills/study/figures";
import { skills } from "../../src/skills";
import { Runner } from "../../src/run/runner";
import { setWarn } from "../../src/run/files";
import { trainingBatch } from "../../src/tasks/batch";
import { tailContextBatch } from "../../src/skills/study/gradient";
import { Rng } from "../../src/core/rng";
import { initBackend } from "../../src/nn/backend";
import { loadCheckpoint } from "../../src/nn/checkpoint";
import { Trainer } from "../../src/nn/train";
import { skillsRunKey } from "../../src/skills/study/study";

const arith = { task: "arithmetic" as const, role: "composition" as const, P: 7, k: 2, steps: 10, alphas: [0, 1.5] };

describe("skills study configs", () => {
  it("every named config validates; a config without the uniform arm, with a repeated task or duplicate seeds is rejected", () => {
    for (const c of Object.values(SKILLS_STUDY_CONFIGS)) expect(() => validateSkillsConfig(c)).not.toThrow();
    expect(() => validateSkillsConfig(SKILLS_MICRO_CONFIG)).not.toThrow();
    const noUniform: SkillsStudyConfig = { ...SKILLS_MICRO_CONFIG, tasks: [{ ...arith, alphas: [1.5] }] };
    expect(() => validateSkillsConfig(noUniform)).toThrow(/alphas = "1.5": must be including 0/);
    expect(() => validateSkillsConfig({ ...SKILLS_MICRO_CONFIG, tasks: [arith, arith] })).toThrow(/each task at most once/);
    expect(() => validateSkillsConfig({ ...SKILLS_MICRO_CONFIG, seeds: [1, 1] })).toThrow(/distinct/);
  });

  it("ci and small test composition on held-out tuples, small with ≥ 10× tuples per training example and ≥ 5 seeds; the control is matched in atomic facts and steps", () => {
    for (const scale of ["ci", "small"] as const) {
      const c = SKILLS_STUDY_CONFIGS[scale];
      const comp = c.tasks.filter((t) => t.role === "composition");
      const ctl = c.tasks.filter((t) => t.role === "control");
      expect(comp.length).toBeGreaterThan(0);
      for (const t of comp) {
        expect(t.heldOut).toBeGreaterThan(0);
        expect(tupleCount(t) / (t.steps * c.batchSize)).toBeGreaterThanOrEqual(10);
      }
      for (const t of ctl) {
        expect(atomicFactCount(t)).toBe(atomicFactCount(comp[0]));
        expect(t.steps).toBe(comp[0].steps);
      }
    }
    expect(SKILLS_STUDY_CONFIGS.small.seeds.length).toBeGreaterThanOrEqual(5);
    // the counts: 11⁶ sums of six residues; S5 words of length 8; E·R^k questions
    expect(tupleCount({ task: "arithmetic", role: "composition", P: 11, k: 5, operators: ["+"], steps: 1, alphas: [0] })).toBe(11 ** 6);
    expect(tupleCount({ task: "arithmetic", role: "composition", P: 7, k: 2, steps: 1, alphas: [0] })).toBe(7 ** 3 * 16);
    expect(tupleCount({ task: "group", role: "composition", group: "A4", k: 3, steps: 1, alphas: [0] })).toBe(12 ** 3);
    expect(atomicFactCount({ task: "group", role: "composition", group: "D4", k: 3, steps: 1, alphas: [0] })).toBe(64);
    expect(tupleCount({ task: "multi-hop", role: "composition", entities: 10, relations: 3, k: 2, steps: 1, alphas: [0] })).toBe(90);
  });

  it("rejects operators off the arithmetic task, a held-out split on the one-hop control or outside (0, 1), and an unknown group, naming the field", () => {
    const oneHop = { task: "one-hop" as const, role: "control" as const, entities: 5, relations: 5, steps: 10, alphas: [0, 1.5] };
    expect(() => validateSkillsConfig({ ...SKILLS_MICRO_CONFIG, tasks: [{ ...oneHop, operators: ["+"] }] })).toThrow(/tasks\[0\]\.operators/);
    expect(() => validateSkillsConfig({ ...SKILLS_MICRO_CONFIG, tasks: [arith, { ...oneHop, heldOut: 0.2 }] })).toThrow(/tasks\[1\]\.heldOut/);
    expect(() => validateSkillsConfig({ ...SKILLS_MICRO_CONFIG, tasks: [{ ...arith, heldOut: 1 }] })).toThrow(/tasks\[0\]\.heldOut/);
    expect(() => validateSkillsConfig({ ...SKILLS_MICRO_CONFIG, tasks: [{ ...arith, operators: ["÷"] }] })).toThrow(/tasks\[0\]\.operators/);
    expect(() => validateSkillsConfig({ ...SKILLS_MICRO_CONFIG, tasks: [{ task: "group", role: "composition", group: "Q8" as never, k: 2, steps: 10, alphas: [0, 1.5] }] })).toThrow(/tasks\[0\]\.group/);
  });

  it("a task spec without the sizes its tuple and fact counts need, or with a bad size, is rejected naming the field (no NaN count)", () => {
    const oneHop = SKILLS_MICRO_CONFIG.tasks[1];
    // the task itself would train with its defaults (k = 5, P = 97) while the premise counted NaN tuples
    expect(() => validateSkillsConfig({ ...SKILLS_MICRO_CONFIG, tasks: [{ ...arith, k: undefined }, oneHop] })).toThrow(/^tasks\[0\]\.k = undefined: must be set on a arithmetic task \(P, k\)/);
    expect(() => validateSkillsConfig({ ...SKILLS_MICRO_CONFIG, tasks: [{ ...arith, P: undefined }, oneHop] })).toThrow(/^tasks\[0\]\.P = undefined/);
    expect(() => validateSkillsConfig({ ...SKILLS_MICRO_CONFIG, tasks: [arith, { ...oneHop, entities: undefined }] })).toThrow(/^tasks\[1\]\.entities = undefined/);
    expect(() => validateSkillsConfig({ ...SKILLS_MICRO_CONFIG, tasks: [{ task: "group", role: "composition", group: "S3", steps: 10, alphas: [0, 1.5] }] })).toThrow(/^tasks\[0\]\.k = undefined/);
    expect(() => validateSkillsConfig({ ...SKILLS_MICRO_CONFIG, tasks: [{ ...arith, P: 9 }, oneHop] })).toThrow(/^tasks\[0\]\.P = 9: must be a prime ≤ 65521/);
    expect(() => validateSkillsConfig({ ...SKILLS_MICRO_CONFIG, tasks: [{ ...arith, k: 0 }, oneHop] })).toThrow(/^tasks\[0\]\.k = 0: must be a finite integer ≥ 1/);
    expect(() => validateSkillsConfig({ ...SKILLS_MICRO_CONFIG, tasks: [arith, { ...oneHop, relations: 1.5 }] })).toThrow(/^tasks\[1\]\.relations = 1.5/);
    // the counts name the missing field instead of returning NaN
    expect(() => tupleCount({ ...arith, k: undefined })).toThrow(/^arithmetic\.k = undefined/);
    expect(() => atomicFactCount({ ...oneHop, relations: undefined })).toThrow(/^one-hop\.relations = undefined/);
    expect(tupleCount(oneHop)).toBe(24);
  });

  it("the runs: one per task × α × seed, with identical hyper-parameters and seed across the α arms", () => {
    const c = SKILLS_MICRO_CONFIG;
    const runs = skillsStudyRuns(c);
    expect(runs.length).toBe(c.tasks.reduce((s, t) => s + t.alphas.length, 0) * c.seeds.length);
    // the gradient diagnostic reads checkpoints of the uniform and main power-law runs of every seed of the first composition task
    const ck = runs.filter((r) => r.checkpoints);
    expect(ck.map((r) => r.key).sort()).toEqual(c.seeds.flatMap((s) => [`arithmetic-a0-s${s}`, `arithmetic-a${c.alpha}-s${s}`]).sort());
    for (const r of ck) expect(r.job.checkpointSteps).toEqual([0, 2, 4, 6]);
    for (const t of c.tasks)
      for (const seed of c.seeds) {
        const arms = runs.filter((r) => r.key.startsWith(`${t.task}-`) && r.key.endsWith(`-s${seed}`));
        expect(arms.length).toBe(t.alphas.length);
        const strip = (r: (typeof arms)[number]) => ({ ...r.job, data: undefined, checkpointSteps: undefined });
        for (const a of arms) expect(strip(a)).toEqual(strip(arms[0])); // same model, seed, schedule, eval sets
      }
  });
});

describe("skills study data", () => {
  it("a training batch is a pure function of (seed, step); seeds differ", () => {
    const f = skillsData({ spec: arith, alpha: 1.5, seed: 3, batchSize: 16 });
    const g = skillsData({ spec: arith, alpha: 1.5, seed: 3, batchSize: 16 });
    expect(Array.from(f(5).inputs)).toEqual(Array.from(g(5).inputs));
    expect(Array.from(f(5).inputs)).not.toEqual(Array.from(f(6).inputs));
    expect(Array.from(skillsData({ spec: arith, alpha: 1.5, seed: 4, batchSize: 16 })(5).inputs)).not.toEqual(Array.from(f(5).inputs));
  });

  it("the power-law arm draws the head bin with its Zipf mass (within 4 standard errors), the uniform arm with 1/bins", () => {
    const spec = { ...arith, P: 23 };
    const task = skillsTask(spec);
    const bins = 4;
    const bin = rankBins(spec, 2, bins);
    for (const alpha of [0, 1.5]) {
      const p = runSkills(task.numSkills, alpha, 2).p;
      let mass = 0;
      for (let i = 0; i < p.length; i++) if (bin[i] === 0) mass += p[i];
      if (alpha === 0) expect(mass).toBeCloseTo(5 / 23, 12); // equal bins of 23 skills: sizes 5, 6, 6, 6
      let hits = 0;
      let n = 0;
      for (let s = 0; s < 200; s++) {
        const b = trainingBatch(task, { seed: 2, step: s, batchSize: 32, skills: runSkills(task.numSkills, alpha, 2) });
        for (const k of b.skills) (n++, (hits += bin[k] === 0 ? 1 : 0));
      }
      const se = Math.sqrt((mass * (1 - mass)) / n);
      expect(Math.abs(hits / n - mass)).toBeLessThan(4 * se);
    }
    // the ranking (hence the bins) depends on the seed only, not on α
    expect(Array.from(rankBins(spec, 2, bins))).toEqual(Array.from(rankBins(spec, 2, bins)));
    const pHead = runSkills(task.numSkills, 1.5, 2).rank[0];
    expect(runSkills(task.numSkills, 2.0, 2).rank[0]).toBe(pHead);
    expect(bin[pHead]).toBe(0);
  });

  it("bin test sets draw every slot from their bin; the uniform test set is the same for every run", () => {
    const spec = { ...arith, P: 23 };
    const task = skillsTask(spec);
    const bin = rankBins(spec, 5, 4);
    const sets = binTestSets(spec, 5, 4, 64);
    expect(sets.length).toBe(4);
    sets.forEach((s, b) => {
      // arithmetic operands sit at even positions 0, 2, …, 2k
      for (let r = 0; r < s.batchSize; r++) for (let j = 0; j <= (spec.k ?? 0); j++) expect(bin[s.inputs[r * s.length + 2 * j]]).toBe(b);
    });
    expect(Array.from(uniformTestSet(spec, 32).inputs)).toEqual(Array.from(uniformTestSet(spec, 32).inputs));
    expect(task.contextLength).toBe(2 * (spec.k ?? 0) + 2);
  });
});

describe("held-out tuples in the study's data", () => {
  it("no training batch of any arm holds a tuple of the uniform or rank-bin test sets; every test problem is held out", () => {
    // bins of 3 and 4 residues: 3⁴ = 81 tuples in the smaller bin, about 20 of them held out
    const spec = { task: "arithmetic" as const, role: "composition" as const, P: 7, k: 3, operators: ["+" as const], heldOut: 0.25, steps: 10, alphas: [0, 1.5] };
    const split = skillsSplitTask(spec) as HeldOutTask;
    const row = (b: { inputs: Int32Array; length: number }, r: number) => Array.from(b.inputs.subarray(r * b.length, (r + 1) * b.length)).join(",");
    const test = new Set<string>();
    const sets = [uniformTestSet(spec, 256), ...binTestSets(spec, 1, 2, 128)];
    for (const b of sets) for (let r = 0; r < b.batchSize; r++) test.add(row(b, r));
    // 7⁴ = 2401 tuples, a quarter held out
    expect(test.size).toBeGreaterThan(200);
    const base = skillsTask(spec);
    for (const key of test) expect(split.isHeldOut(base.sample(new Rng(0), key.split(",").filter((_, i) => i % 2 === 0 && i < 8).map(Number)))).toBe(true);
    for (const alpha of [0, 1.5]) {
      const f = skillsData({ spec, alpha, seed: 1, batchSize: 64 });
      for (let step = 0; step < 40; step++) {
        const b = f(step);
        for (let r = 0; r < b.batchSize; r++) expect(test.has(row(b, r))).toBe(false);
      }
    }
  });
});

describe("held-out tuples at the small config (the stored study's split)", () => {
  it("sum of 6 residues mod 11: no training batch of any arm and seed holds a tuple of the uniform or any seed's rank-bin test sets, compared by the tuple", () => {
    const c = SKILLS_STUDY_CONFIGS.small;
    const spec = c.tasks[0];
    const row = (b: { inputs: Int32Array; length: number }, r: number) => Array.from(b.inputs.subarray(r * b.length, (r + 1) * b.length)).join(",");
    const test = new Set<string>();
    for (const b of [uniformTestSet(spec, c.testSize), ...c.seeds.flatMap((s) => binTestSets(spec, s, c.bins, c.binSize))]) for (let r = 0; r < b.batchSize; r++) test.add(row(b, r));
    // 512 uniform + 5 seeds × 4 bins × 256 problems: 2513 distinct held-out tuples (the head bins have 2⁶ tuples, ≈ 16 held out)
    expect(test.size).toBeGreaterThan(2000);
    for (const alpha of spec.alphas)
      for (const seed of c.seeds) {
        const f = skillsData({ spec, alpha, seed, batchSize: c.batchSize });
        for (let step = 0; step < 60; step++) {
          const b = f(step);
          for (let r = 0; r < b.batchSize; r++) expect(test.has(row(b, r))).toBe(false);
        }
      }
  });
});

describe("tail-context batches (gradient diagnostic)", () => {
  it("every problem has exactly one tail-bin skill; its other slots are head-bin (head) or anything (random); the two contexts are paired", () => {
    const spec = { ...arith, P: 23, k: 3 };
    const task = skillsTask(spec);
    const bin = rankBins(spec, 1, 4);
    const head = tailContextBatch(task, bin, "head", new Rng(9, 1), 200);
    const rand = tailContextBatch(task, bin, "random", new Rng(9, 1), 200);
    let otherBins = 0;
    head.samples.forEach((sm, r) => {
      const bins = Array.from(sm.skills, (k) => bin[k]);
      expect(bins.filter((b) => b === 3).length).toBe(1);
      expect(bins.filter((b) => b === 0).length).toBe(task.slots - 1);
      expect(task.evaluator.check(sm)).toBe(true);
      // paired: the same tail skill in the same slot in the random-context problem
      const j = bins.indexOf(3);
      expect(rand.samples[r].skills[j]).toBe(sm.skills[j]);
      otherBins += Array.from(rand.samples[r].skills).filter((k, s) => s !== j && bin[k] !== 0).length;
    });
    expect(otherBins).toBeGreaterThan(0); // random context is not head-only
    expect(head.batch.inputs.length).toBe(200 * task.contextLength);
  });
});

describe("skills study analysis", () => {
  const rec = (alpha: number, seed: number, acc: number[], bins: number[][]): SkillsRunRecord => ({
    task: "arithmetic",
    alpha,
    seed,
    steps: acc.map((_, i) => 10 * (i + 1)),
    testAcc: acc,
    testLoss: acc.map((a) => 1 - a),
    binAcc: bins,
    trainLoss: acc.map(() => 1),
  });

  it("AUC is the mean accuracy over evaluations; differences are paired by seed", () => {
    const c: SkillsStudyConfig = { ...SKILLS_MICRO_CONFIG, tasks: [{ ...arith, steps: 30 }], seeds: [1, 2] };
    const runs = [
      rec(0, 1, [0, 0.1, 0.2], [[0, 0, 0], [0, 0, 0]]),
      rec(0, 2, [0, 0.3, 0.3], [[0, 0, 0], [0, 0, 0]]),
      rec(1.5, 1, [0.1, 0.5, 0.9], [[0.5, 1, 1], [0, 0.2, 0.8]]),
      rec(1.5, 2, [0, 0.2, 0.4], [[0.3, 0.6, 0.9], [0, 0, 0.3]]),
    ];
    const arm = skillsArm(runs.slice(2));
    expect(arm.aucSeeds).toEqual([0.5, 0.2].map((x) => expect.closeTo(x, 12) as unknown as number));
    expect(arm.accMean[2]).toBeCloseTo(0.65, 12);
    expect(arm.accSe[2]).toBeCloseTo(0.25, 12); // sd of {0.9, 0.4} / √2
    expect(arm.binAuc[0]).toBeGreaterThan(arm.binAuc[1]);
    const [t] = analyseSkills(c, runs);
    expect(t.deltaAucSeeds[0]).toBeCloseTo(0.5 - 0.1, 12);
    expect(t.deltaAucSeeds[1]).toBeCloseTo(0.2 - 0.2, 12);
    expect(t.deltaFinal).toBeCloseTo((0.7 + 0.1) / 2, 12);
  });
});

describe("skills study machinery on a micro config (worker threads, resume)", () => {
  const root = packageRoot(__dirname);
  beforeAll(() => {
    for (const f of [NN_WORKER_FILE, path.relative(root, SKILLS_DATA_MODULE())]) {
      if (!fs.existsSync(path.join(root, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
    }
  });

  it("a killed study resumes to the uninterrupted result", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-skills-"));
    const c = SKILLS_MICRO_CONFIG;
    const a = path.join(tmp, "a");
    await expect(computeSkillsStudy(c, a, { stopAfter: 3, quiet: true })).rejects.toBeInstanceOf(StudyInterrupted);
    const resumed = await computeSkillsStudy(c, a, { quiet: true });
    const full = await computeSkillsStudy(c, path.join(tmp, "b"), { quiet: true });
    expect(resumed.runs).toEqual(full.runs);
    expect(full.runs.length).toBe(c.tasks.length * 2 * c.seeds.length);
    for (const r of full.runs) {
      expect(r.steps[r.steps.length - 1]).toBe(6);
      expect(r.binAcc.length).toBe(c.bins);
      for (const x of [...r.testAcc, ...r.binAcc.flat()]) expect(x >= 0 && x <= 1).toBe(true);
      for (const x of r.testLoss) expect(Number.isFinite(x)).toBe(true);
    }
    expect(full.tasks.map((t) => t.task)).toEqual(["arithmetic", "one-hop"]);
    // gradient diagnostic: finite norms at every checkpoint; the last checkpoint is the run's final
    // state (its parameters score the uniform test set as the run's last evaluation did)
    const g = full.gradient!;
    expect(g.steps).toEqual([0, 2, 4, 6]);
    expect(g.seeds.map((x) => x.seed)).toEqual(c.seeds);
    expect(g.seeds[0].arms).toEqual(g.arms);
    expect(g.landscapes.map((l) => l.alpha)).toEqual([0, c.alpha]);
    for (const { arms } of g.seeds) for (const a of arms) for (const x of [...a.head, ...a.random]) expect(Number.isFinite(x) && x > 0).toBe(true);
    // seeds differ in initialisation, data and skill ranking: their gradient norms differ
    expect(g.seeds[1].arms[0].head).not.toEqual(g.seeds[0].arms[0].head);
    await initBackend({ verbose: false });
    const spec = c.tasks[0];
    const task = skillsTask(spec);
    for (const alpha of [0, c.alpha]) {
      const params = loadCheckpoint(path.join(tmp, "b", `${skillsRunKey(spec.task, alpha, c.seeds[0])}.ckpt`, "step-0000006.ckpt")).arrays.params;
      const tr = new Trainer({ model: { ...c.model, vocab: task.vocab.size, context: task.contextLength }, seed: 1, steps: 0, batchSize: 1, schedule: { kind: "constant", lr: 1 } }, uniformTestSet(spec, c.testSize));
      tr.setParams(params);
      const rec = full.runs.find((r) => r.task === spec.task && r.alpha === alpha && r.seed === c.seeds[0])!;
      expect(tr.evaluate(uniformTestSet(spec, c.testSize)).loss).toBeCloseTo(rec.testLoss[rec.testLoss.length - 1], 5);
      tr.dispose();
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }, 60_000);

  it("through the runner: a study stopped early stores nothing, and run again resumes to the result of an uninterrupted run", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-skills-runner-"));
    const prev = process.env.DATALAWS_DATA;
    process.env.DATALAWS_DATA = tmp;
    try {
      const c = SKILLS_MICRO_CONFIG;
      await expect(new Runner({ scale: "ci", quiet: true, stopAfter: 3 }).get(skillsTransformerStudy, c)).rejects.toBeInstanceOf(StudyInterrupted);
      const r1 = new Runner({ scale: "ci", quiet: true });
      const resumed = await r1.get(skillsTransformerStudy, c);
      expect(r1.log.map((e) => e.source)).toEqual(["computed"]);
      const full = await computeSkillsStudy(c, path.join(tmp, "fresh"), { quiet: true });
      expect(resumed).toEqual(JSON.parse(JSON.stringify(full)));
      // a later run loads the stored result; the store key holds the backend
      const r2 = new Runner({ scale: "ci", quiet: true });
      expect(await r2.get(skillsTransformerStudy, c)).toEqual(resumed);
      expect(r2.log.map((e) => e.source)).toEqual(["stored"]);
      expect(Object.keys(await skillsTransformerStudy.environment!())).toEqual(["backend"]);
    } finally {
      if (prev === undefined) delete process.env.DATALAWS_DATA;
      else process.env.DATALAWS_DATA = prev;
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 90_000);

  it("a truncated parameter checkpoint is reported by path, set aside, and its run retrained to the same result", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-skills-ckpt-"));
    const c = SKILLS_MICRO_CONFIG;
    const first = await computeSkillsStudy(c, tmp, { quiet: true });
    const bad = paramCheckpointFile(tmp, skillsRunKey(c.tasks[0].task, c.alpha, c.seeds[1]), 4);
    fs.writeFileSync(bad, fs.readFileSync(bad).subarray(0, 30));
    const warnings: string[] = [];
    const old = setWarn((l) => warnings.push(l));
    try {
      const again = await computeSkillsStudy(c, tmp, { quiet: true });
      expect(again).toEqual(first);
    } finally {
      setWarn(old);
    }
    expect(warnings.some((w) => w.includes(bad))).toBe(true);
    expect(fs.existsSync(`${bad}.bad`)).toBe(true);
    fs.rmSync(tmp, { recursive: true, force: true });
  }, 90_000);

  it("the study's claims and figures are pure functions of the study result, in the skills folder", () => {
    expect(skills.study).toBe(skillsTransformerStudy);
    for (const cl of skillsTransformerClaims) {
      expect(cl.id.startsWith("skills.transformer-")).toBe(true);
      expect(cl.needs).toEqual([skillsTransformerStudy]);
      expect(skills.claims).toContain(cl);
    }
    for (const f of skillsTransformerFigures) {
      expect(f.id.startsWith("skills.transformer-")).toBe(true);
      expect(f.needs).toEqual([skillsTransformerStudy]);
      expect(skills.figures).toContain(f);
    }
  });
});

describe("the study's claims on constructed results (pre-registered test, premise, matched control, α trade-off)", () => {
  const comp = { task: "arithmetic" as const, role: "composition" as const, P: 11, k: 5, operators: ["+" as const], heldOut: 0.25, steps: 2000, alphas: [0, 1, 1.5, 2] };
  const ctl = { task: "one-hop" as const, role: "control" as const, entities: 11, relations: 11, steps: 2000, alphas: [0, 1.5] };
  const seeds = [1, 2, 3, 4, 5];
  const base: SkillsStudyConfig = { ...SKILLS_STUDY_CONFIGS.small, tasks: [comp, ctl], seeds, bins: 2 };
  // accuracy curves of 3 evaluations: `level` for the test set and the head bin, `tail` for the tail bin
  const run = (task: "arithmetic" | "one-hop", alpha: number, seed: number, level: number, tail = level): SkillsRunRecord => ({
    task,
    alpha,
    seed,
    steps: [500, 1000, 2000],
    testAcc: [level / 3, (2 * level) / 3, level],
    testLoss: [1, 1, 1],
    binAcc: [
      [level / 3, (2 * level) / 3, level],
      [tail / 3, (2 * tail) / 3, tail],
    ],
    trainLoss: [1, 1, 1],
  });
  // power law learns (0.5 + small seed noise), uniform stays at 1/11; control: uniform ahead
  const build = (c: SkillsStudyConfig, over: (task: string, alpha: number, seed: number) => number | undefined = () => undefined) => {
    const runs: SkillsRunRecord[] = [];
    for (const t of c.tasks)
      for (const a of t.alphas)
        for (const s of c.seeds) {
          const def = t.role === "control" ? (a === 0 ? 0.9 : 0.8) : a === 0 ? 1 / 11 + 0.01 * s : 0.5 + 0.01 * s;
          const level = over(t.task, a, s) ?? def;
          // the tail bin: lower final accuracy for a heavier head
          runs.push(run(t.task as "arithmetic" | "one-hop", a, s, level, t.role === "composition" && a > 0 ? level * (1 - a / 4) : level));
        }
    const r: SkillsStudyResult = { config: c, runs, tasks: analyseSkills(c, runs), gradient: null };
    return r;
  };
  const judge = (id: string, r: SkillsStudyResult) => skillsTransformerClaims.find((c) => c.id === id)!.evidence({ get: <V>() => r as unknown as V }, "small");

  it("power law beats uniform: all 5 seeds ahead gives p = 1/32 and passes; one seed behind gives p ≥ 2/32 and fails", () => {
    const e = judge("skills.transformer-power-law-wins-composition", build(base));
    expect(e.verdict).toBe("pass");
    expect((e.measured as Record<string, number>)["arithmetic p"]).toBeCloseTo(1 / 32, 3);
    const oneBehind = build(base, (task, a, s) => (task === "arithmetic" && a === 1.5 && s === 3 ? 0.05 : undefined));
    const f = judge("skills.transformer-power-law-wins-composition", oneBehind);
    expect(f.verdict).toBe("fail");
    expect((f.measured as Record<string, number>)["arithmetic p"]).toBeGreaterThanOrEqual(2 / 32 - 1e-4);
  });

  it("the premise needs held-out tuples, ≥ 10× tuples per training example and an arm above chance", () => {
    expect(judge("skills.transformer-premise-held-out-composition", build(base)).verdict).toBe("pass");
    const noSplit = { ...base, tasks: [{ ...comp, heldOut: undefined }, ctl] };
    expect(judge("skills.transformer-premise-held-out-composition", build(noSplit)).verdict).toBe("fail");
    // 3000 steps × 64 = 1.92·10⁵ examples for 11⁶ ≈ 1.77·10⁶ tuples: 9.2×
    const long = { ...base, tasks: [{ ...comp, steps: 3000 }, { ...ctl, steps: 3000 }] };
    const e = judge("skills.transformer-premise-held-out-composition", build(long));
    expect(e.verdict).toBe("fail");
    expect((e.measured as Record<string, number>).tuplesAtLeast10x).toBe(0);
    // nothing learned: every arm at chance
    expect(judge("skills.transformer-premise-held-out-composition", build(base, (task) => (task === "arithmetic" ? 1 / 11 : undefined))).verdict).toBe("fail");
  });

  it("the premise with one seed fails and says why (no standard error over seeds), instead of a bare NaN", () => {
    const one = { ...base, seeds: [1] };
    const e = judge("skills.transformer-premise-held-out-composition", build(one));
    expect(e.verdict).toBe("fail");
    const per = (e.details as { perTask: Array<{ reason?: string }> }).perTask;
    expect(per[0].reason).toMatch(/one seed: no standard error/);
  });

  it("uniform wins the matched one-hop control; an unmatched control (other fact count or steps) fails even when uniform wins", () => {
    const e = judge("skills.transformer-uniform-wins-one-hop", build(base));
    expect(e.verdict).toBe("pass");
    expect((e.measured as Record<string, number>)["one-hop p(uniform better)"]).toBeCloseTo(1 / 32, 3);
    expect(judge("skills.transformer-uniform-wins-one-hop", build({ ...base, tasks: [comp, { ...ctl, entities: 10 }] })).verdict).toBe("fail");
    expect(judge("skills.transformer-uniform-wins-one-hop", build({ ...base, tasks: [comp, { ...ctl, steps: 1000 }] })).verdict).toBe("fail");
    expect(judge("skills.transformer-uniform-wins-one-hop", build(base, (task, a) => (task === "one-hop" && a > 0 ? 0.95 : undefined))).verdict).toBe("fail");
  });

  it("α trade-off: a heavier head with a lighter tail passes; equal tails fail", () => {
    // α = 2 learns the head earlier (level 0.6 vs 0.5) and its tail bin ends lower (factor 1 − α/4)
    const r = build(base, (task, a) => (task === "arithmetic" && a === 2 ? 0.6 : undefined));
    const e = judge("skills.transformer-alpha-tradeoff", r);
    expect(e.verdict).toBe("pass");
    const m = e.measured as Record<string, number>;
    expect(m["arithmetic head-bin area gain"]).toBeCloseTo(((0.6 - 0.53) * 2) / 3, 3); // seeds add 0.01·s to α = 1: mean 0.53
    expect(m["arithmetic p(head)"]).toBeCloseTo(1 / 32, 3);
    // α = 2 with a tail as good as α = 1's: no trade-off
    const flat = build(base, (task, a, s) => (task === "arithmetic" && a === 2 ? ((0.5 + 0.01 * s) * (1 - 1 / 4)) / (1 - 2 / 4) : undefined));
    expect(judge("skills.transformer-alpha-tradeoff", flat).verdict).toBe("fail");
  });
});
