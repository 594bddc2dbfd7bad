// What a person sees: a notebook with two figures is executed with the project's tslab kernel,
// exported with Debian's nbconvert (the HTML a classic-Notebook user shares), and opened in headless
// Chromium with every request that would leave the machine blocked. Both figures must be drawn by
// plotly.js (their SVG roots exist), with require.js on the page as in classic Notebook, and the page
// must not ask the network for anything the toolkit put there.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findChromium } from "../../src/plot/export";

const ROOT = path.resolve(__dirname, "../..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kernel = require(path.join(ROOT, "scripts", "kernel.js")) as { setupKernel(): NodeJS.ProcessEnv; JUPYTER_BIN: string };
const canRun = fs.existsSync(kernel.JUPYTER_BIN) && findChromium() !== null && spawnSync(kernel.JUPYTER_BIN, ["nbconvert", "--version"], { stdio: "ignore" }).status === 0;
// CI has Jupyter and Chromium (.ci/run installs them); a machine without them skips, saying so
const maybe = canRun || process.env.CI ? describe : describe.skip;
if (!canRun && !process.env.CI) console.warn("browser.test: Jupyter nbconvert or Chromium missing — skipped (apt-get install jupyter-nbconvert chromium)");

maybe("notebook figures in a browser (nbconvert HTML, offline)", () => {
  // inside the project, so that the kernel resolves `datalaws` from its node_modules
  const dir = path.join(ROOT, ".jupyter", "test-browser");
  let html = "";
  beforeAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(path.join(__dirname, "..", "fixtures", "notebooks", "two-figures.ipynb"), path.join(dir, "two-figures.ipynb"));
    const r = spawnSync(
      kernel.JUPYTER_BIN,
      ["nbconvert", "--to", "html", "--execute", "--ExecutePreprocessor.kernel_name=datalaws-tslab", "--ExecutePreprocessor.timeout=300", "--output-dir", dir, path.join(dir, "two-figures.ipynb")],
      { env: kernel.setupKernel(), encoding: "utf8", cwd: ROOT },
    );
    if (r.status !== 0) throw new Error(`nbconvert failed (${r.status}): ${r.stderr.slice(-2000)}`);
    html = path.join(dir, "two-figures.html");
  }, 300_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("draws both figures interactively with require.js present and no request leaving the machine", async () => {
    const text = fs.readFileSync(html, "utf8");
    // plotly.js travels once, with the first figure
    expect(text.split("window.__datalawsPlotly = new Response").length - 1).toBe(1);
    const browser = await chromium.launch({ executablePath: findChromium()!, headless: true, args: ["--no-sandbox"] });
    const external: string[] = [];
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.route("**/*", async (route) => {
        const url = route.request().url();
        // the page template's own scripts: require.js (as classic Notebook loads it) from the npm package; MathJax is not needed
        if (/require(\.min)?\.js/.test(url)) return route.fulfill({ path: require.resolve("requirejs/require.js"), contentType: "text/javascript" });
        if (/mathjax/i.test(url)) return route.fulfill({ body: "", contentType: "text/javascript" });
        if (url.startsWith("file:") || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
        external.push(url);
        return route.abort();
      });
      await page.goto(`file://${html}`);
      expect(await page.evaluate(() => typeof (window as unknown as { define?: { amd?: unknown } }).define === "function")).toBe(true);
      await page.waitForFunction(() => document.querySelectorAll(".datalaws-figure .main-svg").length >= 2, undefined, { timeout: 60_000 });
      const figs = await page.$$eval(".datalaws-figure", (els) => els.map((e) => ({ svg: e.querySelectorAll(".main-svg").length, img: e.querySelectorAll("img").length, title: e.querySelector(".gtitle")?.textContent ?? "" })));
      expect(figs).toHaveLength(2);
      for (const f of figs) {
        expect(f.svg).toBeGreaterThan(0); // drawn by plotly.js
        expect(f.img).toBe(0); // the PNG it stood in for is gone
      }
      expect(figs.map((f) => f.title)).toEqual(["first figure", "second figure"]);
      // interactive: each has Plotly's mode bar and drag layer (a static image has neither)
      expect(await page.locator(".datalaws-figure .modebar-container").count()).toBe(2);
      expect(await page.locator(".datalaws-figure .nsewdrag").count()).toBeGreaterThanOrEqual(2);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
    expect(external).toEqual([]);
  }, 120_000);

  it("without scripts (GitHub, an untrusted notebook) each figure is its PNG", async () => {
    const browser = await chromium.launch({ executablePath: findChromium()!, headless: true, args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage({ javaScriptEnabled: false });
      await page.route("**/*", (route) => (route.request().url().startsWith("file:") ? route.continue() : route.abort()));
      await page.goto(`file://${html}`);
      const imgs = await page.$$eval(".datalaws-figure img", (els) => els.map((e) => ({ ok: (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth > 100, alt: e.getAttribute("alt") })));
      expect(imgs).toEqual([
        { ok: true, alt: "first figure" },
        { ok: true, alt: "second figure" },
      ]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

maybe("exported figure pages in a browser", () => {
  it("a page of the figure folder draws its figure from the shared plotly.min.js, offline", async () => {
    const { exportFigure } = await import("../../src/plot/export");
    const out = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "datalaws-pages-"));
    try {
      const files = await exportFigure({ data: [{ type: "scatter", x: [1, 2], y: [3, 4] }], layout: {} }, { id: "reuse.page-test", title: "page test", caption: "" }, out, null);
      const browser = await chromium.launch({ executablePath: findChromium()!, headless: true, args: ["--no-sandbox"] });
      try {
        const page = await browser.newPage();
        const external: string[] = [];
        await page.route("**/*", (route) => (route.request().url().startsWith("file:") ? route.continue() : (external.push(route.request().url()), route.abort())));
        await page.goto(`file://${files.html}`);
        await page.waitForSelector("#figure .main-svg", { timeout: 30_000 });
        expect(external).toEqual([]);
      } finally {
        await browser.close();
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});

describe.skipIf(findChromium() === null && !process.env.CI)("notebook figure outputs out of order", () => {
  it("a figure whose output precedes the one carrying plotly.js (its cell run later) is drawn too", async () => {
    const { notebookFigureHtml } = await import("../../src/plot/notebookHtml");
    const fig = (t: string) => ({ data: [{ type: "scatter", x: [1, 2], y: [2, 1] }], layout: { title: { text: t } } });
    // the page of a notebook whose second figure cell was run first: the loader is in the second output
    const page = `<!DOCTYPE html><html><body>${notebookFigureHtml(fig("first cell, run second"), { title: "a", loader: false, index: 2 })}
${notebookFigureHtml(fig("second cell, run first"), { title: "b", loader: true, index: 1 })}</body></html>`;
    const dir = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "datalaws-order-"));
    const file = path.join(dir, "page.html");
    fs.writeFileSync(file, page);
    const browser = await chromium.launch({ executablePath: findChromium()!, headless: true, args: ["--no-sandbox"] });
    try {
      const p = await browser.newPage();
      await p.route("**/*", (route) => (/^(file|data|blob):/.test(route.request().url()) ? route.continue() : route.abort()));
      await p.goto(`file://${file}`);
      await p.waitForFunction(() => document.querySelectorAll(".datalaws-figure .main-svg").length >= 2, undefined, { timeout: 30_000 }).catch(() => undefined);
      const figs = await p.$$eval(".datalaws-figure", (els) => els.map((e) => (e.querySelector(".main-svg") ? e.querySelector(".gtitle")?.textContent ?? "drawn" : "image")));
      expect(figs).toEqual(["first cell, run second", "second cell, run first"]);
    } finally {
      await browser.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

maybe("a notebook that calls dl.setupNotebook() first", () => {
  const dir = path.join(ROOT, ".jupyter", "test-browser-setup");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  it("carries plotly.js in the setup cell only, so re-running a figure cell cannot lose it; both figures are drawn", async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const nbFile = path.join(dir, "setup-figures.ipynb");
    fs.copyFileSync(path.join(__dirname, "..", "fixtures", "notebooks", "setup-figures.ipynb"), nbFile);
    const r = spawnSync(kernel.JUPYTER_BIN, ["nbconvert", "--to", "notebook", "--execute", "--inplace", "--ExecutePreprocessor.kernel_name=datalaws-tslab", "--ExecutePreprocessor.timeout=300", nbFile], { env: kernel.setupKernel(), encoding: "utf8", cwd: ROOT });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    const nb = JSON.parse(fs.readFileSync(nbFile, "utf8")) as { cells: Array<{ cell_type: string; outputs?: Array<{ data?: Record<string, string | string[]> }> }> };
    const html = (c: { outputs?: Array<{ data?: Record<string, string | string[]> }> }) => (c.outputs ?? []).map((o) => [o.data?.["text/html"] ?? ""].flat().join("")).join("");
    const code = nb.cells.filter((c) => c.cell_type === "code");
    expect(html(code[0])).toContain("window.__datalawsPlotly = new Response");
    for (const c of code.slice(1)) {
      expect(html(c)).toContain("datalaws-figure");
      expect(html(c)).not.toContain("window.__datalawsPlotly = new Response");
    }
    const conv = spawnSync(kernel.JUPYTER_BIN, ["nbconvert", "--to", "html", "--output-dir", dir, nbFile], { env: kernel.setupKernel(), encoding: "utf8", cwd: ROOT });
    expect(conv.status, conv.stderr.slice(-2000)).toBe(0);
    const browser = await chromium.launch({ executablePath: findChromium()!, headless: true, args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage();
      await page.route("**/*", (route) => (route.request().url().startsWith("file:") ? route.continue() : route.abort()));
      await page.goto(`file://${path.join(dir, "setup-figures.html")}`);
      await page.waitForFunction(() => document.querySelectorAll(".datalaws-figure .main-svg").length >= 2, undefined, { timeout: 60_000 });
    } finally {
      await browser.close();
    }
  }, 300_000);
});
