/**
 * Worker of the proxy lr sweep: one task is one sweep cell (a width and a seed over every recipe and lr);
 * every random stream is keyed by (world seed, width, seed, recipe), so results do not depend on threads.
 * A task may name a checkpoint file: the finished cell is written there atomically, so a killed sweep
 * resumes from its finished cells.
 */
import { sweepCell, type SweepCell, type SweepCellSpec } from "../../theory/proxy/sweep";
import { writeJsonAtomic } from "../run/files";
import { serveWorker } from "../run/pool";

/** One task: a sweep cell and, optionally, the file its result is checkpointed to. */
export interface SweepTask {
  cell: SweepCellSpec;
  checkpoint?: string;
}

/** Run one sweep cell (and checkpoint it). */
export function handle(task: SweepTask): SweepCell {
  const cell = sweepCell(task.cell);
  if (task.checkpoint) writeJsonAtomic(task.checkpoint, cell);
  return cell;
}

serveWorker(handle, __filename);
