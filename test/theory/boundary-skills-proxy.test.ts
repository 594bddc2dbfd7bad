/**
 * Library boundary of the skills and proxy theory (issue 12): every exported numeric function of
 * theory/skills/*.ts and theory/proxy/*.ts, called with bad arguments, throws a ParameterError whose
 * message names the argument — never NaN, never a raw TypeError/RangeError from inside.
 * Part 1 is a table (one row per function and bad argument); part 2 a probe that calls every exported
 * function with NaN / undefined / {} / null style arguments.
 */
import { describe, expect, it } from "vitest";
import * as dl from "../../src/index";
import * as skDistributions from "../../theory/skills/distributions";
import * as skInitial from "../../theory/skills/initialAlignment";
import * as skLandscape from "../../theory/skills/landscape";
import * as skModel from "../../theory/skills/model";
import * as skOde from "../../theory/skills/ode";
import * as skOnline from "../../theory/skills/onlineSgd";
import * as skPopulation from "../../theory/skills/populationGd";
import * as skSample from "../../theory/skills/sampleComplexity";
import * as skSq from "../../theory/skills/statisticalQuery";
import * as pxFlip from "../../theory/proxy/flipStudy";
import * as pxOptimal from "../../theory/proxy/optimalLoss";
import * as pxOrdering from "../../theory/proxy/ordering";
import * as pxProblem from "../../theory/proxy/problem";
import * as pxFeatures from "../../theory/proxy/randomFeatures";
import * as pxRecipes from "../../theory/proxy/recipes";
import * as pxSweep from "../../theory/proxy/sweep";
import * as pxTaylor from "../../theory/proxy/taylor";
import * as pxTraining from "../../theory/proxy/training";
import * as pxHorizon from "../../theory/proxy/horizon";
import * as pxSensitivity from "../../theory/proxy/sensitivity";
import * as fs from "node:fs";
import * as path from "node:path";

const MODULES: Record<string, Record<string, unknown>> = {
  "proxy/horizon": pxHorizon,
  "proxy/sensitivity": pxSensitivity,
  "skills/distributions": skDistributions,
  "skills/initialAlignment": skInitial,
  "skills/landscape": skLandscape,
  "skills/model": skModel,
  "skills/ode": skOde,
  "skills/onlineSgd": skOnline,
  "skills/populationGd": skPopulation,
  "skills/sampleComplexity": skSample,
  "skills/statisticalQuery": skSq,
  "proxy/flipStudy": pxFlip,
  "proxy/optimalLoss": pxOptimal,
  "proxy/ordering": pxOrdering,
  "proxy/problem": pxProblem,
  "proxy/randomFeatures": pxFeatures,
  "proxy/recipes": pxRecipes,
  "proxy/sweep": pxSweep,
  "proxy/taylor": pxTaylor,
  "proxy/training": pxTraining,
};

/** Functions whose call with missing / NaN-style arguments is legitimate (they take no argument, or only optional ones). */
const LEGITIMATE_WITHOUT_ARGUMENTS: Record<string, string> = {
  defaultRecipes: "takes no argument: the default recipe set",
  spec10Recipes: "takes no argument: a named recipe set",
  curvatureRecipes: "takes no argument: a named recipe set",
  separationRecipes: "takes no argument: a named recipe set",
  proxyWorld: "every option is optional: proxyWorld() is the default world",
  lrGrid: "every argument has a default: lrGrid() is the default grid",
};

/** Does x hold a NaN (a number, or inside an array/object up to depth 3)? */
function holdsNaN(x: unknown, depth = 0): boolean {
  if (typeof x === "number") return Number.isNaN(x);
  if (depth > 3 || x === null || typeof x !== "object") return false;
  if (ArrayBuffer.isView(x)) return Array.prototype.some.call(x, (v: unknown) => typeof v === "number" && Number.isNaN(v));
  return Object.values(x as Record<string, unknown>).some((v) => holdsNaN(v, depth + 1));
}


