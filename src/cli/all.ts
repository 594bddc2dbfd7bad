/**
 * `datalaws all` (what `npm start` runs): the default-scale results, every figure, every claim, and
 * the report data/report/index.html.
 */
import * as path from "node:path";
import { SCALES } from "../core/claim";
import { writeReport } from "../plot/report";
import { projectRoot, toolkitVersion } from "../run/store";
import type { Args } from "./args";
import { selectFigures } from "../figures";
import { exportFigures } from "../plot/export";
import { runClaims } from "./check";

export const usage = "all [--scale ci|small|paper] [--only RESULT] [--skip-transformers]";

export async function run(args: Args): Promise<void> {
  const scale = args.oneOf("scale", SCALES, "small");
  const only = args.optionalString("only");
  args.bool("skip-transformers"); // no transformer studies exist yet; accepted for forward compatibility
  const t0 = Date.now();
  process.stderr.write(`datalaws ${toolkitVersion()}: main job at scale "${scale}"\n`);
  process.stderr.write("== figures ==\n");
  // a figure that fails is reported (and makes the job exit non-zero) but does not stop the others
  const defs = selectFigures(only);
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
  const claims = await runClaims(only, scale, (o) => process.stderr.write(`${o.verdict === "pass" ? "pass" : "FAIL"}  ${o.id} (${o.seconds.toFixed(1)} s)\n`));
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
