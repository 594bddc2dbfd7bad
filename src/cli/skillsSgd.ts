/** `datalaws skills sgd`: online minibatch SGD on the k-fold composition toy, one line per seed. */
import { RANK_ORDERS } from "../../theory/skills/distributions";
import type { SgdTask } from "../../theory/skills/sampleComplexity";
import { ParameterError } from "../core/validate";
import { defineCommand } from "./command";
import { JSON_FLAG, threadsOr, THREADS_FLAG } from "./common";
import { fmt, jsonLine, table } from "./output";
import { checkDk, checkEta, MODEL_FLAGS } from "./skillsCommon";

export const command = defineCommand({
  name: "skills sgd",
  summary: "online minibatch SGD on the k-fold skill-composition toy: escape and solve times, one line per seed",
  flags: {
    ...MODEL_FLAGS,
    eta: { kind: "number", required: true, bounds: { gt: 0 }, description: "learning rate η (below the GD stability limit 2/λ_max)" },
    batch: { kind: "integer", required: true, bounds: { min: 1 }, description: "minibatch size" },
    budget: { kind: "integer", required: true, bounds: { min: 1 }, metavar: "SAMPLES", description: "samples seen per run (≥ batch)" },
    seeds: { kind: "integer", required: true, bounds: { min: 1 }, description: "number of seeds (runs)" },
    seed0: { kind: "integer", default: 0, bounds: { min: 0 }, description: "first seed" },
    order: { kind: "choice", choices: RANK_ORDERS, default: "random", description: "how skill frequency ranks map to skills" },
    bins: { kind: "integer", bounds: { min: 1 }, defaultText: "one per skill", description: "power law over this many coarse rank bins of equal size, uniform inside each (the granularity ablation; ≤ d)" },
    threads: THREADS_FLAG,
    json: JSON_FLAG,
  },
  notes: "A run whose iterate blows up is reported as diverged (escape and solve null), never as an escape. With --json: one line per seed {seed, escape, solve, diverged, finalUniformLoss} (escape/solve null where not reached or diverged).",
  examples: ["skills sgd --k 4 --d 32 --alpha 1.5 --eta 0.2 --batch 16 --budget 2e5 --seeds 3"],
  async run(o) {
    checkDk(o.k, o.d);
    if (o.budget < o.batch) throw new ParameterError("--budget", o.budget, `an integer ≥ batch = ${o.batch}`);
    if (o.seed0 + o.seeds - 1 > Number.MAX_SAFE_INTEGER) throw new ParameterError("--seed0", o.seed0, `an integer ≤ 2^53 − seeds = ${Number.MAX_SAFE_INTEGER - o.seeds + 1} (the seeds seed0, seed0 + 1, … must stay exact)`);
    const { k, d, alpha, eta, batch, budget, r, order, bins } = o;
    const tasks: SgdTask[] = Array.from({ length: o.seeds }, (_, i) => ({ k, d, alpha, eta, batch, budget, r, seed: o.seed0 + i, order: order as SgdTask["order"], bins }));
    const { checkSgdSweepSize, sgdSweep } = await import("../skills/sgdSweep");
    // sizes before the stability limit: its Hessian eigenvalue already allocates d-vectors
    const names = { k: "--k", d: "--d", batch: "--batch", budget: "--budget", runs: "--seeds" };
    checkSgdSweepSize(tasks, { threads: threadsOr(o.threads), names, warn: (line) => process.stderr.write(line + "\n") });
    checkEta(o.eta, o.k, o.d, o.alpha);
    if (o.bins !== undefined && o.bins > o.d) throw new ParameterError("--bins", o.bins, `an integer ≤ d = ${o.d}`);
    const { progress } = await import("../run/progress");
    const bar = progress("skills sgd");
    const out = await sgdSweep(tasks, { threads: threadsOr(o.threads), names, onProgress: (a, b) => bar.update(a, b, "runs") });
    bar.done();
    if (o.json) {
      for (const x of out) process.stdout.write(jsonLine({ seed: x.seed, escape: x.escape, solve: x.solve, diverged: x.diverged, finalUniformLoss: x.finalUniformLoss }) + "\n");
      return;
    }
    const lim = out[0].etaLimit;
    process.stdout.write(
      `online SGD: k = ${k}, d = ${d}, α = ${alpha}${alpha === 0 ? " (uniform)" : ""}, η = ${eta} (${fmt(eta / lim, 3)} of the GD limit ${fmt(lim, 4)}), batch ${batch}, budget ${budget}, r = ${r}\n` +
        table(
          ["seed", "escape", "solve", "final L_unif", "|A(w0)|/sd", "escape margin"],
          out.map((x) => {
            const when = (v: number | null) => (x.diverged ? "diverged" : v === null ? "not reached" : fmt(v));
            return [String(x.seed), when(x.escape), when(x.solve), fmt(x.finalUniformLoss, 4), fmt(x.zA0, 3), fmt(x.escapeMargin, 3)];
          }),
        ) +
        `\nescaped ${out.filter((x) => !x.diverged && x.escape !== null).length}/${out.length}, solved ${out.filter((x) => !x.diverged && x.solve !== null).length}/${out.length}, diverged ${out.filter((x) => x.diverged).length}/${out.length}\n`,
    );
  },
});
