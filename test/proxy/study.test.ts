import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../src/run/store";
import { NN_WORKER_FILE } from "../../src/nn/many";
import { StudyInterrupted } from "../../src/nn/studyRuns";
import { Runner } from "../../src/run/runner";
import { fixedTimeSteps, PROXY_MICRO_CONFIG, PROXY_STUDY_CONFIGS, PROXY_DOMAIN_NAMES, validateProxyConfig, type ProxyStudyConfig } from "../../src/proxy/study/config";
import { domainMeanLoss, PROXY_DATA_MODULE, proxyMixture, recipeData, validationSets } from "../../src/proxy/study/data";
import { analyseProxy, computeProxyStudy, proxyStudyRuns, proxyTransformerStudy, type ProxyRunRecord } from "../../src/proxy/study/study";
import { paperLevels, reducedGain } from "../../src/proxy/study/claims";
import { spearman } from "../../src/core/stats";
import { proxy } from "../../src/proxy";

const C = PROXY_MICRO_CONFIG;

describe("proxy study data", () => {
  it("validation sets are fixed, clean test problems of their own domain only", () => {
    const a = validationSets(C.domains, 16);
    const b = validationSets(C.domains, 16);
    const m = proxyMixture(C.domains);
    expect(Object.keys(a)).toEqual([...PROXY_DOMAIN_NAMES]);
    PROXY_DOMAIN_NAMES.forEach((name, c) => {
      expect(Array.from(a[name].inputs)).toEqual(Array.from(b[name].inputs));
      const lo = m.components[c].offset;
      const hi = lo + m.components[c].task.vocab.size;
      for (let i = 0; i < a[name].inputs.length; i++) {
        const t = a[name].inputs[i];
        expect(t === m.padToken || (t >= lo && t < hi)).toBe(true);
        const y = a[name].targets[i];
        expect(y < 0 || (y >= lo && y < hi)).toBe(true);
      }
    });
  });

  it("training batches depend only on (recipe, seed, step); recipe weights set the domain shares", () => {
    const args = { domains: C.domains, recipe: { name: "lang", weights: [1, 0, 0, 0] }, seed: 3, batchSize: 8 };
    const f = recipeData(args);
    const g = recipeData(args);
    expect(Array.from(f(5).inputs)).toEqual(Array.from(g(5).inputs));
    expect(Array.from(f(5).inputs)).not.toEqual(Array.from(f(6).inputs));
    const m = proxyMixture(C.domains);
    const V0 = m.components[0].task.vocab.size;
    for (let s = 0; s < 5; s++) for (const t of f(s).inputs) expect(t < V0 || t === m.padToken).toBe(true);
  });

  it("the domain-mean loss averages the four domains and maps a diverged (NaN) run to +∞", () => {
    const ev = (x: number[]) => Object.fromEntries(PROXY_DOMAIN_NAMES.map((n, i) => [n, { loss: x[i] }]));
    expect(domainMeanLoss(ev([1, 2, 3, 6]))).toBeCloseTo(3, 12);
    expect(domainMeanLoss(ev([1, NaN, 3, 6]))).toBe(Infinity);
    expect(() => domainMeanLoss({ language: { loss: 1 } })).toThrow(/arithmetic/);
  });
});

