/** Flags shared by several commands, declared once so their help and checks agree. */
import { SCALES } from "../core/scale";

/** `--scale ci|small|paper` (default small). */
export const SCALE_FLAG = { kind: "choice", choices: SCALES, default: "small", description: "problem sizes: ci (seconds to minutes), small (minutes on 2 cores), paper (GPU, long)" } as const;

/** `--threads T` (default min(2, CPUs)). */
export const THREADS_FLAG = { kind: "integer", bounds: { min: 1, max: 256 }, defaultText: "min(2, CPUs)", description: "worker threads" } as const;

/** `--json`: one JSON object per line on stdout, nothing else (progress stays on stderr). */
export const JSON_FLAG = { kind: "boolean", description: "print one JSON object per line on stdout and nothing else" } as const;

/** `--fresh`: ignore stored results (same as DATALAWS_FRESH=1). */
export const FRESH_FLAG = { kind: "boolean", description: "recompute results even when stored (also DATALAWS_FRESH=1)" } as const;

/** `--only LIST`: a selection of claims or figures. */
export const ONLY_FLAG = { kind: "string", metavar: "SELECTION", description: "comma-separated folders (reuse, skills, proxy), ids or id prefixes (see datalaws list); all when absent" } as const;

/** The threads of a run: the flag, else min(2, CPUs). */
export function threadsOr(t: number | undefined): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return t ?? Math.max(1, Math.min(2, require("node:os").cpus().length));
}
