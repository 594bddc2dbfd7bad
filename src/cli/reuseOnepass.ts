/** `datalaws reuse onepass`: the optimal one-pass risk R̄*(1,N) and its learning rate. */
import { optimalOnePassRisk } from "../../theory/reuse/optimalRate";
import { zipfOnePassRisk } from "../../theory/reuse/zipf";
import type { Args } from "./args";
import { fmt, jsonLine, table } from "./output";
import { subjectFromArgs } from "./reuseRate";

export const usage = "reuse onepass --spectrum SPEC --d D --sigma S --N LIST [--features gaussian|rademacher] [--wstar W] [--json]";

export async function run(args: Args): Promise<void> {
  const subject = subjectFromArgs(args);
  const Ns = args.list("N", undefined, { min: 1 });
  const json = args.bool("json");
  const rows = Ns.map((N) => {
    if (subject.kind === "zipf") return { N, risk: zipfOnePassRisk(subject.model, N), eta: 1 };
    const r = optimalOnePassRisk(subject.problem, N);
    return { N, risk: r.risk, eta: r.eta };
  });
  if (json) {
    for (const r of rows) process.stdout.write(jsonLine(r) + "\n");
    return;
  }
  process.stdout.write(table(["N", "risk", "eta"], rows.map((r) => [fmt(r.N), fmt(r.risk, 6), fmt(r.eta, 6)])) + "\n");
}
