import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng";
import { packageRoot } from "../../src/run/store";
import { NN_WORKER_FILE } from "../../src/nn/many";
import { REUSE_MICRO_CONFIG, REUSE_STUDY_CONFIGS, validateReuseConfig, windowTokens, type ReuseStudyConfig } from "../../src/reuse/study/config";
import { epochData, freshData, REUSE_DATA_MODULE } from "../../src/reuse/study/data";
import { isotonicDecreasing, locateOnCurve, logSteps, monotoneCurve, reuseRatesFromLosses, saturationPoint } from "../../src/reuse/study/measure";
import { onePassEvalSteps, reuseTransformerStudy } from "../../src/reuse/study/study";
import { reuseTransformerClaims } from "../../src/reuse/study/claims";
import { reuseTransformerFigures } from "../../src/reuse/study/figures";
import { reuse } from "../../src/reuse";
import { StudyInterrupted } from "../../src/nn/studyRuns";
import { setWarn } from "../../src/run/files";
import { Runner } from "../../src/run/runner";
import { resultFolder } from "../../src/run/store";
import { evaluateClaim } from "../../src/run/evaluate";

const sse = (y: number[], f: number[]) => y.reduce((s, v, i) => s + (v - f[i]) ** 2, 0);

describe("isotonic one-pass curve", () => {
  it("a strictly decreasing sequence is its own fit; a violation is pooled to the mean", () => {
    const x = [1, 2, 3, 4];
    expect(isotonicDecreasing(x, [4, 3, 2, 1]).y).toEqual([4, 3, 2, 1]);
    const iso = isotonicDecreasing(x, [4, 2, 3, 1]);
    expect(iso.y).toEqual([4, 2.5, 1]);
    expect(iso.x).toEqual([1, 2.5, 4]);
    expect(iso.size).toEqual([1, 2, 1]);
  });

  it("the fit is strictly decreasing, keeps the sum, and no monotone perturbation lowers the squared error (L2 projection)", () => {
    const rng = new Rng(7, 1);
    for (let trial = 0; trial < 20; trial++) {
      const n = 30;
      const x = Array.from({ length: n }, (_, i) => i + 1);
      const y = x.map((v) => 3 / Math.sqrt(v) + 0.3 * rng.normal());
      const iso = isotonicDecreasing(x, y);
      for (let i = 1; i < iso.y.length; i++) expect(iso.y[i]).toBeLessThan(iso.y[i - 1]);
      const fitted = iso.y.flatMap((v, i) => Array(iso.size[i]).fill(v) as number[]);
      expect(fitted.reduce((a, b) => a + b, 0)).toBeCloseTo(y.reduce((a, b) => a + b, 0), 9);
      const best = sse(y, fitted);
      for (let k = 0; k < 20; k++) {
        // a random non-increasing candidate near the fit
        const cand = fitted.map((v) => v + 0.05 * rng.normal());
        for (let i = 1; i < n; i++) cand[i] = Math.min(cand[i], cand[i - 1]);
        expect(sse(y, cand)).toBeGreaterThanOrEqual(best - 1e-12);
      }
    }
  });

  it("locating a knot's own loss returns its token count exactly (so E(1,N) = 1 where the curve is not pooled)", () => {
    const t = [64, 128, 256, 512, 1024];
    const loss = [4, 3.5, 3.1, 2.9, 2.8];
    const c = monotoneCurve(t, loss);
    for (let i = 0; i < t.length; i++) expect(locateOnCurve(c, loss[i]).tokens).toBeCloseTo(t[i], 9);
    expect(reuseRatesFromLosses(c, 256, [3.1]).E[0]).toBeCloseTo(1, 12);
  });

  it("inversion is exact for a curve linear in ln t, monotone in the loss, and censored outside the range", () => {
    const t = [10, 30, 100, 300, 1000];
    const f = (x: number) => 5 - 0.4 * Math.log(x);
    const c = monotoneCurve(t, t.map(f));
    for (const x of [10, 12.5, 47, 99.9, 640, 1000]) expect(locateOnCurve(c, f(x)).tokens).toBeCloseTo(x, 8);
    let prev = Infinity;
    for (let L = f(10); L >= f(1000); L -= 0.01) {
      const n = locateOnCurve(c, L).tokens;
      expect(n).toBeGreaterThanOrEqual(prev === Infinity ? 0 : prev);
      prev = n;
    }
    expect(locateOnCurve(c, f(5)).censored).toBe("above");
    expect(locateOnCurve(c, f(2000)).censored).toBe("below");
    expect(Number.isNaN(locateOnCurve(c, f(2000)).tokens)).toBe(true);
  });
});

