/**
 * Results: named computations declared once. A result has an id `<folder>.<slug>` (the folder under
 * src/ that holds it), a config at each scale, and a compute function of that config. The runner
 * (src/run/runner.ts) computes each result at most once per config and stores it; claims and
 * figures are pure functions of the results they name.
 */
import type { Scale } from "./scale";
import type { ShardRole } from "./shard";

/** What the runner gives a compute function besides its config. */
export interface ComputeContext {
  /** worker threads the computation may use */
  threads: number;
  /** no progress output */
  quiet: boolean;
  /** a folder of this result and config for checkpoints and resume files (created on first use) */
  checkpointDir(): string;
  /** a progress reporter on stderr (silent when quiet) */
  progress(label: string): { update(done: number, total: number, label?: string): void; done(message?: string): void };
  /** another result this one builds on (computed once per run, like every result) */
  get<C extends object, V>(def: ResultDef<C, V>, overrides?: Partial<C>): Promise<V>;
  /** test hook passed through to resumable computations: stop after this many steps as if killed */
  stopAfter?: number;
  /** a study on a cluster: train one shard's share of the runs, or merge the finished runs (src/nn/studyRuns.ts) */
  shard?: ShardRole;
}

/** A named computation: its id, its config at each scale, and a compute function of the config. */
export interface ResultDef<C extends object = object, V = unknown> {
  /** `<folder>.<slug>`, e.g. `reuse.zipf-e-vs-k` */
  id: string;
  /** what it is, in a few words */
  title: string;
  /** the config at a scale; overrides replace fields of it (unknown fields are rejected) */
  config(scale: Scale): C;
  /**
   * Facts of the machine that change the numbers and therefore belong to the store key (a training
   * result adds its TensorFlow.js backend, so a study resumed on another backend never mixes runs).
   */
  environment?(): Promise<Record<string, string>> | Record<string, string>;
  /** compute the value: a pure function of the config (seeds are in the config) */
  compute(config: C, ctx: ComputeContext): Promise<V> | V;
  /** false: too cheap to store (recomputed each run, still at most once); default true */
  stored?: boolean;
  /** validate a value read back from the store (a reason when it cannot be used) */
  validate?(value: V): string | undefined;
  /**
   * Named tables of the value in a format another command reads (`datalaws export <id> --table <name>`),
   * e.g. a study's one-pass curve as `tokens,loss` for `datalaws reuse plan`.
   */
  tables?: Readonly<Record<string, ResultTable<V>>>;
}

/** A named table of a result's value: its rows, one object of scalars per row (columns in key order). */
export interface ResultTable<V> {
  /** what the table holds and which command reads it */
  description: string;
  rows(value: V): Array<Record<string, number | string | boolean | null>>;
}

/** Declare a result (the identity, for type inference of config and value). */
export function defineResult<C extends object, V>(def: ResultDef<C, V>): ResultDef<C, V> {
  return def;
}

/** The value type of a result definition. */
export type ResultValue<D> = D extends ResultDef<object, infer V> ? V : never;

/** The results a claim or figure declared, already computed. */
export interface Results {
  /** The value of a declared result (throws if `def` was not declared in `needs`). */
  get<V>(def: ResultDef<any, V>): V;
}

/** The folder of an id: the part before the first `.`. */
export function folderOf(id: string): string {
  const i = id.indexOf(".");
  return i < 0 ? id : id.slice(0, i);
}

/** Ids are `<folder>.<slug>`: lower-case letters, digits and `-`, one `.` after the folder. */
export const ID_PATTERN = /^[a-z][a-z0-9]*\.[a-z0-9][a-z0-9-]*$/;

