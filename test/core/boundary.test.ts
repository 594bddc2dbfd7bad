/**
 * Library boundary: every exported numeric function of core and of the reuse theory, called with bad
 * arguments, throws a ParameterError whose message names the argument (never NaN, never a raw TypeError).
 * One row per (function, bad argument); the table is the coverage.
 */
import { describe, expect, it } from "vitest";
import * as dl from "../../src/index";

const P = dl.linearProblem(dl.powerSpectrum(5, 1), { sigma: 0.3 });
const Z = dl.zipfModel(4.5, 1, 50);
const acc = dl.multiEpochSgd(P, { N: 10, Kmax: 2, etas: [0.05, 0.1], runs: 3, seed: 1, keepRuns: true });
const f = (x: number) => (x - 0.3) ** 2;
const BAD_REAL = [NaN, Infinity, -Infinity];

type Row = [fn: string, param: string, call: () => unknown];
const rows: Row[] = [];
const each = (fn: string, param: string, values: unknown[], call: (v: any) => unknown) => {
  for (const v of values) rows.push([`${fn}(${param} = ${Array.isArray(v) ? `[${v}]` : String(v)})`, param, () => call(v)]);
};

// core/validate is the mechanism itself; core/optimize
each("minimizeBounded", "lo", BAD_REAL, (v) => dl.minimizeBounded(f, v, 1));
each("minimizeBounded", "hi", [...BAD_REAL, -1], (v) => dl.minimizeBounded(f, 0, v));
each("minimizeBounded", "f", [null, 3], (v) => dl.minimizeBounded(v, 0, 1));
each("minimizeBounded", "xtol", [0, -1, NaN], (v) => dl.minimizeBounded(f, 0, 1, { xtol: v }));
each("minimizeBounded", "maxIterations", [0, 2.5, Infinity], (v) => dl.minimizeBounded(f, 0, 1, { maxIterations: v }));
each("minimizeLog", "lo", [0, -1, ...BAD_REAL], (v) => dl.minimizeLog(f, v, 1));
each("minimizeLog", "lntol", [0, NaN], (v) => dl.minimizeLog(f, 0.1, 1, { lntol: v }));
each("findRoot", "hi", [...BAD_REAL, -2], (v) => dl.findRoot((x) => x, -1, v));
each("findRoot", "f(lo)", [NaN], () => dl.findRoot(() => NaN, -1, 1));
each("findRoot", "[lo, hi]", [0], () => dl.findRoot((x) => x * x + 1, -1, 1));
each("findRootLog", "lo", [0, -1, NaN], (v) => dl.findRootLog((x) => x - 1, v, 2));
each("bracketMinimumLog", "n", [2, 2.5, NaN], (v) => dl.bracketMinimumLog(f, 0.1, 1, v));
each("bracketMinimumLog", "f", [0], () => dl.bracketMinimumLog(() => NaN, 0.1, 1));
each("parabolaVertex", "x1", [NaN, -1], (v) => dl.parabolaVertex(0, 0, v, 1, 2, 0));
each("parabolaVertex", "f2", BAD_REAL, (v) => dl.parabolaVertex(0, 0, 1, 1, 2, v));
// core/stats and core/fit
each("meanSe", "xs", [[], [1, NaN], [Infinity, 1], null], (v) => dl.meanSe(v));
each("meanSe", "xs.length", [[1]], (v) => dl.meanSe(v));
each("pearson", "x", [[1, 1, 1], null], (v) => dl.pearson(v, [1, 2, 3]));
each("pearson", "y.length", [[1, 2]], (v) => dl.pearson([1, 2, 3], v));
each("pearson", "pair 1", [[1, Infinity, 3]], (v) => dl.pearson(v, [1, 2, 3]));
each("spearman", "x", [[2, 2, 2]], (v) => dl.spearman(v, [1, 2, 3]));
each("spearman", "y", [[5, 5, 5]], (v) => dl.spearman([1, 2, 3], v));
each("spearman", "n", [[1]], (v) => dl.spearman(v, [1]));
each("spearman", "pair 0", [[NaN, 1, 2]], (v) => dl.spearman(v, [1, 2, 3]));
each("kendall", "x", [[0, 0, 0]], (v) => dl.kendall(v, [1, 2, 3]));
each("ranks", "xs[1]", [[1, NaN]], (v) => dl.ranks(v));
each("linearFit", "n", [[1]], (v) => dl.linearFit(v, [1]));
each("linearFit", "point 1", [[1, NaN, 3], [1, Infinity, 3]], (v) => dl.linearFit(v, [1, 2, 3]));
each("linearFit", "y.length", [[1, 2]], (v) => dl.linearFit([1, 2, 3], v));
each("linearFit", "x", [[2, 2, 2], null], (v) => dl.linearFit(v, [1, 2, 3]));
each("logLinearFit", "x[0]", [[0, 1, 2], [-1, 1, 2], [Infinity, 1, 2]], (v) => dl.logLinearFit(v, [1, 2, 3]));
each("powerLawFit", "y[1]", [[1, 0, 2], [1, NaN, 2]], (v) => dl.powerLawFit([1, 2, 3], v));
each("powerLawFit", "y.length", [[1, 2]], (v) => dl.powerLawFit([1, 2, 3], v));
// core/special, grid, spectra, sampling, rng, claim
each("logGamma", "x", [0, -1, ...BAD_REAL], (v) => dl.logGamma(v));
each("gamma", "x", [0, NaN, 200], (v) => dl.gamma(v));
each("zeta", "s", [1, 0.5, NaN, -Infinity], (v) => dl.zeta(v));
each("logGrid", "n", [0, 2.5, NaN], (v) => dl.logGrid(1, 10, v));
each("logGrid", "lo", [0, -1, NaN, Infinity], (v) => dl.logGrid(v, 10, 3));
each("isotropicSpectrum", "d", [0, -1, 2.5, NaN, Infinity], (v) => dl.isotropicSpectrum(v));
each("evenSpectrum", "lo", [0, -1, NaN], (v) => dl.evenSpectrum(3, v, 1));
each("evenSpectrum", "hi", [0.5, NaN, Infinity], (v) => dl.evenSpectrum(3, 1, v));
each("powerSpectrum", "a", [0, -1, NaN, 1e6], (v) => dl.powerSpectrum(10, v));
each("powerSpectrum", "d", [0, 1.5], (v) => dl.powerSpectrum(v, 1));
each("zipfModel", "a", [1.5, NaN, Infinity], (v) => dl.zipfModel(v, 1, 10));
each("zipfModel", "b", [-1, NaN], (v) => dl.zipfModel(4.5, v, 10));
each("zipfModel", "d", [0, 2.5], (v) => dl.zipfModel(4.5, 1, v));
each("trace", "lambda", [[], [1, NaN], null], (v) => dl.trace(v));
each("minEigen", "lambda", [[]], (v) => dl.minEigen(v));
each("maxEigen", "lambda", [[]], (v) => dl.maxEigen(v));
each("aliasTable", "p[1]", [[0.5, -1], [0.5, NaN]], (v) => dl.aliasTable(v));
each("aliasTable", "p.length", [[]], (v) => dl.aliasTable(v));
each("aliasTable", "sum(p)", [[0, 0]], (v) => dl.aliasTable(v));
each("new Rng", "seed", [-1, 1.5, NaN, 2 ** 60], (v) => new dl.Rng(v));
each("new Rng", "stream", [-1, 0.5], (v) => new dl.Rng(1, v));
each("Rng.int", "n", [0, 2.5, NaN, 2 ** 33], (v) => new dl.Rng(1).int(v));
each("Rng.permutation", "n", [-1, 2.5, NaN], (v) => new dl.Rng(1).permutation(v));
// theory/reuse: problem, one pass, optimal rate, plateau, Zipf, asymptotics, Monte Carlo, E
each("linearProblem", "lambda", [new Float64Array(0)], (v) => dl.linearProblem(v, { sigma: 1 }));
each("linearProblem", "lambda[1]", [Float64Array.from([1, 0]), Float64Array.from([1, NaN])], (v) => dl.linearProblem(v, { sigma: 1 }));
each("linearProblem", "sigma", [-1, NaN, Infinity], (v) => dl.linearProblem(dl.isotropicSpectrum(2), { sigma: v }));
each("linearProblem", "wstar", [NaN, Infinity], (v) => dl.linearProblem(dl.isotropicSpectrum(2), { sigma: 1, wstar: v }));
each("linearProblem", "wstar.length", [Float64Array.from([1])], (v) => dl.linearProblem(dl.isotropicSpectrum(2), { sigma: 1, wstar: v }));
each("linearProblem", "features", ["uniform"], (v) => dl.linearProblem(dl.isotropicSpectrum(2), { sigma: 1, features: v }));
each("stabilityIndex", "eta", [0, -1, ...BAD_REAL], (v) => dl.stabilityIndex(P, v));
each("stabilityIndex", "problem.sigma", [-1, NaN], (v) => dl.stabilityIndex({ ...P, sigma: v }, 0.1));
each("stabilityIndex", "problem.wstar.length", [Float64Array.from([1])], (v) => dl.stabilityIndex({ ...P, wstar: v }, 0.1));
each("stabilityLimit", "problem.lambda", [new Float64Array(0)], (v) => dl.stabilityLimit({ ...P, lambda: v }));
each("maxEta", "problem.lambda[0]", [Float64Array.from([-1, 1, 1, 1, 1])], (v) => dl.maxEta({ ...P, lambda: v }));
each("stationaryRisk", "eta", [0, NaN], (v) => dl.stationaryRisk(P, v));
each("onePassModes", "eta", [0, NaN, 10], (v) => dl.onePassModes(P, v));
each("onePassRisk", "eta", [0, NaN, Infinity, 10], (v) => dl.onePassRisk(P, v, 10));
each("onePassRisk", "T", [-1, NaN, Infinity], (v) => dl.onePassRisk(P, 0.1, v));
each("onePassRisk", "Ts", [[]], (v) => dl.onePassRisk(P, 0.1, v));
each("riskFromModes", "T", [-1, NaN, Infinity], (v) => dl.riskFromModes(dl.onePassModes(P, 0.1), v));
each("onePassRiskByRecursion", "T", [-1, 2.5, NaN], (v) => dl.onePassRiskByRecursion(P, 0.1, v));
each("onePassRiskByRecursion", "eta", [0, NaN], (v) => dl.onePassRiskByRecursion(P, v, 3));
each("optimalOnePassRisk", "T", [0, NaN, Infinity, 1e300], (v) => dl.optimalOnePassRisk(P, v));
each("optimalOnePassRisk", "lntol", [0, NaN], (v) => dl.optimalOnePassRisk(P, 10, { lntol: v }));
each("stepsToReach", "target", [0, -1, NaN], (v) => dl.stepsToReach(dl.onePassModes(P, 0.1), v));
each("invertOnePass", "target", [0, -1, NaN, Infinity], (v) => dl.invertOnePass(P, v));
each("invertOnePass", "wstar", [0], (v) => dl.invertOnePass(dl.linearProblem(dl.isotropicSpectrum(3), { sigma: 0.3, wstar: v }), 0.01));
each("riskOfZero", "problem.wstar[0]", [Float64Array.from([NaN, 1, 1, 1, 1])], (v) => dl.riskOfZero({ ...P, wstar: v }));
each("effectiveReuseRate", "risk", [0, NaN], (v) => dl.effectiveReuseRate(P, v, 10));
each("effectiveReuseRate", "N", [0, 2.5, NaN], (v) => dl.effectiveReuseRate(P, 0.01, v));
each("olsRisk", "N", [2.5, NaN, 3], (v) => dl.olsRisk(P, v));
each("plateauReuseRate", "N", [2.5, NaN, Infinity], (v) => dl.plateauReuseRate(P, v));
each("plateauReuseRate", "wstar", [0], (v) => dl.plateauReuseRate(dl.linearProblem(dl.isotropicSpectrum(3), { sigma: 0.3, wstar: v }), 100));
each("plateauReuseRate", "sigma", [0], (v) => dl.plateauReuseRate(dl.linearProblem(dl.isotropicSpectrum(3), { sigma: v }), 100));
each("zipfRisk", "K", [0, NaN, -Infinity], (v) => dl.zipfRisk(Z, v, 10));
each("zipfRisk", "N", [-1, NaN, Infinity], (v) => dl.zipfRisk(Z, 1, v));
each("zipfRisk", "eta", [0, 2, NaN], (v) => dl.zipfRisk(Z, 1, 10, { eta: v }));
each("zipfRisk", "wstar", [NaN, Infinity], (v) => dl.zipfRisk(Z, 1, 10, { wstar: v }));
each("zipfRisk", "model.p", [new Float64Array(0)], (v) => dl.zipfRisk({ ...Z, p: v }, 1, 10));
each("zipfOnePassRisk", "T", [-1, NaN], (v) => dl.zipfOnePassRisk(Z, v));
each("zipfInvertOnePass", "target", [0, NaN], (v) => dl.zipfInvertOnePass(Z, v));
each("zipfInvertOnePass", "bracket[1]", [[10, 5]], (v) => dl.zipfInvertOnePass(Z, 0.01, v));
each("zipfReuseRate", "N", [0, 2.5, NaN, Infinity], (v) => dl.zipfReuseRate(Z, 2, v));
each("zipfReuseRate", "K", [0, NaN], (v) => dl.zipfReuseRate(Z, v, 10));
// the degenerate Zipf E: the risk is flat at 3.9e-31 for every K (E came out as 1.000000001, 2.000000002, 1e-8)
each("zipfReuseRate", "a", [1, 2, Infinity], (v) => dl.zipfReuseRate(dl.zipfModel(100, 1, 10), v, 100));
each("zipfReuseRate", "N", [1e6], (v) => dl.zipfReuseRate(dl.zipfModel(4.5, 1, 1), 4, v));
each("zipfSaturationPoint", "lambda", [0, 1, NaN], (v) => dl.zipfSaturationPoint(Z, 10, v));
each("zipfSaturationPoint", "N", [0, 2.5], (v) => dl.zipfSaturationPoint(Z, v));
each("logPowerZipfModel", "alpha", [1, NaN], (v) => dl.logPowerZipfModel(v, 1, 10));
each("thm41RiskSmallK", "K", [0, NaN, Infinity], (v) => dl.thm41RiskSmallK(P, v, 10));
each("thm41RiskSmallK", "N", [0, NaN], (v) => dl.thm41RiskSmallK(P, 1, v));
each("thm41RiskLargeK", "N", [0, NaN, Infinity], (v) => dl.thm41RiskLargeK(P, v));
each("thm42ReuseRate", "N", [1, 0, NaN, Infinity], (v) => dl.thm42ReuseRate(P, 2, v));
each("thm42ReuseRate", "K", [0, NaN], (v) => dl.thm42ReuseRate(P, v, 10));
each("thm52PlateauExponent", "a", [1, NaN], (v) => dl.thm52PlateauExponent(v, 0.5));
each("thm52PlateauExponent", "b", [-1, NaN], (v) => dl.thm52PlateauExponent(4.5, v));
each("thm51Exponents", "a", [1.5, NaN], (v) => dl.thm51Exponents(v, 1));
each("zipfOnePassAsymptote", "T", [0, NaN], (v) => dl.zipfOnePassAsymptote(Z, v));
each("zipfInfiniteKAsymptote", "N", [0, NaN], (v) => dl.zipfInfiniteKAsymptote(Z, v));
each("zipfPlateauAsymptote", "N", [0, NaN, Infinity], (v) => dl.zipfPlateauAsymptote(Z, v));
each("muennighoffReuseRate", "K", [0, NaN], (v) => dl.muennighoffReuseRate(v));
each("muennighoffReuseRate", "Rstar", [0, NaN], (v) => dl.muennighoffReuseRate(2, v));
each("multiEpochSgd", "N", [0, 2.5, NaN], (v) => dl.multiEpochSgd(P, { N: v, Kmax: 1, etas: [0.1], runs: 2, seed: 0 }));
each("multiEpochSgd", "eta", [0, NaN, 100], (v) => dl.multiEpochSgd(P, { N: 5, Kmax: 1, etas: [v], runs: 2, seed: 0 }));
each("multiEpochSgd", "etas", [[]], (v) => dl.multiEpochSgd(P, { N: 5, Kmax: 1, etas: v, runs: 2, seed: 0 }));
each("onePassSgd", "runs", [1, 0, 2.5], (v) => dl.onePassSgd(P, { T: [1], eta: 0.1, runs: v, seed: 0 }));
each("onePassSgd", "T[0]", [[-1], [1.5]], (v) => dl.onePassSgd(P, { T: v, eta: 0.1, runs: 2, seed: 0 }));
each("summarizeMc", "acc", [{}, null, { ...acc, sum: acc.sum.slice(1) }, { ...acc, sum: Float64Array.from(acc.sum, () => NaN) }], (v) => dl.summarizeMc(v));
each("summarizeMc", "acc.runs", [1], () => dl.summarizeMc(dl.multiEpochSgd(P, { N: 5, Kmax: 1, etas: [0.1], runs: 1, seed: 0 })));
each("mergeMc", "parts", [[], null], (v) => dl.mergeMc(v));
each("mergeMc", "parts[0]", [[{ ...acc, perRun: acc.perRun!.slice(1) }], [{ ...acc, Kmax: 2.5 }]], (v) => dl.mergeMc(v));
each("optimalOverEta", "mean.length", [[1, 2]], (v) => dl.optimalOverEta(v, [0, 0, 0], [1, 2, 3]));
each("optimalOverEta", "se[1]", [[0, NaN, 0]], (v) => dl.optimalOverEta([3, 1, 2], v, [1, 2, 3]));
each("optimalOverEta", "etas[1]", [[1, 0.5, 3]], (v) => dl.optimalOverEta([3, 1, 2], [0, 0, 0], v));
each("etaGrid", "lo", [0, NaN], (v) => dl.etaGrid(v, 1));
each("etaGrid", "perOctave", [0, NaN, 1e9], (v) => dl.etaGrid(1e-3, 1, v));
each("defaultMcEtaGrid", "N", [0, 2.5, NaN], (v) => dl.defaultMcEtaGrid(P, v, 2));
each("mcReuseRate", "K", [0, 3, 1.5], (v) => dl.mcReuseRate(P, dl.summarizeMc(acc), v, 10));
each("mcReuseRate", "summary", [{}], (v) => dl.mcReuseRate(P, v, 1, 10));
each("reuseRates", "N", [2.5, NaN, 0, Infinity], (v) => dl.reuseRates({ kind: "linear", problem: P }, [v], [1], { method: "exact" }));
each("reuseRates", "K", [0, 1.5, NaN], (v) => dl.reuseRates({ kind: "linear", problem: P }, [10], [v], { method: "theory" }));
each("reuseRates", "Ns", [[]], (v) => dl.reuseRates({ kind: "linear", problem: P }, v, [1], { method: "exact" }));
each("reuseRates", "method", ["nosuch"], (v) => dl.reuseRates({ kind: "linear", problem: P }, [10], [1], { method: v }));
// theorem claims: schedules, Muennighoff fit, saturation on a grid, local exponents and their extrapolation
each("decayingSchedule", "eta0", [0, NaN], (v) => dl.decayingSchedule(v, 1));
each("decayingSchedule", "alpha", [0, NaN], (v) => dl.decayingSchedule(0.1, 1, v));
each("scheduledOnePassRisk", "schedule(0)", [0, NaN, 1e3], (v) => dl.scheduledOnePassRisk(P, () => v, [2]));
each("scheduledOnePassRisk", "schedule", [null], (v) => dl.scheduledOnePassRisk(P, v, [2]));
each("scheduledStepsToReach", "target", [0, NaN], (v) => dl.scheduledStepsToReach(P, () => 0.01, v, 10));
each("invertScheduledOnePass", "maxSteps", [0, 2.5], (v) => dl.invertScheduledOnePass(P, 0.01, v));
each("fitMuennighoffRstar", "E[1]", [[1, NaN], [1, 0]], (v) => dl.fitMuennighoffRstar([1, 2], v));
each("muennighoffErrors", "Rstar", [0, NaN], (v) => dl.muennighoffErrors([1, 2], [1, 2], v));
each("saturationPointOnGrid", "lambda", [0, 1, NaN], (v) => dl.saturationPointOnGrid([1, 2], [1, 2], v));
each("localSlopes", "x[1]", [[0, NaN], [0, 0]], (v) => dl.localSlopes(v, [1, 2]));
each("localExponents", "y[0]", [[0, 1], [-1, 1]], (v) => dl.localExponents([1, 2], v));
each("extrapolatePowerApproach", "gammaRange[1]", [[1, 0.5]], (v) => dl.extrapolatePowerApproach([1, 2, 3, 4], [1, 2, 3, 4], v));
each("thm53PlateauSlope", "b", [0, NaN], (v) => dl.thm53PlateauSlope(2.5, v));

