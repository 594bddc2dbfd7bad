import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cached } from "../../src/run/store";

describe("result store", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-store-"));
    process.env.DATALAWS_DATA = dir;
  });
  afterAll(() => {
    delete process.env.DATALAWS_DATA;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("saves a result with its config and reloads it without recomputing; a new config recomputes", async () => {
    let calls = 0;
    const compute = () => {
      calls++;
      return { x: [1, 2, Infinity] };
    };
    const a = await cached("t/one", { n: 3 }, compute);
    const b = await cached("t/one", { n: 3 }, compute);
    expect(calls).toBe(1);
    expect(b).toEqual(a);
    expect(b.x[2]).toBe(Infinity);
    const saved = JSON.parse(fs.readFileSync(path.join(dir, "results", "t", "one.json"), "utf8"));
    expect(saved.config).toEqual({ n: 3 });
    expect(typeof saved.version).toBe("string");
    await cached("t/one", { n: 4 }, compute);
    expect(calls).toBe(2);
  });
});
