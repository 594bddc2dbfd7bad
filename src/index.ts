/**
 * datalaws — the public API that notebooks and users import (`import * as dl from "datalaws"`),
 * one line per module: core numerics, the theory of each result, each result folder (its results,
 * claims, figures and transformer study), the runner, plotting and notebook helpers.
 */
// core: random numbers, sampling, spectra, optimisation, statistics, validation; results, claims, figures
export * from "./core/rng";
export * from "./core/sampling";
export * from "./core/validate";
export * from "./core/spectra";
export * from "./core/optimize";
export * from "./core/fit";
export * from "./core/extrapolate";
export * from "./core/stats";
export * from "./core/special";
export * from "./core/grid";
export * from "./core/scale";
export * from "./core/result";
export * from "./core/claim";
export * from "./core/figure";
export type { ResultFolder } from "./core/folder";
// theory: effective reuse rate E(K,N) (Yan et al., arXiv 2511.13421)
export * from "../theory/reuse/problem";
export * from "../theory/reuse/onePass";
export * from "../theory/reuse/optimalRate";
export * from "../theory/reuse/plateau";
export * from "../theory/reuse/olsTrace";
export * from "../theory/reuse/zipf";
export * from "../theory/reuse/asymptotics";
export * from "../theory/reuse/monteCarlo";
export * from "../theory/reuse/effectiveReuse";
export * from "../theory/reuse/schedule";
export * from "../theory/reuse/muennighoffFit";
export * from "../theory/reuse/saturation";
// theory: power-law skill composition (Wang, Dang, Lee, Lyu, arXiv 2604.22951)
export * from "../theory/skills/distributions";
export * from "../theory/skills/model";
export * from "../theory/skills/statisticalQuery";
export * from "../theory/skills/initialAlignment";
export * from "../theory/skills/ode";
export * from "../theory/skills/populationGd";
export * from "../theory/skills/onlineSgd";
export * from "../theory/skills/landscape";
export * from "../theory/skills/sampleComplexity";
// theory: proxy-model ordering (Wang et al., arXiv 2512.24503)
export * from "../theory/proxy/randomFeatures";
export * from "../theory/proxy/recipes";
export * from "../theory/proxy/problem";
export * from "../theory/proxy/training";
export * from "../theory/proxy/optimalLoss";
export * from "../theory/proxy/ordering";
export * from "../theory/proxy/taylor";
export * from "../theory/proxy/flipStudy";
export * from "../theory/proxy/sweep";
// result folders: the folder objects, their results (as namespaces), claims, drivers and studies
export { reuse, reuseClaims, reuseFigures, multiEpochMcParallel, reuseRates, applicableMethods, defaultMethod, REUSE_METHODS } from "./reuse";
export type { McParallelOptions, ReuseMethod, ReuseRow, ReuseSubject, ReuseRateOptions } from "./reuse";
export * as reuseResults from "./reuse/results";
export * as reuseTransformer from "./reuse/study"; // transformer study of E(K,N)
export * as reusePlanner from "./reuse/planner"; // "how many epochs is my dataset worth?" from a one-pass loss curve
export { skills, skillsClaims, skillsFigures, auc, ZIPF_STATS_D120, sgdSweep } from "./skills";
export type { SgdSweepOptions } from "./skills";
export * as skillsResults from "./skills/results";
export * as skillsTransformer from "./skills/study"; // transformer study of uniform vs power-law skills
export { proxy, proxyClaims, proxyFigures, runSweep as runProxySweep, SWEEP_DEFAULTS as PROXY_SWEEP_DEFAULTS } from "./proxy";
export type { SweepConfig as ProxySweepConfig, SweepResult as ProxySweepResult, SweepRunOptions as ProxySweepRunOptions } from "./proxy";
export * as proxyResults from "./proxy/results";
export * as proxyTransformer from "./proxy/study"; // transformer study of proxy-lr recipe rankings
// registry, runner and store
export { FOLDERS, claims, figures, results, selectClaims, selectFigures, findFigure, findResult, findStudy, studyFolders } from "./registry";
export { Runner, resolveConfig } from "./run/runner";
export type { RunnerOptions, RunLogEntry } from "./run/runner";
export { evaluateClaim, evaluateClaims, drawFigure } from "./run/evaluate";
export type { FigureOutcome } from "./run/evaluate";
export { resultsDir, packageRoot, configKey, toolkitVersion } from "./run/store";
export { toJson, fromJson } from "./run/files";
export { tidyRows, toCsv, tableColumns } from "./run/tidy";
export type { Row as TableRow, Cell as TableCell } from "./run/tidy";
export { progress } from "./run/progress";
// transformer engine (TensorFlow.js loads on first use) and synthetic tasks
export * as nn from "./nn";
export * as tasks from "./tasks";
// plotting and notebooks
export * from "./plot";
export * from "./notebookHelpers";
