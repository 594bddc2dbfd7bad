import { describe, expect, it } from "vitest";
import { zipfModel } from "../../../src/core/spectra";
import { levenbergMarquardt } from "../../../src/core/leastSquares";
import { ParameterError } from "../../../src/core/validate";
import { zipfReuseRate, zipfRisk } from "../../../theory/reuse/zipf";
import { muennighoffReuseRate } from "../../../theory/reuse/asymptotics";
import { toCsv } from "../../../src/run/tidy";
import { reuseTransformerStudy, type ReuseStudyResult } from "../../../src/reuse/study/study";
import {
  beforeOverfitting,
  EXACT_ITEMS,
  itemGrid,
  tailShare,
  calibrateReuse,
  CsvError,
  CurveError,
  exponentB,
  fitOnePass,
  logLossNoise,
  logSpacedTokens,
  MAX_EXTRAPOLATION,
  MIN_CURVE_POINTS,
  muennighoffSaturationK,
  parseOnePassCsv,
  parseRunsCsv,
  planEpochs,
  plannerLoss,
  plannerReuseRate,
  plannerRisk,
  plannerSaturationK,
  requireOnePassCurve,
  syntheticOnePassCurve,
  type PlannerParams,
} from "../../../src/reuse/planner";

const truth: PlannerParams = { a: 1.6, beta: 0.5, eta: 0.1, c: 50, A: 3, Linf: 2, d: 2048 };
const tokens = logSpacedTokens(50, 2e5, 30);
const exact = syntheticOnePassCurve(truth, tokens, 0, 1);
const csv = (rows: Array<[number, number]>) => "tokens,loss\n" + rows.map(([t, l]) => `${t},${l}`).join("\n") + "\n";

/** The error a function throws (fails the test when it throws none). */
function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

describe("planner model against the theory", () => {
  it("up to EXACT_ITEMS items the planner's risk is the theory's Zipf risk at every K and η (b = β(a − 1))", () => {
    const p = { ...truth, d: EXACT_ITEMS };
    const m = zipfModel(p.a, exponentB(p), p.d);
    for (const [K, n] of [[1, 10], [1, 1234.5], [4, 300], [32, 77]] as const) {
      expect(plannerRisk(p, K, n) / zipfRisk(m, K, n, { eta: p.eta })).toBeCloseTo(1, 13);
    }
  });

  it("beyond them (items summed in 1% groups) it is the d-item Zipf risk to 1e-4", () => {
    const p = { ...truth, d: 50000 };
    const m = zipfModel(p.a, exponentB(p), p.d);
    for (const [K, n] of [[1, 10], [1, 1e5], [8, 3e4], [64, 1e3]] as const) {
      expect(Math.abs(plannerRisk(p, K, n) / zipfRisk(m, K, n, { eta: p.eta }) - 1)).toBeLessThan(1e-4);
    }
    expect(itemGrid(50000).count.reduce((a, b) => a + b, 0)).toBe(50000);
    expect(itemGrid(2 ** 20).index.length).toBeLessThan(2000);
  });

  it("at η = 1 and c = 1, E(K,N) is the theory's zipfReuseRate", () => {
    const p = { ...truth, eta: 1, c: 1, d: EXACT_ITEMS };
    const m = zipfModel(p.a, exponentB(p), p.d);
    for (const K of [2, 8, 64]) expect(plannerReuseRate(p, K, 5000)).toBeCloseTo(zipfReuseRate(m, K, 5000).E, 7);
  });

  it("tailShare is near 0 while the items last and near 1 once the first half is learned", () => {
    expect(tailShare({ ...truth, d: 2 ** 20 }, 1e3)).toBeLessThan(0.01);
    expect(tailShare({ ...truth, d: 64 }, 1e7)).toBeGreaterThan(0.9);
  });

  it("the K-epoch loss is the one-pass curve at E·N tokens (the definition of E)", () => {
    for (const K of [2, 8, 32]) {
      const E = plannerReuseRate(truth, K, 3e4);
      expect(plannerLoss(truth, K, 3e4)).toBeCloseTo(plannerLoss(truth, 1, E * 3e4), 10);
      expect(E).toBeGreaterThanOrEqual(1);
      expect(E).toBeLessThanOrEqual(K);
    }
  });

  it("K(λ,N) solves E(K,N) = λK, and Muennighoff's K solves E_M(K) = λK", () => {
    const K = plannerSaturationK(truth, 3e4, 0.75);
    expect(plannerReuseRate(truth, K, 3e4) / K).toBeCloseTo(0.75, 5);
    const KM = muennighoffSaturationK(0.75);
    expect(muennighoffReuseRate(KM) / KM).toBeCloseTo(0.75, 9);
  });
});

