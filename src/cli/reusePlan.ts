/** `datalaws reuse plan`: how many epochs a dataset is worth, from a one-pass loss curve (src/reuse/planner). */
import * as fs from "node:fs";
import * as path from "node:path";
import { ParameterError } from "../core/validate";
import { defineCommand } from "./command";
import { JSON_FLAG } from "./common";
import { fmt, jsonLine, table } from "./output";

const s0 = (p: { summary: { fit: { tailShare: number } } }) => p.summary;

function readText(file: string, flag: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new ParameterError(flag, file, `a readable CSV file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export const command = defineCommand({
  name: "reuse plan",
  summary: "how many epochs is a dataset worth? fit the reuse theory to a one-pass loss curve and predict E(K,N), the K-epoch loss and K(λ,N)",
  flags: {
    curve: { kind: "string", metavar: "ONEPASS.csv", required: true, description: "one-pass validation loss over fresh data: CSV with a header and columns tokens,loss (any token unit; # comments and blank lines ignored)" },
    N: { kind: "number", required: true, bounds: { gt: 0 }, description: "unique tokens of the dataset (same unit as the curve's tokens)" },
    K: { kind: "numbers", default: [1, 2, 4, 8, 16, 32, 64], bounds: { min: 1 }, description: "epoch counts to predict" },
    lambda: { kind: "number", default: 0.75, bounds: { gt: 0, lt: 1 }, description: "λ of the saturation point K(λ,N), where E(K,N) = λK" },
    multi: { kind: "string", metavar: "RUNS.csv", description: "multi-epoch runs to calibrate on: CSV with columns unique_tokens,epochs,loss (≥ 3 losses after more than one epoch)" },
    beta: { kind: "number", bounds: { gt: 0, lt: 1 }, defaultText: "0.5 (range 0.25–0.75 in the interval)", description: "β = b/(a − 1): share of the loss exponent that is per-visit difficulty (not with --multi)" },
    eta: { kind: "number", bounds: { gt: 0, max: 1 }, defaultText: "10^-1.5 (range 1e-3–1 in the interval)", description: "η: per-visit learning rate of the theory (not with --multi)" },
    d: { kind: "integer", default: 1048576, bounds: { min: 16, max: 1e12 }, description: "items of the Zipf model (raise it when the plan warns that they run out; cost grows with d)" },
    bootstrap: { kind: "integer", default: 100, bounds: { min: 0, max: 100000 }, description: "parametric bootstrap replicates for the interval" },
    level: { kind: "number", default: 0.9, bounds: { gt: 0, lt: 1 }, description: "interval level" },
    seed: { kind: "integer", default: 1, bounds: { min: 0 }, description: "seed of the bootstrap" },
    figure: { kind: "string", metavar: "BASE", description: "write the figure to BASE.html (and BASE.png when Chromium is installed); default next to the curve: <curve>.plan" },
    json: JSON_FLAG,
  },
  notes:
    "Model: the Zipf model of Yan et al. (arXiv 2511.13421), L(K,N) = L∞ + A·R(K, N/c; η), fitted by weighted least squares on ln(loss). A one-pass curve identifies the exponent, L∞ and the scales, but not β and η, which set how much repetition helps: give --multi (recommended: even one N with a few K), or --beta/--eta, else the defaults are used and the interval spans their ranges (wide on purpose). The interval covers the curve's noise (parametric bootstrap) and the range of β, η; not a run that overfits or changes its learning-rate schedule.\n\n" +
    'With --json: one line per K {"N","K","E","loss","lo","hi","lossLo","lossHi","muennighoffE","muennighoffLoss","extrapolated"} (lo, hi: interval of E; extrapolated: E·N beyond the curve), then one summary line {"N","lambda","saturationK","saturationLo","saturationHi","largestK","muennighoffSaturationK","fit":{…}}. No figure is written with --json unless --figure is given.',
  examples: ["reuse plan --curve onepass.csv --N 2e9", "reuse plan --curve onepass.csv --N 2e9 --multi runs.csv --K 1,2,4,8,16 --json", "export reuse.transformer-study --table onepass --out onepass.csv"],
  async run(o) {
    const { parseOnePassCsv, parseRunsCsv, planEpochs, planFigure } = await import("../reuse/planner");
    const curve = parseOnePassCsv(readText(o.curve, "--curve"), o.curve);
    const runs = o.multi !== undefined ? parseRunsCsv(readText(o.multi, "--multi"), o.multi) : undefined;
    if (runs && (o.beta !== undefined || o.eta !== undefined)) throw new ParameterError(o.beta !== undefined ? "--beta" : "--eta", o.beta ?? o.eta, "left out with --multi (the runs calibrate β and η)");
    const plan = planEpochs(curve, { N: o.N, K: o.K as number[], lambda: o.lambda, runs, beta: o.beta, eta: o.eta, d: o.d, bootstrap: o.bootstrap, level: o.level, seed: o.seed });
    const { TAIL_WARNING } = await import("../reuse/planner");
    if (s0(plan).fit.tailShare > TAIL_WARNING) {
      process.stderr.write(`warning: ${fmt(100 * plan.summary.fit.tailShare, 2)}% of the fitted risk sits in the last half of the model's --d ${o.d} items at the largest token count: the fit sees their floor, not a power law; try --d ${4 * o.d}\n`);
    }
    const s = plan.summary;
    if (o.json) {
      for (const r of plan.rows) process.stdout.write(jsonLine(r) + "\n");
      process.stdout.write(jsonLine(s) + "\n");
    } else {
      process.stdout.write(
        table(
          ["K", "E", "E interval", "loss", "loss interval", "Muennighoff E_M", "E_M loss", ""],
          plan.rows.map((r) => [fmt(r.K), fmt(r.E), `[${fmt(r.lo)}, ${fmt(r.hi)}]`, fmt(r.loss), `[${fmt(r.lossLo)}, ${fmt(r.lossHi)}]`, fmt(r.muennighoffE), fmt(r.muennighoffLoss), r.extrapolated ? "extrapolated" : ""]),
        ) + "\n",
      );
      const f = s.fit;
      process.stdout.write(
        `\nN = ${fmt(s.N)}: saturation K(${s.lambda}, N) = ${fmt(s.saturationK)} [${fmt(s.saturationLo)}, ${fmt(s.saturationHi)}]; largest K worth running: ${fmt(s.largestK)} (Muennighoff: ${fmt(s.muennighoffSaturationK)}, any N)\n` +
          `fit: one-pass exponent ${fmt(f.onePassExponent)} (a = ${fmt(f.a)}), L∞ = ${fmt(f.Linf)}, residual sd of ln loss ${fmt(f.sigma)}; β = ${fmt(f.beta)}, η = ${fmt(f.eta)} (${f.reuseSource === "runs" ? `calibrated on ${f.runsUsed} losses of ${o.multi}${f.runsDropped ? ` (${f.runsDropped} after their N's lowest loss left out: overfitting)` : ""}, rms ln-loss error ${fmt(f.runsRmsLogError)}` : f.reuseSource === "given" ? "given" : "defaults: a one-pass curve cannot identify them, give --multi"})\n` +
          `interval: ${Math.round(f.level * 100)}%, ${f.bootstrap} bootstrap fits${f.alternatives.length ? ` and ${f.alternatives.length} other (β, η)` : ""}\n`,
      );
    }
    if (!o.json || o.figure !== undefined) {
      const base = o.figure ?? path.join(path.dirname(o.curve), path.basename(o.curve).replace(/\.csv$/i, "") + ".plan");
      const { FigureRenderer, writeFigureFiles } = await import("../plot/export");
      const renderer = await FigureRenderer.open().catch(() => null);
      try {
        const files = await writeFigureFiles(planFigure(curve, plan, runs), { id: "reuse.plan", title: "Reuse plan", caption: "Fitted one-pass curve, predicted K-epoch losses (interval) and Muennighoff's E_M(K) on the same curve." }, base, null, renderer, { svg: false });
        process.stderr.write(`figure: ${[files.html, files.png].filter(Boolean).join(", ")}\n`);
      } finally {
        await renderer?.close();
      }
    }
  },
});
