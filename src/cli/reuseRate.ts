/** `datalaws reuse rate`: the effective reuse rate E(K,N) on a grid, by the exact, plateau, mc or asymptotic method. */
import { FEATURES, linearProblem, linearProblemCost } from "../../theory/reuse/problem";
import { zipfUndefinedReason } from "../../theory/reuse/zipf";
import { checkCost } from "../core/resources";
import { ParameterError } from "../core/validate";
import { minSamplesForOls } from "../../theory/reuse/olsTrace";
import { applicableMethods, defaultMethod, METHOD_LABELS, REUSE_METHODS, type ReuseMethod, type ReuseSubject } from "../reuse/reuseRate";
import { defineCommand } from "./command";
import { JSON_FLAG, threadsOr, THREADS_FLAG } from "./common";
import { fmt, jsonLine, table } from "./output";
import { parseSpectrum, SPEC_HELP } from "./spectrum";

/** The flags that define the learning problem (shared with `reuse onepass`). */
export const SUBJECT_FLAGS = {
  spectrum: { kind: "string", required: true, metavar: "SPEC", description: "spectrum of the data covariance (see SPEC below)" },
  d: { kind: "integer", required: true, bounds: { min: 1 }, metavar: "D", description: "dimension (number of eigenvalues or tokens)" },
  sigma: { kind: "number", bounds: { min: 0, max: 1e12 }, metavar: "S", description: "label-noise standard deviation σ: needed for linear spectra, 0 (or absent) for zipf" },
  features: { kind: "choice", choices: FEATURES, default: "gaussian", description: "feature distribution x = √H z with z Gaussian or Rademacher" },
  wstar: { kind: "number", default: 1, bounds: { min: -1e12, max: 1e12 }, metavar: "W", description: "target weights w* = W·(1, …, 1), W ≠ 0 (must be 1 for zipf)" },
} as const;

/**
 * Zipf: E(K,N) is found by inverting the one-pass risk N′ ↦ R̄*(1,N′) (arXiv 2511.13421, Sec. 5). When that
 * risk does not change in double precision between N and 2N (tokens too rare to be seen, or all learned),
 * N′ is not determined: say so instead of printing E = K or 0.
 */
export function checkZipfResolved(subject: ReuseSubject, spectrum: string, Ns: readonly number[], Ks: readonly number[] = [1]): void {
  if (subject.kind !== "zipf") return;
  const Kmax = Math.max(1, ...Ks.filter((K) => Number.isFinite(K)));
  for (const N of Ns) {
    const why = zipfUndefinedReason(subject.model, Kmax, N);
    if (why) throw new ParameterError("--spectrum", spectrum, `a Zipf model at which E(K,N) is defined at d = ${subject.model.d}: ${why.allowed}; use a smaller exponent, another d or a smaller N`);
  }
}

/** Every number a row prints is finite (else the inputs are beyond what double precision resolves). */
export function checkFiniteRows(rows: ReadonlyArray<Record<string, unknown>>, inputs: string): void {
  for (const r of rows) {
    for (const [k, v] of Object.entries(r)) {
      if (typeof v === "number" && !Number.isFinite(v) && !(k === "K" && v === Infinity)) throw new Error(`${inputs} at N = ${r.N}: must be inputs at which ${k} is ${Number.isNaN(v) ? "defined" : "finite"} in double precision; use less extreme --spectrum, --sigma, --wstar or --N`);
    }
    // K passes over N samples do at least as well as one pass (E ≥ 1) and no better than K·N fresh samples
    // (E ≤ K); outside, the one-pass risk curve is too flat (noise-dominated) to invert in double precision
    // (not for the leading-order asymptote, which is not E and may fall below 1 at small N)
    const E = r.E as number;
    if (r.method !== "mc" && r.method !== "asymptotic" && typeof E === "number" && (E < 1 - 1e-6 || E > (r.K as number) * (1 + 1e-6))) {
      throw new Error(`${inputs} at N = ${r.N}, K = ${r.K === Infinity ? "inf" : r.K}: must be inputs at which E(K,N) is resolved in double precision — the one-pass risk is too flat to invert here (E came out as ${E.toPrecision(3)}, outside [1, K]); use a larger |--wstar| relative to --sigma, or another --N`);
    }
  }
}

/**
 * Run a library computation on the user's inputs: an error it raises names its own internals (a
 * root-finder bracket, `target = …`), so it is re-raised naming the flags the user wrote.
 */