// ---- part 1: the table (every row failed before issue 12's fix: NaN, 0, a silent result or a raw TypeError)
const DIST = dl.zipfSkills(6, 1.5, { seed: 1 });
const M = dl.skillModel(3, DIST, { seed: 1 });
const W = dl.gaussianInit(6, 0.5, 1);
const NANW = Float64Array.from(W, (x, i) => (i === 2 ? NaN : x));
const C = dl.sliceCoefficients(M, W, M.wstar, dl.randomOrthogonalDirection(M, M.wstar, 1));
const THETAS = [W, W.map((x) => x * 1.1), W.map((x) => x * 1.3), W.map((x) => x * 1.2)];
const WORLD = dl.proxyWorld({ d: 2, poolSize: 30, seed: 1 });
const PROB = dl.proxyProblem(WORLD, dl.separationRecipes(), 4);
const R = PROB.recipes[0];
const VAL = PROB.val;
const POOL = R.pool!;
const TERMS = dl.taylorTerms(R, VAL);
const TASK: dl.SgdTask = { k: 3, d: 6, alpha: 1.5, batch: 2, budget: 10, r: 0.5, seed: 1 };
const nan4 = Float64Array.from([0, NaN, 0, 0]);
const CELL: dl.SweepCellSpec = { world: { d: 2, poolSize: 30, seed: 1 }, recipes: dl.separationRecipes(), width: 4, lrs: [0.1], regime: "fixed-steps", steps: 5, optimizer: "gd", seed: 0 };