describe("saturation point K(λ,N)", () => {
  it("E = K never saturates; E = min(K, 3) reaches 0.75K exactly at K = 4; crossings interpolate linearly in K", () => {
    expect(saturationPoint([1, 2, 3, 4, 5], 0.75)).toBe(Infinity);
    expect(saturationPoint([1, 2, 3, 3, 3, 3], 0.75)).toBe(4);
    // E/K = 1, 0.8, 0.7 → crossing of 0.75 halfway between K = 2 and K = 3
    expect(saturationPoint([1, 1.6, 2.1], 0.75)).toBeCloseTo(2.5, 12);
    expect(Number.isNaN(saturationPoint([1, NaN, 2], 0.75))).toBe(true);
  });
});

describe("study data", () => {
  it("log-spaced evaluation steps are sorted, unique, end at the last step and contain every N's first epoch", () => {
    const s = logSteps(1000, 4, [7, 300]);
    expect(s[s.length - 1]).toBe(1000);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
    expect(s).toContain(7);
    expect(s).toContain(300);
    const c = REUSE_MICRO_CONFIG;
    for (const N of c.N) expect(onePassEvalSteps(c)).toContain(N / (windowTokens(c) * c.batchSize));
  });

  it("epoch 0 of a corpus is the one-pass stream; every later epoch visits each corpus window exactly once", () => {
    const c = REUSE_MICRO_CONFIG;
    const B = 4;
    const N = 8 * windowTokens(c); // W = 8 windows, 2 steps per epoch
    const fresh = freshData({ facts: c.facts, seed: 3, batchSize: B });
    const epochs = epochData({ facts: c.facts, seed: 3, batchSize: B, N });
    for (const s of [0, 1]) expect(Array.from(epochs(s).inputs)).toEqual(Array.from(fresh(s).inputs));
    const windowKey = (b: { inputs: Int32Array; length: number }, r: number) => b.inputs.subarray(r * b.length, (r + 1) * b.length).join(",");
    const corpus = new Set<string>();
    for (const s of [0, 1]) for (let r = 0; r < B; r++) corpus.add(windowKey(fresh(s), r));
    for (const e of [1, 2, 5]) {
      const seen: string[] = [];
      for (const s of [2 * e, 2 * e + 1]) for (let r = 0; r < B; r++) seen.push(windowKey(epochs(s), r));
      expect(new Set(seen)).toEqual(corpus);
    }
    // a different seed draws a different stream
    expect(Array.from(freshData({ facts: c.facts, seed: 4, batchSize: B })(0).inputs)).not.toEqual(Array.from(fresh(0).inputs));
  });

  it("configs validate: N must be increasing multiples of T·B", () => {
    for (const c of Object.values(REUSE_STUDY_CONFIGS)) expect(() => validateReuseConfig(c)).not.toThrow();
    const bad: ReuseStudyConfig = { ...REUSE_MICRO_CONFIG, N: [100] };
    expect(() => validateReuseConfig(bad)).toThrow(/N\[0\] = 100: must be/);
    expect(() => validateReuseConfig({ ...REUSE_MICRO_CONFIG, N: [192, 96] })).toThrow(/increasing/);
    // these were accepted: a repeated seed gave two runs one key (one set of run files), a bad or missing model failed late or became the default GPT
    expect(() => validateReuseConfig({ ...REUSE_MICRO_CONFIG, seeds: [1, 2, 1] })).toThrow(/seeds\[2\] = 1: must be distinct from seeds\[0\]/);
    expect(() => validateReuseConfig({ ...REUSE_MICRO_CONFIG, model: { ...REUSE_MICRO_CONFIG.model, heads: 3 } })).toThrow(/model\.dModel = 8: must be divisible by model\.heads = 3/);
    expect(() => validateReuseConfig({ ...REUSE_MICRO_CONFIG, model: { ...REUSE_MICRO_CONFIG.model, layers: 0 } })).toThrow(/model\.layers = 0/);
    expect(() => validateReuseConfig({ ...REUSE_MICRO_CONFIG, model: undefined } as unknown as ReuseStudyConfig)).toThrow(/^model = /);
    expect(() => validateReuseConfig({ ...REUSE_MICRO_CONFIG, seeds: 3 } as unknown as ReuseStudyConfig)).toThrow(/^seeds = 3: must be a non-empty list/);
    expect(() => validateReuseConfig({ ...REUSE_MICRO_CONFIG, N: 96 } as unknown as ReuseStudyConfig)).toThrow(/^N = 96: must be a non-empty list/);
  });
});

