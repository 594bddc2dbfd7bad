/**
 * `npm run bench [-- name… --repeats n]`: runs every registered benchmark (or those whose name contains
 * one of the given strings), prints a table and writes data/bench/results.json.
 * Register a benchmark by importing it here and adding it to BENCHMARKS.
 */
import { formatTable, resultsFile, runBenchmarks, writeResults, type Benchmark } from "./harness";
import { mcBenchmarks } from "./mc";
import { nnBenchmarks } from "./nn";
import { proxyBenchmarks } from "./proxy";
import { reuseBenchmarks } from "./reuse";
import { skillsBenchmarks } from "./skills";

/** Every registered benchmark, in run order. */
export const BENCHMARKS: Benchmark[] = [...reuseBenchmarks, ...mcBenchmarks, ...nnBenchmarks, ...skillsBenchmarks, ...proxyBenchmarks];

async function main(argv: string[]): Promise<void> {
  const filter: string[] = [];
  let repeats: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--repeats") {
      repeats = Number(argv[++i]);
      if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`--repeats = ${argv[i]}: must be an integer ≥ 1`);
    } else if (argv[i] === "--list") {
      for (const b of BENCHMARKS) process.stdout.write(`${b.name}\n`);
      return;
    } else filter.push(argv[i]);
  }
  const results = await runBenchmarks(BENCHMARKS, { filter, repeats });
  writeResults(results);
  process.stdout.write(formatTable(results) + "\n");
  const ratio = (a: string, b: string, label: string): void => {
    const x = results.find((r) => r.name === a);
    const y = results.find((r) => r.name === b);
    if (x && y) process.stdout.write(`${label} = ${(x.value / y.value).toFixed(2)}\n`);
  };
  ratio("plateau-numpy", "plateau-grid", "(a) plateau speed-up over numpy (time per N, numpy / ours)");
  ratio("plateau-secular-numpy", "plateau-grid-2t", "(a′) plateau grid, warm-started on 2 threads, speed-up over numpy with the same secular solver (numpy / ours, target ≥ 10)");
  ratio("zipf-numpy", "zipf-grid", "(b) Zipf grid speed-up over numpy (numpy / ours)");
  ratio("mc-throughput", "mc-numpy", "(c) Monte Carlo throughput, ours / numpy");
  ratio("nn-tiny-x8", "nn-torch-tiny", "(nn) tiny ×8 ms per model-step, ours / PyTorch CPU (target ≤ 3)");
  ratio("nn-small-x1", "nn-torch-small", "(nn) small ×1 on one core, ms per step, ours / PyTorch CPU");
  ratio("nn-small-dp2", "nn-torch-small", "(nn) small ×1 data-parallel on 2 workers, ms per step, ours / PyTorch CPU (target ≤ 5)");
  process.stdout.write(`results: ${resultsFile()}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