type Row = [fn: string, param: string, call: () => unknown];
const rows: Row[] = [];
const each = (fn: string, param: string, values: unknown[], call: (v: any) => unknown) => {
  for (const v of values) rows.push([`${fn}(${param} = ${Array.isArray(v) ? `[${v}]` : String(v)})`, param, () => call(v)]);
};
// theory/skills
each("skillStats", "dist", [undefined, 3], (v) => dl.skillStats(v));
each("skillStats", "dist.p.length", [{ ...DIST, p: DIST.p.slice(1) }], (v) => dl.skillStats(v));
each("skillModel", "dist", [undefined, null], (v) => dl.skillModel(3, v));
each("skillModel", "opts", [null], (v) => dl.skillModel(3, DIST, v));
each("uniformTestModel", "m", [undefined, {}], (v) => dl.uniformTestModel(v));
each("alignment", "m", [undefined, "m"], (v) => dl.alignment(v, W));
each("alignment", "w", [undefined], (v) => dl.alignment(M, v));
each("alignment", "w[2]", [NANW], (v) => dl.alignment(M, v));
each("weightedNorm", "m.wstar.length", [{ ...M, wstar: M.wstar.slice(1) }], (v) => dl.weightedNorm(v, W));
each("weightedNorm", "w[2]", [NANW], (v) => dl.weightedNorm(M, v));
each("lossFromAB", "A", [NaN], (v) => dl.lossFromAB(3, v, 1));
each("lossFromAB", "B", [NaN], (v) => dl.lossFromAB(3, 0.5, v));
each("lossFromAB", "k", [NaN, 0.5], (v) => dl.lossFromAB(v, 0.5, 1));
each("loss", "m", [undefined], (v) => dl.loss(v, W));
each("loss", "w[2]", [NANW], (v) => dl.loss(M, v));
each("uniformTestLoss", "w[2]", [NANW], (v) => dl.uniformTestLoss(M, v));
each("gradient", "w[2]", [NANW], (v) => dl.gradient(M, v));
each("gradient", "out.length", [new Float64Array(2)], (v) => dl.gradient(M, W, v));
each("sampleGradient", "w[2]", [NANW], (v) => dl.sampleGradient(M, v, [2, 0, 1]));
each("sampleGradient", "I", [undefined], (v) => dl.sampleGradient(M, W, v));
each("sampleLoss", "I.length", [[0]], (v) => dl.sampleLoss(M, W, v));
each("sampleLoss", "I[1]", [[0, 7, 1], [0, 1.5, 1]], (v) => dl.sampleLoss(M, W, v));
each("sampleLoss", "w[2]", [NANW], (v) => dl.sampleLoss(M, v, [0, 1, 2]));
each("sampleLoss", "w.length", [W.slice(1)], (v) => dl.sampleLoss(M, v, [0, 1, 2]));
each("hessianAtOptimum", "m", [undefined, {}], (v) => dl.hessianAtOptimum(v));
each("hessianTopEigenvalue", "m.p[0]", [{ ...M, p: Float64Array.from(M.p, (x, i) => (i === 0 ? NaN : x)) }], (v) => dl.hessianTopEigenvalue(v));
each("hessianTopEigenvalue", "m.k", [{ ...M, k: undefined }], (v) => dl.hessianTopEigenvalue(v));
each("gdStabilityLimit", "m", [undefined], (v) => dl.gdStabilityLimit(v));
each("signAccuracy", "m", [undefined], (v) => dl.signAccuracy(v, W));
each("initialAlignmentVariance", "p", [{}, undefined], (v) => dl.initialAlignmentVariance(v, 1));
each("initialAlignmentVariance", "p[1]", [[0.5, NaN]], (v) => dl.initialAlignmentVariance(v, 1));
each("sampleInitialAlignment", "m", [{}, undefined], (v) => dl.sampleInitialAlignment(v, 0.5, 3, 1));
each("alignmentVelocity", "w[2]", [NANW], (v) => dl.alignmentVelocity(M, v));
each("sliceCoefficients", "m", [undefined], (v) => dl.sliceCoefficients(v, W, W, W));
each("sliceCoefficients", "u", [undefined], (v) => dl.sliceCoefficients(M, W, v, W));
each("sliceCoefficients", "wc[2]", [NANW], (v) => dl.sliceCoefficients(M, v, W, W));
each("sliceCoefficients", "which", ["test"], (v) => dl.sliceCoefficients(M, W, W, W, v));
each("sliceLoss", "a", [NaN, Infinity], (v) => dl.sliceLoss(C, v, 0));
each("sliceLoss", "b", [NaN], (v) => dl.sliceLoss(C, 0, v));
each("sliceLoss", "c", [undefined, {}], (v) => dl.sliceLoss(v, 0, 0));
each("sliceLoss", "c.Bvv", [{ ...C, Bvv: NaN }], (v) => dl.sliceLoss(v, 0, 0));
each("landscapeGrid", "aRange", [undefined], (v) => dl.landscapeGrid(C, v, [0, 1], 3));
each("landscapeGrid", "bRange[1]", [[0, NaN]], (v) => dl.landscapeGrid(C, [0, 1], v, 3));
each("landscapeGrid", "c", [undefined], (v) => dl.landscapeGrid(v, [0, 1], [0, 1], 3));
each("randomOrthogonalDirection", "u", [new Float64Array(6), undefined], (v) => dl.randomOrthogonalDirection(M, v, 1));
each("randomOrthogonalDirection", "u.length", [[1, 2]], (v) => dl.randomOrthogonalDirection(M, v, 1));
each("trajectoryPca", "thetas", [undefined, 3], (v) => dl.trajectoryPca(v));
each("trajectoryPca", "thetas[1]", [[W, NANW, W]], (v) => dl.trajectoryPca(v));
each("trajectoryPca", "thetas[2].length", [[W, W, W.slice(1)]], (v) => dl.trajectoryPca(v));
each("projectTrajectory", "thetas", [undefined], (v) => dl.projectTrajectory(v, W, W, W));
each("projectTrajectory", "v1.length", [[1]], (v) => dl.projectTrajectory(THETAS, W, v, W));
each("projectTrajectory", "thetas[1][2]", [[W, NANW]], (v) => dl.projectTrajectory(v, W, W, W));
each("projectTrajectory", "ref", [undefined], (v) => dl.projectTrajectory(THETAS, v, W, W));
each("raySlope", "m", [undefined], (v) => dl.raySlope(v, W));
each("raySlope", "wc[2]", [NANW], (v) => dl.raySlope(M, v));
each("gradientNorms", "m.p", [{ ...M, p: undefined }], (v) => dl.gradientNorms(v, W));
each("landscapeCost", "o", [undefined], (v) => dl.landscapeCost(v));
each("landscapeCost", "d", [NaN, -1], (v) => dl.landscapeCost({ k: 3, d: v, n: 5 }));
each("uniformOdeRhs", "A", [NaN], (v) => dl.uniformOdeRhs(3, v, 1));
each("uniformOdeRhs", "B", [NaN], (v) => dl.uniformOdeRhs(3, 0.5, v));
each("uniformOdeRhs", "k", [1, NaN], (v) => dl.uniformOdeRhs(v, 0.5, 1));
each("uniformOde", "opts", [undefined, null], (v) => dl.uniformOde(v));
each("phaseField", "opts", [null], (v) => dl.phaseField(3, v));
each("phaseField", "aRange[0]", [[NaN, 1]], (v) => dl.phaseField(3, { aRange: v }));
each("onlineSgd", "m", [undefined, {}], (v) => dl.onlineSgd(v, { eta: 0.1, batch: 1, budget: 5, w0: W, seed: 0 }));
each("onlineSgd", "opts", [undefined], (v) => dl.onlineSgd(M, v));
each("onlineSgd", "w0", [undefined], (v) => dl.onlineSgd(M, { eta: 0.1, batch: 1, budget: 5, w0: v, seed: 0 }));
each("onlineSgdCost", "o", [undefined], (v) => dl.onlineSgdCost(v));
each("onlineSgdCost", "k", [NaN], (v) => dl.onlineSgdCost({ k: v, d: 10, batch: 1, budget: 10 }));
each("onlineSgdCost", "batch", [0, NaN], (v) => dl.onlineSgdCost({ k: 3, d: 10, batch: v, budget: 10 }));
each("logSteps", "steps", [NaN, -1, 2.5], (v) => dl.logSteps(v, 5));
each("logSteps", "n", [NaN, 0], (v) => dl.logSteps(10, v));
each("populationGd", "m", [undefined, {}], (v) => dl.populationGd(v, { eta: 0.1, steps: 3, w0: W }));
each("populationGd", "opts", [undefined], (v) => dl.populationGd(M, v));
each("populationGd", "w0", [undefined], (v) => dl.populationGd(M, { eta: 0.1, steps: 3, w0: v }));
each("rankOf", "dist", [undefined, {}], (v) => dl.rankOf(v));
each("taskModel", "task", [undefined, null], (v) => dl.taskModel(v));
each("taskEta", "task", [undefined], (v) => dl.taskEta(v, M));
each("taskEta", "model", [undefined], (v) => dl.taskEta({ ...TASK }, v));
each("taskEta", "eta", [NaN, -1], (v) => dl.taskEta({ ...TASK, eta: v }, M));
each("runSgdTask", "task", [undefined], (v) => dl.runSgdTask(v));
each("taskInitialUniformLoss", "task", [undefined], (v) => dl.taskInitialUniformLoss(v));
each("fitSamplesVsD", "points", [undefined, 5], (v) => dl.fitSamplesVsD(v));
each("fitSamplesVsD", "points[1].samples", [[{ d: 10, samples: 5 }, { d: 20, samples: NaN }]], (v) => dl.fitSamplesVsD(v));
each("fitSamplesVsD", "points[0].d", [[{ d: NaN, samples: 5 }]], (v) => dl.fitSamplesVsD(v));
each("medianReached", "xs", [undefined], (v) => dl.medianReached(v));
each("medianReached", "xs[1]", [[1, NaN, 3]], (v) => dl.medianReached(v));
// theory/proxy
each("noiseModels", "p", [undefined, {}], (v) => dl.noiseModels(v, 8, 10));
each("flipStudy", "p", [undefined], (v) => dl.flipStudy(v));
each("flipStudy", "pairs[0][1]", [[[0, 9]]], (v) => dl.flipStudy(PROB, { seeds: 0, pairs: v }));
each("flipStudy", "o", [null], (v) => dl.flipStudy(PROB, v));
each("optimalFlowLoss", "r", [undefined, VAL], (v) => dl.optimalFlowLoss(v, VAL));
each("optimalFlowLoss", "val", [undefined], (v) => dl.optimalFlowLoss(R, v));
each("optimalFlowLoss", "opts", [null], (v) => dl.optimalFlowLoss(R, VAL, v));
each("convergedLoss", "r", [undefined, {}], (v) => dl.convergedLoss(v, VAL));
each("convergedLoss", "rcond", [NaN, -1], (v) => dl.convergedLoss(R, VAL, v));
each("convergedLoss", "val.c", [{ ...VAL, c: NaN }], (v) => dl.convergedLoss(R, v));
each("ridgeLoss", "r", [undefined], (v) => dl.ridgeLoss(v, VAL, 0.1));
each("optimalRidgeLoss", "rhoMin", [NaN, 0], (v) => dl.optimalRidgeLoss(R, VAL, { rhoMin: v }));
each("optimalRidgeLoss", "r", [undefined], (v) => dl.optimalRidgeLoss(v, VAL));
each("tunedGdLoss", "etas", [[], [NaN], [1e6]], (v) => dl.tunedGdLoss(R, VAL, v, [10]));
each("tunedGdLoss", "r", [undefined], (v) => dl.tunedGdLoss(v, VAL, [0.1], [10]));
each("pairwiseAccuracy", "target", [[1, 1, 1], undefined], (v) => dl.pairwiseAccuracy([1, 2, 3], v));
each("pairwiseAccuracy", "proxy", [undefined], (v) => dl.pairwiseAccuracy(v, [1, 2, 3]));
each("topKRegret", "proxy", [undefined], (v) => dl.topKRegret(v, [1, 2, 3]));
each("rankAgreement", "target", [undefined], (v) => dl.rankAgreement([1, 2, 3], v));
each("regretCurve", "proxy", [undefined], (v) => dl.regretCurve(v, [1, 2]));
each("poolMoments", "n", [NaN, 0], (v) => dl.poolMoments(new Float64Array(4), [1, 2], v, 2));
each("poolMoments", "Phi.length", [new Float64Array(3)], (v) => dl.poolMoments(v, [1, 2], 2, 2));
each("poolMoments", "g[1]", [[1, NaN]], (v) => dl.poolMoments(new Float64Array(4).fill(1), v, 2, 2));
each("quadraticLoss", "q", [undefined, {}], (v) => dl.quadraticLoss(v, [0, 0, 0, 0]));
each("quadraticLoss", "theta[1]", [nan4], (v) => dl.quadraticLoss(VAL, v));
each("quadraticLoss", "theta.length", [[1]], (v) => dl.quadraticLoss(VAL, v));
each("quadraticGradient", "theta[1]", [nan4], (v) => dl.quadraticGradient(VAL, v));
each("quadraticGradient", "q.H.length", [{ ...VAL, H: new Float64Array(3) }], (v) => dl.quadraticGradient(v, [0, 0, 0, 0]));
each("symmetricEigen", "H", [undefined], (v) => dl.symmetricEigen(v, 2));
each("symmetricEigen", "H[1]", [Float64Array.from([1, NaN, NaN, 1])], (v) => dl.symmetricEigen(v, 2));
each("symmetricEigen", "m", [NaN, 0], (v) => dl.symmetricEigen(new Float64Array(4), v));
each("rotate", "v.length", [new Float64Array(3)], (v) => dl.rotate(new Float64Array(4), v, new Float64Array(4), 2));
each("rotate", "A[0]", [Float64Array.from([NaN, 0, 0, 1])], (v) => dl.rotate(v, new Float64Array(2), new Float64Array(4), 2));
each("conditionalMean", "p", [undefined, {}], (v) => dl.conditionalMean(v));
each("poolNoiseVariance", "p", [undefined, {}], (v) => dl.poolNoiseVariance(v));
each("poolNoiseVariance", "p.sd[0]", [{ ...POOL, sd: Float64Array.from(POOL.sd, (x, i) => (i === 0 ? NaN : x)) }], (v) => dl.poolNoiseVariance(v));
each("eigenLoss", "w[1]", [nan4], (v) => dl.eigenLoss(R, VAL.c, v));
each("eigenLoss", "valC", [NaN], (v) => dl.eigenLoss(R, v, [0, 0, 0, 0]));
each("eigenLoss", "r", [undefined, VAL], (v) => dl.eigenLoss(v, VAL.c, [0, 0, 0, 0]));
each("fromEigen", "w.length", [[1]], (v) => dl.fromEigen(R, v));
each("fromEigen", "r", [undefined], (v) => dl.fromEigen(v, [0, 0, 0, 0]));
each("featureVector", "x[1]", [[0, NaN]], (v) => dl.featureVector(PROB.map, v));
each("featureVector", "map", [undefined, {}], (v) => dl.featureVector(v, [0, 0]));
each("featureVector", "out.length", [new Float64Array(1)], (v) => dl.featureVector(PROB.map, [0, 0], v));
each("finiteWidthKernel", "x[0]", [[NaN, 1]], (v) => dl.finiteWidthKernel(PROB.map, v, [0, 1]));
each("finiteWidthKernel", "x2", [undefined], (v) => dl.finiteWidthKernel(PROB.map, [0, 1], v));
each("proxyWorld", "opts", [null, 3], (v) => dl.proxyWorld(v));
each("targetFunction", "w", [undefined, {}], (v) => dl.targetFunction(v, [0, 0]));
each("targetFunction", "X.length", [[0]], (v) => dl.targetFunction(WORLD, v));
each("targetFunction", "X[1]", [[0, NaN]], (v) => dl.targetFunction(WORLD, v));
each("targetFunction", "off", [NaN, -1], (v) => dl.targetFunction(WORLD, [0, 0], v));
each("validationPool", "w", [undefined, {}], (v) => dl.validationPool(v));
each("recipePool", "w", [undefined], (v) => dl.recipePool(v, { name: "a", axis: "quality" }));
each("noiseForLevel", "q", [NaN, -0.5, 2, Infinity], (v) => dl.noiseForLevel(v));
each("validateSweepSpec", "spec", [undefined, null], (v) => dl.validateSweepSpec(v));
each("validateSweepSpec", "world", [undefined], (v) => dl.validateSweepSpec({ ...CELL, world: v }));
each("cellProblem", "spec", [undefined], (v) => dl.cellProblem(v));
each("cellProblem", "world", [undefined], (v) => dl.cellProblem({ ...CELL, world: v }));
each("sweepCell", "problem", [{}], (v) => dl.sweepCell(CELL, v));
each("valLambdaMax", "p", [undefined, {}], (v) => dl.valLambdaMax(v));
each("valLambdaMax", "p.val.H[0]", [{ ...PROB, val: { ...VAL, H: Float64Array.from(VAL.H, (x, i) => (i === 0 ? NaN : x)) } }], (v) => dl.valLambdaMax(v));
each("agreementByLr", "cells", [undefined], (v) => dl.agreementByLr(v, [1, 2]));
each("agreementByLr", "target", [undefined], (v) => dl.agreementByLr([{ lrs: [0.1], loss: [[1, 2]] } as never], v));
each("agreementByLr", "cells[0]", [[undefined]], (v) => dl.agreementByLr(v, [1, 2]));
each("sweepCost", "o", [undefined], (v) => dl.sweepCost(v));
each("sweepCost", "widths", [[], undefined], (v) => dl.sweepCost({ widths: v, recipes: 2, lrs: 2, seeds: 1, steps: 10, batch: 8, pool: 100, targetWidth: 64, sgd: false }));
each("sweepCost", "pool", [NaN], (v) => dl.sweepCost({ widths: [4], recipes: 2, lrs: 2, seeds: 1, steps: 10, batch: 8, pool: v, targetWidth: 64, sgd: false }));
each("taylorTerms", "r", [undefined, {}], (v) => dl.taylorTerms(v, VAL));
each("taylorTerms", "val.m", [{ ...VAL, m: 3, H: new Float64Array(9), b: new Float64Array(3) }], (v) => dl.taylorTerms(R, v));
each("taylorTerms", "theta[1]", [nan4], (v) => dl.taylorTerms(R, VAL, v));
each("oneStepTaylor", "t", [undefined, {}], (v) => dl.oneStepTaylor(v, 0.1));
each("oneStepTaylor", "eta", [NaN, -1], (v) => dl.oneStepTaylor(TERMS, v));
each("oneStepLoss", "theta[1]", [nan4], (v) => dl.oneStepLoss(R, VAL, 0.1, v));
each("oneStepLoss", "r", [undefined], (v) => dl.oneStepLoss(v, VAL, 0.1));
each("oneStepFlip", "tA", [undefined, {}], (v) => dl.oneStepFlip(v, TERMS));
each("oneStepFlip", "tB.c", [{ ...TERMS, c: NaN }], (v) => dl.oneStepFlip(TERMS, v));
each("allOneStepFlips", "terms", [undefined], (v) => dl.allOneStepFlips(v));
each("allOneStepFlips", "terms[1]", [[TERMS, {}]], (v) => dl.allOneStepFlips(v));
each("effectiveNoise", "r", [undefined, VAL], (v) => dl.effectiveNoise(v, [0, 0, 0, 0]));
each("effectiveNoise", "theta[1]", [nan4], (v) => dl.effectiveNoise(R, v));
each("equilibratedTrace", "tau", [NaN, -1], (v) => dl.equilibratedTrace(R, v));
each("equilibratedTrace", "r", [undefined, {}], (v) => dl.equilibratedTrace(v, 1));
each("hessianTrace", "q", [undefined, {}], (v) => dl.hessianTrace(v));
each("hessianTrace", "q.H[0]", [{ ...VAL, H: Float64Array.from(VAL.H, (x, i) => (i === 0 ? NaN : x)) }], (v) => dl.hessianTrace(v));
each("noiseModel", "r", [undefined], (v) => dl.noiseModel(v, VAL, 8, 10));
each("noiseModel", "val", [undefined], (v) => dl.noiseModel(R, v, 8, 10));
each("noiseFlip", "A", [undefined], (v) => dl.noiseFlip(v, { drift: 1, slope: 1 }));
each("noiseFlip", "B.drift", [{ slope: 1 }, { drift: NaN, slope: 1 }], (v) => dl.noiseFlip({ drift: 1, slope: 1 }, v));
each("stabilityEdges", "r", [undefined, {}], (v) => dl.stabilityEdges(v));
each("stabilityEdges", "batch", [NaN, 0], (v) => dl.stabilityEdges(R, v));
each("observedFlip", "etas", [undefined, []], (v) => dl.observedFlip(v, [1], [2]));
each("observedFlip", "li[0]", [[NaN, 1]], (v) => dl.observedFlip([0.1, 0.2], v, [2, 0]));
each("observedFlip", "lj.length", [[1]], (v) => dl.observedFlip([0.1, 0.2], [1, 2], v));
each("observedFlip", "etas[1]", [[0.1, NaN]], (v) => dl.observedFlip(v, [1, 2], [2, 1]));
each("initialLoss", "val", [undefined, {}], (v) => dl.initialLoss(v));
each("gdEigenPath", "r", [undefined, {}], (v) => dl.gdEigenPath(v, 0.1, 3));
each("flowEigenPath", "r", [undefined, {}], (v) => dl.flowEigenPath(v, 1));
each("gdLoss", "val", [undefined, {}], (v) => dl.gdLoss(R, v, 0.1, 3));
each("flowLoss", "val", [undefined], (v) => dl.flowLoss(R, v, 1));
each("flowLoss", "r", [{}], (v) => dl.flowLoss(v, VAL, 1));
each("gdParameters", "r", [{}], (v) => dl.gdParameters(v, 0.1, 3));
each("gdByRecursion", "r", [undefined, {}], (v) => dl.gdByRecursion(v, 0.1, 3));
each("gdByRecursion", "lr", [NaN, 0], (v) => dl.gdByRecursion(R, v, 3));
each("gdByRecursion", "steps", [NaN, 1.5], (v) => dl.gdByRecursion(R, 0.1, v));
each("sparseRows", "r", [undefined, { ...R, Phi: undefined }], (v) => dl.sparseRows(v));
each("sgdRun", "r", [undefined, { ...R, Phi: undefined }], (v) => dl.sgdRun(v, VAL, { eta: 0.1, steps: 2, rng: new dl.Rng(1) }));
each("sgdRun", "o", [undefined], (v) => dl.sgdRun(R, VAL, v));
each("sgdRun", "rng", [undefined, {}], (v) => dl.sgdRun(R, VAL, { eta: 0.1, steps: 2, rng: v }));

