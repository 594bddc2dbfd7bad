// The layout rules of the toolkit, checked on the source: no import cycles; nothing outside src/cli
// imports from it; theory/ is pure mathematics (imports only src/core and ml-matrix); the registry's
// ids name their folders.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(rel));
    else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push(rel);
  }
  return out;
}

/** Imports of a file (static, dynamic, require, re-exports; type-only included): relative ones resolved to files. */
function imports(file: string): { local: string[]; packages: string[] } {
  const text = fs.readFileSync(path.join(root, file), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm)].map((m) => m[1]);
  const local: string[] = [];
  const packages: string[] = [];
  for (const s of specs) {
    if (!s.startsWith(".")) {
      packages.push(s);
      continue;
    }
    const base = path.join(path.dirname(file), s);
    const hit = [base + ".ts", path.join(base, "index.ts")].find((c) => fs.existsSync(path.join(root, c)));
    if (hit) local.push(hit);
  }
  return { local, packages };
}

const files = [...sources("src"), ...sources("theory")];
const graph = new Map(files.map((f) => [f, imports(f)]));

describe("architecture", () => {
  it("has no import cycle (Tarjan's strongly connected components)", () => {
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const on = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      on.add(v);
      for (const w of graph.get(v)?.local ?? []) {
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          on.delete(w);
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1 || (graph.get(v)?.local ?? []).includes(v)) cycles.push(comp);
      }
    };
    for (const f of files) if (!idx.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it("nothing outside src/cli imports from src/cli", () => {
    const bad = files.filter((f) => !f.startsWith("src/cli/")).flatMap((f) => graph.get(f)!.local.filter((t) => t.startsWith("src/cli/")).map((t) => `${f} -> ${t}`));
    expect(bad).toEqual([]);
  });

  it("theory/ imports only theory/, src/core and ml-matrix (pure mathematics)", () => {
    const bad = files
      .filter((f) => f.startsWith("theory/"))
      .flatMap((f) => {
        const g = graph.get(f)!;
        return [...g.local.filter((t) => !t.startsWith("theory/") && !t.startsWith("src/core/")), ...g.packages.filter((p) => p !== "ml-matrix")].map((t) => `${f} -> ${t}`);
      });
    expect(bad).toEqual([]);
  });

  it("generic layers (core, run, nn, tasks, plot) import no result folder", () => {
    const folders = ["src/reuse/", "src/skills/", "src/proxy/"];
    const generic = ["src/core/", "src/run/", "src/nn/", "src/tasks/", "src/plot/"];
    const bad = files
      .filter((f) => generic.some((g) => f.startsWith(g)))
      .flatMap((f) => graph.get(f)!.local.filter((t) => folders.some((d) => t.startsWith(d)) || t === "src/registry.ts").map((t) => `${f} -> ${t}`));
    expect(bad).toEqual([]);
  });

  it("every result, claim and figure id is <folder>.<slug> and registered in its folder, once", async () => {
    const { registryProblems, FOLDERS } = await import("../src/registry");
    expect(registryProblems()).toEqual([]);
    for (const f of FOLDERS) expect(fs.existsSync(path.join(root, "src", f.name)), `src/${f.name}`).toBe(true);
  });
});
