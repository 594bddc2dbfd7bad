/**
 * The effective reuse rate E(K,N) of Yan et al. (arXiv 2511.13421) for a grid of N and K by one of
 * four methods (the engine behind `datalaws reuse rate`):
 *  exact   — Zipf model at any K (closed form); any linear spectrum at K = 1;
 *  plateau — the least-squares shortcut at K = ∞ (linear), the exact K = ∞ limit (Zipf);
 *  mc      — multi-epoch Monte Carlo at any finite K (linear spectra), worker threads, standard errors;
 *  asymptotic — the LEADING-ORDER ASYMPTOTICS of Thms 4.2 and 5.2, not E itself: linear spectra
 *            E ≈ min(K, tr H/(4 λ_d d) · ln N), valid as N → ∞ (K = o(log N) or ω(log N)), whose o(1)
 *            terms decay only logarithmically (at N = 1e4, isotropic d = 100, it gives 2.30 where the
 *            plateau is 4.46); Zipf E ≈ min(K, ½ C^{a/(a−1)} N^{b/(a−b)}) with this toolkit's derived
 *            constant, valid for large N with d ≫ N^{1/(a−b)}. Each row carries the exact (or plateau-
 *            shortcut) E where one is computable and the asymptote's relative error against it.
 */
import * as path from "node:path";
import type { ZipfModel } from "../core/spectra";
import { ParameterError, requireInteger } from "../core/validate";
import { validateReuseGrid } from "./reuseInputs";
import { thm42ReuseRate, zipfPlateauAsymptote } from "../../theory/reuse/asymptotics";
import { defaultMcEtaGrid, multiEpochCost } from "../../theory/reuse/monteCarlo";
import { checkCost } from "../core/resources";
import { defaultThreads } from "../run/pool";
import { invertOnePass, optimalOnePassRisk } from "../../theory/reuse/optimalRate";
import { minSamplesForOls } from "../../theory/reuse/olsTrace";
import { plateauReuseRate } from "../../theory/reuse/plateau";
import { plateauReuseRatesParallel } from "./plateauParallel";
import { linearProblemCost, type LinearProblem } from "../../theory/reuse/problem";
import { zipfReuseRate, zipfRisk } from "../../theory/reuse/zipf";
import { configKey } from "../run/store";
import { ETA_REFINEMENT_PER_STEP, mcReuseRates } from "./mcReuseRates";

export type ReuseMethod = "exact" | "plateau" | "mc" | "asymptotic";
export const REUSE_METHODS: readonly ReuseMethod[] = ["exact", "plateau", "mc", "asymptotic"];

/** What each method computes, for output labels. */
export const METHOD_LABELS: Record<ReuseMethod, string> = {
  exact: "exact",
  plateau: "plateau (least-squares shortcut)",
  mc: "multi-epoch Monte Carlo",
  asymptotic: "leading-order asymptotic",
};

/** One (N, K) row. `eta` is the K-epoch side's optimal η (null where it is a limit or a formula). */
export interface ReuseRow {
  N: number;
  K: number;
  E: number;
  risk: number | null;
  eta: number | null;
  se?: number;
  method: ReuseMethod;
  /** asymptotic rows: the E it approximates where computable (exact, or the plateau shortcut at K = ∞ on a linear spectrum), else null */
  reference?: number | null;
  /** asymptotic rows: (asymptote − reference)/reference, null without a reference */
  relError?: number | null;
}

export type ReuseSubject = { kind: "linear"; problem: LinearProblem } | { kind: "zipf"; model: ZipfModel };

/** Which methods apply to a subject and a K. */
export function applicableMethods(subject: ReuseSubject, K: number): ReuseMethod[] {
  if (subject.kind === "zipf") return ["exact", "asymptotic", ...(K === Infinity ? (["plateau"] as const) : [])];
  if (K === 1) return ["exact", "mc", "asymptotic"];
  if (K === Infinity) return ["plateau", "asymptotic"];
  return ["mc", "asymptotic"];
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
  /** names of d, N, K and runs in resource errors (the CLI passes its flags; default the parameter names) */
  names?: { d?: string; N?: string; K?: string; runs?: string };
  /** where the one-line ETA of long work goes (default: nowhere) */
  warn?: (line: string) => void;
}

/**
 * Refuse a reuse-rate computation that cannot fit in memory (ResourceError naming d, N, K or runs as
 * `opts.names` says) and warn with its ETA through `opts.warn` when it is long, before anything of its
 * size is allocated. Returns the Monte Carlo η grids of the N (mc), else undefined.
 */
