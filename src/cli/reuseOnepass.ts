/** `datalaws reuse onepass`: the optimal one-pass risk R̄*(1,N) and its learning rate. */
import { optimalOnePassRisk } from "../../theory/reuse/optimalRate";
import { zipfOnePassRisk } from "../../theory/reuse/zipf";
import { linearProblemCost } from "../../theory/reuse/problem";
import { checkCost } from "../core/resources";
import { defineCommand } from "./command";
import { JSON_FLAG } from "./common";
import { fmt, jsonLine, table } from "./output";
import { checkFiniteRows, checkZipfResolved, libraryCall, SUBJECT_FLAGS, subjectOf } from "./reuseRate";
import { SPEC_HELP } from "./spectrum";

export const command = defineCommand({
  name: "reuse onepass",
  summary: "optimal one-pass SGD risk R*(1,N) and its learning rate η, for each N",
  flags: { ...SUBJECT_FLAGS, N: { kind: "numbers", required: true, bounds: { min: 1, max: 1e15 }, description: "sample sizes" }, json: JSON_FLAG },
  notes: `${SPEC_HELP}\n\nWith --json: one line per N {N, risk, eta}.`,
  examples: ["reuse onepass --spectrum isotropic --d 10 --sigma 0.1 --N 1e3,1e4"],
  async run(o) {
    const subject = subjectOf(o);
    const d = subject.kind === "zipf" ? subject.model.d : subject.problem.lambda.length;
    checkCost("reuse onepass", (v) => linearProblemCost(v.d, o.N.length), { d }, { names: { d: "--d" }, warn: (line) => process.stderr.write(line + "\n") });
    checkZipfResolved(subject, o.spectrum, o.N);
    const inputs = `--spectrum ${o.spectrum} --d ${o.d} --sigma ${o.sigma ?? 0} --wstar ${o.wstar}`;
    const rows = await libraryCall(inputs, () =>
      o.N.map((N) => {
        if (subject.kind === "zipf") return { N, risk: zipfOnePassRisk(subject.model, N), eta: 1 };
        const r = optimalOnePassRisk(subject.problem, N);
        return { N, risk: r.risk, eta: r.eta };
      }),
    );
    checkFiniteRows(rows, inputs);
    if (o.json) {
      for (const r of rows) process.stdout.write(jsonLine(r) + "\n");
      return;
    }
    process.stdout.write(table(["N", "risk", "eta"], rows.map((r) => [fmt(r.N), fmt(r.risk, 6), fmt(r.eta, 6)])) + "\n");
  },
});
