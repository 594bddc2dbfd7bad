import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { exportFigure, exportFigures, FigureRenderer, findChromium, validateFigureId } from "../../src/plot/export";
import { lineTrace, axis } from "../../src/plot/style";
import type { FigureDef, PlotlyFigure } from "../../src/core/figure";
import type { FigureOutcome } from "../../src/run/evaluate";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const hasChromium = findChromium() !== null;

const small = (): PlotlyFigure => ({
  data: [
    lineTrace({ x: [1, 10, 100], y: [1, 4, 6], name: "exact", method: "exact" }),
    lineTrace({ x: [1, 10, 100], y: [1, 10, 100], name: "E = K", method: "reference" }),
  ],
  layout: { xaxis: axis("epochs K", { log: true }), yaxis: axis("E", { log: true }) },
});

const defs: FigureDef[] = [
  { id: "reuse.small-line", title: "A small line", caption: "Two curves.", needs: [], build: () => small() },
  { id: "skills.other", title: "Other", caption: "Another folder.", needs: [], build: () => small() },
];
const drawn = (list: FigureDef[]): FigureOutcome[] => list.map((def) => ({ def, figure: def.build({ get: () => undefined as never }, "ci"), seconds: 0 }));

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-export-"));
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(b: Buffer): { width: number; height: number } {
  expect(b.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(b.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe("figure ids", () => {
  it("accepts <folder>.<slug> and rejects anything else (no path can escape the figures folder)", () => {
    expect(() => validateFigureId("reuse.e-vs-k")).not.toThrow();
    for (const bad of ["reuse/e-vs-k", "../x", "/abs", "a..b", "reuse.", ".x", "a b", "Reuse.x", "reuse.a.b", ""]) expect(() => validateFigureId(bad)).toThrow(/figure id/);
  });
});

describe("export without Chromium", () => {
  it("writes JSON + HTML and prints one line on how to get PNG/SVG", async () => {
    const open = vi.spyOn(FigureRenderer, "open").mockResolvedValue(null);
    const lines: string[] = [];
    const outDir = tmp();
    const res = await exportFigures(drawn(defs), { outDir, log: (l) => lines.push(l) });
    open.mockRestore();
    expect(res.map((r) => r.def.id)).toEqual(["reuse.small-line", "skills.other"]);
    expect(res[0].files).toEqual({ json: path.join(outDir, "reuse", "small-line.json"), html: path.join(outDir, "reuse", "small-line.html") });
    const json = JSON.parse(fs.readFileSync(res[0].files!.json, "utf8"));
    expect(json).toMatchObject({ id: "reuse.small-line", title: "A small line", caption: "Two curves." });
    expect(json.layout.xaxis.exponentformat).toBe("power");
    expect(fs.readFileSync(res[1].files!.html, "utf8")).toContain("Plotly.newPlot");
    // the pages share one plotly.js at the root of the figure folder instead of carrying 4.8 MB each
    for (const r of res) {
      const page = fs.readFileSync(r.files!.html, "utf8");
      expect(page.length).toBeLessThan(100_000);
      expect(page).toContain('<script type="text/javascript" src="../plotly.min.js"></script>');
    }
    expect(fs.readFileSync(path.join(outDir, "plotly.min.js")).equals(fs.readFileSync(require.resolve("plotly.js-dist-min/plotly.min.js")))).toBe(true);
    const skipped = lines.filter((l) => /PNG\/SVG skipped/.test(l));
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toContain("apt-get install -y --no-install-recommends chromium");
    expect(skipped[0]).toContain("CHROMIUM_PATH");
    expect(lines.filter((l) => l.startsWith("[figures 1/2]"))).toHaveLength(1);
  });

  it("a figure that could not be drawn comes back with its error; the others are exported", async () => {
    const bad: FigureOutcome = { def: { id: "reuse.bad", title: "bad", caption: "", needs: [], build: () => small() }, error: "no data", seconds: 0 };
    const lines: string[] = [];
    const res = await exportFigures([bad, ...drawn(defs)], { outDir: tmp(), renderer: null, log: (l) => lines.push(l) });
    expect(res.map((r) => [r.def.id, r.error ?? "ok"])).toEqual([["reuse.bad", "no data"], ["reuse.small-line", "ok"], ["skills.other", "ok"]]);
    expect(lines[0]).toMatch(/reuse\.bad\s+FAILED: no data/);
  });
});

describe.skipIf(!hasChromium)("export with Chromium", () => {
  let renderer: FigureRenderer | null = null;
  beforeAll(async () => {
    renderer = await FigureRenderer.open();
  }, 30_000);
  afterAll(async () => {
    await renderer?.close();
  });

  it("renders a valid PNG at width × scale and an SVG", async () => {
    const png = await renderer!.toPng(small(), { width: 400, height: 300, scale: 2 });
    expect(pngSize(png)).toEqual({ width: 800, height: 600 });
    const png1 = await renderer!.toPng(small(), { width: 300, height: 200, scale: 1 });
    expect(pngSize(png1)).toEqual({ width: 300, height: 200 });
    const svg = await renderer!.toSvg(small());
    expect(svg).toContain("<svg");
    expect(svg).toContain("epochs K");
  }, 20_000);

  it("exportFigure writes all four files; the PNG is 1440 px wide (720 × 2)", async () => {
    const outDir = tmp();
    const files = await exportFigure(small(), defs[0], outDir, renderer);
    expect(files.png).toBe(path.join(outDir, "reuse", "small-line.png"));
    expect(pngSize(fs.readFileSync(files.png!))).toEqual({ width: 1440, height: 900 });
    expect(fs.readFileSync(files.svg!, "utf8")).toContain("<svg");
    expect(fs.existsSync(files.json) && fs.existsSync(files.html)).toBe(true);
  }, 20_000);
});
