/** `datalaws reuse rate`: the effective reuse rate E(K,N) on a grid, by the exact, plateau, mc or theory method. */
import { FEATURES, linearProblem, linearProblemCost } from "../../theory/reuse/problem";
import { checkCost } from "../core/resources";
import { ParameterError } from "../core/validate";
import { applicableMethods, defaultMethod, REUSE_METHODS, type ReuseMethod, type ReuseSubject } from "../reuse/reuseRate";
import { defineCommand } from "./command";
import { JSON_FLAG, threadsOr, THREADS_FLAG } from "./common";
import { fmt, jsonLine, table } from "./output";
import { parseSpectrum, SPEC_HELP } from "./spectrum";

/** The flags that define the learning problem (shared with `reuse onepass`). */
export const SUBJECT_FLAGS = {
  spectrum: { kind: "string", required: true, metavar: "SPEC", description: "spectrum of the data covariance (see SPEC below)" },
  d: { kind: "integer", required: true, bounds: { min: 1 }, metavar: "D", description: "dimension (number of eigenvalues or tokens)" },
  sigma: { kind: "number", bounds: { min: 0 }, metavar: "S", description: "label-noise standard deviation σ: needed for linear spectra, 0 (or absent) for zipf" },
  features: { kind: "choice", choices: FEATURES, default: "gaussian", description: "feature distribution x = √H z with z Gaussian or Rademacher" },
  wstar: { kind: "number", default: 1, metavar: "W", description: "target weights w* = W·(1, …, 1) (must be 1 for zipf)" },
} as const;

/** The learning problem (linear with a spectrum, or the Zipf model) from the subject flags. */
export function subjectOf(o: { spectrum: string; d: number; sigma: number | undefined; features: string; wstar: number }): ReuseSubject {
  // the spectrum's arrays are allocated first: refuse a d that cannot fit before allocating them
  checkCost("the spectrum", (v) => linearProblemCost(v.d, 0), { d: o.d }, { names: { d: "--d" }, warn: null });
  const spec = parseSpectrum(o.spectrum, o.d);
  if (spec.kind === "zipf") {
    if ((o.sigma ?? 0) !== 0) throw new ParameterError("--sigma", o.sigma, "0 for zipf:A:B (the Zipf model has no label noise)");
    if (o.wstar !== 1) throw new ParameterError("--wstar", o.wstar, "1 for zipf:A:B (w* = 1 in the closed form)");
    return { kind: "zipf", model: spec.model };
  }
  if (o.sigma === undefined) throw new ParameterError("--sigma", "(missing)", `given for the linear spectrum ${o.spectrum}: a number ≥ 0`);
  return { kind: "linear", problem: linearProblem(spec.lambda, { sigma: o.sigma, features: o.features as (typeof FEATURES)[number], wstar: o.wstar }) };
}