describe("library boundary: bad arguments throw a ParameterError naming them", () => {
  it.each(rows)("%s", async (_label, param, call) => {
    let error: unknown;
    try {
      await call();
    } catch (e) {
      error = e;
    }
    expect(error, "no error thrown").toBeInstanceOf(dl.ParameterError);
    const e = error as InstanceType<typeof dl.ParameterError>;
    // the parameter itself, or one element of it (xs[1])
    expect(e.parameter === param || e.parameter.startsWith(`${param}[`), `names ${e.parameter}`).toBe(true);
    expect(e.message.startsWith(`${e.parameter} = `)).toBe(true);
    expect(e.message).not.toMatch(/\n/);
  });
  it("covers at least 250 cases", () => expect(rows.length).toBeGreaterThanOrEqual(250));
});

describe("results never claim convergence on NaN", () => {
  it("minimizeBounded of a NaN function is not converged", () => {
    expect(dl.minimizeBounded(() => NaN, 0, 1).converged).toBe(false);
  });
  it("findRoot that meets NaN inside the bracket is not converged", () => {
    const r = dl.findRoot((x) => (x > 0.2 && x < 0.8 ? NaN : x - 0.5), 0, 1);
    expect(r.converged && Number.isNaN(r.fun)).toBe(false);
  });
  it("optimalOnePassRisk at the largest allowed T is a positive finite risk", () => {
    const r = dl.optimalOnePassRisk(P, dl.MAX_ONE_PASS_T);
    expect(r.risk).toBeGreaterThan(0);
    expect(Number.isFinite(r.risk)).toBe(true);
  });
  it("invertOnePass of a target above R(0) is N′ = 0 at η = 0 (not NaN)", () => {
    const r = dl.invertOnePass(P, 1e6);
    expect(r).toMatchObject({ N: 0, eta: 0 });
  });
});
