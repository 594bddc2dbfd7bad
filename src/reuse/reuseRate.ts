/**
 * The effective reuse rate E(K,N) of Yan et al. (arXiv 2511.13421) for a grid of N and K by one of
 * four methods (the engine behind `datalaws reuse rate`):
 *  exact   — Zipf model at any K (closed form); any linear spectrum at K = 1;
 *  plateau — the least-squares shortcut at K = ∞ (linear), the exact K = ∞ limit (Zipf);
 *  mc      — multi-epoch Monte Carlo at any finite K (linear spectra), worker threads, standard errors;
 *  theory  — the leading-order formulas of Thms 4.2 and 5.2 (Zipf: with this toolkit's derived constant).
 */
import * as path from "node:path";
import type { ZipfModel } from "../core/spectra";
import { ParameterError } from "../core/validate";
import { validateReuseGrid } from "./reuseInputs";
import { thm42ReuseRate, zipfPlateauAsymptote } from "../../theory/reuse/asymptotics";
import { mcReuseRate } from "../../theory/reuse/effectiveReuse";
import { defaultMcEtaGrid, summarizeMc } from "../../theory/reuse/monteCarlo";
import { invertOnePass, optimalOnePassRisk } from "../../theory/reuse/optimalRate";
import { olsRisk, plateauReuseRate } from "../../theory/reuse/plateau";
import type { LinearProblem } from "../../theory/reuse/problem";
import { zipfReuseRate, zipfRisk } from "../../theory/reuse/zipf";
import { configKey } from "../run/store";
import { multiEpochMcParallel } from "./mcParallel";

export type ReuseMethod = "exact" | "plateau" | "mc" | "theory";
export const REUSE_METHODS: readonly ReuseMethod[] = ["exact", "plateau", "mc", "theory"];

/** One (N, K) row. `eta` is the K-epoch side's optimal η (null where it is a limit or a formula). */
export interface ReuseRow {
  N: number;
  K: number;
  E: number;
  risk: number | null;
  eta: number | null;
  se?: number;
  method: ReuseMethod;
}

export type ReuseSubject = { kind: "linear"; problem: LinearProblem } | { kind: "zipf"; model: ZipfModel };

/** Which methods apply to a subject and a K. */
export function applicableMethods(subject: ReuseSubject, K: number): ReuseMethod[] {
  if (subject.kind === "zipf") return ["exact", "theory", ...(K === Infinity ? (["plateau"] as const) : [])];
  if (K === 1) return ["exact", "mc", "theory"];
  if (K === Infinity) return ["plateau", "theory"];
  return ["mc", "theory"];
}

/** The default method: exact where it exists, else plateau for K = ∞, else Monte Carlo. */
export function defaultMethod(subject: ReuseSubject, Ks: number[]): ReuseMethod {
  if (subject.kind === "zipf") return "exact";
  if (Ks.every((K) => K === 1)) return "exact";
  if (Ks.every((K) => K === Infinity)) return "plateau";
  return "mc";
}

export interface ReuseRateOptions {
  method: ReuseMethod;
  runs?: number;
  seed?: number;
  threads?: number;
  onProgress?: (done: number, total: number, label: string) => void;
  /** folder for Monte Carlo chunk checkpoints, one file per N (an interrupted mc run resumes from it, with any thread count); none by default */
  checkpointDir?: string;
}

/** E(K,N) for every N × K. Throws a ParameterError on `method` naming the applicable methods if it does not apply. */
export async function reuseRates(subject: ReuseSubject, Ns: number[], Ks: number[], opts: ReuseRateOptions): Promise<ReuseRow[]> {
  const { method } = opts;
  validateReuseGrid(Ns, Ks, opts);
  for (const K of Ks) {
    const ok = applicableMethods(subject, K);
    if (!ok.includes(method)) {
      const why =
        subject.kind === "linear" && K !== 1 && K !== Infinity && method === "exact"
          ? " (there is no exact multi-epoch formula for Gaussian or Rademacher features)"
          : "";
      throw new ParameterError("method", method, `one of ${ok.join(", ")} for K = ${K === Infinity ? "inf" : K}${why}`);
    }
  }
  const rows: ReuseRow[] = [];
  if (subject.kind === "zipf") {
    for (const N of Ns) {
      for (const K of Ks) {
        if (method === "theory") {
          rows.push({ N, K, E: Math.min(K, zipfPlateauAsymptote(subject.model, N)), risk: null, eta: null, method });
        } else {
          const r = zipfReuseRate(subject.model, K, N);
          rows.push({ N, K, E: r.E, risk: zipfRisk(subject.model, K, N), eta: 1, method });
        }
      }
    }
    return rows;
  }
  const p = subject.problem;
  if (method === "mc") {
    const Kmax = Math.max(...Ks);
    const runs = opts.runs ?? 100;
    for (let n = 0; n < Ns.length; n++) {
      const N = Ns[n];
      const etas = defaultMcEtaGrid(p, N, Kmax, 4);
      const key = configKey({ problem: p, N, Kmax, runs, seed: opts.seed ?? 0 });
      const acc = await multiEpochMcParallel(p, {
        checkpoint: opts.checkpointDir ? path.join(opts.checkpointDir, `mc-${key}.json`) : undefined,
        N,
        Kmax,
        etas,
        runs,
        seed: opts.seed ?? 0,
        threads: opts.threads,
        onProgress: opts.onProgress ? (d: number, t: number) => opts.onProgress!(d, t, `N = ${N}`) : undefined,
      });
      const s = summarizeMc(acc);
      for (const K of Ks) {
        const r = mcReuseRate(p, s, K, N);
        rows.push({ N, K, E: r.E, risk: r.risk, eta: r.eta, se: r.se, method });
      }
    }
    return rows;
  }
  for (const N of Ns) {
    for (const K of Ks) {
      if (method === "theory") {
        rows.push({ N, K, E: thm42ReuseRate(p, K, N), risk: null, eta: null, method });
      } else if (K === 1) {
        const r = optimalOnePassRisk(p, N);
        rows.push({ N, K, E: invertOnePass(p, r.risk).N / N, risk: r.risk, eta: r.eta, method });
      } else {
        const r = plateauReuseRate(p, N);
        rows.push({ N, K, E: r.E, risk: olsRisk(p, N), eta: null, method });
      }
    }
  }
  return rows;
}