export const command = defineCommand({
  name: "reuse rate",
  summary: "effective reuse rate E(K,N) of K epochs over N samples, by exact formula, plateau, Monte Carlo or theory",
  flags: {
    ...SUBJECT_FLAGS,
    N: { kind: "integers", required: true, bounds: { min: 1 }, description: "sample sizes" },
    K: { kind: "integers", required: true, bounds: { min: 1, allowInfinity: true }, description: "epochs (inf: train to convergence)" },
    method: { kind: "choice", choices: REUSE_METHODS, defaultText: "exact where it applies (zipf, or every K = 1), plateau when every K = inf, else mc", description: "exact closed form, plateau (K = inf), mc (multi-epoch Monte Carlo), theory (leading-order formulas)" },
    runs: { kind: "integer", bounds: { min: 2 }, default: 100, description: "Monte Carlo runs per N" },
    seed: { kind: "integer", bounds: { min: 0 }, default: 0, description: "Monte Carlo seed (same seed → same numbers at any thread count)" },
    threads: THREADS_FLAG,
    json: JSON_FLAG,
  },
  notes: `${SPEC_HELP}\n\nWith --json: one line per (N, K) {N, K, E, risk, eta} (+ se for mc); K = inf is written "inf".\nAn interrupted mc run resumes from its checkpoint when run again with the same flags.`,
  examples: ["reuse rate --spectrum zipf:4.5:1 --d 1e4 --N 1e3,1e4 --K 1,4,inf", "reuse rate --spectrum isotropic --d 10 --sigma 0.1 --N 100 --K 1,4 --method mc --runs 200 --json"],
  async run(o) {
    const subject = subjectOf(o);
    const d = subject.kind === "zipf" ? subject.model.d : subject.problem.lambda.length;
    const method = (o.method ?? defaultMethod(subject, o.K)) as ReuseMethod;
    for (const K of o.K) {
      const ok = applicableMethods(subject, K);
      if (!ok.includes(method)) {
        const why = subject.kind === "linear" && K !== 1 && K !== Infinity && method === "exact" ? " (there is no exact multi-epoch formula for Gaussian or Rademacher features)" : "";
        throw new ParameterError("--method", method, `one of ${ok.join(", ")} for K = ${K === Infinity ? "inf" : K}${why}`);
      }
    }
    if (subject.kind === "linear" && subject.problem.features === "gaussian" && (method === "plateau" || o.K.includes(Infinity))) {
      for (const N of o.N) {
        if (N <= d + 1) throw new ParameterError("--N", N, `> d + 1 = ${d + 1} for K = inf (the least-squares risk is undefined at N ≤ d + 1)`);
      }
    }
    const { progress } = await import("../run/progress");
    const { configKey, resultFolder } = await import("../run/store");
    const { checkReuseRateSize, reuseRates } = await import("../reuse/reuseRate");
    const names = { d: "--d", N: "--N", K: "--K", runs: "--runs" };
    // refuse what cannot fit, announce what is long, before the config key (which hashes the whole spectrum)
    checkReuseRateSize(subject, o.N, o.K, { method, runs: o.runs, threads: threadsOr(o.threads), names, warn: (line) => process.stderr.write(line + "\n") });
    const path = await import("node:path");
    const fs = await import("node:fs");
    const bar = progress("reuse rate (Monte Carlo)", { quiet: method !== "mc" });
    // Monte Carlo checkpoints in data/results/reuse/rate/<key>.partial/, key = the flags that change the
    // numbers (not --threads): an interrupted run resumes where it stopped when rerun with the same flags
    const key = configKey({ id: "reuse.rate", subject, N: o.N, K: o.K, method, runs: o.runs, seed: o.seed });
    const checkpointDir = method === "mc" ? path.join(resultFolder("reuse.rate"), `${key}.partial`) : undefined;
    const rows = await reuseRates(subject, o.N, o.K, { method, runs: o.runs, seed: o.seed, threads: threadsOr(o.threads), checkpointDir, names, onProgress: (a, b, l) => bar.update(a, b, l) });
    if (checkpointDir) {
      try {
        fs.rmdirSync(checkpointDir); // each N's checkpoint file is removed when it has finished
      } catch {
        /* never created (nothing to resume), or a file set aside as .bad stays for inspection */
      }
    }
    if (method === "mc") bar.done();
    if (o.json) {
      for (const r of rows) process.stdout.write(jsonLine({ N: r.N, K: r.K, E: r.E, risk: r.risk, eta: r.eta, ...(r.se !== undefined ? { se: r.se } : {}) }) + "\n");
      return;
    }
    const headers = ["N", "K", "E", ...(method === "mc" ? ["se"] : []), "E/K", "risk", "eta"];
    const body = rows.map((r) => [fmt(r.N), fmt(r.K), fmt(r.E, 6), ...(method === "mc" ? [fmt(r.se, 2)] : []), r.K === Infinity ? "—" : fmt(r.E / r.K, 4), fmt(r.risk, 5), fmt(r.eta, 4)]);
    process.stdout.write(`E(K,N) by method "${method}"\n` + table(headers, body) + "\n");
  },
});
