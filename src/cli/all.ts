/**
 * `datalaws all` (what `npm start` runs): the default-scale results, every figure, every claim, and
 * the report data/report/index.html.
 */
import * as path from "node:path";
import { runClaim } from "../core/claim";
import { SCALES } from "../core/scale";
import { writeReport } from "../plot/report";
import { projectRoot, toolkitVersion } from "../run/store";
import type { Args } from "./args";
import { selectFigures } from "../figures";
import { exportFigures } from "../plot/export";
import { selectClaims } from "./check";
import { getStudy, isStudyClaim, isStudyFigure, studyNames } from "../studies";

export const usage = "all [--scale ci|small|paper] [--only RESULT] [--skip-transformers]";

export async function run(args: Args): Promise<void> {
  const scale = args.oneOf("scale", SCALES, "small");
  const only = args.optionalString("only");
  const skipTransformers = args.bool("skip-transformers");
  const t0 = Date.now();
  process.stderr.write(`datalaws ${toolkitVersion()}: main job at scale "${scale}"\n`);
  // transformer studies first (trained or resumed on both cores; their figures and claims then read the cache)
  const studies = skipTransformers ? [] : studyNames().filter((n) => !only || only.split(",").some((k) => getStudy(n).result === k.trim()));
  for (const name of studies) {
    process.stderr.write(`== study ${name} ==\n`);
    await getStudy(name).run(scale);
  }
  process.stderr.write("== figures ==\n");
  // a figure that fails is reported (and makes the job exit non-zero) but does not stop the others
  const defs = selectFigures(only).filter((f) => !skipTransformers || !isStudyFigure(f.id));
  const errors = new Map<string, string>();
  const exported = await exportFigures(defs, scale, {
    outDir: path.join(projectRoot(), "data", "figures"),
    onError: "continue",
    log: (line) => {
      process.stderr.write(line + "\n");
      const m = /^\[figures \d+\/\d+\] (\S+)\s+FAILED.*?: (.*)$/.exec(line);
      if (m) errors.set(m[1], m[2]);
    },
  });
  const figures = defs.map((def) => exported.find((f) => f.def.id === def.id) ?? { def, files: null, error: errors.get(def.id) ?? "failed" });
  process.stderr.write("== claims ==\n");
  const claims = [];
  for (const c of selectClaims(only).filter((c) => !skipTransformers || !isStudyClaim(c.id))) {
    const o = await runClaim(c, scale);
    process.stderr.write(`${o.verdict === "pass" ? "pass" : "FAIL"}  ${o.id} (${o.seconds.toFixed(1)} s)\n`);
    claims.push(o);
  }
  const outPath = path.join(projectRoot(), "data", "report", "index.html");
  writeReport({
    title: "datalaws report",
    scale,
    figures,
    claims,
    outPath,
    meta: { "total time": `${((Date.now() - t0) / 1000).toFixed(0)} s` },
  });
  const failed = claims.filter((c) => c.verdict === "fail").length;
  process.stdout.write(
    `${exported.length}/${defs.length} figures, ${claims.length - failed}/${claims.length} claims pass; report: ${path.relative(process.cwd(), outPath)}\n`,
  );
  if (errors.size > 0) throw new Error(`${errors.size} figure(s) failed: ${[...errors.keys()].join(", ")} (the report lists them)`);
}
