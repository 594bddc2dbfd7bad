/** `datalaws skills sgd`: online minibatch SGD on the k-fold composition toy, one line per seed. */
import { RANK_ORDERS } from "../../theory/skills/distributions";
import type { SgdTask } from "../../theory/skills/sampleComplexity";
import { progress } from "../run/progress";
import { sgdSweep } from "../skills/sgdSweep";
import type { Args } from "./args";
import { fmt, jsonLine, table } from "./output";
import { etaFlag, modelFlags } from "./skillsCommon";

export const usage =
  "skills sgd --k K --d D --alpha A --eta E --batch B --budget SAMPLES --seeds N [--r R] [--seed0 S] [--order random|identity|reverse] [--bins NB] [--threads T] [--json]";

export async function run(args: Args): Promise<void> {
  const { k, d, alpha, r } = modelFlags(args);
  const eta = etaFlag(args, k, d, alpha);
  const batch = args.integer("batch", undefined, { min: 1 });
  const budget = args.integer("budget", undefined, { min: batch });
  const seeds = args.integer("seeds", undefined, { min: 1 });
  const seed0 = args.integer("seed0", 0, { min: 0 });
  const order = args.oneOf("order", RANK_ORDERS, "random");
  const bins = args.has("bins") ? args.integer("bins", undefined, { min: 1, max: d }) : undefined;
  const threads = args.integer("threads", Math.min(2, require("node:os").cpus().length), { min: 1 });
  const json = args.bool("json");
  const tasks: SgdTask[] = Array.from({ length: seeds }, (_, i) => ({ k, d, alpha, eta, batch, budget, r, seed: seed0 + i, order, bins }));
  const bar = progress("skills sgd");
  const out = await sgdSweep(tasks, { threads, onProgress: (a, b) => bar.update(a, b, "runs") });
  bar.done();
  if (json) {
    for (const o of out) process.stdout.write(jsonLine({ seed: o.seed, escape: o.escape, solve: o.solve, finalUniformLoss: o.finalUniformLoss }) + "\n");
    return;
  }
  const lim = out[0].etaLimit;
  process.stdout.write(
    `online SGD: k = ${k}, d = ${d}, α = ${alpha}${alpha === 0 ? " (uniform)" : ""}, η = ${eta} (${fmt(eta / lim, 3)} of the GD limit ${fmt(lim, 4)}), batch ${batch}, budget ${budget}, r = ${r}\n` +
      table(
        ["seed", "escape", "solve", "final L_unif", "|A(w0)|/sd", "escape margin"],
        out.map((o) => [String(o.seed), o.escape === null ? "not reached" : fmt(o.escape), o.solve === null ? "not reached" : fmt(o.solve), fmt(o.finalUniformLoss, 4), fmt(o.zA0, 3), fmt(o.escapeMargin, 3)]),
      ) +
      `\nescaped ${out.filter((o) => o.escape !== null).length}/${out.length}, solved ${out.filter((o) => o.solve !== null).length}/${out.length}\n`,
  );
}
