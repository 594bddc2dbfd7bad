import { describe, expect, it } from "vitest";
import { escapeHtml, figureHtml, plotlyScriptTag, plotlySource } from "../../src/plot/html";

describe("interactive HTML", () => {
  const fig = { data: [{ type: "scatter", x: [1, 2], y: [3, 4], name: "</script><b>x</b>" }], layout: { width: 720 } };
  const html = figureHtml(fig, { title: "A <title> & more", caption: "E = K for <small> K", id: "reuse/e-vs-k" });

  it("inlines plotly.js and loads nothing from a CDN or the network", () => {
    expect(html).toContain(plotlySource().slice(0, 2000));
    expect(html.length).toBeGreaterThan(1_000_000);
    expect(html).not.toMatch(/<script[^>]*\ssrc\s*=/i);
    expect(html).not.toMatch(/<script[^>]*src=["']?https?:\/\/cdn/i);
    expect(plotlyScriptTag()).toMatch(/^<script type="text\/javascript">/);
  });

  it("escapes text and embeds the figure JSON safely", () => {
    expect(html).toContain("A &lt;title&gt; &amp; more");
    expect(html).toContain("E = K for &lt;small&gt; K");
    const tail = html.slice(html.lastIndexOf("Plotly.newPlot") - 500);
    expect(tail).not.toContain("</script><b>");
    expect(tail).toContain("\\u003c/script\\u003e");
    expect(escapeHtml(`"'<>&`)).toBe("&quot;&#39;&lt;&gt;&amp;");
  });
});
