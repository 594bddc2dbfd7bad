/**
 * The result store: each computed result is kept once under data/results/<folder>/<slug>/<key>.json,
 * where <key> is the one config key of the toolkit (SHA-256 of the canonical JSON of the id, the
 * config and the environment facts that change the numbers, such as the training backend). A record
 * carries its provenance (toolkit version, seed, environment, time). Writes are atomic; a file that
 * cannot be read is named, set aside and recomputed.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { folderOf, ID_PATTERN } from "../core/result";
import { ParameterError } from "../core/validate";
import { fromJson, readJson, readRecoverable, toJson, writeJsonAtomic } from "./files";

/** The folder holding the toolkit's package.json, found by walking up from `from` (default this file's folder). */
export function packageRoot(from: string = __dirname): string {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json found above ${from}`);
    dir = up;
  }
}

let versionCache: string | undefined;
/** The toolkit version (package.json). */
export function toolkitVersion(): string {
  if (versionCache === undefined) {
    try {
      versionCache = String(JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")).version);
    } catch {
      versionCache = "unknown";
    }
  }
  return versionCache;
}

/** The data folder: DATALAWS_DATA, else <project>/data. */
export function dataDir(): string {
  return process.env.DATALAWS_DATA ?? path.join(packageRoot(), "data");
}

/** data/results (under DATALAWS_DATA when set). */
export function resultsDir(): string {
  return path.join(dataDir(), "results");
}

/** JSON with object keys sorted at every level (so equal configs give equal text). */
export function canonicalJson(x: unknown): string {
  return toJson(JSON.parse(toJson(x), (_k, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v)));
}

/** The config key: the first 16 hex digits of SHA-256 of the canonical JSON of `parts`. */
export function configKey(parts: unknown): string {
  return createHash("sha256").update(canonicalJson(parts)).digest("hex").slice(0, 16);
}

/** Where and how a computed result was made. */
export interface Provenance {
  version: string;
  /** the config's `seed`, when it has one */
  seed?: number;
  environment: Record<string, string>;
  created: string;
  seconds: number;
}

/** A stored result. */
export interface StoredResult<V = unknown> {
  id: string;
  key: string;
  config: unknown;
  provenance: Provenance;
  value: V;
}

/** The folder of a result's files for one config key: data/results/<folder>/<slug>/. */
export function resultFolder(id: string): string {
  // an id is <folder>.<slug> in lower-case letters, digits and '-': nothing like "../x" or "/etc" reaches the file system
  if (typeof id !== "string" || !ID_PATTERN.test(id)) throw new ParameterError("result id", id, `<folder>.<slug> in lower-case letters, digits and '-' (e.g. "skills.stability-limit")`);
  const folder = folderOf(id);
  return path.join(resultsDir(), folder, id.slice(folder.length + 1) || "_");
}

/** The file of a stored result. */
export function resultFile(id: string, key: string): string {
  if (typeof key !== "string" || !/^[0-9a-f]{16}$/.test(key)) throw new ParameterError("config key", key, "16 hexadecimal digits (configKey)");
  return path.join(resultFolder(id), `${key}.json`);
}

/**
 * Load a stored result of this id and key, made by this toolkit version; `undefined` when there is
 * none, when it was made by another version, or when the file cannot be used (then it is reported
 * with its path and set aside). `validate` may reject a value (return the reason).
 */
export function loadResult<V>(id: string, key: string, validate?: (v: V) => string | undefined): StoredResult<V> | undefined {
  const file = resultFile(id, key);
  const rec = readRecoverable<StoredResult<V>>(file, (f) => readJson<StoredResult<V>>(f), (r) => {
    if (!r || typeof r !== "object" || r.id !== id || r.key !== key || !("value" in r)) return "is not a stored result of this id and config";
    if (r.provenance?.version !== toolkitVersion()) return undefined; // stale, not corrupt: recomputed below
    return validate?.(r.value);
  });
  if (!rec || rec.provenance.version !== toolkitVersion()) return undefined;
  return rec;
}

/** Store a computed result (atomic: concurrent writers of the same result all succeed). */
export function saveResult<V>(rec: StoredResult<V>): string {
  const file = resultFile(rec.id, rec.key);
  writeJsonAtomic(file, rec);
  return file;
}

/** A stored value as it will be read back (±Infinity and NaN kept, typed arrays as plain arrays). */
export function roundTrip<V>(value: V): V {
  return fromJson<V>(toJson(value));
}