describe("library boundary of the skills and proxy theory: bad arguments throw a ParameterError naming them", () => {
  it.each(rows)("%s", async (_label, param, call) => {
    let error: unknown;
    try {
      await call();
    } catch (e) {
      error = e;
    }
    expect(error, "no error thrown").toBeInstanceOf(dl.ParameterError);
    const e = error as InstanceType<typeof dl.ParameterError>;
    // the argument itself, one element of it (w[2]) or one field of it (m.k: a model without k)
    expect(e.parameter === param || e.parameter.startsWith(`${param}[`) || e.parameter.startsWith(`${param}.`), `names ${e.parameter}`).toBe(true);
    expect(e.message.startsWith(`${e.parameter} = `)).toBe(true);
    expect(e.message).not.toMatch(/\n/);
  });
  it("covers at least 200 cases", () => expect(rows.length).toBeGreaterThanOrEqual(200));
});

describe("valid calls are unchanged by the checks", () => {
  it("lossFromAB at B = ∞ is +∞ (B ≥ A² for every w), not NaN", () => {
    expect(dl.lossFromAB(3, Infinity, Infinity)).toBe(Infinity);
    expect(dl.lossFromAB(2, -Infinity, Infinity)).toBe(Infinity);
  });
  it("an overflowing but finite w gives an infinite loss, not an error", () => {
    const big = Float64Array.from(W, () => 1e200);
    expect(dl.weightedNorm(M, big)).toBe(Infinity);
  });
  it("loss, sampleLoss and the slice agree at the same point (closed form)", () => {
    const c = dl.sliceCoefficients(M, W, M.wstar, dl.randomOrthogonalDirection(M, M.wstar, 2));
    expect(dl.sliceLoss(c, 0, 0)).toBeCloseTo(dl.loss(M, W), 12);
  });
  it("observedFlip still accepts +∞ (a diverged run)", () => {
    expect(dl.observedFlip([0.1, 0.2], [1, Infinity], [2, 3])).toBe(0.2);
  });
});

