/**
 * Resource limits: a computation states, before it allocates anything, how much memory it will hold
 * and roughly how long it will take (pure estimates written next to each computation, from the sizes
 * of the arrays it allocates); `checkResources` refuses it when it cannot fit in this machine's memory,
 * naming the parameters that set its size, and warns (one line) with an ETA when it is long but feasible.
 *
 * Which limit binds: typed arrays (every large array of the toolkit) live outside the V8 heap, so
 * their bound is the machine's memory — os.totalmem(), or the cgroup limit (process.constrainedMemory)
 * when one is set — and, per array, the largest ArrayBuffer V8 allocates (buffer.constants.MAX_LENGTH,
 * 4 GiB on 64-bit Node 20). Plain JS arrays and objects (`heapBytes`) also count against the V8 heap
 * limit (v8.getHeapStatistics().heap_size_limit), which binds first for them.
 */
import { constants as bufferConstants } from "node:buffer";
import * as os from "node:os";
import * as v8 from "node:v8";
import { ParameterError } from "./validate";

/** What a computation will need: bytes held at once, the largest single array, and the work. */
export interface ResourceEstimate {
  /** bytes held at once (all threads together), typed arrays included */
  bytes: number;
  /** of which plain JS arrays and objects (on the V8 heap) */
  heapBytes?: number;
  /** bytes of the largest single typed array */
  largestArray?: number;
  /** approximate number of elementary floating-point updates (the time estimate divides it by a rate) */
  ops?: number;
}

/** The memory a computation may use here and which limit it is. */
export interface MemoryLimits {
  /** bytes of memory of the machine (or of its cgroup) */
  memory: number;
  memorySource: string;
  /** the V8 heap limit (binds for plain JS arrays and objects) */
  heap: number;
  /** the largest single ArrayBuffer */
  arrayBuffer: number;
}

/** This machine's limits (read each call: the environment may differ between processes). */
export function memoryLimits(): MemoryLimits {
  const total = os.totalmem();
  const constrained = typeof process.constrainedMemory === "function" ? Number(process.constrainedMemory()) : 0;
  const cg = constrained > 0 && constrained < total;
  return {
    memory: cg ? constrained : total,
    memorySource: cg ? "the cgroup memory limit" : "the machine's memory (os.totalmem)",
    heap: v8.getHeapStatistics().heap_size_limit,
    arrayBuffer: bufferConstants.MAX_LENGTH,
  };
}

/**
 * Elementary floating-point updates (one multiply-add on typed arrays) per second and thread assumed by
 * the time estimates; the cost functions count their inner loops in these units, calibrated on the
 * Monte Carlo and SGD loops (1.5–3·10⁹ measured on one x86 core, so the ETA errs long; it is a rough
 * guide, not a promise).
 */
export const OPS_PER_SECOND = 1e9;

/** Work above this many estimated seconds is announced with its ETA on stderr. */
export const WARN_SECONDS = 30;

/** A human size: 1.7 GB, 350 MB, 12 kB. */
export function formatBytes(b: number): string {
  if (!Number.isFinite(b)) return "an unbounded amount of memory";
  const units = ["B", "kB", "MB", "GB", "TB", "PB"];
  let u = 0;
  let x = b;
  while (x >= 1000 && u < units.length - 1) {
    x /= 1000;
    u++;
  }
  return `${x >= 100 || u === 0 ? Math.round(x) : x.toPrecision(2)} ${units[u]}`;
}

/** A human duration: 40 s, 3.5 min, 2.1 h, 4.0 days. */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return "forever";
  if (s < 90) return `${Math.max(1, Math.round(s))} s`;
  if (s < 5400) return `${(s / 60).toPrecision(2)} min`;
  if (s < 172800) return `${(s / 3600).toPrecision(2)} h`;
  return `${(s / 86400).toPrecision(2)} days`;
}

/** Refused: the computation would not fit in memory. A ParameterError on the parameters that size it. */
export class ResourceError extends ParameterError {
  constructor(parameter: string, value: unknown, allowed: string, values?: Record<string, unknown>) {
    super(parameter, value, allowed);
    this.name = "ResourceError";
    // several parameters: "--d = 10000000, --N = 100000000: must be smaller together: …"
    if (values && Object.keys(values).length > 1) this.message = `${Object.entries(values).map(([k, v]) => `${k} = ${String(v)}`).join(", ")}: must be smaller together: ${allowed.replace(/^smaller: /, "")}`;
  }
}

