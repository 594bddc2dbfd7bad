import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../src/run/store";
import { NN_WORKER_FILE } from "../../src/nn/many";
import { SKILLS_MICRO_CONFIG, SKILLS_STUDY_CONFIGS, validateSkillsConfig, type SkillsStudyConfig } from "../../src/skills/study/config";
import { binTestSets, rankBins, runSkills, skillsData, skillsTask, SKILLS_DATA_MODULE, uniformTestSet } from "../../src/skills/study/data";
import { paramCheckpointFile } from "../../src/nn/studyRuns";
import { analyseSkills, computeSkillsStudy, skillsArm, skillsStudyRuns, skillsTransformerStudy, type SkillsRunRecord } from "../../src/skills/study/study";
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
