/**
 * TensorFlow.js backend selection for the transformer engine, loaded lazily so that importing
 * `datalaws` does not pay for TensorFlow.js.
 *
 * Order: `@tensorflow/tfjs-node-gpu` (CUDA) when installed and working, else `@tensorflow/tfjs-node`
 * (native TensorFlow on the CPU), else the WebAssembly backend (`@tensorflow/tfjs-backend-wasm`, SIMD,
 * one thread), else the pure-JS cpu backend. `DATALAWS_BACKEND` (`node-gpu`, `node`, `wasm`, `cpu`)
 * overrides the order. The choice is printed once on stderr and returned, so that results record it.
 *
 * On the wasm backend two stock kernels are replaced by faster equivalents (see `wasmKernels.ts`):
 * batched and transposed matMuls run as per-matrix XNNPACK products, and Slice stops copying its
 * whole input.
 */
import type * as TF from "@tensorflow/tfjs-core";
import { ParameterError } from "../core/validate";
import { installWasmKernels } from "./wasmKernels";

/** Backends the engine can run on, in the default order of preference. */
export const BACKENDS = ["node-gpu", "node", "wasm", "cpu"] as const;
export type BackendName = (typeof BACKENDS)[number];

/** The backend in use: our name, tfjs's backend name, and why the better ones were skipped. */
export interface BackendInfo {
  name: BackendName;
  /** the tfjs backend id ("tensorflow", "wasm", "cpu") */
  tfjsBackend: string;
  /** one line per skipped candidate: "node-gpu: Cannot find module …" */
  skipped: string[];
}

let tfModule: typeof TF | undefined;
let current: BackendInfo | undefined;
let pending: Promise<BackendInfo> | undefined;

/** The TensorFlow.js module (loaded on first call). */
export function tfjs(): typeof TF {
  if (!tfModule) {
    // tfjs-core holds the ops and the engine; the pure-JS cpu backend registers itself on import (the
    // wasm and native backends are loaded on demand by `initBackend` and register on the same core).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    tfModule = require("@tensorflow/tfjs-core") as typeof TF;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require("@tensorflow/tfjs-backend-cpu");
    tfModule.enableProdMode(); // no per-op NaN checks or debug bookkeeping
  }
  return tfModule;
}

/** The backend chosen by `initBackend`, or undefined before it ran. */
export function backendInfo(): BackendInfo | undefined {
  return current;
}

/** Options of `initBackend`. */
export interface BackendOptions {
  /** force one backend (default: `DATALAWS_BACKEND`, else the first that works) */
  backend?: BackendName;
  /** module loader (tests inject one to simulate absent packages); default `require` */
  load?: (name: string) => unknown;
  /** print the choice on stderr (default true) */
  verbose?: boolean;
}

const NODE_PACKAGES: Record<"node-gpu" | "node", string> = {
  "node-gpu": "@tensorflow/tfjs-node-gpu",
  node: "@tensorflow/tfjs-node",
};

/** The ordered candidates for a request: the forced backend alone, or every backend in order. */
export function backendCandidates(forced?: string): BackendName[] {
  if (forced === undefined || forced === "") return [...BACKENDS];
  if (!(BACKENDS as readonly string[]).includes(forced)) {
    throw new ParameterError("backend (DATALAWS_BACKEND)", forced, `one of ${BACKENDS.join(", ")}`);
  }
  return [forced as BackendName];
}

/**
 * Select and initialise the backend (once per thread; later calls return the first choice unless a
 * different backend is forced). Throws if a forced backend cannot start.
 */
export async function initBackend(opts: BackendOptions = {}): Promise<BackendInfo> {
  const forced = opts.backend ?? (process.env.DATALAWS_BACKEND || undefined);
  if (current && (forced === undefined || forced === current.name)) return current;
  if (pending && forced === undefined) return pending;
  pending = selectBackend(forced, opts);
  try {
    current = await pending;
  } finally {
    pending = undefined;
  }
  if (opts.verbose ?? true) process.stderr.write(`datalaws nn: backend ${current.name} (tfjs "${current.tfjsBackend}")\n`);
  return current;
}

/** Try the candidates in order and start the first that works (no caching; `initBackend` is the entry point). */
export async function selectBackend(forced: string | undefined, opts: BackendOptions = {}): Promise<BackendInfo> {
  const tf = tfjs();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = opts.load ?? ((name: string) => require(name));
  const skipped: string[] = [];
  for (const name of backendCandidates(forced)) {
    try {
      const tfjsBackend = await startBackend(tf, name, load);
      return { name, tfjsBackend, skipped };
    } catch (err) {
      const msg = err instanceof Error ? err.message.split("\n")[0] : String(err);
      if (forced !== undefined) throw new Error(`backend ${name} is not available: ${msg}`);
      skipped.push(`${name}: ${msg}`);
    }
  }
  throw new Error(`no TensorFlow.js backend could start: ${skipped.join("; ")}`);
}

async function startBackend(tf: typeof TF, name: BackendName, load: (name: string) => unknown): Promise<string> {
  if (name === "node-gpu" || name === "node") {
    load(NODE_PACKAGES[name]); // registers the "tensorflow" backend on the shared tfjs-core
    if (!(await tf.setBackend("tensorflow"))) throw new Error(`${NODE_PACKAGES[name]} loaded but its backend did not start`);
    if (name === "node-gpu" && !gpuVisible(tf)) throw new Error("no CUDA device visible to TensorFlow");
    return "tensorflow";
  }
  if (name === "wasm") {
    load("@tensorflow/tfjs-backend-wasm");
    if (!(await tf.setBackend("wasm"))) throw new Error("the wasm backend did not start");
    await tf.ready();
    installWasmKernels(tf);
    return "wasm";
  }
  if (!(await tf.setBackend("cpu"))) throw new Error("the cpu backend did not start");
  return "cpu";
}

/** True if the native TensorFlow backend reports a GPU device (best effort). */
function gpuVisible(tf: typeof TF): boolean {
  const b = tf.backend() as unknown as { binding?: { isUsingGpuDevice?: () => boolean } };
  return typeof b.binding?.isUsingGpuDevice === "function" ? b.binding.isUsingGpuDevice() : true;
}
