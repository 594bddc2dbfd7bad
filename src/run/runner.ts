/**
 * The runner: computes each result a run needs at most once (per config), loads it from the store
 * when it was computed before, and hands claims and figures the results they declared. Every
 * computation and load is logged (`runner.log`), so a run shows which results it computed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ParameterError } from "../core/validate";
import type { ComputeContext, ResultDef, Results } from "../core/result";
import type { Scale } from "../core/scale";
import type { ShardRole } from "../core/shard";
import { defaultThreads } from "./pool";
import { progress } from "./progress";
import { configKey, loadResult, resultFolder, roundTrip, saveResult, toolkitVersion } from "./store";

/** Options of a run. */
export interface RunnerOptions {
  scale: Scale;
  /** worker threads (default min(2, CPUs)) */
  threads?: number;
  /** no progress output */
  quiet?: boolean;
  /** ignore stored results and checkpoints (recompute and overwrite); default: DATALAWS_FRESH is "1" */
  fresh?: boolean;
  /** where log lines go (default stderr unless quiet) */
  log?: (line: string) => void;
  /** test hook passed to resumable computations (see ComputeContext.stopAfter) */
  stopAfter?: number;
  /** studies on a cluster: train one shard's runs, or merge (see ComputeContext.shard); not with `fresh` */
  shard?: ShardRole;
}

/** One line of the run log: a result computed or loaded. */
export interface RunLogEntry {
  id: string;
  key: string;
  source: "computed" | "stored";
  seconds: number;
  file?: string;
}

/**
 * A result's config at a scale with overrides applied, field by field: an unknown field, a value of
 * another kind than the default's, an empty list or a NaN is an error naming `<id>.<field>`. A nested
 * object is merged into the default's (`{zipf: {a: 3}}` keeps zipf.b and zipf.d), checked the same way.
 */
export function resolveConfig<C extends object>(def: ResultDef<C, unknown>, scale: Scale, overrides?: Partial<C>): C {
  const base = def.config(scale);
  if (!overrides) return base;
  return mergeChecked(base as Record<string, unknown>, overrides as Record<string, unknown>, def.id, true) as C;
}

const kindOf = (x: unknown) => (Array.isArray(x) ? "array" : x === null ? "null" : typeof x);
const article = (w: string) => (/^[aeiou]/.test(w) ? `an ${w}` : `a ${w}`);
const hasNaN = (x: unknown): boolean => (typeof x === "number" ? Number.isNaN(x) : Array.isArray(x) ? x.some(hasNaN) : false);

function mergeChecked(base: Record<string, unknown>, over: Record<string, unknown>, at: string, top: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (!Object.hasOwn(base, k)) throw new ParameterError(top ? `${at} config field` : `${at} field`, k, `one of ${Object.keys(base).join(", ")}`);
    const was = base[k];
    const name = `${at}.${k}`;
    if (kindOf(v) !== kindOf(was)) throw new ParameterError(name, v, `${article(kindOf(was))} like its default ${JSON.stringify(was)}`);
    // an empty list would draw an empty figure or an empty table without a word
    if (Array.isArray(v) && v.length === 0 && Array.isArray(was) && was.length > 0) throw new ParameterError(name, v, `a non-empty array like its default ${JSON.stringify(was)}`);
    if (hasNaN(v)) throw new ParameterError(name, v, "numbers, not NaN");
    out[k] = kindOf(v) === "object" ? mergeChecked(was as Record<string, unknown>, v as Record<string, unknown>, name, false) : v;
  }
  return out;
}

export class Runner {
  readonly scale: Scale;
  readonly threads: number;
  readonly quiet: boolean;
  readonly fresh: boolean;
  /** every result computed or loaded in this run, in order */
  readonly log: RunLogEntry[] = [];
  private readonly memo = new Map<string, Promise<unknown>>();
  private readonly write: (line: string) => void;
  private readonly stopAfter?: number;
  private readonly shard?: ShardRole;

  constructor(opts: RunnerOptions) {
    this.scale = opts.scale;
    this.threads = opts.threads ?? defaultThreads();
    this.quiet = opts.quiet ?? false;
    this.fresh = opts.fresh ?? process.env.DATALAWS_FRESH === "1";
    this.write = opts.log ?? ((line) => (this.quiet ? undefined : process.stderr.write(line + "\n")));
    this.stopAfter = opts.stopAfter;
    this.shard = opts.shard;
    // a fresh run discards the checkpoint folder, which the other shards are writing into
    if (this.shard && this.fresh) throw new ParameterError(this.shard.kind === "merge" ? "--merge" : "--shard", this.shard.kind === "merge" ? "with --fresh or DATALAWS_FRESH=1" : `${this.shard.index}/${this.shard.count} with --fresh or DATALAWS_FRESH=1`, "without --fresh (it would discard the runs every shard writes into the shared folder)");
  }

