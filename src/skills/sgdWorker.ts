/** Worker of the skills seed sweeps: runs one online-SGD task (a pure function of its fields). */
import { runSgdTask, type SgdOutcome, type SgdTask } from "../../theory/skills/sampleComplexity";
import { serveWorker } from "../run/pool";

/** Run one task. */
export function handle(task: SgdTask): SgdOutcome {
  return runSgdTask(task);
}

serveWorker(handle, __filename);
