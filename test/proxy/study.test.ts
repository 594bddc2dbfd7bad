import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../src/run/store";
import { NN_WORKER_FILE } from "../../src/nn/many";
import { StudyInterrupted } from "../../src/nn/studyRuns";
import { Runner } from "../../src/run/runner";
import { PROXY_MICRO_CONFIG, PROXY_STUDY_CONFIGS, PROXY_DOMAIN_NAMES, validateProxyConfig, type ProxyStudyConfig } from "../../src/proxy/study/config";
import { domainMeanLoss, PROXY_DATA_MODULE, proxyMixture, recipeData, validationSets } from "../../src/proxy/study/data";
import { analyseProxy, computeProxyStudy, proxyStudyRuns, proxyTransformerStudy, type ProxyRunRecord } from "../../src/proxy/study/study";
import { paperLevels, tinyBeatsStandard } from "../../src/proxy/study/claims";
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
    expect(() => validateProxyConfig({ ...C, tinyLr: 5e-5 })).toThrow(/^tinyLr = 0.00005: must be one of proxy.lrs/);
    expect(() => validateProxyConfig({ ...C, standardLr: 1e-4, tinyLr: 1e-2 })).toThrow(/^tinyLr = 0.01: must be < standardLr/);
    expect(() => validateProxyConfig({ ...C, recipes: [C.recipes[0], C.recipes[0], C.recipes[1]] })).toThrow(/^recipe name = "uniform"/);
    expect(() => validateProxyConfig({ ...C, longProxy: { steps: C.proxy.steps, lrs: [C.standardLr, C.tinyLr] } })).toThrow(/^longProxy.steps = 6: must be a finite integer ≥ 7/);
    expect(() => validateProxyConfig({ ...C, longProxy: { steps: 20, lrs: [C.standardLr, 5e-5] } })).toThrow(/^longProxy.lrs = 0.00005: must be one of proxy.lrs/);
    expect(() => validateProxyConfig({ ...C, longProxy: { steps: 20, lrs: [C.standardLr] } })).toThrow(/^longProxy.lrs = "0.01": must be including tinyLr/);
    // one run per (role, seed, lr, recipe), plus an initial-loss run per (role, seed), plus the long proxy runs
    const n = (s: ProxyStudyConfig["proxy"]) => s.seeds.length * (1 + s.lrs.length * C.recipes.length);
    const nLong = C.proxy.seeds.length * C.longProxy!.lrs.length * C.recipes.length;
    const runs = proxyStudyRuns(C);
    expect(runs.length).toBe(n(C.proxy) + n(C.target) + nLong);
    expect(runs.filter((r) => r.key.startsWith("proxy-long-")).every((r) => r.job.steps === C.longProxy!.steps)).toBe(true);
    expect(new Set(runs.map((r) => r.key)).size).toBe(runs.length);
  });

  /** synthetic records: target loss per recipe is base[i] + tuning penalty; the proxy loss is a given function */
  const records = (c: ProxyStudyConfig, proxyLoss: (recipe: number, lr: number, seed: number) => number, targetLoss: (recipe: number, lr: number) => number): ProxyRunRecord[] => {
    const out: ProxyRunRecord[] = [];
    const dom = (L: number) => Object.fromEntries(PROXY_DOMAIN_NAMES.map((n) => [n, L]));
    c.recipes.forEach((r, i) => {
      for (const lr of c.target.lrs) for (const s of c.target.seeds) out.push({ role: "target", recipe: r.name, lr, seed: s, loss: targetLoss(i, lr), domains: dom(targetLoss(i, lr)), trainLoss: 0 });
      for (const lr of c.proxy.lrs) for (const s of c.proxy.seeds) out.push({ role: "proxy", recipe: r.name, lr, seed: s, loss: proxyLoss(i, lr, s), domains: dom(proxyLoss(i, lr, s)), trainLoss: 0 });
      // long runs: the proxy loss with the roles of standard and tiny lr swapped (so the long and short verdicts differ)
      const swap = (lr: number) => (lr === c.tinyLr ? c.standardLr : lr === c.standardLr ? c.tinyLr : lr);
      for (const lr of c.longProxy?.lrs ?? []) for (const s of c.proxy.seeds) out.push({ role: "proxy-long", recipe: r.name, lr, seed: s, loss: proxyLoss(i, swap(lr), s), domains: dom(proxyLoss(i, swap(lr), s)), trainLoss: 0 });
    });
    return out;
  };

  it("the tuned target loss is the minimum over target lrs; a proxy ordered like it has ρ = 1, a reversed one ρ = −1; diverged runs rank last", () => {
    const c: ProxyStudyConfig = { ...C, recipes: [0, 1, 2, 3, 4].map((i) => ({ name: `r${i}`, weights: [1, 1, 1, 1] })) };
    const base = [3, 1, 4, 2, 5];
    // each recipe's best target lr differs: the penalty is (i-th recipe) smallest at lr index i % 2
    const tgt = (i: number, lr: number) => base[i] + (c.target.lrs.indexOf(lr) === i % 2 ? 0 : 0.5);
    const prx = (i: number, lr: number, seed: number) => (lr === c.tinyLr ? 10 + base[i] + 0.01 * seed : lr === c.standardLr ? (i === 0 ? Infinity : 10 - base[i]) : NaN);
    const r = analyseProxy(c, records(c, prx, tgt), { proxy: [12, 12], target: [12] });
    expect(r.targetBest).toEqual(base);
    expect(r.targetBestLr).toEqual(base.map((_, i) => c.target.lrs[i % 2]));
    expect(r.targetRank).toEqual([3, 1, 4, 2, 5]);
    const tiny = r.agreement.find((a) => a.lr === c.tinyLr)!;
    const std = r.agreement.find((a) => a.lr === c.standardLr)!;
    expect(tiny.mean.spearman).toBeCloseTo(1, 12);
    expect(tiny.spearmanSeeds.every((x) => Math.abs(x - 1) < 1e-12)).toBe(true);
    expect(tiny.mean.regret).toBe(0);
    expect(tiny.drop.map((d) => 12 - d)).toEqual(base.map((b) => 10 + b + 0.015));
    // standard lr: reversed order except recipe 0, which diverged (+∞ → last): ranks [5,4,2,3,1] vs target [3,1,4,2,5]
    expect(std.mean.diverged).toBe(1);
    expect(std.mean.spearman).toBeCloseTo(1 - (6 * (4 + 9 + 4 + 1 + 16)) / (5 * 24), 12);
    const ev = tinyBeatsStandard(r);
    expect(ev.verdict).toBe("pass");
    // the long runs are analysed apart from the short ones: there the standard lr agrees and the tiny one does not
    expect(r.agreementLong.map((a) => a.lr)).toEqual(c.longProxy!.lrs);
    expect(r.agreementLong.find((a) => a.lr === c.standardLr)!.mean.spearman).toBeCloseTo(1, 12);
    expect(tinyBeatsStandard(r, true).verdict).toBe("fail");
    const noLong = analyseProxy({ ...c, longProxy: undefined }, records({ ...c, longProxy: undefined }, prx, tgt), { proxy: [12, 12], target: [12] });
    expect(noLong.agreementLong).toEqual([]);
    expect(tinyBeatsStandard(noLong, true)).toMatchObject({ verdict: "fail", details: { reason: "no long proxy runs in this configuration" } });
    expect(paperLevels(r).verdict).toBe("pass");
    // swap the roles: the standard-lr proxy now agrees, the tiny-lr proxy does not → fail
    const r2 = analyseProxy(c, records(c, (i, lr, s) => prx(i, lr === c.tinyLr ? c.standardLr : c.tinyLr, s), tgt), { proxy: [12, 12], target: [12] });
    expect(tinyBeatsStandard(r2).verdict).toBe("fail");
    expect(tinyBeatsStandard(r2, true).verdict).toBe("pass");
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
      const truncated = path.join(a, states.find((f) => f.startsWith("proxy-long-"))!);
      fs.truncateSync(truncated, 100);
      const resumed = await computeProxyStudy(C, a, { quiet: true });
      expect(fs.existsSync(`${truncated}.bad`)).toBe(true);
      const full = await computeProxyStudy(C, path.join(tmp, "b"), { quiet: true });
      expect(resumed.runs).toEqual(full.runs);
      expect(resumed.agreement).toEqual(full.agreement);
      expect(full.runs.length).toBe(C.recipes.length * ((C.proxy.lrs.length + C.longProxy!.lrs.length) * C.proxy.seeds.length + C.target.lrs.length * C.target.seeds.length));
      expect(resumed.agreementLong).toEqual(full.agreementLong);
      expect(full.agreementLong.length).toBe(C.longProxy!.lrs.length);
      // the initial loss is the same for every recipe (it depends on the seed only): near ln V for a 0.02-std init
      const V = proxyMixture(C.domains).vocab.size;
      for (const L of full.initialLoss.proxy) expect(Math.abs(L - Math.log(V))).toBeLessThan(0.1);
      const big = full.agreement.find((x) => x.lr === Math.max(...C.proxy.lrs))!;
      for (const d of big.drop) expect(d).toBeGreaterThan(0);
      for (const a2 of full.agreement) expect(a2.spearmanSeeds.length).toBe(C.proxy.seeds.length);
      for (const e of [tinyBeatsStandard(full), tinyBeatsStandard(full, true), paperLevels(full)]) expect(["pass", "fail"]).toContain(e.verdict);
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
      expect((await second.get(proxyTransformerStudy, C)).agreementLong).toEqual(full.agreementLong);
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
    expect(studyClaims.map((c) => c.id)).toEqual(["proxy.transformer-premise-tuning-reorders", "proxy.transformer-tiny-beats-standard", "proxy.transformer-long-run-tiny-beats-standard", "proxy.transformer-paper-levels"]);
    const studyFigures = proxy.figures.filter((f) => f.needs.includes(proxyTransformerStudy));
    expect(studyFigures.map((f) => f.id)).toEqual(["proxy.transformer-spearman-vs-lr", "proxy.transformer-loss-vs-lr", "proxy.transformer-ranks"]);
    for (const x of [...proxy.claims, ...proxy.figures, ...proxy.results]) expect(x.id).toMatch(/^proxy\.[a-z0-9][a-z0-9-]*$/);
  });
});
