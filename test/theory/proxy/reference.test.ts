import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

describe("data/reference/proxy.json", () => {
  it("cites the paper and carries the headline numbers the claims quote", () => {
    const ref = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../data/reference/proxy.json"), "utf8"));
    expect(ref.paper.arxiv).toBe("2512.24503");
    expect(ref.paper.authors).toHaveLength(7);
    const n = ref.numbers;
    expect(n.recipes.value).toBe(23);
    expect(Object.values(n.recipes.per_dimension as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(23);
    expect(n.recipes.pairs).toBe((23 * 22) / 2);
    expect(n.spearman_standard_lr.value).toBe("< 0.75");
    expect(n.spearman_tiny_lr.value).toBe("> 0.92");
  });
});
