/**
 * `datalaws all` (what `npm start` runs): the default-scale results, every figure, every claim, and
 * the report data/report/index.html.
 */
import * as path from "node:path";
import { SCALES } from "../core/claim";
import { writeReport } from "../plot/report";
import { projectRoot, toolkitVersion } from "../run/store";
import type { Args } from "./args";
import { runClaims } from "./check";
import { exportSelected } from "./figures";

export const usage = "all [--scale ci|small|paper] [--only RESULT] [--skip-transformers]";

export async function run(args: Args): Promise<void> {
  const scale = args.oneOf("scale", SCALES, "small");
  const only = args.optionalString("only");
  args.bool("skip-transformers"); // no transformer studies exist yet; accepted for forward compatibility
  const t0 = Date.now();
  process.stderr.write(`datalaws ${toolkitVersion()}: main job at scale "${scale}"\n`);
  process.stderr.write("== figures ==\n");
  const figures = await exportSelected(only, scale);
  process.stderr.write("== claims ==\n");
  const claims = await runClaims(only, scale, (o) => process.stderr.write(`${o.verdict === "pass" ? "pass" : "FAIL"}  ${o.id} (${o.seconds.toFixed(1)} s)\n`));
  const outPath = path.join(projectRoot(), "data", "report", "index.html");
  writeReport({
    title: "datalaws report",
    figures,
    claims,
    outPath,
    meta: { scale, "total time": `${((Date.now() - t0) / 1000).toFixed(0)} s` },
  });
  const failed = claims.filter((c) => c.verdict === "fail").length;
  process.stdout.write(`${figures.length} figures, ${claims.length - failed}/${claims.length} claims pass; report: ${path.relative(process.cwd(), outPath)}\n`);
}
