import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defineResult } from "../../src/core/result";
import { fromJson, readJson, readRecoverable, setWarn, toJson, writeJsonAtomic } from "../../src/run/files";
import { Runner } from "../../src/run/runner";
import { configKey, resultFile, resultFolder } from "../../src/run/store";

const root = path.resolve(__dirname, "../..");

describe("files: one codec, atomic writes, named errors", () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-files-"))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("round-trips ±Infinity, NaN and typed arrays", () => {
    const v = { a: Infinity, b: -Infinity, c: NaN, d: new Float64Array([1, Infinity]), e: [0, -0.5] };
    const back = fromJson<Record<string, unknown>>(toJson(v));
    expect(back.a).toBe(Infinity);
    expect(back.b).toBe(-Infinity);
    expect(Number.isNaN(back.c)).toBe(true);
    expect(back.d).toEqual([1, Infinity]);
    expect(back.e).toEqual([0, -0.5]);
  });

  it("a truncated file is named in the error; readRecoverable reports it, sets it aside and returns undefined", () => {
    const f = path.join(dir, "x.json");
    writeJsonAtomic(f, { hello: "world", n: [1, 2, 3] });
    const text = fs.readFileSync(f, "utf8");
    fs.writeFileSync(f, text.slice(0, 10));
    expect(() => readJson(f)).toThrow(f);
    const warnings: string[] = [];
    const prev = setWarn((l) => warnings.push(l));
    try {
      expect(readRecoverable(f, readJson)).toBeUndefined();
    } finally {
      setWarn(prev);
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(f);
    expect(fs.existsSync(f)).toBe(false);
    expect(fs.existsSync(f + ".bad")).toBe(true);
    expect(readJson(path.join(dir, "missing.json"))).toBeUndefined();
  });

  it("several processes writing the same file at once all succeed and leave a complete file and no temporary files", async () => {
    const f = path.join(dir, "shared.json");
    const lib = path.join(root, "dist/src/run/files.js");
    expect(fs.existsSync(lib), "run npm run build first").toBe(true);
    const runs = ["a", "b", "c"].map(
      (tag) =>
        new Promise<number>((resolve) => {
          const p = spawn(process.execPath, [path.join(__dirname, "concurrentWriter.js"), lib, f, "200", tag], { stdio: "inherit" });
          p.on("exit", (code) => resolve(code ?? -1));
        }),
    );
    expect(await Promise.all(runs)).toEqual([0, 0, 0]);
    const v = readJson<{ tag: string; i: number; big: number[] }>(f)!;
    expect(v.i).toBe(199);
    expect(v.big).toHaveLength(2000);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });
});