// ---- part 2: the probe
const PROBE_ARGS: unknown[][] = [
  [NaN],
  [undefined],
  [{}],
  [null],
  [NaN, NaN, NaN, NaN],
  [{}, {}, {}, {}],
  [{}, NaN, NaN, NaN],
  [[NaN], [NaN], [NaN]],
  ["x", "y"],
];

describe("probe: every exported function of theory/skills and theory/proxy, called with NaN / undefined / {} arguments", () => {
  const cases: Array<[string, (...a: unknown[]) => unknown]> = [];
  for (const [mod, ns] of Object.entries(MODULES)) {
    for (const [name, f] of Object.entries(ns)) if (typeof f === "function" && !/^[A-Z]/.test(name)) cases.push([`${mod}.${name}`, f as (...a: unknown[]) => unknown]);
  }
  it("finds the exported functions", () => expect(cases.length).toBeGreaterThanOrEqual(100));
  it("covers every module of theory/skills and theory/proxy (a new file joins the probe)", () => {
    const root = path.resolve(__dirname, "../../theory");
    const files = ["skills", "proxy"].flatMap((d) => fs.readdirSync(path.join(root, d)).filter((f) => f.endsWith(".ts") && f !== "checkModel.ts").map((f) => `${d}/${f.replace(/\.ts$/, "")}`));
    expect(files.filter((f) => !(f in MODULES))).toEqual([]);
  });
  it.each(cases)("%s never returns NaN and throws only ParameterErrors", async (label, f) => {
    const name = label.split(".")[1];
    for (const args of PROBE_ARGS) {
      let result: unknown;
      try {
        result = await f(...args);
      } catch (e) {
        expect(e, `${name}(${args.map(String).join(", ")}) threw ${(e as Error)?.name}: ${(e as Error)?.message}`).toBeInstanceOf(dl.ParameterError);
        continue;
      }
      if (name in LEGITIMATE_WITHOUT_ARGUMENTS) continue;
      expect(holdsNaN(result), `${name}(${args.map(String).join(", ")}) returned NaN`).toBe(false);
      // a numeric function must not accept garbage silently
      expect(result === undefined || typeof result === "boolean" || typeof result === "string", `${name}(${args.map(String).join(", ")}) returned ${String(result).slice(0, 60)} instead of throwing`).toBe(true);
    }
  });
});
