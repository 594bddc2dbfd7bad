/**
 * The plateau E(∞,N) over a grid of N on worker threads: the N, sorted, are cut into `PLATEAU_CHUNKS`
 * contiguous runs whatever the thread count (so the numbers do not depend on it), each run warm-starts
 * its η searches from its previous N (theory/reuse/plateau.ts), and the runs go to the worker pool.
 */
import { plateauReuseRates, type PlateauRate } from "../../theory/reuse/plateau";
import { requireLinearProblem, type LinearProblem } from "../../theory/reuse/problem";
import { ParameterError, requireInteger } from "../core/validate";
import { defaultThreads, runInWorkers } from "../run/pool";
import { handle, type PlateauTask } from "./plateauWorker";

export const PLATEAU_WORKER_FILE = "dist/src/reuse/plateauWorker.js";

/** Number of contiguous runs the grid is cut into (fixed: the same numbers at any thread count). */
export const PLATEAU_CHUNKS = 2;

/** E(∞,N) for every N of `Ns` (any order; results in that order), on `threads` worker threads (default min(2, CPUs)). */
export async function plateauReuseRatesParallel(problem: LinearProblem, Ns: readonly number[], opts: { threads?: number } = {}): Promise<PlateauRate[]> {
  requireLinearProblem(problem);
  if (!Array.isArray(Ns) || Ns.length === 0) throw new ParameterError("Ns", Ns, "a non-empty array of sample counts N");
  Ns.forEach((N) => requireInteger("N", N, { min: 1 }));
  const threads = requireInteger("threads", opts.threads ?? defaultThreads(), { min: 1 });
  const order = Ns.map((_, i) => i).sort((i, j) => Ns[i] - Ns[j]);
  const sorted = order.map((i) => Ns[i]);
  const chunks = Math.min(PLATEAU_CHUNKS, sorted.length);
  const tasks: PlateauTask[] = [];
  for (let c = 0; c < chunks; c++) {
    tasks.push({ problem, Ns: sorted.slice(Math.floor((c * sorted.length) / chunks), Math.floor(((c + 1) * sorted.length) / chunks)) });
  }
  const parts = threads === 1 || tasks.length === 1 ? tasks.map((t) => plateauReuseRates(t.problem, t.Ns)) : await runInWorkers<PlateauTask, PlateauRate[]>(PLATEAU_WORKER_FILE, tasks, { threads, inProcess: handle });
  const flat = parts.flat();
  const out = new Array<PlateauRate>(Ns.length);
  order.forEach((i, k) => (out[i] = flat[k]));
  return out;
}
