// Parameter checkpoints of the transformer studies: every way a file can go bad is named by path, set
// aside as `.bad`, and reported as absent (so the run is trained again), never used.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkpointFileName, loadCheckpoint, loadCheckpointHeader, saveCheckpoint } from "../../src/nn/checkpoint";
import { readParamCheckpoint } from "../../src/nn/studyRuns";
import { setWarn } from "../../src/run/files";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-ckpt-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const params = Float32Array.from({ length: 37 }, (_, i) => Math.sin(i) * 0.1);
function good(step: number, arrays: Record<string, Float32Array> = { params }): string {
  const f = path.join(dir, `${Math.random().toString(36).slice(2)}`, checkpointFileName(step));
  fs.mkdirSync(path.dirname(f), { recursive: true });
  saveCheckpoint(f, { header: { step }, arrays });
  return f;
}

describe("parameter checkpoints", () => {
  it("round-trip: the arrays and header come back bit for bit", () => {
    const f = good(12);
    const ck = readParamCheckpoint(f);
    expect(ck?.header).toEqual({ step: 12 });
    expect(Array.from(ck!.arrays.params)).toEqual(Array.from(params));
  });

  const damage: Record<string, (f: string) => void> = {
    empty: (f) => fs.writeFileSync(f, ""),
    garbage: (f) => fs.writeFileSync(f, "\u0000\u0001 not a checkpoint \uFFFD"),
    truncated: (f) => fs.writeFileSync(f, fs.readFileSync(f).subarray(0, 40)),
    "cut in the arrays": (f) => fs.writeFileSync(f, fs.readFileSync(f).subarray(0, fs.readFileSync(f).length - 4)),
    "bytes appended": (f) => fs.writeFileSync(f, Buffer.concat([fs.readFileSync(f), Buffer.alloc(8)])),
    "non-finite parameters": (f) => saveCheckpoint(f, { header: { step: 7 }, arrays: { params: Float32Array.from([1, NaN, 2]) } }),
    "no params array": (f) => saveCheckpoint(f, { header: { step: 7 }, arrays: { other: params } }),
    "another step's checkpoint copied over": (f) => saveCheckpoint(f, { header: { step: 8 }, arrays: { params } }),
    "header without arrays": (f) => {
      const json = Buffer.from(JSON.stringify({ header: { step: 7 } }) + "   ", "utf8");
      const len = Buffer.alloc(4);
      len.writeUInt32LE(json.length);
      fs.writeFileSync(f, Buffer.concat([Buffer.from("DLNN1\n"), len, json]));
    },
  };
  for (const [how, apply] of Object.entries(damage)) {
    it(`${how}: named, set aside, treated as absent`, () => {
      const f = good(7);
      apply(f);
      const warnings: string[] = [];
      const prev = setWarn((l) => warnings.push(l));
      try {
        expect(readParamCheckpoint(f)).toBeUndefined();
      } finally {
        setWarn(prev);
      }
      expect(warnings.join("\n")).toContain(f);
      expect(fs.existsSync(f)).toBe(false);
      expect(fs.existsSync(`${f}.bad`)).toBe(true);
    });
  }

  it("a missing checkpoint is absent without a warning", () => {
    const warnings: string[] = [];
    const prev = setWarn((l) => warnings.push(l));
    try {
      expect(readParamCheckpoint(path.join(dir, "nosuch", checkpointFileName(3)))).toBeUndefined();
    } finally {
      setWarn(prev);
    }
    expect(warnings).toEqual([]);
    expect(() => loadCheckpoint(path.join(dir, "nosuch.ckpt"))).toThrow(/ENOENT/);
  });
});

describe("checkpoint headers", () => {
  it("NaN and ±∞ in a header (a diverged run's loss history) read back as written, not as null; the header alone reads the same", () => {
    const f = path.join(dir, "nonfinite.state");
    const header = { step: 3, history: [{ step: 1, loss: 2.5 }, { step: 2, loss: NaN }, { step: 3, loss: Infinity }], low: -Infinity };
    saveCheckpoint(f, { header, arrays: { params } });
    const ck = loadCheckpoint<typeof header>(f);
    expect(ck.header.history[1].loss).toBeNaN();
    expect(ck.header.history[2].loss).toBe(Infinity);
    expect(ck.header.low).toBe(-Infinity);
    expect(Array.from(ck.arrays.params)).toEqual(Array.from(params));
    const h = loadCheckpointHeader<typeof header>(f)!;
    expect(h.history.map((x) => x.loss)).toEqual([2.5, NaN, Infinity]);
    expect(h).toEqual(ck.header);
  });

  it("the header of a missing file is undefined; of a file that is not a checkpoint, an error naming it", () => {
    expect(loadCheckpointHeader(path.join(dir, "nosuch.state"))).toBeUndefined();
    const bad = path.join(dir, "garbage.state");
    fs.writeFileSync(bad, "not a checkpoint at all");
    expect(() => loadCheckpointHeader(bad)).toThrow(bad);
    const cut = path.join(dir, "cut.state");
    saveCheckpoint(cut, { header: { step: 1, note: "x".repeat(100) }, arrays: { params } });
    fs.writeFileSync(cut, fs.readFileSync(cut).subarray(0, 30));
    expect(() => loadCheckpointHeader(cut)).toThrow(/cut\.state.*truncated/);
  });
});
