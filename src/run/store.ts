/**
 * The result store: typed results saved as JSON under data/results/ with their full config, seed
 * and toolkit version, so figures redraw without recomputing and interrupted runs resume.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The project root (the folder holding package.json), found from this file. */
export function projectRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

export function toolkitVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(projectRoot(), "package.json"), "utf8")).version;
  } catch {
    return "unknown";
  }
}

/** A saved result: its id, config, toolkit version, creation time and value. */
export interface StoredResult<T> {
  id: string;
  config: unknown;
  version: string;
  created: string;
  seconds: number;
  value: T;
}

/** data/results (override with DATALAWS_DATA). */
export function resultsDir(): string {
  return path.join(process.env.DATALAWS_DATA ?? path.join(projectRoot(), "data"), "results");
}

const stable = (x: unknown): string =>
  JSON.stringify(x, (_k, v) => (v === Infinity ? "inf" : v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v));

/**
 * Load the result `id` if it was saved with the same config and toolkit version, else compute it
 * and save it. Set DATALAWS_FRESH=1 to ignore saved results.
 */
export async function cached<T>(id: string, config: unknown, compute: () => Promise<T> | T): Promise<T> {
  const file = path.join(resultsDir(), `${id}.json`);
  const version = toolkitVersion();
  if (!process.env.DATALAWS_FRESH && fs.existsSync(file)) {
    try {
      const r = JSON.parse(fs.readFileSync(file, "utf8")) as StoredResult<T>;
      if (stable(r.config) === stable(config) && r.version === version) return revive(r.value);
    } catch {
      /* unreadable: recompute */
    }
  }
  const t0 = Date.now();
  const value = await compute();
  const rec: StoredResult<T> = { id, config, version, created: new Date().toISOString(), seconds: (Date.now() - t0) / 1000, value };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = file + ".tmp";
  fs.writeFileSync(tmp, JSON.stringify(rec, (_k, v) => (v === Infinity ? "inf" : v)));
  fs.renameSync(tmp, file);
  return value;
}

function revive<T>(v: T): T {
  return JSON.parse(JSON.stringify(v), (_k, x) => (x === "inf" ? Infinity : x)) as T;
}