describe("fit of a one-pass curve", () => {
  it("recovers the parameters of a noise-free theory curve (β, η given)", () => {
    const f = fitOnePass(exact, { beta: truth.beta, eta: truth.eta, d: truth.d });
    expect(f.params.a).toBeCloseTo(truth.a, 6);
    expect(f.params.c / truth.c).toBeCloseTo(1, 5);
    expect(f.params.A / truth.A).toBeCloseTo(1, 5);
    expect(f.params.Linf).toBeCloseTo(truth.Linf, 6);
    expect(f.sigma).toBeLessThan(1e-8);
    expect(plannerReuseRate(f.params, 8, 3e4)).toBeCloseTo(plannerReuseRate(truth, 8, 3e4), 5);
  });

  it("does not identify β: a wrong β fits the same curve almost as well but predicts another E (the reason for --multi)", () => {
    const wrong = fitOnePass(exact, { beta: 0.15, eta: truth.eta, d: truth.d });
    expect(wrong.sigma).toBeLessThan(1e-4); // residual sd of ln L below 0.01%: indistinguishable under any real noise
    const Etrue = plannerReuseRate(truth, 16, 3e4);
    const Ewrong = plannerReuseRate(wrong.params, 16, 3e4);
    expect(Math.abs(Ewrong / Etrue - 1)).toBeGreaterThan(0.05);
  });

  it("gives the same E in any token unit (tokens and N scaled together)", () => {
    const scaled = { tokens: exact.tokens.map((t) => t / 1e6), loss: exact.loss };
    const a = planEpochs(exact, { N: 3e4, K: [4], beta: truth.beta, eta: truth.eta, d: truth.d, bootstrap: 0 });
    const b = planEpochs(scaled, { N: 3e4 / 1e6, K: [4], beta: truth.beta, eta: truth.eta, d: truth.d, bootstrap: 0 });
    expect(b.rows[0].E).toBeCloseTo(a.rows[0].E, 5);
    expect(b.rows[0].loss).toBeCloseTo(a.rows[0].loss, 6);
  });

  it("calibration on noise-free multi-epoch runs recovers β and η well enough to predict E at a held-out N", () => {
    const runs = { uniqueTokens: [] as number[], epochs: [] as number[], loss: [] as number[] };
    for (const K of [1, 2, 4, 8, 16, 32]) {
      runs.uniqueTokens.push(5000);
      runs.epochs.push(K);
      runs.loss.push(plannerLoss(truth, K, 5000));
    }
    const cal = calibrateReuse(exact, runs, { d: truth.d });
    expect(cal.rmsLogError).toBeLessThan(2e-3);
    for (const K of [4, 16]) expect(plannerReuseRate(cal.fit.params, K, 5e4) / plannerReuseRate(truth, K, 5e4)).toBeCloseTo(1, 1);
  }, 60_000);
});

describe("overfitting in the runs", () => {
  it("losses after each N's lowest one are left out of the calibration (the model's loss never rises with K)", () => {
    const runs = { uniqueTokens: [1e4, 1e4, 1e4, 1e4, 2e4, 2e4, 2e4], epochs: [1, 2, 4, 8, 1, 2, 4], loss: [3, 2.8, 2.7, 2.9, 2.9, 2.7, 2.6] };
    const r = beforeOverfitting(runs);
    expect(r.dropped).toBe(1);
    expect(r.runs).toEqual({ uniqueTokens: [1e4, 1e4, 1e4, 2e4, 2e4, 2e4], epochs: [1, 2, 4, 1, 2, 4], loss: [3, 2.8, 2.7, 2.9, 2.7, 2.6] });
  });

  it("a rising tail does not move the calibration", () => {
    const clean = { uniqueTokens: [] as number[], epochs: [] as number[], loss: [] as number[] };
    for (const K of [1, 2, 4, 8, 16]) (clean.uniqueTokens.push(5000), clean.epochs.push(K), clean.loss.push(plannerLoss(truth, K, 5000)));
    const tail = { uniqueTokens: [...clean.uniqueTokens, 5000, 5000], epochs: [...clean.epochs, 32, 64], loss: [...clean.loss, clean.loss[4] * 1.1, clean.loss[4] * 1.3] };
    const a = calibrateReuse(exact, clean, { d: truth.d });
    const b = calibrateReuse(exact, tail, { d: truth.d });
    expect(b.dropped).toBe(2);
    expect(b.beta).toBe(a.beta);
    expect(b.eta).toBe(a.eta);
  }, 60_000);
});

