/** `datalaws skills ode`: the exact uniform (A,B) ODE — escape and solve times against d, or one trajectory. */
import { uniformOde } from "../../theory/skills/ode";
import { ParameterError } from "../core/validate";
import type { Args } from "./args";
import { fmt, jsonLine, table } from "./output";

export const usage = "skills ode --k K --d LIST [--eta E | --eta-fraction F] [--r R] [--A0 A] [--output summary|trajectory] [--json]";

export async function run(args: Args): Promise<void> {
  const k = args.integer("k", undefined, { min: 2 });
  const ds = args.list("d", undefined, { min: 1 }, true);
  for (const d of ds) if (d < k) throw new ParameterError("--d", d, `≥ k = ${k}`);
  const r = args.number("r", 0.5, { gt: 0 });
  const frac = args.has("eta-fraction") ? args.number("eta-fraction", undefined, { gt: 0, lt: 1 }) : undefined;
  const etaFixed = frac === undefined ? args.number("eta", 1, { gt: 0 }) : undefined;
  const A0 = args.has("A0") ? args.number("A0", undefined) : undefined;
  const output = args.oneOf("output", ["summary", "trajectory"] as const, "summary");
  const json = args.bool("json");
  const rows: Array<Record<string, unknown>> = [];
  for (const d of ds) {
    const lim = (2 * d) / (k * k);
    const eta = frac !== undefined ? frac * lim : (etaFixed as number);
    if (!(eta < lim)) throw new ParameterError("--eta", eta, `> 0 and below the GD stability limit 2d/k² = ${fmt(lim, 4)} at d = ${d}`);
    const o = uniformOde({ k, d, eta, r, A0, trajectory: output === "trajectory", maxSteps: 1e40 });
    if (output === "trajectory") o.t.forEach((t, i) => rows.push({ d, t, A: o.A[i], B: o.B[i], loss: o.loss[i] }));
    else rows.push({ k, d, eta, A0: o.A0, B0: o.B0, escapeSteps: o.escapeSteps, solveSteps: o.solveSteps });
  }
  if (json) {
    for (const row of rows) process.stdout.write(jsonLine(row) + "\n");
    return;
  }
  const headers = Object.keys(rows[0]);
  process.stdout.write(`uniform (A,B) ODE, k = ${k}, r = ${r}; times in GD steps at rate η\n` + table(headers, rows.map((row) => headers.map((h) => fmt(row[h], 5)))) + "\n");
}
