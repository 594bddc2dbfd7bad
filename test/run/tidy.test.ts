// Results as tidy tables: the shape rules on small values, and a real result exported by the CLI and
// read back with pandas (Debian's python3-pandas), column for column.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tidyRows, toCsv } from "../../src/run/tidy";

const main = path.resolve(__dirname, "../../dist/src/cli/main.js");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-tidy-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("tidy rows from a result's shape", () => {
  it("aligns a curve's values with the grid above it and gives them the curve's fields", () => {
    const value = { K: [1, 2, 4], curves: [{ N: 10, E: [1, 1.8, 3] }, { N: 100, E: [1, 1.9, 3.6] }], config: { N: [10, 100] } };
    expect(tidyRows(value)).toEqual([
      { N: 10, K: 1, E: 1 },
      { N: 10, K: 2, E: 1.8 },
      { N: 10, K: 4, E: 3 },
      { N: 100, K: 1, E: 1 },
      { N: 100, K: 2, E: 1.9 },
      { N: 100, K: 4, E: 3.6 },
    ]);
  });
  it("flattens objects of scalars into dotted columns and names the table of each row when there are several", () => {
    const rows = tidyRows({ fit: { exponent: 0.5, se: 0.1 }, d: [10, 100], escape: [5, 50], pairs: [{ a: "x", b: "y" }] });
    expect(rows).toEqual([
      { table: "pairs", "fit.exponent": 0.5, "fit.se": 0.1, a: "x", b: "y" },
      { table: "d", "fit.exponent": 0.5, "fit.se": 0.1, d: 10, escape: 5 },
      { table: "d", "fit.exponent": 0.5, "fit.se": 0.1, d: 100, escape: 50 },
    ]);
  });
  it("gives a matrix one row per cell, its indices aligned with the arrays of its row and column counts", () => {
    // E[n][k] as reuse.zipf-e-on-k-grid stores it: dropped entirely before
    const rows = tidyRows({ K: [1, 2, 4], N: [10, 100], E: [[1, 1.8, 3], [1, 1.9, 3.6]] });
    expect(rows).toEqual([
      { N: 10, K: 1, E: 1 },
      { N: 10, K: 2, E: 1.8 },
      { N: 10, K: 4, E: 3 },
      { N: 100, K: 1, E: 1 },
      { N: 100, K: 2, E: 1.9 },
      { N: 100, K: 4, E: 3.6 },
    ]);
    // a dimension inherited from above, parallel matrices of one shape, and one no array matches
    const cells = tidyRows({ lrs: [0.1, 0.2], cells: [{ width: 8, loss: [[1, 2, 3], [4, 5, 6]], gap: [[0, 0, 1], [1, 0, 0]] }] });
    expect(cells[5]).toEqual({ width: 8, lrs: 0.2, "loss.j": 2, loss: 6, gap: 0 });
    // square: which index is a and which b cannot be told from the shape, so both are index columns
    const sq = tidyRows({ a: [0, 1], b: [5, 6], z: [[1, 2], [3, 4]] });
    expect(sq.filter((r) => r.table === "z")).toEqual([
      { table: "z", "z.i": 0, "z.j": 0, z: 1 },
      { table: "z", "z.i": 0, "z.j": 1, z: 2 },
      { table: "z", "z.i": 1, "z.j": 0, z: 3 },
      { table: "z", "z.i": 1, "z.j": 1, z: 4 },
    ]);
    expect(sq.filter((r) => r.table === "a")).toEqual([
      { table: "a", a: 0, b: 5 },
      { table: "a", a: 1, b: 6 },
    ]);
  });
  it("names the table of each row when two tables sit under one field (the Zipf and the uniform curve of a seed)", () => {
    const rows = tidyRows({ seeds: [{ seed: 1, zipf: { t: [0, 1], A: [0.1, 0.5] }, uniform: { t: [0, 1, 2], A: [0.1, 0.2, 0.3] } }] });
    expect(rows.map((r) => `${r.table}:${r.t}`)).toEqual(["seeds.zipf.t:0", "seeds.zipf.t:1", "seeds.uniform.t:0", "seeds.uniform.t:1", "seeds.uniform.t:2"]);
  });
  it("writes CSV with quoting, inf and nan as pandas reads them", () => {
    expect(toCsv([{ a: Infinity, b: "x,y" }, { a: NaN, b: null }])).toBe('a,b\ninf,"x,y"\nnan,\n');
    expect(() => tidyRows(3)).toThrow(/must be an object or an array/);
    expect(() => tidyRows({ config: { N: [1] } })).toThrow(/no table/);
  });
});

const hasPandas = spawnSync("/usr/bin/python3", ["-c", "import pandas"], { stdio: "ignore" }).status === 0;

describe.skipIf(!hasPandas && !process.env.CI)("datalaws export, read by pandas", () => {
  it("reuse.zipf-e-vs-k at ci: one row per (N, K) with E, loading in pandas with the documented columns and the stored values", () => {
    const env = { ...process.env, DATALAWS_DATA: path.join(dir, "data") };
    const csv = path.join(dir, "zipf.csv");
    const r = spawnSync(process.execPath, [main, "export", "reuse.zipf-e-vs-k", "--scale", "ci", "--out", csv], { encoding: "utf8", env });
    expect(r.status, r.stderr).toBe(0);
    const json = spawnSync(process.execPath, [main, "export", "reuse.zipf-e-vs-k", "--scale", "ci", "--format", "json"], { encoding: "utf8", env });
    expect(json.status, json.stderr).toBe(0);
    const rows = json.stdout.trim().split("\n").map((l) => JSON.parse(l));
    const py = spawnSync(
      "/usr/bin/python3",
      [
        "-c",
        `import pandas as pd, json, sys
df = pd.read_csv(sys.argv[1], float_precision="round_trip")
print(json.dumps({"columns": list(df.columns), "n": len(df), "dtypes": [str(t) for t in df.dtypes], "E": df["E"].tolist(), "Ns": sorted(set(df["N"].tolist())), "perN": df.groupby("N").size().tolist()}))`,
        csv,
      ],
      { encoding: "utf8" },
    );
    expect(py.status, py.stderr).toBe(0);
    const t = JSON.parse(py.stdout);
    expect(t.columns).toEqual(["N", "plateau", "K", "muennighoff", "E"]);
    expect(t.dtypes.every((x: string) => x === "float64" || x === "int64")).toBe(true);
    expect(t.n).toBe(rows.length);
    expect(t.Ns.length * t.perN[0]).toBe(t.n); // a full N × K grid
    expect(t.E).toEqual(rows.map((x: { E: number }) => x.E)); // the same numbers, to the last digit
    for (const row of rows) expect(row.E).toBeLessThanOrEqual(row.K * (1 + 1e-12)); // E ≤ K
  }, 60_000);
});