describe("plan interval", () => {
  it("the bootstrap interval around E is two-sided and contains the point (β, η given: it is the curve's noise alone)", () => {
    const noisy = syntheticOnePassCurve(truth, tokens, 0.01, 3);
    const plan = planEpochs(noisy, { N: 3e4, K: [2, 8], beta: truth.beta, eta: truth.eta, d: truth.d, bootstrap: 12, seed: 2 });
    for (const r of plan.rows) {
      expect(r.lo).toBeLessThan(r.E);
      expect(r.hi).toBeGreaterThan(r.E);
      expect(r.lossLo).toBeLessThan(r.loss);
      expect(r.lossHi).toBeGreaterThan(r.loss);
    }
    expect(plan.summary.fit.alternatives).toEqual([]);
    // seeded: the same seed, the same interval
    const again = planEpochs(noisy, { N: 3e4, K: [2, 8], beta: truth.beta, eta: truth.eta, d: truth.d, bootstrap: 12, seed: 2 });
    expect(again.rows[1].lo).toBe(plan.rows[1].lo);
  }, 60_000);

  it("without β and η the interval spans their default ranges (wide: E from about 1 to about K)", () => {
    const plan = planEpochs(exact, { N: 3e4, K: [8], d: truth.d, bootstrap: 0 });
    expect(plan.summary.fit.reuseSource).toBe("default");
    expect(plan.summary.fit.alternatives).toHaveLength(4);
    expect(plan.rows[0].lo).toBeLessThan(1.5);
    expect(plan.rows[0].hi).toBeGreaterThan(6);
  }, 60_000);
});

