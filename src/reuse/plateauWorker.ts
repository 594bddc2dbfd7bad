/**
 * Worker of the plateau grid: E(∞,N) for one contiguous run of N (ascending), each η search
 * warm-started from the previous N's (theory/reuse/plateau.ts).
 */
import { plateauReuseRates, type PlateauRate } from "../../theory/reuse/plateau";
import type { LinearProblem } from "../../theory/reuse/problem";
import { serveWorker } from "../run/pool";

/** One chunk of the grid: the problem and its N, ascending. */
export interface PlateauTask {
  problem: LinearProblem;
  Ns: number[];
}

export function handle(task: PlateauTask): PlateauRate[] {
  return plateauReuseRates(task.problem, task.Ns);
}

serveWorker(handle, __filename);
