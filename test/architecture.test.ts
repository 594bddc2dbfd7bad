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
    const hit = [base + ".ts", path.join(base, "index.ts"), base].find((c) => fs.existsSync(path.join(root, c)) && fs.statSync(path.join(root, c)).isFile());
    // an import this test cannot resolve would hide an edge of the graph
    if (!hit) throw new Error(`${file}: cannot resolve import "${s}"`);
    local.push(hit);
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

  it("imports go down the layers: core ← run ← nn, tasks, plot ← result folders ← registry ← cli", async () => {
    const { FOLDERS } = await import("../src/registry");
    const folders = FOLDERS.map((f) => `src/${f.name}/`);
    const layer = (f: string): string =>
      f.startsWith("theory/") ? "theory" : folders.some((d) => f.startsWith(d)) ? "folder" : f.startsWith("src/") && f.split("/").length > 2 ? f.split("/")[1] : f;
    // what each layer may import (besides itself)
    const allowed: Record<string, string[]> = {
      "src/core": [],
      theory: ["src/core"],
      "src/run": ["src/core"],
      "src/nn": ["src/core", "src/run"],
      "src/tasks": ["src/core", "src/run", "theory"],
      "src/plot": ["src/core", "src/run"],
      folder: ["src/core", "src/run", "src/nn", "src/tasks", "src/plot", "theory"],
    };
    const norm = (l: string) => (l === "theory" || l === "folder" ? l : `src/${l}`);
    const bad: string[] = [];
    for (const f of files) {
      const from = norm(layer(f));
      const ok = allowed[from];
      if (!ok) continue; // registry, index, notebook helpers, cli: may import any layer (cli only from itself upward)
      for (const t of graph.get(f)!.local) {
        const to = norm(layer(t));
        if (to === from && from !== "folder") continue;
        if (from === "folder" && to === "folder") {
          // a result folder imports only itself
          if (folders.find((d) => f.startsWith(d)) !== folders.find((d) => t.startsWith(d))) bad.push(`${f} -> ${t}`);
          continue;
        }
        if (!ok.includes(to)) bad.push(`${f} -> ${t}`);
      }
    }
    expect(bad).toEqual([]);
  }, 60_000); // imports the whole registry (seconds under load)

  it("every result, claim and figure id is <folder>.<slug> and registered in its folder, once", async () => {
    const { registryProblems, FOLDERS } = await import("../src/registry");
    expect(registryProblems()).toEqual([]);
    for (const f of FOLDERS) expect(fs.existsSync(path.join(root, "src", f.name)), `src/${f.name}`).toBe(true);
  });
});