describe("proxy study configs and analysis", () => {
  it("every named config validates; bad configs are rejected with the field named", () => {
    for (const c of Object.values(PROXY_STUDY_CONFIGS)) expect(() => validateProxyConfig(c)).not.toThrow();
    expect(PROXY_STUDY_CONFIGS.ci.recipes.length).toBeGreaterThanOrEqual(8);
    for (const scale of ["small", "paper"] as const) {
      const c = PROXY_STUDY_CONFIGS[scale];
      // the design: targets tuned on ≥ 5 lrs with ≥ 3 seeds; reduced lrs over ≥ 2 decades in both regimes
      expect(c.target.lrs.length).toBeGreaterThanOrEqual(5);
      expect(c.target.seeds.length).toBeGreaterThanOrEqual(3);
      expect(c.proxy.seeds.length).toBeGreaterThanOrEqual(3);
      expect(c.reducedFactor).toBeGreaterThanOrEqual(100);
      // targets ≥ 4× larger: non-embedding parameters ∝ layers · d² at the same MLP ratio (small: 2·32² / 16² = 8×, as GPT2-125M → Pythia-1B)
      const size = (m: ProxyStudyConfig["proxy"]["model"]) => (m.layers ?? 1) * (m.dModel ?? 1) ** 2;
      expect(c.target.model.mlpRatio).toBe(c.proxy.model.mlpRatio);
      expect(size(c.target.model) / size(c.proxy.model)).toBeGreaterThanOrEqual(4);
      expect(c.target.model.dModel! > c.proxy.model.dModel! || c.target.model.layers! > c.proxy.model.layers!).toBe(true);
    }
    expect(() => validateProxyConfig({ ...C, reducedFactor: 5 })).toThrow(/^reducedFactor = 5: must be .*≥ 10/);
    expect(() => validateProxyConfig({ ...C, fixedTime: { time: 0.3, lrs: [1e-1, 3e-2] } })).toThrow(/^fixedTime.lrs = "0.1,0.03": must be a span of at least reducedFactor = 10/);
    expect(() => validateProxyConfig({ ...C, fixedTime: { time: 0, lrs: [1e-1, 1e-2] } })).toThrow(/^fixedTime.time = 0/);
    // the fixed-steps sweep can measure 1e-2 as the standard lr, whose reduced lr 1e-3 it holds: the fixed-time sweep must hold both
    expect(() => validateProxyConfig({ ...C, fixedTime: { time: 0.06, lrs: [1e-1, 1e-2] } })).toThrow(/^fixedTime.lrs = "0.1,0.01": must be every proxy lr with its reduced lr .* missing 0.001/);
    expect(() => validateProxyConfig({ ...C, proxy: { ...C.proxy, lrs: [1e-1, 1e-2, 1e-3] }, fixedTime: { time: 0.06, lrs: [1e-2, 1e-3] } })).toThrow(/missing 0.1/);
    expect(() => validateProxyConfig({ ...C, proxy: { ...C.proxy, lrs: [1e-2, 3e-3] } })).toThrow(/^proxy.lrs = "0.01,0.003": must be a span of at least reducedFactor/);
    expect(() => validateProxyConfig({ ...C, recipes: [C.recipes[0], C.recipes[0], C.recipes[1]] })).toThrow(/^recipe name = "uniform"/);
    // one run per (role, seed, lr, recipe), plus an initial-loss run per (side, seed); fixed-time runs take round(time / lr) steps
    const n = (s: ProxyStudyConfig["proxy"], extraLrs = 0) => s.seeds.length * (1 + (s.lrs.length + extraLrs) * C.recipes.length);
    const runs = proxyStudyRuns(C);
    expect(runs.length).toBe(n(C.proxy, C.fixedTime.lrs.length) + n(C.target));
    for (const lr of C.fixedTime.lrs) {
      const steps = runs.filter((r) => r.key.startsWith("proxy-time-") && r.key.includes(`-lr${lr.toExponential(1)}-`)).map((r) => r.job.steps);
      expect(steps.length).toBe(C.recipes.length * C.proxy.seeds.length);
      expect(new Set(steps)).toEqual(new Set([Math.round(C.fixedTime.time / lr)]));
    }
    expect(new Set(runs.map((r) => r.key)).size).toBe(runs.length);
  });

  /** synthetic records: the target loss per recipe is given per (recipe, lr, seed); the proxy loss per (role, recipe, lr, seed) */
  const records = (c: ProxyStudyConfig, proxyLoss: (role: "proxy" | "proxy-time", recipe: number, lr: number, seed: number) => number, targetLoss: (recipe: number, lr: number, seed: number) => number): ProxyRunRecord[] => {
    const out: ProxyRunRecord[] = [];
    const dom = (L: number) => Object.fromEntries(PROXY_DOMAIN_NAMES.map((n) => [n, L]));
    const rec = (role: ProxyRunRecord["role"], recipe: string, lr: number, seed: number, steps: number, L: number): ProxyRunRecord => ({ role, recipe, lr, seed, steps, loss: L, domains: dom(L), trainLoss: 0 });
    c.recipes.forEach((r, i) => {
      for (const lr of c.target.lrs) for (const s of c.target.seeds) out.push(rec("target", r.name, lr, s, c.target.steps, targetLoss(i, lr, s)));
      for (const lr of c.proxy.lrs) for (const s of c.proxy.seeds) out.push(rec("proxy", r.name, lr, s, c.proxy.steps, proxyLoss("proxy", i, lr, s)));
      for (const lr of c.fixedTime.lrs) for (const s of c.proxy.seeds) out.push(rec("proxy-time", r.name, lr, s, fixedTimeSteps(c.fixedTime.time, lr), proxyLoss("proxy-time", i, lr, s)));
    });
    return out;
  };

  it("tuned target = min over target lrs; standard lr = the baseline's best proxy lr; ρ = ±1 for (reversed) orders; diverged runs rank last; regimes analysed apart", () => {
    const c: ProxyStudyConfig = { ...C, recipes: [0, 1, 2, 3, 4].map((i) => ({ name: `r${i}`, weights: [1, 1, 1, 1] })) };
    const base = [3, 1, 4, 2, 5];
    // each recipe's best target lr differs: the penalty is (i-th recipe) smallest at lr index i % 2
    const tgt = (i: number, lr: number, s: number) => base[i] + (c.target.lrs.indexOf(lr) === i % 2 ? 0 : 2.5) + 0.01 * s;
    const [hi, lo] = c.proxy.lrs; // 0.01 and 0.001: the baseline r0 is best at 0.01 → standard 0.01, reduced 0.001
    const prx = (role: "proxy" | "proxy-time", i: number, lr: number, seed: number) => {
      if (lr === hi) return i === 0 ? 0.5 + 0.01 * seed : role === "proxy" && i === 1 ? Infinity : 10 - base[i];
      // reduced lr: ordered like the target in the fixed-time regime; reversed (but baseline still worse than at hi) at fixed steps
      return role === "proxy-time" ? 10 + base[i] + 0.01 * seed : 20 - base[i];
    };
    const r = analyseProxy(c, records(c, prx, tgt), { proxy: [12, 12], target: [12, 12] });
    r.targetBest.forEach((x, i) => expect(x).toBeCloseTo(base[i] + 0.015, 12));
    expect(r.targetBestLr).toEqual(base.map((_, i) => c.target.lrs[i % 2]));
    expect(r.targetRank).toEqual([3, 1, 4, 2, 5]);
    expect(r.standardLr).toBe(hi);
    expect(r.reducedLr).toBeCloseTo(lo, 15);
    const ft = r.comparisons.find((x) => x.regime === "fixed-time")!;
    const fs_ = r.comparisons.find((x) => x.regime === "fixed-steps")!;
    expect(ft.reduced!.spearman.value).toBeCloseTo(1, 12);
    expect(ft.reduced!.regret.value).toBe(0);
    // every resample keeps the order: the bootstrap se is 0
    expect(ft.reduced!.spearman.se).toBeCloseTo(0, 12);
    ft.reduced!.drop.forEach((d, i) => expect(12 - d).toBeCloseTo(10 + base[i] + 0.015, 12));
    // fixed steps at the standard lr: reversed order except r0 (best) and r1 diverged (+∞ → last): ranks [1,5,3,4,2] vs target [3,1,4,2,5]
    expect(fs_.standard!.mean.diverged).toBe(1);
    expect(fs_.standard!.spearman.value).toBeCloseTo(1 - (6 * (4 + 16 + 1 + 4 + 9)) / (5 * 24), 12);
    expect(fs_.reduced!.spearman.value).toBeCloseTo(-1, 12);
    // Finding I at proxy scale: the fixed-time proxy tuned per recipe is min over {hi, lo}: r0 0.5 (+ seed), else 10 − base =
    // [·, 9, 6, 8, 5] → ranks [1,5,3,4,2]; at hi the losses are in that order (ρ = 1); at lo they follow +base (ranks
    // [3,1,4,2,5]): Σd² = 4+16+1+4+9 = 34 → ρ = 1 − 6·34/120 = −0.7
    const ftHi = r.agreementFixedTime.find((a) => a.lr === hi)!;
    const ftLo = r.agreementFixedTime.find((a) => a.lr === lo)!;
    expect(ftHi.ownTunedSpearman).toBeCloseTo(1, 12);
    expect(ftLo.ownTunedSpearman).toBeCloseTo(1 - (6 * 34) / 120, 12);
    // Finding II: that tuned proxy ranking [1,5,3,4,2] against the tuned target [3,1,4,2,5]: the same Σd² = 34 → ρ = −0.7
    expect(r.tunedProxyFixedTime.spearman).toBeCloseTo(1 - (6 * 34) / 120, 12);
    expect(reducedGain(r, "fixed-time").details).toMatchObject({ findingI: { standard: 1, reduced: -0.7 }, findingII: -0.7 });
    expect(reducedGain(r, "fixed-time").verdict).toBe("pass");
    expect(reducedGain(r, "fixed-steps").verdict).toBe("fail");
    expect(paperLevels(r).verdict).toBe(ft.standard!.spearman.value < 0.75 ? "pass" : "fail");
    // the fixed-lr target rankings: at lr 0 recipes 1 and 3 carry +2.5 → losses [3, 3.5, 4, 4.5, 5], ranks [1..5] vs [3,1,4,2,5]: ρ = 1 − 6·10/120;
    // at lr 1 the penalised recipes 0, 2, 4 keep their order → ρ = 1
    expect(r.targetFixedLrSpearman[0]).toBeCloseTo(0.5, 12);
    expect(r.targetFixedLrSpearman[1]).toBeCloseTo(1, 12);
    expect(r.targetFixedLrSpearmanSe.every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
    // a config whose fixed-time sweep lacks the reduced lr: the claim fails and names why
    const c2: ProxyStudyConfig = { ...c, fixedTime: { time: c.fixedTime.time, lrs: [1e-2, 1e-4] } };
    const r2 = analyseProxy(c2, records(c2, prx, tgt), { proxy: [12, 12], target: [12, 12] });
    expect(reducedGain(r2, "fixed-time")).toMatchObject({ verdict: "fail", details: { reason: expect.stringMatching(/no run at the measured standard lr 0.01 or at the reduced lr 0.001/) } });
  });

  it("the gain's bootstrap se is the exact bootstrap of ρ(reduced) − ρ(standard) over proxy × target seeds (brute force)", () => {
    const c: ProxyStudyConfig = { ...C, recipes: [0, 1, 2, 3].map((i) => ({ name: `r${i}`, weights: [1, 1, 1, 1] })) };
    const tgt = (i: number, lr: number, s: number) => [1, 2, 3, 4][i] + (lr === c.target.lrs[0] ? 0.1 : 0) + (s === 2 && i < 2 ? 1.6 * (1 - i) : 0);
    const noise = (i: number, s: number) => Math.sin(7 * i + 3 * s);
    const prx = (_role: "proxy" | "proxy-time", i: number, lr: number, s: number) => (lr === c.proxy.lrs[0] ? (i === 0 ? 0 : 4 - i + noise(i, s)) : 5 + i + 2 * noise(i, s));
    const r = analyseProxy(c, records(c, prx, tgt), { proxy: [9, 9], target: [9, 9] });
    const x = r.comparisons.find((q) => q.regime === "fixed-steps")!;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const gain = (pi: number[], ti: number[]) => {
      const best = c.recipes.map((_, i) => Math.min(...c.target.lrs.map((lr) => mean(ti.map((k) => tgt(i, lr, c.target.seeds[k]))))));
      const rho = (lr: number) => spearman(c.recipes.map((_, i) => mean(pi.map((k) => prx("proxy", i, lr, c.proxy.seeds[k])))), best);
      return rho(c.proxy.lrs[1]) - rho(c.proxy.lrs[0]);
    };
    const vals: number[] = [];
    const idx = [[0, 0], [0, 1], [1, 0], [1, 1]];
    for (const pi of idx) for (const ti of idx) vals.push(gain(pi, ti));
    const m = mean(vals);
    expect(x.spearmanGain.value).toBeCloseTo(gain([0, 1], [0, 1]), 12);
    expect(x.spearmanGain.se).toBeCloseTo(Math.sqrt(mean(vals.map((v) => (v - m) ** 2))), 12);
    expect(x.spearmanGain.se).toBeGreaterThan(0);
    // the premise's resamples: per target-seed resample, the max over target lrs of ρ(fixed-lr ranking, re-tuned ranking)
    const byLr = (ti: number[], lr: number) => c.recipes.map((_, i) => mean(ti.map((k) => tgt(i, lr, c.target.seeds[k]))));
    const tunedOn = (ti: number[]) => c.recipes.map((_, i) => Math.min(...c.target.lrs.map((lr) => byLr(ti, lr)[i])));
    const maxes = idx.map((ti) => Math.max(...c.target.lrs.map((lr) => spearman(byLr(ti, lr), tunedOn(ti)))));
    expect([...r.targetFixedLrMaxResamples].sort()).toEqual(maxes.sort());
    // seed 2 swaps recipes 0 and 1 (+1.6 on recipe 0): one seed's tuned ranking against the other's is not the identity
    expect(r.targetSplitSpearman).toEqual([spearman(tunedOn([0]), tunedOn([1])), spearman(tunedOn([1]), tunedOn([0]))]);
    expect(r.targetSplitSpearman[0]).toBeLessThan(1);
  });
});

describe("proxy study machinery on a micro config (worker threads, resume)", () => {
  const root = packageRoot(__dirname);
  beforeAll(() => {
    for (const f of [NN_WORKER_FILE, path.relative(root, PROXY_DATA_MODULE())]) {
      if (!fs.existsSync(path.join(root, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
    }
  });

  it("a killed study resumes to the uninterrupted result; every run lowers the loss from its initial value at the largest lr", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-proxy-"));
    try {
      const a = path.join(tmp, "a");
      await expect(computeProxyStudy(C, a, { stopAfter: 3, quiet: true })).rejects.toBeInstanceOf(StudyInterrupted);
      // a resume file truncated by the kill is set aside (<file>.bad, reported by path) and its run retrained
      const states = fs.readdirSync(a).filter((f) => f.endsWith(".state"));
      expect(states.length).toBe(proxyStudyRuns(C).length);
      const truncated = path.join(a, states.find((f) => f.startsWith("proxy-time-"))!);
      fs.truncateSync(truncated, 100);
      const resumed = await computeProxyStudy(C, a, { quiet: true });
      expect(fs.existsSync(`${truncated}.bad`)).toBe(true);
      const full = await computeProxyStudy(C, path.join(tmp, "b"), { quiet: true });
      expect(resumed.runs).toEqual(full.runs);
      expect(resumed.agreement).toEqual(full.agreement);
      expect(full.runs.length).toBe(C.recipes.length * ((C.proxy.lrs.length + C.fixedTime.lrs.length) * C.proxy.seeds.length + C.target.lrs.length * C.target.seeds.length));
      expect(resumed.agreementFixedTime).toEqual(full.agreementFixedTime);
      expect(full.agreementFixedTime.map((a) => a.steps)).toEqual(C.fixedTime.lrs.map((lr) => Math.round(C.fixedTime.time / lr)));
      expect(full.runs.filter((x) => x.role === "proxy-time").every((x) => x.steps === Math.round(C.fixedTime.time / x.lr))).toBe(true);
      // the initial loss is the same for every recipe (it depends on the seed only): near ln V for a 0.02-std init
      const V = proxyMixture(C.domains).vocab.size;
      for (const L of full.initialLoss.proxy) expect(Math.abs(L - Math.log(V))).toBeLessThan(0.1);
      const big = full.agreement.find((x) => x.lr === Math.max(...C.proxy.lrs))!;
      for (const d of big.drop) expect(d).toBeGreaterThan(0);
      for (const a2 of full.agreement) expect(a2.spearmanSeeds.length).toBe(C.proxy.seeds.length);
      expect(C.proxy.lrs).toContain(full.standardLr);
      for (const e of [reducedGain(full, "fixed-time"), reducedGain(full, "fixed-steps"), paperLevels(full)]) expect(["pass", "fail"]).toContain(e.verdict);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);

  it("through the runner: a study stopped early stores nothing and resumes to the uninterrupted result, stored under its backend", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-proxy-runner-"));
    const saved = process.env.DATALAWS_DATA;
    process.env.DATALAWS_DATA = path.join(tmp, "data");
    try {
      const opts = { scale: "ci" as const, quiet: true, threads: 2 };
      await expect(new Runner({ ...opts, stopAfter: 2 }).get(proxyTransformerStudy, C)).rejects.toBeInstanceOf(StudyInterrupted);
      const first = new Runner(opts);
      const resumed = await first.get(proxyTransformerStudy, C);
      expect(first.log.map((e) => e.source)).toEqual(["computed"]);
      const full = await computeProxyStudy(C, path.join(tmp, "b"), { quiet: true });
      expect(resumed.runs).toEqual(full.runs);
      expect(resumed.agreement).toEqual(full.agreement);
      const second = new Runner(opts);
      expect((await second.get(proxyTransformerStudy, C)).agreementFixedTime).toEqual(full.agreementFixedTime);
      expect(second.log.map((e) => e.source)).toEqual(["stored"]);
      expect(Object.keys(await proxyTransformerStudy.environment!())).toEqual(["backend"]);
    } finally {
      if (saved === undefined) delete process.env.DATALAWS_DATA;
      else process.env.DATALAWS_DATA = saved;
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 120_000);

  it("the study is the folder's study; its claims and figures need it and carry the folder's prefix", () => {
    expect(proxy.study).toBe(proxyTransformerStudy);
    expect(proxy.results).toContain(proxyTransformerStudy);
    const studyClaims = proxy.claims.filter((c) => c.needs.includes(proxyTransformerStudy));
    expect(studyClaims.map((c) => c.id)).toEqual(["proxy.transformer-premise-tuning-reorders", "proxy.transformer-fixed-time-reduced-beats-standard", "proxy.transformer-fixed-steps-reduced-beats-standard", "proxy.transformer-paper-levels"]);
    const studyFigures = proxy.figures.filter((f) => f.needs.includes(proxyTransformerStudy));
    expect(studyFigures.map((f) => f.id)).toEqual(["proxy.transformer-spearman-vs-lr", "proxy.transformer-loss-vs-lr", "proxy.transformer-ranks"]);
    for (const x of [...proxy.claims, ...proxy.figures, ...proxy.results]) expect(x.id).toMatch(/^proxy\.[a-z0-9][a-z0-9-]*$/);
  });
});
