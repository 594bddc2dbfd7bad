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
export { reuseClaims } from "../theory/reuse/claims";
// run machinery
export { multiEpochMcParallel } from "./run/mcParallel";
export { reuseRates, applicableMethods, defaultMethod, REUSE_METHODS } from "./run/reuseRate";
export type { ReuseMethod, ReuseRow, ReuseSubject, ReuseRateOptions } from "./run/reuseRate";
export * as reuseResults from "./run/reuseResults";
export { cached, resultsDir, projectRoot } from "./run/store";
export { progress } from "./run/progress";
// figures, claims, plotting and notebooks
export { figures, selectFigures } from "./figures";
export { claims } from "./claims";
export * from "./plot";
export * from "./notebookHelpers";