export async function libraryCall<T>(inputs: string, f: () => T | Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof ParameterError && e.parameter.startsWith("--")) throw e;
    const why = (e instanceof Error ? e.message : String(e)).split("\n")[0].replace(/\bInfinity\b/g, "inf").replace(/\bNaN\b/g, "undefined");
    throw new Error(`${inputs}: must be a problem the risk formulas resolve in double precision (they fail here: ${why}); use less extreme values`);
  }
}

/** The learning problem (linear with a spectrum, or the Zipf model) from the subject flags. */
export function subjectOf(o: { spectrum: string; d: number; sigma: number | undefined; features: string; wstar: number }): ReuseSubject {
  // the spectrum's arrays are allocated first: refuse a d that cannot fit before allocating them
  checkCost("the spectrum", (v) => linearProblemCost(v.d, 0), { d: o.d }, { names: { d: "--d" }, warn: null });
  const spec = parseSpectrum(o.spectrum, o.d);
  // with w* = 0 there is nothing to learn: every risk is the noise floor and E is undefined
  if (!(Math.abs(o.wstar) >= 1e-12)) throw new ParameterError("--wstar", o.wstar, "a number with 1e-12 ≤ |W| ≤ 1e12 (at W = 0 there is nothing to learn and E(K,N) is undefined)");
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
  summary: "effective reuse rate E(K,N) of K epochs over N samples, by exact formula, plateau, Monte Carlo or leading-order asymptotic",
  flags: {
    ...SUBJECT_FLAGS,
    N: { kind: "integers", required: true, bounds: { min: 1, max: 1e15 }, description: "sample sizes" },
    K: { kind: "integers", required: true, bounds: { min: 1, allowInfinity: true }, description: "epochs (inf: train to convergence)" },
    method: { kind: "choice", choices: REUSE_METHODS, defaultText: "exact where it applies (zipf, or every K = 1), plateau when every K = inf, else mc", description: "exact closed form, plateau (K = inf, least-squares shortcut), mc (multi-epoch Monte Carlo), asymptotic (leading-order asymptotics, not E: see below)" },
    runs: { kind: "integer", bounds: { min: 2 }, default: 100, description: "Monte Carlo runs per N" },
    seed: { kind: "integer", bounds: { min: 0 }, default: 0, description: "Monte Carlo seed (same seed → same numbers at any thread count)" },
    threads: THREADS_FLAG,
    json: JSON_FLAG,
  },
  notes: `${SPEC_HELP}\n\n--method plateau: E(inf,N) from the least-squares risk ½σ² E tr((ZᵀZ)⁻¹), exact for gaussian features (d/(N−d−1), N ≥ d + 2) and a third-order expansion for rademacher ones (N ≥ 2d and N − d + 1 ≥ 30; within 0.1 % of simulation there, see the claim reuse.rademacher-ols-trace).\n--method asymptotic: the leading-order asymptotics of Yan et al. (arXiv 2511.13421), NOT E itself. Linear spectra (Thm 4.2): E ≈ min(K, tr H/(4 λ_d d)·ln N), the limit N → ∞ with K = o(log N) or ω(log N); its o(1) terms fall only like 1/log N, so at practical N it is off by units (isotropic d = 100, N = 1e4: 2.30 against the plateau 4.46) and by factors for ill-conditioned H. Zipf (Thm 5.2, constant derived here): E ≈ min(K, ½ C^{a/(a−1)} N^{b/(a−b)}), for large N with d ≫ N^{1/(a−b)}. Where the exact E (Zipf; K = 1) or the plateau (linear, K = inf) is computable it is printed beside it with the relative error.\n\nWith --json: one line per (N, K) {N, K, E, risk, eta} (+ se for mc; + method "leading-order asymptotic", reference, relError for asymptotic, null where no reference is computable); K = inf is written "inf".\nAn interrupted mc run resumes from its checkpoint when run again with the same flags.`,
  examples: ["reuse rate --spectrum zipf:4.5:1 --d 1e4 --N 1e3,1e4 --K 1,4,inf", "reuse rate --spectrum isotropic --d 10 --sigma 0.1 --N 100 --K 1,4 --method mc --runs 200 --json"],
  async run(o) {
    const subject = subjectOf(o);
    checkZipfResolved(subject, o.spectrum, o.N, o.K);
    const d = subject.kind === "zipf" ? subject.model.d : subject.problem.lambda.length;
    const method = (o.method ?? defaultMethod(subject, o.K)) as ReuseMethod;
    for (const K of o.K) {
      const ok = applicableMethods(subject, K);
      if (!ok.includes(method)) {
        const why = subject.kind === "linear" && K !== 1 && K !== Infinity && method === "exact" ? " (there is no exact multi-epoch formula for Gaussian or Rademacher features)" : "";
        throw new ParameterError("--method", method, `one of ${ok.join(", ")} for K = ${K === Infinity ? "inf" : K}${why}`);
      }
    }
    if (subject.kind === "linear" && method === "plateau") {
      const Nmin = minSamplesForOls(d, subject.problem.features);
      for (const N of o.N) {
        if (N < Nmin) {
          const why = subject.problem.features === "gaussian" ? "the least-squares risk is undefined at N ≤ d + 1" : "below N = 2d or N − d + 1 = 30, ZᵀZ of ±1 features is singular with non-negligible probability and its expansion is inaccurate";
          throw new ParameterError("--N", N, `≥ ${Nmin} for K = inf with ${subject.problem.features} features at d = ${d} (${why})`);
        }
      }
    }
    // with σ = 0 least squares recovers w* exactly: the plateau risk is 0 and E(inf,N) is unbounded
    if (subject.kind === "linear" && o.sigma === 0 && (method === "plateau" || o.K.includes(Infinity))) {
      throw new ParameterError("--sigma", 0, "> 0 for K = inf on a linear spectrum (with σ = 0 least squares recovers w* exactly: the risk is 0 and E(inf,N) unbounded)");
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
    const rows = await libraryCall(`--spectrum ${o.spectrum} --d ${o.d} --sigma ${o.sigma ?? 0} --wstar ${o.wstar}`, () => reuseRates(subject, o.N, o.K, { method, runs: o.runs, seed: o.seed, threads: threadsOr(o.threads), checkpointDir, names, onProgress: (a, b, l) => bar.update(a, b, l) }));
    if (checkpointDir) {
      try {
        fs.rmdirSync(checkpointDir); // each N's checkpoint file is removed when it has finished
      } catch {
        /* never created (nothing to resume), or a file set aside as .bad stays for inspection */
      }
    }
    if (method === "mc") bar.done();
    checkFiniteRows(rows as unknown as Array<Record<string, unknown>>, `--spectrum ${o.spectrum} --sigma ${o.sigma ?? 0} --wstar ${o.wstar}`);
    if (o.json) {
      for (const r of rows) {
        // the asymptote is labelled as what it is, with its reference E and relative error
        const extra = method === "asymptotic" ? { method: METHOD_LABELS[method], reference: r.reference ?? null, relError: r.relError ?? null } : {};
        process.stdout.write(jsonLine({ N: r.N, K: r.K, E: r.E, risk: r.risk, eta: r.eta, ...(r.se !== undefined ? { se: r.se } : {}), ...extra }) + "\n");
      }
      return;
    }
    if (method === "asymptotic") {
      const headers = ["N", "K", "asymptote", "E (exact or plateau)", "rel. error", "asymptote/K"];
      const body = rows.map((r) => [fmt(r.N), fmt(r.K), fmt(r.E, 6), r.reference == null ? "—" : fmt(r.reference, 6), r.relError == null ? "—" : `${(100 * r.relError).toFixed(1)} %`, r.K === Infinity ? "—" : fmt(r.E / r.K, 4)]);
      const regime = subject.kind === "zipf" ? "Thm 5.2 with a derived constant; valid for large N, d ≫ N^(1/(a−b))" : "Thm 4.2: min(K, tr H/(4 λ_d d)·ln N); valid as N → ∞, o(1) terms fall like 1/ln N";
      process.stdout.write(`leading-order asymptotic of E(K,N) (${regime}) — not E itself\n` + table(headers, body) + "\n");
      return;
    }
    const headers = ["N", "K", "E", ...(method === "mc" ? ["se"] : []), "E/K", "risk", "eta"];
    const body = rows.map((r) => [fmt(r.N), fmt(r.K), fmt(r.E, 6), ...(method === "mc" ? [fmt(r.se, 2)] : []), r.K === Infinity ? "—" : fmt(r.E / r.K, 4), fmt(r.risk, 5), fmt(r.eta, 4)]);
    const olsNote = method === "plateau" && subject.kind === "linear" ? (subject.problem.features === "gaussian" ? " — OLS risk exact for gaussian features" : " — OLS risk by the third-order expansion for rademacher features (within 0.1 % of simulation)") : "";
    process.stdout.write(`E(K,N) by method "${method}" (${METHOD_LABELS[method]})${olsNote}\n` + table(headers, body) + "\n");
  },
});
