/** `datalaws figures [--only RESULT] [--scale ci|small|paper]` (and `datalaws reuse figures`): export figures. */
import { SCALES, type Scale } from "../core/scale";
import { selectFigures } from "../figures";
import { exportFigures } from "../plot/export";
import type { Args } from "./args";

export const usage = "figures [--only RESULT] [--scale ci|small|paper] [--out DIR]";

/** Export the selected figures (PNG + SVG + HTML + JSON) under data/figures/. */
export async function exportSelected(only: string | undefined, scale: Scale, outDir?: string) {
  const defs = selectFigures(only);
  return exportFigures(defs, scale, { outDir: outDir ?? "data/figures" });
}

export async function run(args: Args, forcedOnly?: string): Promise<void> {
  const only = forcedOnly ?? args.optionalString("only");
  const scale = args.oneOf("scale", SCALES, "small");
  const out = args.optionalString("out");
  const done = await exportSelected(only, scale, out);
  for (const f of done) process.stdout.write(`${f.def.id}: ${Object.values(f.files).filter(Boolean).join(", ")}\n`);
}
