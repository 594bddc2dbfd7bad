/**
 * `datalaws all` (what `npm start` runs): every figure and every claim at one scale through ONE
 * runner (each result computed at most once, transformer studies included), and the report
 * data/report/index.html.
 */
import * as path from "node:path";
import type { Claim } from "../core/claim";
import type { FigureDef } from "../core/figure";
import type { Scale } from "../core/scale";
import { defineCommand } from "./command";
import { FRESH_FLAG, ONLY_FLAG, SCALE_FLAG, THREADS_FLAG } from "./common";
import { claimProgressLine } from "./output";

/** A path relative to the working directory when it is inside it, else absolute. */
function shown(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : p;
}

export const command = defineCommand({
  name: "all",
  summary: "compute every result, export every figure, judge every claim and write data/report/index.html",
  flags: {
    scale: SCALE_FLAG,
    only: ONLY_FLAG,
    "skip-transformers": { kind: "boolean", description: "leave out the claims and figures that need a transformer study" },
    threads: THREADS_FLAG,
    fresh: FRESH_FLAG,
  },
  notes: "Progress goes to stderr; stdout gets one summary line. Exit status: 0 when every figure was exported and every claim judged, 1 when one errored (the report lists it), 2 on bad arguments.",
  examples: ["all --scale ci --skip-transformers", "all"],
  async run(o) {
    const reg = await import("../registry");
    const { Runner } = await import("../run/runner");
    const { drawFigure, evaluateClaims } = await import("../run/evaluate");
    const { exportFigures } = await import("../plot/export");
    const { writeReport } = await import("../plot/report");
    const { dataDir, toolkitVersion } = await import("../run/store");
    const t0 = Date.now();
    const studies = new Set(reg.studyFolders().map((f) => f.study));
    const keep = (x: Claim | FigureDef) => !o["skip-transformers"] || !x.needs.some((d) => studies.has(d));
    // --only may name claims, figures or both
    const sel = reg.selectClaimsAndFigures(o.only, "--only");
    const figureDefs = sel.figures.filter(keep);
    const claimDefs = sel.claims.filter(keep);
    const runner = new Runner({ scale: o.scale as Scale, threads: o.threads, fresh: o.fresh || undefined });
    process.stderr.write(`datalaws ${toolkitVersion()}: ${figureDefs.length} figures and ${claimDefs.length} claims at scale "${o.scale}" on ${runner.threads} thread(s)\n`);
    process.stderr.write("== figures ==\n");
    const drawn = [];
    for (const d of figureDefs) drawn.push(await drawFigure(d, runner));
    const figures = await exportFigures(drawn, { outDir: path.join(dataDir(), "figures"), log: (line) => process.stderr.write(line + "\n") });
    process.stderr.write("== claims ==\n");
    const claims = await evaluateClaims(claimDefs, runner, (c) => process.stderr.write(claimProgressLine(c) + "\n"));
    const computed = runner.log.filter((e) => e.source === "computed").length;
    const outPath = path.join(dataDir(), "report", "index.html");
    writeReport({
      title: "datalaws report",
      scale: o.scale as Scale,
      figures,
      claims,
      outPath,
      folderTitles: Object.fromEntries(reg.FOLDERS.map((f) => [f.name, f.title])),
      meta: { "total time": `${((Date.now() - t0) / 1000).toFixed(0)} s`, results: `${computed} computed, ${runner.log.length - computed} loaded` },
    });
    const badFigures = figures.filter((f) => f.error !== undefined).map((f) => f.def.id);
    const badClaims = claims.filter((c) => c.verdict === "error").map((c) => c.id);
    const pass = claims.filter((c) => c.verdict === "pass").length;
    const inconclusive = claims.filter((c) => c.verdict === "inconclusive").length;
    process.stdout.write(`${figures.length - badFigures.length}/${figures.length} figures, ${pass}/${claims.length} claims pass${inconclusive ? ` (${inconclusive} inconclusive: a premise did not pass)` : ""}; report: ${shown(outPath)}\n`);
    if (badFigures.length + badClaims.length > 0) {
      process.stderr.write(`datalaws all: ${[badFigures.length ? `figure(s) failed: ${badFigures.join(", ")}` : "", badClaims.length ? `claim(s) errored: ${badClaims.join(", ")}` : ""].filter(Boolean).join("; ")} (the report lists them)\n`);
      return 1;
    }
    return 0;
  },
});
