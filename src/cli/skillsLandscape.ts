/** `datalaws skills landscape`: an exact 2-D loss slice around the initialisation (no sampling). */
import { zipfSkills } from "../../theory/skills/distributions";
import { landscapeCost, landscapeGrid, randomOrthogonalDirection, sliceCoefficients, trajectoryPca } from "../../theory/skills/landscape";
import { gaussianInit, skillModel } from "../../theory/skills/model";
import { populationGd } from "../../theory/skills/populationGd";
import { ParameterError } from "../core/validate";
import { defineCommand } from "./command";
import { checkCost } from "../core/resources";
import { JSON_FLAG } from "./common";
import { fmt, jsonLine, table } from "./output";
import { checkDk, checkEta, MODEL_FLAGS } from "./skillsCommon";

export const command = defineCommand({
  name: "skills landscape",
  summary: "exact 2-D slice of the skill-composition loss around the initialisation w0 (no sampling)",
  flags: {
    ...MODEL_FLAGS,
    seed: { kind: "integer", default: 0, bounds: { min: 0 }, description: "seed of the skills, w⋆ and w0" },
    directions: { kind: "choice", choices: ["wstar", "pca"], default: "wstar", description: "slice plane: u = w⋆ and a random v ⊥ u, or the top two PCA directions of the GD trajectory" },
    eta: { kind: "number", bounds: { gt: 0 }, defaultText: "required with --directions pca", description: "GD learning rate of the trajectory (pca only)" },
    steps: { kind: "integer", bounds: { min: 3 }, defaultText: "2000 (pca only)", description: "GD steps of the trajectory (pca only)" },
    loss: { kind: "choice", choices: ["train", "uniform"], default: "train", description: "training loss (Zipf-weighted) or uniform loss over skills" },
    span: { kind: "number", default: 1, bounds: { gt: 0 }, metavar: "X", description: "the grid covers [-X, X]² in (a, b)" },
    n: { kind: "integer", default: 21, bounds: { min: 2, max: 401 }, description: "grid points per axis" },
    json: JSON_FLAG,
  },
  notes: "The slice is w0 + a·u + b·v. With --json: one line per grid point {a, b, loss}.",
  examples: ["skills landscape --k 6 --d 64 --alpha 1.5 --n 5", "skills landscape --k 6 --d 64 --alpha 1.5 --directions pca --eta 0.2"],
  async run(o) {
    const { k, d, alpha, r, seed } = o;
    checkDk(k, d);
    const pcaSteps = o.directions === "pca" ? (o.steps ?? 2000) : undefined;
    checkCost("skills landscape", landscapeCost, { k, d, n: o.n, pcaSteps: pcaSteps ?? 0 }, { names: { d: "--d", n: "--n", ...(pcaSteps !== undefined ? { pcaSteps: "--steps" } : {}) }, warn: (line) => process.stderr.write(line + "\n") });
    if (o.directions === "wstar") {
      if (o.eta !== undefined) throw new ParameterError("--eta", o.eta, "absent with --directions wstar (it sets the GD trajectory of --directions pca)");
      if (o.steps !== undefined) throw new ParameterError("--steps", o.steps, "absent with --directions wstar (it sets the GD trajectory of --directions pca)");
    } else {
      if (o.eta === undefined) throw new ParameterError("--eta", "(missing)", "given with --directions pca: a number > 0 below the GD stability limit");
      checkEta(o.eta, k, d, alpha);
    }
    const dist = zipfSkills(d, alpha, { seed });
    const m = skillModel(k, dist, { seed });
    const w0 = gaussianInit(d, r, seed);
    let u: Float64Array;
    let v: Float64Array;
    if (o.directions === "wstar") {
      u = m.wstar;
      v = randomOrthogonalDirection(m, u, seed);
    } else {
      const tr = populationGd(m, { eta: o.eta as number, steps: o.steps ?? 2000, w0, snapshots: true, records: 60 });
      ({ v1: u, v2: v } = trajectoryPca(tr.snapshots as Float64Array[]));
    }
    const which = o.loss as "train" | "uniform";
    const coef = sliceCoefficients(m, w0, u, v, which);
    // the loss is a polynomial of degree 2k in (a, b): beyond some span it overflows (the library then
    // refuses the slice or returns non-finite values); say so in terms of --span (or --r at w0 itself)
    const grid = (lo: number, hi: number, n: number) => {
      try {
        const x = landscapeGrid(coef, [lo, hi], [lo, hi], n);
        return x.z.every((row) => row.every((z) => Number.isFinite(z))) ? x : null;
      } catch {
        return null;
      }
    };
    const g = grid(-o.span, o.span, o.n);
    if (!g) {
      if (!grid(0, 0, 2)) throw new ParameterError("--r", r, `small enough that the loss at w0 stays finite in double precision at k = ${k} (it overflows here)`);
      let ok = o.span;
      while (ok > 1e-300 && !grid(-ok, ok, 2)) ok /= 2;
      throw new ParameterError("--span", o.span, `small enough that the loss (a polynomial of degree 2k = ${2 * k} in a, b) stays finite in double precision: here ≤ about ${fmt(ok, 2)}`);
    }
    const rows: Array<Record<string, number>> = [];
    g.b.forEach((b, j) => g.a.forEach((a, i) => rows.push({ a, b, loss: g.z[j][i] })));
    if (o.json) {
      for (const row of rows) process.stdout.write(jsonLine(row) + "\n");
      return;
    }
    process.stdout.write(`${which} loss on w0 + a·u + b·v (${o.directions === "wstar" ? "u = w⋆, v random ⊥_p" : "PCA of the GD trajectory"}), k = ${k}, d = ${d}, α = ${alpha}\n`);
    process.stdout.write(table(["a", "b", "loss"], rows.map((x) => [fmt(x.a, 4), fmt(x.b, 4), fmt(x.loss, 6)])) + "\n");
  },
});
