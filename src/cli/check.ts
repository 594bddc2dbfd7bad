/** `datalaws check [--only RESULT|ID-PREFIX] [--scale ci|small|paper] [--json]`: run the claims. */
import { runClaim, type ClaimOutcome } from "../core/claim";
import { SCALES, type Scale } from "../core/scale";
import { claims } from "../claims";
import { ParameterError } from "../core/validate";
import type { Args } from "./args";
import { fmt, jsonLine, table } from "./output";

export const usage = "check [--only RESULT] [--scale ci|small|paper] [--json]";

/** Select claims by result name or id prefix (comma-separated). */
export function selectClaims(only?: string) {
  if (!only) return claims;
  const keys = only.split(",").map((s) => s.trim());
  const sel = claims.filter((c) => keys.some((k) => c.result === k || c.id === k || c.id.startsWith(k + ".") || c.id.startsWith(k)));
  if (sel.length === 0) {
    const results = [...new Set(claims.map((c) => c.result))];
    throw new ParameterError("--only", only, `a result (${results.join(", ")}) or a claim id prefix`);
  }
  return sel;
}

/** Run the selected claims, one after the other, reporting each as it finishes. */
export async function runClaims(only: string | undefined, scale: Scale, onEach?: (o: ClaimOutcome) => void): Promise<ClaimOutcome[]> {
  const out: ClaimOutcome[] = [];
  for (const c of selectClaims(only)) {
    const o = await runClaim(c, scale);
    onEach?.(o);
    out.push(o);
  }
  return out;
}

export async function run(args: Args): Promise<void> {
  const only = args.optionalString("only");
  const scale = args.oneOf("scale", SCALES, "small");
  const json = args.bool("json");
  const outcomes = await runClaims(only, scale, (o) => {
    if (json) {
      process.stdout.write(
        jsonLine({ id: o.id, paper: o.paper, verdict: o.verdict, measured: o.measured, predicted: o.predicted, tolerance: o.tolerance }) + "\n",
      );
    } else process.stderr.write(`${o.verdict === "pass" ? "pass" : "FAIL"}  ${o.id} (${o.seconds.toFixed(1)} s)\n`);
  });
  if (!json) {
    const rows = outcomes.map((o) => [o.verdict === "pass" ? "pass" : "FAIL", o.id, fmt(o.measured), fmt(o.predicted), fmt(o.tolerance)]);
    process.stdout.write(table(["verdict", "claim", "measured", "predicted", "tolerance"], rows) + "\n");
    const failed = outcomes.filter((o) => o.verdict === "fail").length;
    process.stdout.write(`${outcomes.length - failed}/${outcomes.length} claims pass at scale ${scale}\n`);
    for (const o of outcomes) if (o.details && "error" in o.details) process.stdout.write(`  ${o.id}: error: ${o.details.error}\n`);
  }
}