/** Options of `checkResources`. */
export interface CheckOptions {
  /** what is computed, for the messages ("reuse rate (Monte Carlo)") */
  what: string;
  /** the parameters that set the size, as the caller names them: flags on the command line ("--d"), names in the library ("d") */
  parameters: Record<string, unknown>;
  /** threads working at once (divides the time estimate; default 1) */
  threads?: number;
  /** where the ETA line goes (default stderr); null: no warning */
  warn?: ((line: string) => void) | null;
  /** limits to check against (default: this machine's) */
  limits?: MemoryLimits;
  /** the time is a worst case (e.g. runs that stop early at an escape): the ETA says "up to" */
  upperBound?: boolean;
}

/**
 * Refuse a computation that cannot fit (ResourceError naming its parameters and the estimate), warn
 * with an ETA when it will take longer than WARN_SECONDS. Returns the estimated seconds.
 */
export function checkResources(est: ResourceEstimate, opts: CheckOptions): number {
  const lim = opts.limits ?? memoryLimits();
  const names = Object.keys(opts.parameters);
  const name = names.join(", ");
  const value = names.length === 1 ? opts.parameters[names[0]] : names.map((n) => `${n} = ${String(opts.parameters[n])}`).join(", ");
  const fail = (allowed: string) => new ResourceError(name, value, allowed, opts.parameters);
  const smaller = `smaller: ${opts.what} would need`;
  if (!(est.bytes <= lim.memory)) {
    throw fail(`${smaller} about ${formatBytes(est.bytes)}, more than ${lim.memorySource}, ${formatBytes(lim.memory)}`);
  }
  if (est.heapBytes !== undefined && !(est.heapBytes <= lim.heap)) {
    throw fail(`${smaller} about ${formatBytes(est.heapBytes)} of JavaScript heap, more than the V8 heap limit, ${formatBytes(lim.heap)} (node --max-old-space-size raises it)`);
  }
  if (est.largestArray !== undefined && !(est.largestArray <= lim.arrayBuffer)) {
    throw fail(`${smaller} an array of ${formatBytes(est.largestArray)}, more than the largest array Node allocates, ${formatBytes(lim.arrayBuffer)}`);
  }
  const seconds = est.ops === undefined ? 0 : est.ops / (OPS_PER_SECOND * Math.max(1, opts.threads ?? 1));
  if (seconds > WARN_SECONDS && opts.warn !== null) {
    const line = `${opts.what}: ${opts.upperBound ? "up to " : ""}${formatSeconds(seconds)} estimated (${name}), about ${formatBytes(est.bytes)} of memory; Ctrl-C stops it`;
    (opts.warn ?? ((l: string) => process.stderr.write(l + "\n")))(line);
  }
  return seconds;
}

/** Whether an estimate fits the limits (memory only: the time is never refused). */
export function fits(est: ResourceEstimate, lim: MemoryLimits = memoryLimits()): boolean {
  return est.bytes <= lim.memory && !(est.heapBytes !== undefined && !(est.heapBytes <= lim.heap)) && !(est.largestArray !== undefined && !(est.largestArray <= lim.arrayBuffer));
}

type Size = number | readonly number[];

/**
 * `checkResources` on a pure cost function of named sizes: the refusal names the sizes that are
 * each, alone, too large (the cost fits when that size alone is brought down to 1), else all of
 * them. `names` maps a size to the name the user wrote ("d" → "--d" on the command line); sizes
 * without a name are used but never blamed. Returns the estimated seconds.
 */
export function checkCost<V extends Record<string, Size>>(
  what: string,
  cost: (v: V) => ResourceEstimate,
  values: V,
  opts: { names: Partial<Record<keyof V, string>>; threads?: number; warn?: ((line: string) => void) | null; limits?: MemoryLimits; upperBound?: boolean },
): number {
  const lim = opts.limits ?? memoryLimits();
  const est = cost(values);
  const keys = (Object.keys(opts.names) as (keyof V & string)[]).filter((k) => opts.names[k] !== undefined);
  const show = (x: Size) => (Array.isArray(x) ? (x.length === 1 ? x[0] : `[${x.join(", ")}]`) : x);
  let blamed = keys;
  if (!fits(est, lim)) {
    // a size brought down to 1 may be invalid for the cost function (a budget below the batch): then it is not the culprit alone
    const fitsWith = (k: keyof V & string): boolean => {
      try {
        return fits(cost({ ...values, [k]: Array.isArray(values[k]) ? [1] : 1 }), lim);
      } catch {
        return false;
      }
    };
    const alone = keys.filter(fitsWith);
    if (alone.length > 0) blamed = alone;
  }
  const parameters = Object.fromEntries(blamed.map((k) => [opts.names[k] as string, show(values[k])]));
  return checkResources(est, { what, parameters, threads: opts.threads, warn: opts.warn, limits: lim, upperBound: opts.upperBound });
}