/** A runner on its own data folder (the study's runs, checkpoints and stored result live there). */
function runnerIn(dir: string, opts: { stopAfter?: number; fresh?: boolean } = {}): Runner {
  process.env.DATALAWS_DATA = dir;
  return new Runner({ scale: "ci", quiet: true, threads: 2, ...opts });
}

/** The checkpoint folder of the study's one stored config under the current DATALAWS_DATA. */
function studyCheckpointDir(): string {
  const folder = resultFolder(reuseTransformerStudy.id);
  const parts = fs.readdirSync(folder).filter((f) => f.endsWith(".partial"));
  expect(parts).toHaveLength(1);
  return path.join(folder, parts[0]);
}

describe("study machinery on a micro config (worker threads, resume)", () => {
  const root = packageRoot(__dirname);
  let prev: string | undefined;
  let tmp: string;
  beforeAll(() => {
    for (const f of [NN_WORKER_FILE, path.relative(root, REUSE_DATA_MODULE())]) {
      if (!fs.existsSync(path.join(root, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
    }
    prev = process.env.DATALAWS_DATA;
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-reuse-"));
  });
  afterAll(() => {
    if (prev === undefined) delete process.env.DATALAWS_DATA;
    else process.env.DATALAWS_DATA = prev;
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  const c = REUSE_MICRO_CONFIG;

  it("a killed study resumes to the uninterrupted result; epoch 1 of each run is the one-pass run (E(1,N) = 1)", async () => {
    const a = path.join(tmp, "a");
    await expect(runnerIn(a, { stopAfter: 4 }).get(reuseTransformerStudy, c)).rejects.toBeInstanceOf(StudyInterrupted);
    // nothing stored for a stopped study; its resume files are there
    expect(fs.readdirSync(resultFolder(reuseTransformerStudy.id)).filter((f) => f.endsWith(".json"))).toEqual([]);
    expect(fs.readdirSync(studyCheckpointDir()).some((f) => f.endsWith(".state"))).toBe(true);
    const resumed = await runnerIn(a).get(reuseTransformerStudy, c);
    const full = await runnerIn(path.join(tmp, "b")).get(reuseTransformerStudy, c);
    expect(resumed.runs).toEqual(full.runs);
    expect(resumed.onePass).toEqual(full.onePass);
    expect(resumed.curves.map((x) => x.E)).toEqual(full.curves.map((x) => x.E));
    // paired design: the K-epoch run's first epoch is the one-pass run up to N tokens
    const tokensPerStep = windowTokens(c) * c.batchSize;
    for (const r of full.runs) {
      const o = full.onePass.find((p) => p.seed === r.seed)!;
      const i = o.tokens.indexOf(r.N);
      expect(i, `one-pass evaluated at N = ${r.N}`).toBeGreaterThanOrEqual(0);
      expect(Math.abs(r.valLoss[0] - o.valLoss[i])).toBeLessThanOrEqual(1e-6);
      expect(r.N % tokensPerStep).toBe(0);
    }
    // per seed, E(1,N) = 1 unless isotonic pooling touched the knot at N
    for (const cv of full.curves) for (const e of cv.Eseeds) expect(Math.abs(e[0] - 1)).toBeLessThan(0.2);
    expect(full.K).toEqual([1, 2, 3]);
  }, 120_000);

  it("a garbage stored result, a tampered one-pass evaluation file, an empty resume file and a truncated one-pass checkpoint are named, set aside and recomputed to the same result", async () => {
    const b = path.join(tmp, "b");
    const before = await runnerIn(b).get(reuseTransformerStudy, c);
    const dir = studyCheckpointDir();
    const evalFile = path.join(dir, "onepass-s1.eval.json");
    const stateFile = path.join(dir, `N${c.N[0]}-s2.state`);
    const stored = fs.readdirSync(resultFolder(reuseTransformerStudy.id)).filter((f) => f.endsWith(".json")).map((f) => path.join(resultFolder(reuseTransformerStudy.id), f));
    expect(stored).toHaveLength(1);
    // seed 2's one-pass evaluation must be redone, and one of its checkpoints is truncated: the run is trained again
    const eval2 = path.join(dir, "onepass-s2.eval.json");
    fs.rmSync(eval2);
    const ckptDir = path.join(dir, "onepass-s2.ckpt");
    const ckpt = path.join(ckptDir, fs.readdirSync(ckptDir).sort()[1]);
    // four kinds of damage, one per level (the store's own test applies all four to stored results)
    const tampered = JSON.parse(fs.readFileSync(evalFile, "utf8"));
    tampered.valLoss = tampered.valLoss.slice(1); // valid JSON of the right shape, one loss short
    fs.writeFileSync(evalFile, JSON.stringify(tampered));
    fs.writeFileSync(stateFile, "");
    fs.writeFileSync(stored[0], "\u0000\u0001 not json at all");
    const bytes = fs.readFileSync(ckpt);
    fs.writeFileSync(ckpt, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const warnings: string[] = [];
    const prevWarn = setWarn((l) => warnings.push(l));
    try {
      const r = runnerIn(b);
      const after = await r.get(reuseTransformerStudy, c);
      expect(r.log.map((e) => e.source)).toEqual(["computed"]);
      expect(after.onePass).toEqual(before.onePass);
      expect(after.runs).toEqual(before.runs);
      expect(after.curves.map((x) => x.E)).toEqual(before.curves.map((x) => x.E));
    } finally {
      setWarn(prevWarn);
    }
    for (const f of [evalFile, stored[0], ckpt]) {
      expect(warnings.some((w) => w.includes(f)), `${f} named in: ${warnings.join("\n")}`).toBe(true);
      expect(fs.existsSync(`${f}.bad`)).toBe(true);
    }
    // the files are whole again
    expect(JSON.parse(fs.readFileSync(evalFile, "utf8")).seed).toBe(1);
    expect(JSON.parse(fs.readFileSync(eval2, "utf8")).seed).toBe(2);
  }, 180_000);

  it("the study is the folder's study result: its claims and figures need it, ids are reuse.transformer-*", () => {
    expect(reuse.study).toBe(reuseTransformerStudy);
    expect(reuseTransformerStudy.id).toBe("reuse.transformer-study");
    for (const x of [...reuseTransformerClaims, ...reuseTransformerFigures]) {
      expect(x.id.startsWith("reuse.transformer-")).toBe(true);
      expect(x.needs).toEqual([reuseTransformerStudy]);
      expect(reuse.claims.includes(x as never) || reuse.figures.includes(x as never)).toBe(true);
    }
    expect(reuseTransformerFigures.map((f) => f.id)).toEqual(["reuse.transformer-loss", "reuse.transformer-e-vs-k", "reuse.transformer-saturation"]);
  });
});

describe("reuse transformer claims at ci scale", () => {
  it("every claim is judged on the ci study and returns a verdict with its numbers (verdicts are reported, not asserted)", async () => {
    const prev = process.env.DATALAWS_DATA;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-reuse-ci-"));
    try {
      const runner = runnerIn(tmp);
      const outcomes = [];
      for (const cl of reuseTransformerClaims) {
        const o = await evaluateClaim(cl, runner);
        expect(o.error, o.error).toBeUndefined();
        expect(["pass", "fail", "inconclusive"]).toContain(o.verdict);
        // the premise is judged, and the main claims rest on it
        if (o.verdict === "inconclusive") expect(o.premise?.id).toBe("reuse.transformer-premise-data-limited");
        outcomes.push(o);
      }
      // the study is trained once for all its claims
      expect(runner.log.filter((e) => e.source === "computed").map((e) => e.id)).toEqual([reuseTransformerStudy.id]);
      // the premise comes first; E(1,N) = 1 holds by the paired design at any scale
      expect(outcomes[0].id).toBe("reuse.transformer-premise-data-limited");
      expect(outcomes.find((o) => o.id === "reuse.transformer-e1")?.verdict).toBe("pass");
    } finally {
      if (prev === undefined) delete process.env.DATALAWS_DATA;
      else process.env.DATALAWS_DATA = prev;
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 180_000);
});

describe("study curves as tables (the reuse planner's inputs)", () => {
  it("one row per one-pass point and per (N, K), seed means, N then K ascending; CSV with a header", async () => {
    const { onePassRows, multiEpochRows } = await import("../../src/reuse/study/curves");
    const { toCsv } = await import("../../src/run/tidy");
    const r = {
      K: [1, 2, 3],
      onePassMean: { tokens: [10, 20, 40], valLoss: [3, 2, 1.5] },
      curves: [
        { N: 10, valLoss: [3, 2.5, 2.4] },
        { N: 20, valLoss: [2, 1.6, 1.5] },
      ],
    } as unknown as Parameters<typeof onePassRows>[0];
    expect(onePassRows(r)).toEqual([
      { tokens: 10, loss: 3 },
      { tokens: 20, loss: 2 },
      { tokens: 40, loss: 1.5 },
    ]);
    const m = multiEpochRows(r);
    expect(m).toHaveLength(6);
    expect(m[4]).toEqual({ unique_tokens: 20, epochs: 2, loss: 1.6 });
    expect(toCsv(m).split("\n")[0]).toBe("unique_tokens,epochs,loss");
  });
});