describe("store keys", () => {
  it("one key for equal configs whatever the key order; different configs, ids and environments differ", () => {
    const k = configKey({ id: "t.a", config: { a: 1, b: [1, 2] }, environment: {} });
    expect(configKey({ environment: {}, config: { b: [1, 2], a: 1 }, id: "t.a" })).toBe(k);
    expect(configKey({ id: "t.a", config: { a: 2, b: [1, 2] }, environment: {} })).not.toBe(k);
    expect(configKey({ id: "t.b", config: { a: 1, b: [1, 2] }, environment: {} })).not.toBe(k);
    expect(configKey({ id: "t.a", config: { a: 1, b: [1, 2] }, environment: { backend: "wasm" } })).not.toBe(k);
    expect(configKey({ id: "t.a", config: { x: Infinity }, environment: {} })).not.toBe(configKey({ id: "t.a", config: { x: -Infinity }, environment: {} }));
    expect(k).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("runner", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-runner-"));
    process.env.DATALAWS_DATA = dir;
  });
  afterAll(() => delete process.env.DATALAWS_DATA);

  const counting = () => {
    let calls = 0;
    const def = defineResult({
      id: "test.squares",
      title: "squares",
      config: (scale) => ({ n: scale === "ci" ? 3 : 5, seed: 7 }),
      compute: async (c) => {
        calls++;
        await new Promise((r) => setTimeout(r, 5));
        return { x: Array.from({ length: c.n }, (_, i) => i * i), inf: Infinity };
      },
    });
    return { def, calls: () => calls };
  };

  it("computes a result once per run however many ask, stores it with provenance, and the next run loads it", async () => {
    const { def, calls } = counting();
    const r1 = new Runner({ scale: "ci", quiet: true });
    const [a, b] = await Promise.all([r1.get(def), r1.get(def)]);
    expect(calls()).toBe(1);
    expect(a).toBe(b);
    expect(a).toEqual({ x: [0, 1, 4], inf: Infinity });
    expect(r1.log.map((e) => e.source)).toEqual(["computed"]);
    const key = r1.log[0].key;
    const rec = readJson<{ id: string; config: unknown; provenance: { version: string; seed: number } }>(resultFile(def.id, key))!;
    expect(rec.id).toBe("test.squares");
    expect(rec.config).toEqual({ n: 3, seed: 7 });
    expect(rec.provenance.seed).toBe(7);
    const r2 = new Runner({ scale: "ci", quiet: true });
    expect(await r2.get(def)).toEqual(a);
    expect(calls()).toBe(1);
    expect(r2.log.map((e) => e.source)).toEqual(["stored"]);
    // another scale is another config
    await new Runner({ scale: "small", quiet: true }).get(def);
    expect(calls()).toBe(2);
  });

  it("overrides change the config key; an unknown override field is an error naming it before any work", async () => {
    const { def, calls } = counting();
    const r = new Runner({ scale: "ci", quiet: true });
    expect(await r.get(def, { n: 2 })).toEqual({ x: [0, 1], inf: Infinity });
    await expect(r.get(def, { m: 2 } as never)).rejects.toThrow(/test\.squares config field.*"m".*one of n, seed/);
    expect(calls()).toBe(1);
  });

  it("a corrupt stored result is named and recomputed", async () => {
    const { def, calls } = counting();
    const r1 = new Runner({ scale: "ci", quiet: true });
    await r1.get(def);
    const file = resultFile(def.id, r1.log[0].key);
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").slice(0, 25));
    const warnings: string[] = [];
    const prev = setWarn((l) => warnings.push(l));
    try {
      expect(await new Runner({ scale: "ci", quiet: true }).get(def)).toEqual({ x: [0, 1, 4], inf: Infinity });
    } finally {
      setWarn(prev);
    }
    expect(calls()).toBe(2);
    expect(warnings.join("\n")).toContain(file);
  });

  it("checkpoints resume a computation; a fresh run discards them; DATALAWS_FRESH=0 is not fresh", async () => {
    // a computation that resumes from a checkpoint file in its folder, if there is one
    const resumable = defineResult({
      id: "test.resumable",
      title: "resumable",
      config: () => ({ n: 1 }),
      compute: (_c, ctx) => {
        const f = path.join(ctx.checkpointDir(), "partial.json");
        const before = readJson<{ done: number }>(f);
        writeJsonAtomic(f, { done: 1 });
        return { resumedFrom: before?.done ?? 0 };
      },
    });
    expect(await new Runner({ scale: "ci", quiet: true }).get(resumable)).toEqual({ resumedFrom: 0 });
    // the stored result is lost (say, deleted): the next run resumes from the checkpoint
    fs.rmSync(resultFolder("test.resumable") + "/" + fs.readdirSync(resultFolder("test.resumable")).find((f) => f.endsWith(".json")));
    expect(await new Runner({ scale: "ci", quiet: true }).get(resumable)).toEqual({ resumedFrom: 1 });
    // a fresh run starts over
    expect(await new Runner({ scale: "ci", quiet: true, fresh: true }).get(resumable)).toEqual({ resumedFrom: 0 });
    process.env.DATALAWS_FRESH = "0";
    try {
      expect(new Runner({ scale: "ci", quiet: true }).fresh).toBe(false);
      process.env.DATALAWS_FRESH = "1";
      expect(new Runner({ scale: "ci", quiet: true }).fresh).toBe(true);
    } finally {
      delete process.env.DATALAWS_FRESH;
    }
  });

  it("a claim sees only the results it declared", async () => {
    const { def } = counting();
    const other = defineResult({ id: "test.other", title: "other", config: () => ({}), compute: () => 1 });
    const res = await new Runner({ scale: "ci", quiet: true }).results([def]);
    expect(res.get(def).x).toEqual([0, 1, 4]);
    expect(() => res.get(other)).toThrow(/test\.other was not declared/);
  });
});
