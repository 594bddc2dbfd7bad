/** `datalaws skills landscape`: an exact 2-D loss slice around the initialisation (no sampling). */
import { zipfSkills } from "../../theory/skills/distributions";
import { landscapeGrid, randomOrthogonalDirection, sliceCoefficients, trajectoryPca } from "../../theory/skills/landscape";
import { gaussianInit, skillModel } from "../../theory/skills/model";
import { populationGd } from "../../theory/skills/populationGd";
import type { Args } from "./args";
import { fmt, jsonLine, table } from "./output";
import { etaFlag, modelFlags } from "./skillsCommon";

export const usage =
  "skills landscape --k K --d D --alpha A [--r R] [--seed S] [--directions wstar|pca] [--eta E --steps T (pca)] [--loss train|uniform] [--span X] [--n N] [--json]";

export async function run(args: Args): Promise<void> {
  const { k, d, alpha, r } = modelFlags(args);
  const seed = args.integer("seed", 0, { min: 0 });
  const directions = args.oneOf("directions", ["wstar", "pca"] as const, "wstar");
  const which = args.oneOf("loss", ["train", "uniform"] as const, "train");
  const span = args.number("span", 1, { gt: 0 });
  const n = args.integer("n", 21, { min: 2, max: 401 });
  const json = args.bool("json");
  const dist = zipfSkills(d, alpha, { seed });
  const m = skillModel(k, dist, { seed });
  const w0 = gaussianInit(d, r, seed);
  let u: Float64Array;
  let v: Float64Array;
  if (directions === "wstar") {
    u = m.wstar;
    v = randomOrthogonalDirection(m, u, seed);
  } else {
    const eta = etaFlag(args, k, d, alpha);
    const steps = args.integer("steps", 2000, { min: 3 });
    const tr = populationGd(m, { eta, steps, w0, snapshots: true, records: 60 });
    ({ v1: u, v2: v } = trajectoryPca(tr.snapshots as Float64Array[]));
  }
  const g = landscapeGrid(sliceCoefficients(m, w0, u, v, which), [-span, span], [-span, span], n);
  const rows: Array<Record<string, number>> = [];
  g.b.forEach((b, j) => g.a.forEach((a, i) => rows.push({ a, b, loss: g.z[j][i] })));
  if (json) {
    for (const row of rows) process.stdout.write(jsonLine(row) + "\n");
    return;
  }
  process.stdout.write(`${which} loss on w0 + a·u + b·v (${directions === "wstar" ? "u = w⋆, v random ⊥_p" : "PCA of the GD trajectory"}), k = ${k}, d = ${d}, α = ${alpha}\n`);
  process.stdout.write(table(["a", "b", "loss"], rows.map((x) => [fmt(x.a, 4), fmt(x.b, 4), fmt(x.loss, 6)])) + "\n");
}
