/**
 * Benchmark framework: a benchmark is a named measurement (value + unit + params) repeated a few times;
 * the harness keeps the median, records the wall time, node version and date, prints a table and
 * writes `data/bench/results.json` (entries of the benchmarks run replace older entries of the same name).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../src/run/store";

/** One measurement of a benchmark: the value (e.g. a throughput) and optional extra numbers. */
export interface BenchMeasure {
  value: number;
  extra?: Record<string, unknown>;
}

/** A benchmark: `run()` performs one measurement; the harness repeats it and keeps the median value. */
export interface Benchmark {
  /** unique name, e.g. "mc-throughput" */
  name: string;
  /** unit of the value, e.g. "sample-steps·d/s" */
  unit: string;
  /** parameters of the measurement (sizes, threads…) recorded with the result */
  params: Record<string, unknown>;
  /** repeats (default 3); the reported value is the median */
  repeats?: number;
  /** true if a larger value is better (throughputs); shown in the table */
  higherIsBetter?: boolean;
  /** a reason to skip (e.g. a missing interpreter); checked before running */
  skip?: () => string | undefined;
  /** one measurement */
  run: () => BenchMeasure | Promise<BenchMeasure>;
}

/** A benchmark's result as stored in results.json. */
export interface BenchResult {
  name: string;
  /** median over the repeats */
  value: number;
  unit: string;
  params: Record<string, unknown>;
  /** total wall time of all repeats, seconds */
  seconds: number;
  /** node version, e.g. "v20.20.2" */
  node: string;
  /** ISO date of the run */
  date: string;
  /** every repeat's value, in order */
  values: number[];
  /** extra numbers of the median repeat */
  extra?: Record<string, unknown>;
}

/** Default results file (git-ignored). */
export function resultsFile(): string {
  return path.join(packageRoot(__dirname), "data", "bench", "results.json");
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/** Options of `runBenchmarks`. */
export interface RunOptions {
  /** run only benchmarks whose name contains one of these strings */
  filter?: readonly string[];
  /** override every benchmark's repeat count */
  repeats?: number;
  /** progress lines (default: to stderr) */
  log?: (line: string) => void;
}

/** Run the benchmarks in order (median of repeats each) and return their results; skipped ones are logged. */
export async function runBenchmarks(list: readonly Benchmark[], opts: RunOptions = {}): Promise<BenchResult[]> {
  const log = opts.log ?? ((l: string) => process.stderr.write(l + "\n"));
  const out: BenchResult[] = [];
  for (const b of list) {
    if (opts.filter && opts.filter.length > 0 && !opts.filter.some((f) => b.name.includes(f))) continue;
    const why = b.skip?.();
    if (why) {
      log(`skip ${b.name}: ${why}`);
      continue;
    }
    const repeats = opts.repeats ?? b.repeats ?? 3;
    const measures: BenchMeasure[] = [];
    const t0 = process.hrtime.bigint();
    for (let r = 0; r < repeats; r++) {
      const m = await b.run();
      measures.push(m);
      log(`${b.name} [${r + 1}/${repeats}]: ${fmt(m.value)} ${b.unit}`);
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const values = measures.map((m) => m.value);
    const med = median(values);
    const closest = measures.reduce((a, m) => (Math.abs(m.value - med) < Math.abs(a.value - med) ? m : a));
    const res: BenchResult = {
      name: b.name,
      value: med,
      unit: b.unit,
      params: b.params,
      seconds,
      node: process.version,
      date: new Date().toISOString(),
      values,
    };
    if (closest.extra) res.extra = closest.extra;
    out.push(res);
  }
  return out;
}

/** Write results into `file`, replacing older entries with the same name and keeping the others. */
export function writeResults(results: readonly BenchResult[], file: string = resultsFile()): void {
  let old: BenchResult[] = [];
  if (fs.existsSync(file)) {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
      if (Array.isArray(parsed)) old = parsed as BenchResult[];
    } catch {
      old = [];
    }
  }
  const names = new Set(results.map((r) => r.name));
  const merged = [...old.filter((r) => !names.has(r.name)), ...results];
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(merged, null, 2) + "\n");
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(3) : v.toPrecision(4);
}

/** A plain-text table of results: name, median value, unit, spread of repeats, seconds. */
export function formatTable(results: readonly BenchResult[]): string {
  const rows = [
    ["benchmark", "value (median)", "unit", "min … max", "seconds"],
    ...results.map((r) => [
      r.name,
      fmt(r.value),
      r.unit,
      `${fmt(Math.min(...r.values))} … ${fmt(Math.max(...r.values))}`,
      r.seconds.toFixed(1),
    ]),
  ];
  const w = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]): string => row.map((s, c) => (c === 1 || c === 4 ? s.padStart(w[c]) : s.padEnd(w[c]))).join("  ");
  return [line(rows[0]), w.map((n) => "-".repeat(n)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

/** Debian's python, which has numpy (not a pyenv python on PATH). */
export const PYTHON = "/usr/bin/python3";

/** Why a numpy reference cannot run here, or undefined if it can. */
export function numpySkipReason(): string | undefined {
  if (!fs.existsSync(PYTHON)) return `${PYTHON} not found`;
  try {
    execFileSync(PYTHON, ["-c", "import numpy"], { stdio: "ignore" });
  } catch {
    return "numpy is not installed for /usr/bin/python3 (apt-get install python3-numpy libopenblas0-openmp)";
  }
  return undefined;
}

/**
 * The first python (Debian's /usr/bin/python3, then `python3` on PATH) that imports every module of
 * `modules`, or undefined when none does.
 */
export function pythonWith(modules: readonly string[]): string | undefined {
  for (const py of [PYTHON, "python3"]) {
    try {
      execFileSync(py, ["-c", modules.map((m) => `import ${m}`).join("; ")], { stdio: "ignore" });
      return py;
    } catch {
      /* not this one */
    }
  }
  return undefined;
}

/** Run a reference script (path relative to the package root) and parse the JSON object on its last stdout line. */
export function runPythonJson(script: string, args: string[], python: string = PYTHON): Record<string, unknown> {
  const out = execFileSync(python, [path.join(packageRoot(__dirname), script), ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return JSON.parse(out.trim().split("\n").pop() as string);
}
