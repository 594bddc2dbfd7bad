import { createRequire } from "module";
import { afterEach, describe, expect, it, vi } from "vitest";
import { displayBundle, inNotebook, showMarkdown, showTable, tableHtml, tableText } from "../../src/plot/notebook";

const req = createRequire(__filename);
const FAKE = "/fake/node_modules/tslab/dist/jupyter.js";

/** Pretend to be inside a tslab cell: register a module like tslab's jupyter.js with a live writer. */
function fakeKernel(): Array<{ data: Record<string, unknown> }> {
  const sent: Array<{ data: Record<string, unknown> }> = [];
  const mod = { id: FAKE, filename: FAKE, loaded: true, exports: { lastWriteDisplayData: (c: { data: Record<string, unknown> }) => sent.push(c) } };
  (req.cache as Record<string, unknown>)[FAKE] = mod;
  return sent;
}

afterEach(() => {
  delete (req.cache as Record<string, unknown>)[FAKE];
  vi.restoreAllMocks();
});

describe("notebook display", () => {
  const rows = [
    { id: "a<b", value: 1 / 3, verdict: "pass" },
    { id: "c", value: 12345678, verdict: "fail", extra: [1, 2] },
  ];

  it("tables: HTML escapes and formats; text aligns columns", () => {
    const h = tableHtml(rows);
    expect(h).toContain("a&lt;b");
    expect(h).toContain("0.3333");
    expect(h).toContain("<th style=\"text-align:left\">extra</th>");
    const t = tableText(rows).split("\n");
    expect(t[0]).toMatch(/^id\s+value\s+verdict\s+extra$/);
    expect(t[1]).toMatch(/^-+ +-+/);
  });

  it("outside tslab: prints text and sends nothing", () => {
    expect(inNotebook()).toBe(false);
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    showTable(rows);
    showMarkdown("# hi");
    expect(log).toHaveBeenCalledTimes(2);
    expect(displayBundle({ "text/plain": "x" })).toBe(false);
  });

  it("inside tslab: one display_data carrying the whole MIME bundle", () => {
    const sent = fakeKernel();
    expect(inNotebook()).toBe(true);
    showTable(rows);
    showMarkdown("**bold**");
    displayBundle({ "image/png": Buffer.from([1, 2, 3]), "text/plain": "t" });
    expect(sent).toHaveLength(3);
    expect(Object.keys(sent[0].data).sort()).toEqual(["text/html", "text/plain"]);
    expect(sent[1].data).toEqual({ "text/markdown": "**bold**", "text/plain": "**bold**" });
    expect(sent[2].data["image/png"]).toBe("AQID");
  });
});
