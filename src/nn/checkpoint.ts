/**
 * Checkpoint files: a JSON header and named float32 arrays in one binary file, written atomically
 * (unique temporary file, then rename) so that a kill never leaves a half-written checkpoint.
 * Layout: "DLNN1\n", uint32 header length (little endian), UTF-8 JSON header, padding to 4 bytes,
 * then the arrays in header order. The header goes through the toolkit's JSON codec, so a NaN or ±∞
 * in it (the loss history of a diverged run) reads back as written, not as null.
 */
import * as fs from "node:fs";
import { BadFileError, fromJson, toJson, writeFileAtomic } from "../run/files";

const MAGIC = "DLNN1\n";

/** A checkpoint: any JSON-serialisable header and named float32 arrays. */
export interface Checkpoint<H = unknown> {
  header: H;
  arrays: Record<string, Float32Array>;
}

/** The file name of the parameter checkpoint at a training step (zero-padded, so names sort by step). */
export function checkpointFileName(step: number): string {
  return `step-${String(step).padStart(7, "0")}.ckpt`;
}

/** Write a checkpoint atomically. */
export function saveCheckpoint<H>(file: string, ck: Checkpoint<H>): void {
  const names = Object.keys(ck.arrays);
  const meta = { header: ck.header, arrays: names.map((n) => ({ name: n, length: ck.arrays[n].length })) };
  const json = Buffer.from(toJson(meta), "utf8");
  const pad = (4 - ((MAGIC.length + 4 + json.length) % 4)) % 4;
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length + pad);
  const parts: Buffer[] = [Buffer.from(MAGIC, "ascii"), len, json, Buffer.alloc(pad, 0x20)];
  for (const n of names) {
    const a = ck.arrays[n];
    parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  }
  writeFileAtomic(file, Buffer.concat(parts));
}

/**
 * Read a checkpoint written by `saveCheckpoint`. A file that is not one (wrong magic, truncated,
 * unreadable header) is a `BadFileError` naming it; a missing file keeps its ENOENT error.
 */
export function loadCheckpoint<H = unknown>(file: string): Checkpoint<H> {
  const buf = fs.readFileSync(file);
  if (buf.length < MAGIC.length + 4 || buf.subarray(0, MAGIC.length).toString("ascii") !== MAGIC) throw new BadFileError(file, "is not a datalaws checkpoint (truncated by a kill?)");
  const jsonLen = buf.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4;
  let meta: { header: H; arrays: { name: string; length: number }[] };
  try {
    meta = fromJson(buf.subarray(start, start + jsonLen).toString("utf8"));
  } catch (e) {
    throw new BadFileError(file, `has an unreadable header (${(e as Error).message}); truncated by a kill?`);
  }
  if (!meta || typeof meta !== "object" || !Array.isArray(meta.arrays) || !meta.arrays.every((a) => a && typeof a.name === "string" && Number.isInteger(a.length) && a.length >= 0)) {
    throw new BadFileError(file, "has a header without a valid list of arrays");
  }
  let off = start + jsonLen;
  const arrays: Record<string, Float32Array> = {};
  for (const a of meta.arrays) {
    const bytes = buf.subarray(off, off + 4 * a.length);
    if (bytes.length !== 4 * a.length) throw new BadFileError(file, `is truncated (array ${a.name})`);
    arrays[a.name] = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    off += 4 * a.length;
  }
  if (off !== buf.length) throw new BadFileError(file, `has ${buf.length - off} bytes beyond its arrays (not as written)`);
  return { header: meta.header, arrays };
}

/**
 * Only the header of a checkpoint (reads the first bytes of the file, not its arrays): `undefined` if
 * the file does not exist; a `BadFileError` naming it if it is not a checkpoint.
 */
export function loadCheckpointHeader<H = unknown>(file: string): H | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new BadFileError(file, `cannot be read (${(e as Error).message})`);
  }
  try {
    const head = Buffer.alloc(MAGIC.length + 4);
    if (fs.readSync(fd, head, 0, head.length, 0) !== head.length || head.subarray(0, MAGIC.length).toString("ascii") !== MAGIC) throw new BadFileError(file, "is not a datalaws checkpoint (truncated by a kill?)");
    const jsonLen = head.readUInt32LE(MAGIC.length);
    const json = Buffer.alloc(jsonLen);
    if (fs.readSync(fd, json, 0, jsonLen, head.length) !== jsonLen) throw new BadFileError(file, "is truncated (header)");
    try {
      return (fromJson(json.toString("utf8")) as { header: H }).header;
    } catch (e) {
      throw new BadFileError(file, `has an unreadable header (${(e as Error).message}); truncated by a kill?`);
    }
  } finally {
    fs.closeSync(fd);
  }
}
