/**
 * datalaws — the public API that notebooks and users import (`import * as dl from "datalaws"`).
 * Core numerics, the theory of each result, the run machinery (Monte Carlo on worker threads,
 * result store), figures, claims and notebook display.
 */
// core
export * from "./core/rng";
export * from "./core/validate";
export * from "./core/spectra";
export * from "./core/optimize";
export * from "./core/fit";
export * from "./core/stats";
export * from "./core/special";
export * from "./core/claim";
// theory: effective reuse rate E(K,N) (Yan et al., arXiv 2511.13421)
export * from "../theory/reuse/problem";
export * from "../theory/reuse/onePass";
export * from "../theory/reuse/optimalRate";
export * from "../theory/reuse/plateau";
export * from "../theory/reuse/zipf";
export * from "../theory/reuse/asymptotics";
export * from "../theory/reuse/monteCarlo";
export { reuseClaims } from "./reuse/claims";
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
export { makeSkillsClaims, escapeClaimConfig, auc, SPEC_TABLE_D120 } from "./skills/claims";
export { sgdSweep, skillsClaims } from "./skills/sgdSweep";
export * as skillsResults from "./skills/results";
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
export { proxyClaims } from "./proxy/claims";
export { runSweep as runProxySweep, SWEEP_DEFAULTS as PROXY_SWEEP_DEFAULTS } from "./proxy/sweepRunner";
export type { SweepConfig as ProxySweepConfig, SweepResult as ProxySweepResult } from "./proxy/sweepRunner";
export * as proxyResults from "./proxy/results";
// run machinery
export { multiEpochMcParallel } from "./reuse/mcParallel";
export { reuseRates, applicableMethods, defaultMethod, REUSE_METHODS } from "./reuse/reuseRate";
export type { ReuseMethod, ReuseRow, ReuseSubject, ReuseRateOptions } from "./reuse/reuseRate";
export * as reuseResults from "./reuse/results";
export { cached, resultsDir, projectRoot } from "./run/store";
export { progress } from "./run/progress";
export * as nn from "./nn"; // transformer engine; TensorFlow.js loads on first use
export * as tasks from "./tasks";
export * as reuseTransformer from "./reuse/study"; // transformer study of E(K,N)
export * as skillsTransformer from "./skills/study"; // transformer study of uniform vs power-law skills
export * as proxyTransformer from "./proxy/study"; // transformer study of proxy-lr recipe rankings
export { runStudy, studyNames, getStudy } from "./studies";
// figures, claims, plotting and notebooks
export { figures, selectFigures } from "./figures";
export { claims } from "./claims";
export * from "./plot";
export * from "./notebookHelpers";
