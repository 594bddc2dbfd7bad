/**
 * The reuse folder: the effective reuse rate E(K,N) of multi-epoch SGD — Yan et al., "Larger Datasets
 * Can Be Repeated More: A Theoretical Analysis of Multi-Epoch Scaling in Linear Regression" (arXiv
 * 2511.13421). Its mathematics lives in theory/reuse/; here are its results, claims, figures, the
 * Monte Carlo driver, the `reuse rate` engine, the transformer study and the reuse planner.
 */
import type { ResultFolder } from "../core/folder";
import { reuseClaims } from "./claims";
import { reuseFigures } from "./figures";
import { reuseResults } from "./results";
import { reuseTransformerClaims } from "./study/claims";
import { reuseTransformerFigures } from "./study/figures";
import { reuseTransformerStudy } from "./study/study";
import { plannerClaims } from "./planner/claims";
import { plannerFigures } from "./planner/figures";
import { plannerResults } from "./planner/results";

export * from "./results";
export { reuseClaims } from "./claims";
export { reuseFigures } from "./figures";
export { multiEpochMcParallel, MC_WORKER_FILE, type McParallelOptions } from "./mcParallel";
export { reuseRates, applicableMethods, defaultMethod, REUSE_METHODS, type ReuseMethod, type ReuseRow, type ReuseSubject, type ReuseRateOptions } from "./reuseRate";
export * from "./study";
export * from "./planner";

export const reuse: ResultFolder = {
  name: "reuse",
  title: "Effective reuse rate E(K,N) of multi-epoch SGD (Yan et al., arXiv 2511.13421)",
  results: [...reuseResults, reuseTransformerStudy, ...plannerResults],
  claims: [...reuseClaims, ...reuseTransformerClaims, ...plannerClaims],
  figures: [...reuseFigures, ...reuseTransformerFigures, ...plannerFigures],
  study: reuseTransformerStudy,
};
