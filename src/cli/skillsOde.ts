/** `datalaws skills ode`: the exact uniform (A,B) ODE — escape and solve times against d, or one trajectory. */
import { uniformOde } from "../../theory/skills/ode";
import { ParameterError } from "../core/validate";
import { defineCommand } from "./command";
import { JSON_FLAG } from "./common";
import { fmt, jsonLine, table } from "./output";
import { withFlags } from "./skillsCommon";

/** At most `max` indices of 0..n−1, evenly spaced, the first and last always included. */
export function thinned(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out = new Set<number>();
  for (let j = 0; j < max; j++) out.add(Math.round((j * (n - 1)) / (max - 1)));
  return [...out];
}

export const command = defineCommand({
  name: "skills ode",
  summary: "exact (A,B) ODE of gradient descent on the uniform skill-composition toy: escape and solve times against d",
  flags: {
    k: { kind: "integer", required: true, bounds: { min: 2 }, description: "composition depth k" },
    d: { kind: "integers", required: true, bounds: { min: 1 }, description: "numbers of skills d (each ≥ k)" },
    eta: { kind: "number", bounds: { gt: 0 }, defaultText: "1 unless --eta-fraction", description: "learning rate η (below the GD stability limit 2d/k²)" },
    "eta-fraction": { kind: "number", bounds: { gt: 0, lt: 1 }, metavar: "F", description: "learning rate as a fraction of the stability limit 2d/k² at each d (instead of --eta)" },
    r: { kind: "number", default: 0.5, bounds: { min: 1e-6, max: 1e6 }, description: "initialisation scale r" },
    A0: { kind: "number", defaultText: "the typical initial alignment", metavar: "A", description: "initial alignment A(0)" },
    output: { kind: "choice", choices: ["summary", "trajectory"], default: "summary", description: "one line per d, or the trajectory (t, A, B, loss)" },
    points: { kind: "integer", default: 400, bounds: { min: 2, max: 100000 }, description: "with --output trajectory: at most this many points per d (evenly spaced along the integration, first and last kept)" },
    json: JSON_FLAG,
  },
  notes: "Times are in GD steps at rate η. With --json: one line per d {k, d, eta, A0, B0, escapeSteps, solveSteps} (null where not reached within 1e40 steps), or per trajectory point {d, t, A, B, loss}.",
  examples: ["skills ode --k 4 --d 100,1000 --eta 1", "skills ode --k 4 --d 1000 --eta-fraction 0.5 --output trajectory --json"],
  async run(o) {
    const { k, r, A0 } = o;
    for (const d of o.d) if (d < k) throw new ParameterError("--d", d, `≥ k = ${k}`);
    if (o.eta !== undefined && o["eta-fraction"] !== undefined) throw new ParameterError("--eta", o.eta, "absent when --eta-fraction is given (one or the other)");
    const frac = o["eta-fraction"];
    const rows: Array<Record<string, unknown>> = [];
    for (const d of o.d) {
      const lim = (2 * d) / (k * k);
      const eta = frac !== undefined ? frac * lim : (o.eta ?? 1);
      if (!(eta < lim)) throw new ParameterError("--eta", eta, `> 0 and below the GD stability limit 2d/k² = ${fmt(lim, 4)} at d = ${d}`);
    }
    for (const d of o.d) {
      const lim = (2 * d) / (k * k);
      const eta = frac !== undefined ? frac * lim : (o.eta ?? 1);
      const x = withFlags(`--k ${k} --d ${d} --r ${r}${A0 !== undefined ? ` --A0 ${A0}` : ""}`, { A0: "--A0" }, () => uniformOde({ k, d, eta, r, A0, trajectory: o.output === "trajectory", maxSteps: 1e40 }));
      if (o.output === "trajectory") for (const i of thinned(x.t.length, o.points)) rows.push({ d, t: x.t[i], A: x.A[i], B: x.B[i], loss: x.loss[i] });
      else rows.push({ k, d, eta, A0: x.A0, B0: x.B0, escapeSteps: x.escapeSteps, solveSteps: x.solveSteps });
    }
    if (o.json) {
      for (const row of rows) process.stdout.write(jsonLine(row) + "\n");
      return;
    }
    const headers = Object.keys(rows[0]);
    const cell = (h: string, v: unknown) => (v === null && (h === "escapeSteps" || h === "solveSteps") ? "not reached" : fmt(v, 5));
    process.stdout.write(`uniform (A,B) ODE, k = ${k}, r = ${r}; times in GD steps at rate η ("not reached": not within 1e40 steps)\n` + table(headers, rows.map((row) => headers.map((h) => cell(h, row[h])))) + "\n");
  },
});
