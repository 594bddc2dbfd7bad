/**
 * Files the toolkit writes: one JSON codec (±Infinity and NaN survive a round trip), atomic writes
 * with a unique temporary name (several processes may write the same file at once; readers see the
 * old or the new file, never a mix), and reads that name the file they reject.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** Non-finite numbers as JSON strings: JSON has no Infinity or NaN. */
const ENCODE = new Map<number, string>([
  [Infinity, "inf"],
  [-Infinity, "-inf"],
]);

/** JSON text of a value; ±Infinity become "inf"/"-inf" and NaN "nan", typed arrays plain arrays. */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(
    value,
    function (_k, v) {
      if (typeof v === "number") return Number.isNaN(v) ? "nan" : (ENCODE.get(v) ?? v);
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>, (x) => (Number.isNaN(x) ? "nan" : (ENCODE.get(x) ?? x)));
      return v;
    },
    indent,
  );
}

/** Parse JSON written by `toJson` ("inf", "-inf", "nan" back to numbers). */
export function fromJson<T = unknown>(text: string): T {
  return JSON.parse(text, (_k, v) => (v === "inf" ? Infinity : v === "-inf" ? -Infinity : v === "nan" ? NaN : v)) as T;
}

/** A file the toolkit cannot use: unreadable, truncated, not its format, or written for another config. */
export class BadFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = "BadFileError";
  }
}

/** A temporary name next to `file`, unique across processes and threads. */
function tempName(file: string): string {
  return `${file}.${process.pid}-${randomBytes(6).toString("hex")}.tmp`;
}

/**
 * Write `data` to `file` atomically (unique temporary file, then rename); creates the folder — again
 * if another process removed it as empty in between (a finished computation tidies its checkpoint folder).
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  for (let attempt = 0; ; attempt++) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const tmp = tempName(file);
    try {
      fs.writeFileSync(tmp, data);
      fs.renameSync(tmp, file);
      return;
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      if ((e as NodeJS.ErrnoException).code !== "ENOENT" || attempt >= 2) throw e;
    }
  }
}

/** Write a value as JSON (`toJson`) atomically. */
export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, toJson(value) + "\n");
}

/**
 * Read a JSON file written by `writeJsonAtomic`: `undefined` if it does not exist; a `BadFileError`
 * naming the file if it cannot be parsed (truncated, not JSON).
 */
export function readJson<T = unknown>(file: string): T | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new BadFileError(file, `cannot be read (${(e as Error).message})`);
  }
  try {
    return fromJson<T>(text);
  } catch (e) {
    throw new BadFileError(file, `is not valid JSON (${(e as Error).message}); truncated by a kill or edited by hand?`);
  }
}

/** Where warnings about rejected files go (stderr; tests may replace it). */
export let warn: (line: string) => void = (line) => process.stderr.write(`datalaws: warning: ${line}\n`);

/** Replace the warning sink (returns the previous one). */
export function setWarn(fn: (line: string) => void): (line: string) => void {
  const prev = warn;
  warn = fn;
  return prev;
}

/**
 * Read a file the toolkit can recompute (a result, a checkpoint, a resume file): a file that cannot
 * be used is reported by path and moved aside to `<file>.bad` (so it is not read again), and the
 * caller gets `undefined` and recomputes. `check` rejects a parsed value (return a reason) that does
 * not belong to the caller, e.g. another config.
 */
export function readRecoverable<T>(file: string, read: (file: string) => T | undefined, check?: (value: T) => string | undefined): T | undefined {
  let value: T | undefined;
  try {
    value = read(file);
  } catch (e) {
    const reason = e instanceof BadFileError ? e.reason : (e as Error).message;
    setAside(file, reason);
    return undefined;
  }
  if (value === undefined) return undefined;
  const why = check?.(value);
  if (why) {
    setAside(file, why);
    return undefined;
  }
  return value;
}

function setAside(file: string, reason: string): void {
  warn(`${file} ${reason}; recomputing it`);
  try {
    fs.renameSync(file, `${file}.bad`);
  } catch {
    /* another process moved or replaced it already */
  }
}
