/** `datalaws reuse rate`: E(K,N) on a grid, by the exact, plateau, mc or theory method. */
import { linearProblem, FEATURES } from "../../theory/reuse/problem";
import { progress } from "../run/progress";
import { resultsDir } from "../run/store";
import { defaultMethod, REUSE_METHODS, reuseRates, type ReuseSubject } from "../reuse/reuseRate";
import type { Args } from "./args";
import { fmt, jsonLine, table } from "./output";
import { parseSpectrum } from "./spectrum";

export const usage =
  "reuse rate --spectrum SPEC --d D --sigma S --N LIST --K LIST [--features gaussian|rademacher] [--method exact|plateau|mc|theory] [--runs R] [--seed S] [--wstar W] [--threads T] [--json]";

/** Build the subject (linear problem or Zipf model) from --spectrum, --d, --sigma, --features, --wstar. */
export function subjectFromArgs(args: Args): ReuseSubject {
  const d = args.integer("d", undefined, { min: 1 });
  const spec = parseSpectrum(args.string("spectrum"), d);
  const features = args.oneOf("features", FEATURES, "gaussian");
  const wstar = args.number("wstar", 1);
  if (spec.kind === "zipf") {
    const sigma = args.number("sigma", 0, { min: 0 });
    if (sigma !== 0) throw new Error("--sigma = " + sigma + ": must be 0 for zipf:A:B (the Zipf model has no label noise)");
    if (wstar !== 1) throw new Error("--wstar = " + wstar + ": must be 1 for zipf:A:B (w* = 1 in the closed form)");
    return { kind: "zipf", model: spec.model };
  }
  const sigma = args.number("sigma", undefined, { min: 0 });
  return { kind: "linear", problem: linearProblem(spec.lambda, { sigma, features, wstar }) };
}

export async function run(args: Args): Promise<void> {
  const subject = subjectFromArgs(args);
  const d = subject.kind === "zipf" ? subject.model.d : subject.problem.lambda.length;
  const Ns = args.list("N", undefined, { min: 1 }, true);
  const Ks = args.list("K", undefined, { min: 1, allowInfinity: true }, true);
  const method = args.oneOf("method", REUSE_METHODS, defaultMethod(subject, Ks));
  const runs = args.integer("runs", 100, { min: 2 });
  const seed = args.integer("seed", 0, { min: 0 });
  const threads = args.integer("threads", Math.min(2, require("node:os").cpus().length), { min: 1 });
  const json = args.bool("json");
  if (subject.kind === "linear" && subject.problem.features === "gaussian" && (method === "plateau" || Ks.includes(Infinity))) {
    for (const N of Ns) {
      if (N <= d + 1) {
        throw new Error(`--N = ${N}: must be > d + 1 = ${d + 1} for K = inf (the least-squares risk is undefined at N ≤ d + 1)`);
      }
    }
  }
  const bar = progress("reuse rate (Monte Carlo)", { quiet: method !== "mc" });
  // Monte Carlo checkpoints: an interrupted run resumes where it stopped when rerun with the same flags
  const checkpointDir = require("node:path").join(resultsDir(), "partial");
  const rows = await reuseRates(subject, Ns, Ks, { method, runs, seed, threads, checkpointDir, onProgress: (a, b, l) => bar.update(a, b, l) });
  if (method === "mc") bar.done();
  if (json) {
    for (const r of rows) {
      const o: Record<string, unknown> = { N: r.N, K: r.K, E: r.E, risk: r.risk, eta: r.eta };
      if (r.se !== undefined) o.se = r.se;
      process.stdout.write(jsonLine(o) + "\n");
    }
    return;
  }
  const headers = ["N", "K", "E", ...(method === "mc" ? ["se"] : []), "E/K", "risk", "eta"];
  const body = rows.map((r) => [
    fmt(r.N),
    fmt(r.K),
    fmt(r.E, 6),
    ...(method === "mc" ? [fmt(r.se, 2)] : []),
    r.K === Infinity ? "—" : fmt(r.E / r.K, 4),
    fmt(r.risk, 5),
    fmt(r.eta, 4),
  ]);
  process.stdout.write(`E(K,N) by method "${method}"\n` + table(headers, body) + "\n");
}
