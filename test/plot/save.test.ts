// Saving figures: the shipped font, PDF, the paper style, figures at other parameters, saveFigure.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseFormats, parseOverrides } from "../../src/cli/figures";
import { saveFigure } from "../../src/notebookHelpers";
import { FigureRenderer, findChromium } from "../../src/plot/export";
import { embedFontInSvg, fontFaceCss } from "../../src/plot/font";
import { PAPER_SIZES, styleFigure } from "../../src/plot/style";
import { findFigure } from "../../src/registry";
import { figureOverrides } from "../../src/run/evaluate";
import { resolveConfig } from "../../src/run/runner";
import { zipfEvsK } from "../../src/reuse/results";

const hasChromium = findChromium() !== null;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-save-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const fig = () => ({
  data: [
    { type: "scatter", x: [1, 2, 3], y: [1, 4, 9], name: "η = 0.3" },
    { type: "scatter", x: [1, 2, 3], y: [2, 3, 4], name: "uniform" },
  ],
  layout: { title: { text: "A title" }, width: 720, height: 450 },
});

describe("the shipped font", () => {
  it("embeds Inter as woff2 data, only the subsets a text needs", () => {
    const all = fontFaceCss();
    expect(all.match(/@font-face/g)).toHaveLength(6); // Latin, Latin Extended, Greek × 400, 700
    expect(all).toContain("data:font/woff2;base64,d09GMg"); // the woff2 signature "wOF2"
    const latin = fontFaceCss("<svg><text>epochs K</text></svg>");
    expect(latin.match(/@font-face/g)).toHaveLength(1);
    const greek = fontFaceCss("<svg><text style=\"font-weight: bold\">η</text></svg>");
    expect(greek.match(/@font-face/g)).toHaveLength(4); // Latin + Greek, both weights
    const svg = embedFontInSvg('<svg xmlns="http://www.w3.org/2000/svg" width="10"><text>x</text></svg>');
    expect(svg).toMatch(/^<svg [^>]*><style>@font-face\{font-family:'Inter'/);
  });
});

describe("the paper style", () => {
  it("drops the title, takes the column size and puts the legend under the plot", () => {
    const s = styleFigure(fig(), { paper: "column" });
    expect(s.layout.title).toBeUndefined();
    expect(s.layout.width).toBe(PAPER_SIZES.column.width);
    expect(s.layout.height).toBeGreaterThanOrEqual(PAPER_SIZES.column.height);
    expect(s.layout.legend).toMatchObject({ orientation: "h", yref: "container", y: 0 });
    expect((s.layout.font as { size: number }).size).toBe(PAPER_SIZES.column.font);
    const screen = styleFigure(fig());
    expect(screen.layout.title).toMatchObject({ text: "A title" });
    expect(() => styleFigure(fig(), { paper: "poster" as never })).toThrow(/paper = "poster": must be one of column, wide/);
  });
});

describe("figures at other parameters", () => {
  it("spreads an override over the results that have the field; an unknown field is named with the fields there are", () => {
    const def = findFigure("reuse.e-vs-k-zipf");
    const m = figureOverrides(def, "ci", { N: [1000, 100000] });
    expect([...m.values()]).toEqual([{ N: [1000, 100000] }]);
    expect(() => figureOverrides(def, "ci", { Q: 1 })).toThrow(/parameter = "Q": must be one of the fields .*\bN\b/);
  });
  it("an override of the wrong type or with NaN is refused, naming the result and field", () => {
    expect(() => resolveConfig(zipfEvsK, "ci", { N: 1000 } as never)).toThrow(/reuse\.zipf-e-vs-k\.N = 1000: must be an array like its default/);
    expect(() => resolveConfig(zipfEvsK, "ci", { N: [] } as never)).toThrow(/reuse\.zipf-e-vs-k\.N = \[\]: must be a non-empty array/);
    expect(() => resolveConfig(zipfEvsK, "ci", { N: [1000, NaN] } as never)).toThrow(/not NaN/);
  });
  it("a nested override is merged into the default and checked field by field", () => {
    const c = resolveConfig(zipfEvsK, "ci", { zipf: { a: 3.5 } } as never);
    expect(c.zipf).toEqual({ a: 3.5, b: 1, d: 1e5 });
    expect(() => resolveConfig(zipfEvsK, "ci", { zipf: { q: 1 } } as never)).toThrow(/reuse\.zipf-e-vs-k\.zipf field = "q": must be one of a, b, d/);
    expect(() => resolveConfig(zipfEvsK, "ci", { zipf: { a: "x" } } as never)).toThrow(/reuse\.zipf-e-vs-k\.zipf\.a = "x": must be a number/);
  });
  it("figures --set writes the redrawn figure beside the default one, not over it", () => {
    const out = path.join(dir, "set");
    const run = (extra: string[]) =>
      spawnSync(process.execPath, [path.resolve(__dirname, "../../dist/src/cli/main.js"), "figures", "--only", "reuse.e-vs-k-zipf", "--scale", "ci", "--format", "json", "--out", out, "--json", ...extra], { encoding: "utf8", env: { ...process.env, DATALAWS_DATA: path.join(dir, "set-data") } });
    const a = JSON.parse(run([]).stdout);
    const b = JSON.parse(run(["--set", '{"N":[1000,100000]}']).stdout);
    expect(a.files.json).toBe(path.join(out, "reuse", "e-vs-k-zipf.json"));
    expect(b.files.json).toMatch(/e-vs-k-zipf-set-[0-9a-f]{8}\.json$/);
    expect(JSON.parse(fs.readFileSync(a.files.json, "utf8")).data.map((t: { name: string }) => t.name)).not.toEqual(JSON.parse(fs.readFileSync(b.files.json, "utf8")).data.map((t: { name: string }) => t.name));
  }, 60_000);
  it("the CLI reads --format and --set strictly", () => {
    expect(parseFormats("pdf,PNG")).toEqual({ json: false, html: false, png: true, svg: false, pdf: true });
    expect(() => parseFormats("pdf,eps")).toThrow(/--format = "pdf,eps": must be a comma-separated list of json, html, png, svg, pdf/);
    expect(parseOverrides('{"N":[1e3,1e5]}')).toEqual({ N: [1000, 100000] });
    for (const bad of ["[1]", "{}", "N=3", "null"]) expect(() => parseOverrides(bad)).toThrow(/--set/);
  });
});

describe.skipIf(!hasChromium)("saving with Chromium", () => {
  it("a PDF is one vector page at the figure's size with Inter embedded", async () => {
    const r = (await FigureRenderer.open())!;
    try {
      const pdf = await r.toPdf(styleFigure(fig(), { paper: "column" }));
      const text = pdf.toString("latin1");
      expect(text.startsWith("%PDF-")).toBe(true);
      expect(text.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
      expect(text).toMatch(/\/FontName\s*\/[A-Z]{6}\+Inter/);
      // 326 × h CSS px = 244.5 pt wide
      const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text);
      expect(Math.abs(Number(box![1]) - 326 * 0.75)).toBeLessThan(1.5);
    } finally {
      await r.close();
    }
  }, 60_000);

  it("saveFigure writes one file in the format of its name, from results at the given parameters", async () => {
    process.env.DATALAWS_DATA = path.join(dir, "data");
    try {
      const png = await saveFigure("reuse.e-vs-k-zipf", path.join(dir, "out", "zipf.png"), { at: "ci", paper: "wide", overrides: { N: [1000, 100000] } });
      const b = fs.readFileSync(png);
      expect(b.subarray(1, 4).toString("ascii")).toBe("PNG");
      expect(b.readUInt32BE(16)).toBe(PAPER_SIZES.wide.width * 2); // scale 2
      expect(fs.readdirSync(path.join(dir, "out"))).toEqual(["zipf.png"]);
      const html = await saveFigure("reuse.e-vs-k-zipf", path.join(dir, "out", "zipf.html"), { at: "ci" });
      const page = fs.readFileSync(html, "utf8");
      expect(page.length).toBeGreaterThan(1_000_000); // standalone: plotly.js inlined
      expect(page.includes("N = 10\\u003csup\\u003e4\\u003c/sup\\u003e"), "drawn at the ci N = 10^4").toBe(true); // (escaped inside the script)
      await expect(saveFigure("reuse.e-vs-k-zipf", path.join(dir, "out", "zipf.eps"), { at: "ci" })).rejects.toThrow(/format = .*zipf\.eps": must be one of png, svg, pdf, html, json/);
    } finally {
      delete process.env.DATALAWS_DATA;
    }
  }, 120_000);
});

describe.skipIf(!hasChromium)("datalaws figures --format pdf", () => {
  it("writes a column-wide PDF (and only the formats asked for) from the command line", () => {
    const out = path.join(dir, "cli");
    const r = spawnSync(process.execPath, [path.resolve(__dirname, "../../dist/src/cli/main.js"), "figures", "--only", "reuse.e-vs-k-zipf", "--scale", "ci", "--format", "pdf", "--style", "paper-column", "--out", out, "--json"], {
      encoding: "utf8",
      env: { ...process.env, DATALAWS_DATA: path.join(dir, "cli-data") },
    });
    expect(r.status, r.stderr).toBe(0);
    const line = JSON.parse(r.stdout.trim());
    expect(line).toEqual({ id: "reuse.e-vs-k-zipf", files: { pdf: path.join(out, "reuse", "e-vs-k-zipf.pdf") } });
    const pdf = fs.readFileSync(line.files.pdf).toString("latin1");
    expect(pdf.startsWith("%PDF-")).toBe(true);
    expect(pdf).toMatch(/\/FontName\s*\/[A-Z]{6}\+Inter/);
  }, 60_000);
});
