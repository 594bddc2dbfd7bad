/**
 * The proxy theory figures are pure functions of their declared results: drawn at scale ci through a
 * runner, every result is computed at most once, and the curves are the results' numbers.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proxy } from "../../src/proxy";
import { proxyFigures } from "../../src/proxy/figures";
import { TINY_LR, gdFixedTimeSweep, rowAt, rowsOf, sgdFixedTimeSweep } from "../../src/proxy/results";
import { meanLosses } from "../../src/proxy/sweepRunner";
import { drawFigure, type FigureOutcome } from "../../src/run/evaluate";
import { Runner } from "../../src/run/runner";

describe("proxy figures at ci scale", () => {
  let dir: string;
  let runner: Runner;
  const drawn = new Map<string, FigureOutcome>();
  const saved = process.env.DATALAWS_DATA;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-proxy-figures-"));
    process.env.DATALAWS_DATA = dir;
    runner = new Runner({ scale: "ci", quiet: true, threads: 2 });
    for (const f of proxyFigures) drawn.set(f.id, await drawFigure(f, runner));
  }, 300_000);
  afterAll(() => {
    if (saved === undefined) delete process.env.DATALAWS_DATA;
    else process.env.DATALAWS_DATA = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("every figure draws from results the folder declares; each result is computed once", () => {
    for (const f of proxyFigures) {
      const o = drawn.get(f.id)!;
      expect("error" in o ? o.error : "", f.id).toBe("");
      for (const d of f.needs) expect(proxy.results, `${f.id} needs ${d.id}`).toContain(d);
    }
    const computed = runner.log.filter((e) => e.source === "computed").map((e) => e.id);
    expect(new Set(computed).size).toBe(computed.length);
  });

  it("the width figure draws the claims' tiny-lr numbers: its tiny-lr curve is the GD sweep's η = 1e-3 column", async () => {
    const gd = await runner.get(gdFixedTimeSweep);
    const o = drawn.get("proxy.width")!;
    if ("error" in o) throw new Error(o.error);
    const tiny = (o.figure as unknown as { data: Array<{ x: number[]; y: number[] }> }).data[1];
    expect(tiny.x).toEqual(gd.config.widths);
    expect(tiny.y).toEqual(gd.config.widths.map((w) => rowAt(gd, w, TINY_LR).spearman));
  });

  it("the loss-vs-lr curves are the seed-mean SGD losses; the exact-path Spearman curve is the GD sweep's", async () => {
    const sgd = await runner.get(sgdFixedTimeSweep);
    const width = sgd.config.widths[sgd.config.widths.length - 1];
    const L = meanLosses(sgd.cells.filter((c) => c.width === width));
    const figureOf = (id: string) => {
      const o = drawn.get(id)!;
      if ("error" in o) throw new Error(o.error);
      return o.figure as unknown as { data: Array<{ name: string; x: number[]; y: number[] }> };
    };
    const fig = figureOf("proxy.loss-vs-lr");
    const curves = fig.data.slice(0, sgd.config.recipes.length).map((t) => t.y);
    // one curve per recipe (in target order): as a set they are the columns of L
    const cols = sgd.config.recipes.map((_, k) => L.map((row) => row[k]));
    expect(curves.map((c) => JSON.stringify(c)).sort()).toEqual(cols.map((c) => JSON.stringify(c)).sort());
    const gd = await runner.get(gdFixedTimeSweep);
    const sp = figureOf("proxy.spearman-vs-lr");
    const w0 = sgd.config.widths[0];
    // the exact path over the lr range the Monte Carlo covers: those rows of the GD sweep, unchanged
    const exact = sp.data.find((t) => t.name === `width ${w0}: exact mean path`)!;
    const xs = exact.x as number[];
    expect(xs.length).toBeGreaterThan(3);
    expect(exact.y).toEqual(rowsOf(gd, w0).filter((r) => xs.includes(r.lr)).map((r) => r.spearman));
  });
});
