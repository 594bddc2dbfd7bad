/**
 * Worker of the multi-epoch Monte Carlo: simulates one chunk of runs with `multiEpochSgd` and returns
 * its per-run risks, so that the driver merges the chunks in run order (bitwise-equal to one thread).
 */
import { multiEpochSgd, type McAccumulator, type MultiEpochOptions } from "../../theory/reuse/monteCarlo";
import type { LinearProblem } from "../../theory/reuse/problem";
import { serveWorker } from "../run/pool";

/** One chunk: the problem and the options with its run range (runOffset, runCount). */
export interface McTask {
  problem: LinearProblem;
  opts: MultiEpochOptions;
}

/** Simulate one chunk of runs, keeping every run's risks. */
export function handle(task: McTask): McAccumulator {
  return multiEpochSgd(task.problem, { ...task.opts, keepRuns: true });
}

serveWorker(handle, __filename);