  /** The value of a result at this run's scale (computed at most once per config in this run). */
  async get<C extends object, V>(def: ResultDef<C, V>, overrides?: Partial<C>): Promise<V> {
    const config = resolveConfig(def, this.scale, overrides);
    const environment = (await def.environment?.()) ?? {};
    const key = configKey({ id: def.id, config, environment });
    const memoKey = `${def.id}/${key}`;
    let p = this.memo.get(memoKey) as Promise<V> | undefined;
    if (!p) {
      p = this.obtain(def, config, environment, key);
      this.memo.set(memoKey, p);
    }
    return p;
  }

  /** Compute (or load) every result in `defs` and give access to exactly those. */
  async results(defs: readonly ResultDef<any, any>[], overrides?: (def: ResultDef<any, any>) => Record<string, unknown> | undefined): Promise<Results> {
    const values = new Map<ResultDef<any, any>, unknown>();
    for (const d of defs) values.set(d, await this.get(d, overrides?.(d)));
    return {
      get<V>(def: ResultDef<any, V>): V {
        if (!values.has(def)) throw new Error(`result ${def.id} was not declared in needs (declared: ${defs.map((d) => d.id).join(", ") || "none"})`);
        return values.get(def) as V;
      },
    };
  }

  private async obtain<C extends object, V>(def: ResultDef<C, V>, config: C, environment: Record<string, string>, key: string): Promise<V> {
    const stored = def.stored !== false;
    if (stored && !this.fresh) {
      const rec = loadResult<V>(def.id, key, def.validate);
      if (rec) {
        this.log.push({ id: def.id, key, source: "stored", seconds: 0 });
        this.write(`[result] ${def.id} (${key}): loaded`);
        return rec.value;
      }
    }
    const t0 = Date.now();
    const partial = partialFolder(def.id, key);
    // a fresh run must not resume from earlier checkpoints either
    if (this.fresh) discard(partial);
    const ctx: ComputeContext = {
      threads: this.threads,
      quiet: this.quiet,
      checkpointDir: () => {
        fs.mkdirSync(partial, { recursive: true });
        return partial;
      },
      progress: (label) => progress(label, { quiet: this.quiet }),
      get: (d, o) => this.get(d, o),
      ...(this.stopAfter !== undefined ? { stopAfter: this.stopAfter } : {}),
      ...(this.shard !== undefined ? { shard: this.shard } : {}),
    };
    this.write(`[result] ${def.id} (${key}): computing`);
    const raw = await def.compute(config, ctx);
    const seconds = (Date.now() - t0) / 1000;
    removeIfEmpty(partial);
    // the value a later run reads back, so this run and the next see the same numbers
    const value = roundTrip(raw);
    let file: string | undefined;
    if (stored) {
      const seed = (config as { seed?: unknown }).seed;
      file = saveResult({
        id: def.id,
        key,
        config,
        provenance: { version: toolkitVersion(), ...(typeof seed === "number" ? { seed } : {}), environment, created: new Date().toISOString(), seconds },
        value,
      });
    }
    this.log.push({ id: def.id, key, source: "computed", seconds, ...(file ? { file } : {}) });
    this.write(`[result] ${def.id} (${key}): computed in ${seconds.toFixed(1)} s`);
    return value;
  }
}

/** Remove a checkpoint folder the computation left empty. */
function removeIfEmpty(dir: string): void {
  try {
    if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
  } catch {
    /* absent, or not empty */
  }
}

/**
 * The checkpoint folder of a result and config key, for this toolkit version (checkpoints of another
 * version are never resumed from): data/results/<folder>/<slug>/<key>.v<version>.partial.
 */
export function partialFolder(id: string, key: string): string {
  return path.join(resultFolder(id), `${key}.v${toolkitVersion()}.partial`);
}

/** Remove a checkpoint folder (renamed away first, so a concurrent reader sees it whole or not at all). */
function discard(dir: string): void {
  const gone = `${dir}.${process.pid}-${Date.now()}.discarded`;
  try {
    fs.renameSync(dir, gone);
  } catch {
    return; // absent
  }
  fs.rmSync(gone, { recursive: true, force: true });
}
