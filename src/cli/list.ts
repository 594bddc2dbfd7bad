/** `datalaws list`: every result, claim and figure of the registry, with its folder. */
import { defineCommand } from "./command";
import { JSON_FLAG } from "./common";
import { jsonLine, table } from "./output";

/** One registry entry as printed by `list`. */
export interface ListEntry {
  folder: string;
  kind: "result" | "study" | "claim" | "figure";
  id: string;
  title: string;
}

export const command = defineCommand({
  name: "list",
  summary: "list every result, claim and figure with its folder (src/<folder>/)",
  flags: {
    kind: { kind: "choice", choices: ["result", "study", "claim", "figure"], description: "only entries of this kind" },
    json: JSON_FLAG,
  },
  notes: "An id <folder>.<slug> leads to src/<folder>/ (its mathematics to theory/<folder>/).\nWith --json: one line per entry {folder, kind, id, title}.",
  async run(o) {
    const { FOLDERS } = await import("../registry");
    const { folderOf } = await import("../core/result");
    const entries: ListEntry[] = [];
    for (const f of FOLDERS) {
      for (const r of f.results) if (r !== f.study) entries.push({ folder: f.name, kind: "result", id: r.id, title: r.title });
      if (f.study) entries.push({ folder: f.name, kind: "study", id: f.study.id, title: f.study.title });
      // results a claim or figure needs that the folder does not list itself (normally none)
      const listed = new Set([...f.results, ...(f.study ? [f.study] : [])]);
      const extra = new Set([...f.claims, ...f.figures].flatMap((x) => x.needs).filter((d) => !listed.has(d) && folderOf(d.id) === f.name));
      for (const r of extra) entries.push({ folder: f.name, kind: "result", id: r.id, title: r.title });
      for (const c of f.claims) entries.push({ folder: f.name, kind: "claim", id: c.id, title: c.statement });
      for (const g of f.figures) entries.push({ folder: f.name, kind: "figure", id: g.id, title: g.title });
    }
    const shown = o.kind === undefined ? entries : entries.filter((e) => e.kind === o.kind);
    if (o.json) {
      for (const e of shown) process.stdout.write(jsonLine(e) + "\n");
      return;
    }
    const clip = (s: string) => (s.length > 90 ? s.slice(0, 89) + "…" : s);
    for (const f of FOLDERS) {
      const mine = shown.filter((e) => e.folder === f.name);
      if (mine.length === 0) continue;
      process.stdout.write(`${f.name} — ${f.title}  (src/${f.name}/, theory/${f.name}/)\n`);
      process.stdout.write(table(["kind", "id", "title"], mine.map((e) => [e.kind, e.id, clip(e.title)])).replace(/^/gm, "  ") + "\n\n");
    }
    const count = (k: ListEntry["kind"]) => shown.filter((e) => e.kind === k).length;
    process.stdout.write(`${count("result")} results, ${count("study")} studies, ${count("claim")} claims, ${count("figure")} figures\n`);
  },
});
