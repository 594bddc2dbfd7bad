import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import type { ClaimOutcome } from "../../src/core/claim";
import { formatNumber, formatValue, reportHtml, writeReport } from "../../src/plot/report";
import { toolkitVersion } from "../../src/run/store";

const claims: ClaimOutcome[] = [
  { id: "reuse.plateau-log-slope", paper: "Yan et al. 2025, Thm 4.2", statement: "plateau grows like log N", measured: 0.123456, predicted: 0.125, tolerance: 0.01, verdict: "pass", seconds: 1.23456 },
  { id: "reuse.bad<script>", paper: "P & Q", statement: "fails <b>loudly</b>", measured: [1, 2.5, 1e-9], predicted: { a: 1, b: 2 }, tolerance: "5 %", verdict: "fail", seconds: 0.5 },
  { id: "reuse.broken", paper: "P", statement: "its result could not be computed", verdict: "error", error: "boom <img>", seconds: 0.1 },
];

describe("report", () => {
  it("formats numbers to 4 significant digits and values compactly", () => {
    expect(formatNumber(0.123456)).toBe("0.1235");
    expect(formatNumber(1234.5678)).toBe("1235");
    expect(formatNumber(0.1)).toBe("0.1");
    expect(formatNumber(1e-9)).toBe("1e-9");
    expect(formatNumber(-2.345678e-7)).toBe("-2.346e-7");
    expect(formatNumber(1e12)).toBe("1e12");
    expect(formatNumber(10000)).toBe("10000");
    expect(formatNumber(NaN)).toBe("NaN");
    expect(formatValue([1, 2.5, 1e-9])).toBe("[1, 2.5, 1e-9]");
    expect(formatValue({ a: 1 / 3, b: [1] })).toBe("{a: 0.3333, b: [1]}");
    expect(formatValue(Array.from({ length: 20 }, (_, i) => i))).toBe("[0, 1, 2, 3, 4, 5, …, 19] (20)");
  });

  it("escapes all text, shows verdicts, numbers and figures (PNG img, else iframe)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-report-"));
    const figDir = path.join(dir, "figures", "reuse");
    fs.mkdirSync(figDir, { recursive: true });
    const png = path.join(figDir, "a.png");
    fs.writeFileSync(png, "x");
    const figures = [
      { def: { id: "reuse.a", title: "Figure A", caption: "caption with <script>alert(1)</script>" }, files: { json: path.join(figDir, "a.json"), html: path.join(figDir, "a.html"), png } },
      { def: { id: "reuse.b", title: "Figure <B>", caption: "no png" }, files: { json: path.join(figDir, "b.json"), html: path.join(figDir, "b.html"), png: path.join(figDir, "missing.png") } },
    ];
    const outPath = path.join(dir, "report", "index.html");
    const written = writeReport({ title: "datalaws <report>", figures, claims, outPath, scale: "ci", meta: { host: "<2 CPU>" } });
    expect(written).toBe(outPath);
    const html = fs.readFileSync(outPath, "utf8");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("caption with &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("datalaws &lt;report&gt;");
    expect(html).toContain("&lt;2 CPU&gt;");
    expect(html).toContain('class="verdict fail"');
    expect(html).toContain('class="verdict pass"');
    expect(html).toContain("1 pass</span>, <span class=\"fail\">1 fail");
    expect(html).toContain("1 could not be judged (error)");
    expect(html).toContain('class="verdict error"');
    expect(html).toContain("0.1235");
    expect(html).toContain("[1, 2.5, 1e-9]");
    expect(html).toContain("boom &lt;img&gt;");
    expect(html).toContain('<img src="../figures/reuse/a.png"');
    expect(html).toContain('<iframe src="../figures/reuse/b.html"');
    expect(html).toContain(toolkitVersion());
    expect(toolkitVersion()).toMatch(/^\d+\.\d+\.\d+/);
    expect(html).toContain("Figure &lt;B&gt;");
  });

  it("renders with no claims and no figures", () => {
    const html = reportHtml({ title: "empty", figures: [], claims: [] });
    expect(html).toContain("No claims were run.");
  });
});
