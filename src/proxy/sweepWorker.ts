/**
 * Worker of the proxy lr sweep: one task is one sweep cell (a width and a seed over every recipe and lr);
 * every random stream is keyed by (world seed, width, seed, recipe), so results do not depend on threads.
 */
import { sweepCell, type SweepCell, type SweepCellSpec } from "../../theory/proxy/sweep";
import { serveWorker } from "../run/pool";

/** Run one sweep cell. */
export function handle(task: SweepCellSpec): SweepCell {
  return sweepCell(task);
}

serveWorker(handle, __filename);
