import { describe, expect, it } from "vitest";
import { axis, categoricalColor, FONT_FAMILY, lineTrace, METHOD_STYLE, sequentialColor, styleFigure } from "../../src/plot/style";
import type { PlotlyFigure } from "../../src/core/figure";

const sample = (): PlotlyFigure => ({
  data: [
    lineTrace({ x: [1, 10, 100], y: [1, 5, 9], name: "exact", method: "exact" }),
    lineTrace({ x: new Float64Array([1, 10, 100]), y: new Float64Array([1.1, NaN, 8.8]), name: "MC", method: "mc", errorY: [0.1, 0.2, 0.3] }),
  ],
  layout: { title: "E vs K", xaxis: axis("epochs K", { log: true }), yaxis: { title: "E", type: "linear" } },
});

describe("house style", () => {
  it("does not mutate its input and is idempotent", () => {
    const fig = sample();
    const before = JSON.stringify(fig);
    const s = styleFigure(fig);
    expect(JSON.stringify(fig)).toBe(before);
    expect(styleFigure(s)).toEqual(s);
    // the result shares no objects with the input
    (s.layout.xaxis as Record<string, unknown>).type = "linear";
    (s.data[0] as Record<string, unknown>).name = "changed";
    expect(JSON.stringify(fig)).toBe(before);
  });

  it("applies font, size, white background, light grid and keeps the figure's own settings", () => {
    const s = styleFigure({ ...sample(), layout: { ...sample().layout, height: 300 } });
    expect((s.layout.font as { family: string }).family).toBe(FONT_FAMILY);
    expect(s.layout.width).toBe(720);
    expect(s.layout.height).toBe(300);
    expect(s.layout.paper_bgcolor).toBe("#ffffff");
    expect(s.layout.plot_bgcolor).toBe("#ffffff");
    const y = s.layout.yaxis as Record<string, unknown>;
    expect(y.showgrid).toBe(true);
    expect(y.title).toMatchObject({ text: "E" });
    expect(s.layout.title).toMatchObject({ text: "E vs K" });
    expect(styleFigure(sample(), { width: 500 }).layout.width).toBe(500);
  });

  it("formats log axes with power exponents, also those only named by traces", () => {
    const s = styleFigure({
      data: [{ type: "scatter", x: [1], y: [1], xaxis: "x2", yaxis: "y2" }],
      layout: { xaxis: { type: "log" }, xaxis2: { type: "log" }, yaxis2: { type: "log", exponentformat: "e" } },
    });
    expect((s.layout.xaxis as Record<string, unknown>).exponentformat).toBe("power");
    expect((s.layout.xaxis2 as Record<string, unknown>).exponentformat).toBe("power");
    // an explicit choice wins
    expect((s.layout.yaxis2 as Record<string, unknown>).exponentformat).toBe("e");
    expect((s.layout.yaxis as Record<string, unknown>).exponentformat).toBeUndefined();
  });

  it("legend sits outside the plot on the right by default and can be hidden", () => {
    const s = styleFigure(sample());
    expect((s.layout.legend as { x: number }).x).toBeGreaterThan(1);
    expect(styleFigure(sample(), { legend: "none" }).layout.showlegend).toBe(false);
    expect((styleFigure(sample(), { legend: "top-left" }).layout.legend as { x: number }).x).toBeLessThan(0.1);
  });

  it("traces carry the method's style as plain JSON arrays", () => {
    const [exact, mc] = sample().data as Array<Record<string, any>>;
    expect(exact.line.color).toBe(METHOD_STYLE.exact.color);
    expect(mc.mode).toBe("markers");
    expect(Array.isArray(mc.x)).toBe(true);
    expect(mc.y).toEqual([1.1, null, 8.8]);
    expect(mc.error_y.array).toEqual([0.1, 0.2, 0.3]);
    const theory = lineTrace({ x: [1], y: [1], name: "t", method: "theory" }) as Record<string, any>;
    expect(theory.line.dash).toBe("dash");
    expect((lineTrace({ x: [1], y: [1], name: "p", method: "paper" }) as Record<string, any>).line.dash).toBe("dot");
    expect(() => lineTrace({ x: [1, 2], y: [1], name: "bad", method: "exact" })).toThrow(/length/);
  });

  it("axis() converts log ranges to log10 units", () => {
    expect(axis("K", { log: true, range: [1, 1000] })).toMatchObject({ type: "log", range: [0, 3], exponentformat: "power" });
    expect(axis("E")).toMatchObject({ type: "linear", title: { text: "E" } });
  });

  it("sequential colours run from dark to light and are valid hex", () => {
    const cs = Array.from({ length: 5 }, (_, i) => sequentialColor(i, 5));
    for (const c of cs) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    const lum = (c: string) => parseInt(c.slice(1, 3), 16) * 0.3 + parseInt(c.slice(3, 5), 16) * 0.59 + parseInt(c.slice(5, 7), 16) * 0.11;
    for (let i = 1; i < cs.length; i++) expect(lum(cs[i])).toBeGreaterThan(lum(cs[i - 1]));
    expect(sequentialColor(0, 1)).toBe(cs[0]);
    expect(categoricalColor(-1)).toMatch(/^#/);
  });
});
