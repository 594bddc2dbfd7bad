/** `datalaws export <result-id>`: a stored (or computed) result as a tidy table, CSV or JSON lines. */
import type { Scale } from "../core/scale";
import { ParameterError } from "../core/validate";
import { defineCommand } from "./command";
import { FRESH_FLAG, SCALE_FLAG, THREADS_FLAG } from "./common";
import { parseOverrides } from "./figures";
import { jsonLine } from "./output";

export const command = defineCommand({
  name: "export",
  summary: "a result as a tidy table (one row per measured point) in CSV or JSON lines, computed if not stored",
  positionals: [{ name: "result", description: "the result id (see datalaws list), e.g. reuse.zipf-e-vs-k" }],
  flags: {
    scale: SCALE_FLAG,
    format: { kind: "choice", choices: ["csv", "json"], default: "csv", description: "csv (a header line; inf, -inf and nan as pandas and R read them) or json (one object per row)" },
    set: { kind: "string", metavar: "JSON", description: 'parameters of the result, a JSON object, e.g. \'{"N":[1e3,1e5]}\'' },
    out: { kind: "string", metavar: "FILE", description: "write the table to FILE (default stdout)" },
    table: { kind: "string", metavar: "NAME", description: "one of the result's named tables in another command's input format instead of the tidy table (reuse.transformer-study: onepass, runs — for datalaws reuse plan)" },
    threads: THREADS_FLAG,
    fresh: FRESH_FLAG,
  },
  notes:
    "Columns are the result's own fields (N, K, E, eta, …); a value nested under a curve or a seed gets that curve's or seed's fields on its row, and arrays of one length are aligned (E with its K), a matrix gives a row per cell (E[n][k] with its N and K; index columns E.i, E.j where no array matches or it is square). A result that holds several tables gets a `table` column naming each row's. Read it with pandas.read_csv(FILE).",
  examples: ["export reuse.zipf-e-vs-k --scale ci", "export reuse.transformer-study --table onepass --out onepass.csv", "export skills.ode-escape --format json", "export reuse.zipf-e-vs-k --set '{\"N\":[1e3,1e5]}' --out zipf.csv"],
  async run(o, [id]) {
    const reg = await import("../registry");
    if (id === undefined) throw new ParameterError("result id", "(missing)", "a result id, e.g. reuse.zipf-e-vs-k (datalaws list shows them all)");
    const def = reg.findResult(id);
    const overrides = parseOverrides(o.set);
    const { Runner } = await import("../run/runner");
    const { tidyRows, toCsv } = await import("../run/tidy");
    const runner = new Runner({ scale: o.scale as Scale, threads: o.threads, fresh: o.fresh || undefined });
    const tables = (def as { tables?: Record<string, { rows(v: unknown): ReturnType<typeof tidyRows> }> }).tables ?? {};
    if (o.table !== undefined && !Object.hasOwn(tables, o.table)) {
      const names = Object.keys(tables);
      throw new ParameterError("--table", o.table, names.length ? `one of ${names.join(", ")} (the named tables of ${id})` : `left out: ${id} has no named tables`);
    }
    const value = await runner.get(def, overrides);
    const rows = o.table !== undefined ? tables[o.table].rows(value) : tidyRows(value);
    const text = o.format === "json" ? rows.map((r) => jsonLine(r) + "\n").join("") : toCsv(rows);
    if (o.out !== undefined) {
      const { writeFileAtomic } = await import("../run/files");
      writeFileAtomic(o.out, text);
      process.stderr.write(`${id}: ${rows.length} rows to ${o.out}\n`);
    } else process.stdout.write(text);
  },
});