export function checkReuseRateSize(subject: ReuseSubject, Ns: number[], Ks: number[], opts: ReuseRateOptions): number[][] | undefined {
  const names = { d: "d", N: "N", K: "K", runs: "runs", ...opts.names };
  const d = subject.kind === "zipf" ? subject.model.d : subject.problem.lambda.length;
  const warn = opts.warn ?? null;
  if (opts.method !== "mc" || subject.kind === "zipf") {
    checkCost(`reuse rate (${opts.method})`, (v) => linearProblemCost(v.d, v.cells), { d, cells: Ns.length * Ks.length }, { names: { d: names.d }, warn });
    return undefined;
  }
  const p = subject.problem;
  const runs = requireInteger(names.runs, opts.runs ?? 100, { min: 2 });
  const threads = opts.threads ?? defaultThreads();
  const Kmax = Math.max(...Ks);
  // memory of the largest N, time of all of them; the η grids are O(1) to build (closed forms in d)
  const nEtasOf = (N: number) => defaultMcEtaGrid(p, N, Kmax, 4).length;
  const nEtas = Math.max(...Ns.map(nEtasOf));
  checkCost(
    "reuse rate (Monte Carlo)",
    (v) => {
      const one = multiEpochCost({ d: v.d, N: Math.max(...v.N), Kmax: Math.max(...v.K), nEtas, runs: v.runs, threads: Math.min(threads, v.runs) });
      // the grid up to the largest K, then the η refinement of each K (2(perStep − 1) trajectories of K epochs)
      const refine = 2 * (ETA_REFINEMENT_PER_STEP - 1);
      const opsAt = (N: number) =>
        (multiEpochCost({ d: v.d, N, Kmax: Math.max(...v.K), nEtas, runs: v.runs }).ops ?? 0) +
        v.K.reduce((a, K) => a + (multiEpochCost({ d: v.d, N, Kmax: K, nEtas: refine, runs: v.runs }).ops ?? 0), 0);
      return { ...one, ops: v.N.reduce((a, N) => a + opsAt(N), 0) };
    },
    { d, N: Ns, K: Ks, runs } as { d: number; N: number[]; K: number[]; runs: number },
    { names, threads, warn },
  );
  return Ns.map((N) => defaultMcEtaGrid(p, N, Kmax, 4));
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
  const grids = checkReuseRateSize(subject, Ns, Ks, opts);
  const rows: ReuseRow[] = [];
  if (subject.kind === "zipf") {
    for (const N of Ns) {
      for (const K of Ks) {
        if (method === "asymptotic") {
          const E = Math.min(K, zipfPlateauAsymptote(subject.model, N));
          const reference = zipfReuseRate(subject.model, K, N).E;
          rows.push({ N, K, E, risk: null, eta: null, method, reference, relError: E / reference - 1 });
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
      const etas = (grids as number[][])[n];
      const key = configKey({ problem: p, N, Kmax, runs, seed: opts.seed ?? 0 });
      const rates = await mcReuseRates(p, {
        checkpoint: opts.checkpointDir ? path.join(opts.checkpointDir, `mc-${key}`) : undefined,
        N,
        Ks,
        etas,
        runs,
        seed: opts.seed ?? 0,
        threads: opts.threads,
        onProgress: opts.onProgress ? (d: number, t: number, stage: string) => opts.onProgress!(d, t, `N = ${N}, ${stage}`) : undefined,
      });
      for (const r of rates) rows.push({ N, K: r.K, E: r.E, risk: r.risk, eta: r.eta, se: r.se, method });
    }
    return rows;
  }
  for (const N of Ns) {
    for (const K of Ks) {
      if (method === "asymptotic") {
        const E = thm42ReuseRate(p, K, N);
        const reference = linearReference(p, K, N);
        rows.push({ N, K, E, risk: null, eta: null, method, reference, relError: reference === null ? null : E / reference - 1 });
      } else if (K === 1) {
        const r = optimalOnePassRisk(p, N);
        rows.push({ N, K, E: invertOnePass(p, r.risk).N / N, risk: r.risk, eta: r.eta, method });
      }
    }
  }
  if (method === "plateau") {
    // warm-started η searches over ascending N, on the worker threads (rows keep the order asked)
    const rates = await plateauReuseRatesParallel(p, Ns, { threads: opts.threads });
    Ns.forEach((N, i) => {
      for (const K of Ks) rows.push({ N, K, E: rates[i].E, risk: rates[i].risk, eta: null, method });
    });
  }
  return rows;
}

/**
 * The E a linear-spectrum asymptote is compared with: 1 at K = 1 (E(1,N) = 1 by definition), the
 * plateau shortcut at K = ∞ (where its OLS risk is defined), none at finite K > 1 (only Monte Carlo).
 */
function linearReference(p: LinearProblem, K: number, N: number): number | null {
  if (K === 1) return 1;
  if (K !== Infinity || p.sigma === 0 || N < minSamplesForOls(p.lambda.length, p.features)) return null;
  return plateauReuseRate(p, N).E;
}