describe("named errors for bad curves", () => {
  it("too few points", () => {
    const e = errorOf(() => requireOnePassCurve({ tokens: tokens.slice(0, MIN_CURVE_POINTS - 1), loss: exact.loss.slice(0, MIN_CURVE_POINTS - 1) }));
    expect(e).toBeInstanceOf(CurveError);
    expect(e.message).toMatch(/curve points = 7: must be at least 8 \(too few points/);
  });

  it("loss not finite", () => {
    const loss = exact.loss.slice();
    loss[5] = Infinity;
    const e = errorOf(() => requireOnePassCurve({ tokens, loss }));
    expect(e).toBeInstanceOf(CurveError);
    expect(e.message).toMatch(/curve\.loss\[5\] = Infinity: must be a finite loss > 0 \(loss not finite/);
  });

  it("token counts not increasing", () => {
    const t = tokens.slice();
    t[4] = t[3];
    expect(errorOf(() => requireOnePassCurve({ tokens: t, loss: exact.loss })).message).toMatch(/curve\.tokens\[4\].*increasing/);
  });

  it("non-monotone beyond noise: a curve that rises is rejected, the same rise inside the noise is not", () => {
    const noisy = syntheticOnePassCurve(truth, tokens, 0.01, 5);
    expect(() => requireOnePassCurve(noisy)).not.toThrow();
    const rising = { tokens, loss: noisy.loss.map((l, i) => (i > 20 ? l * (1 + 0.03 * (i - 20)) : l)) };
    const e = errorOf(() => requireOnePassCurve(rising));
    expect(e).toBeInstanceOf(CurveError);
    expect(e.message).toMatch(/curve\.loss = .*non-monotone beyond noise/);
    // the noise estimate sees the 1% noise (second differences), not the curve's bend
    expect(logLossNoise(noisy.loss)).toBeGreaterThan(0.005);
    expect(logLossNoise(noisy.loss)).toBeLessThan(0.02);
  });

  it("N beyond the curve by more than the model extrapolates, with the factor", () => {
    const e = errorOf(() => planEpochs(exact, { N: 2e5 * 50, bootstrap: 0 }));
    expect(e).toBeInstanceOf(CurveError);
    expect(e.message).toMatch(new RegExp(`N = 10000000: must be ≤ ${MAX_EXTRAPOLATION} × .*N is 50\\.0× beyond the curve`));
    expect(errorOf(() => planEpochs(exact, { N: 1, bootstrap: 0 })).message).toMatch(/N is 50\.0× below the curve/);
    // multi-epoch runs far beyond the curve were used to calibrate β and η without a word (their losses are an extrapolation of the fit)
    const far = { uniqueTokens: [2e7, 2e7, 2e7, 2e7], epochs: [1, 2, 4, 8], loss: [3, 2.9, 2.85, 2.83] };
    const r = errorOf(() => planEpochs(exact, { N: 1e4, runs: far, bootstrap: 0 }));
    expect(r).toBeInstanceOf(CurveError);
    expect(r.message).toMatch(/runs\.uniqueTokens\[0\] = 20000000: must be ≤ 10 × .*runs\.uniqueTokens\[0\] is 100× beyond the curve/);
  });
});

describe("CSV input", () => {
  it("reads a header, skips comments and blank lines, any column order, extra columns", () => {
    const c = parseOnePassCsv("# my run\n\nstep,Loss,tokens\n1,3.5,100 # first\n\n2,3.0,200\r\n3,2.8,400\n");
    expect(c).toEqual({ tokens: [100, 200, 400], loss: [3.5, 3.0, 2.8] });
    expect(parseOnePassCsv("\uFEFFtokens,loss\n1,2\n")).toEqual({ tokens: [1], loss: [2] }); // a spreadsheet's byte-order mark
  });

  it("names a non-numeric cell by its line and column", () => {
    const e = errorOf(() => parseOnePassCsv("tokens,loss\n100,3.5\n200,abc\n", "run.csv"));
    expect(e).toBeInstanceOf(CsvError);
    expect(e.message).toBe('run.csv line 3, column "loss" = "abc": must be a finite number');
    expect(errorOf(() => parseOnePassCsv("tokens,loss\n100\n", "run.csv")).message).toMatch(/run\.csv line 2, column "loss" = "\(missing\)"/);
  });

  it("requires the header", () => {
    expect(errorOf(() => parseOnePassCsv("100,3.5\n200,3.0\n", "run.csv")).message).toMatch(/run\.csv header \(line 1\).*add the header/);
    expect(errorOf(() => parseOnePassCsv("t,loss\n100,3.5\n", "run.csv")).message).toMatch(/a column "tokens"/);
    expect(errorOf(() => parseOnePassCsv("# nothing\n\n", "run.csv"))).toBeInstanceOf(CsvError);
    expect(errorOf(() => parseOnePassCsv("tokens,loss\n", "run.csv")).message).toMatch(/only a header/);
  });

  it("reads multi-epoch runs and names bad epochs", () => {
    expect(parseRunsCsv("unique_tokens,epochs,loss\n1e6,1,3.1\n1e6,4,2.9\n")).toEqual({ uniqueTokens: [1e6, 1e6], epochs: [1, 4], loss: [3.1, 2.9] });
    expect(errorOf(() => parseRunsCsv("unique_tokens,epochs,loss\n1e6,0.5,3\n", "runs.csv")).message).toMatch(/runs\.csv line 2, column "epochs" = 0\.5: must be an integer ≥ 1/);
  });

  it("a CSV of the theory's curve gives the same plan as the arrays", () => {
    const text = csv(exact.tokens.map((t, i) => [t, exact.loss[i]]));
    const a = planEpochs(parseOnePassCsv(text), { N: 3e4, K: [4], beta: 0.5, eta: 0.1, d: truth.d, bootstrap: 0 });
    expect(a.rows[0].E).toBeCloseTo(plannerReuseRate(truth, 4, 3e4), 4);
  });

  it("the runs need at least three losses after more than one epoch", () => {
    const e = errorOf(() => calibrateReuse(exact, { uniqueTokens: [1e4, 1e4], epochs: [1, 2], loss: [3, 2.9] }));
    expect(e).toBeInstanceOf(ParameterError);
    expect(e.message).toMatch(/runs\.epochs.*at least 3 losses after more than one epoch/);
  });
});

describe("the study's curves in the planner's formats (datalaws export … --table)", () => {
  it("onepass and runs tables round-trip through CSV into parseOnePassCsv and parseRunsCsv", () => {
    const value = {
      K: [1, 2],
      onePassMean: { tokens: [100, 200, 400], valLoss: [3.5, 3.1, 2.9] },
      curves: [{ N: 128, valLoss: [3.4, 3.2] }, { N: 256, valLoss: [3.1, 2.95] }],
    } as unknown as ReuseStudyResult;
    const tables = reuseTransformerStudy.tables!;
    expect(parseOnePassCsv(toCsv(tables.onepass.rows(value)))).toEqual({ tokens: [100, 200, 400], loss: [3.5, 3.1, 2.9] });
    expect(parseRunsCsv(toCsv(tables.runs.rows(value)))).toEqual({ uniqueTokens: [128, 128, 256, 256], epochs: [1, 2, 1, 2], loss: [3.4, 3.2, 3.1, 2.95] });
  });
});

describe("Levenberg–Marquardt", () => {
  it("recovers an exponential decay exactly and stops at a minimum", () => {
    const x = Array.from({ length: 20 }, (_, i) => i / 4);
    const y = x.map((t) => 2 * Math.exp(-0.7 * t) + 0.5);
    const r = levenbergMarquardt((p) => x.map((t, i) => p[0] * Math.exp(-p[1] * t) + p[2] - y[i]), [1, 0.1, 0]);
    expect(r.x[0]).toBeCloseTo(2, 8);
    expect(r.x[1]).toBeCloseTo(0.7, 8);
    expect(r.x[2]).toBeCloseTo(0.5, 8);
    expect(r.cost).toBeLessThan(1e-20);
  });

  it("rejects a start where a residual is not finite", () => {
    expect(() => levenbergMarquardt(() => [NaN], [0])).toThrow(/x0/);
  });
});
