/**
 * Proxy ordering (Wang, Wu, Lyu, Zou, Song, Jia, Mittal, "Can Small Training Runs Reliably Guide Data
 * Curation? Rethinking Proxy-Model Practice", arXiv 2512.24503): when does a small proxy trained at
 * one learning rate rank data recipes as the tuned target does? Its results (lr sweeps of the
 * random-feature proxy, width scan, flip lrs), claims and figures, and its transformer study. The
 * mathematics is in theory/proxy/.
 */
import type { ResultFolder } from "../core/folder";
import { proxyClaims } from "./claims";
import { proxyFigures } from "./figures";
import { proxyTheoryResults } from "./results";
import { proxyTransformerClaims } from "./study/claims";
import { proxyTransformerFigures } from "./study/figures";
import { proxyTransformerStudy } from "./study/study";

export const proxy: ResultFolder = {
  name: "proxy",
  title: "Proxy ordering: small-proxy recipe rankings against tuned targets across learning rates",
  results: [...proxyTheoryResults, proxyTransformerStudy],
  claims: [...proxyClaims, ...proxyTransformerClaims],
  figures: [...proxyFigures, ...proxyTransformerFigures],
  study: proxyTransformerStudy,
};

export * from "./results";
export { proxyClaims } from "./claims";
export { proxyFigures } from "./figures";
export { runSweep, meanLosses, sweepTasks, validateSweepConfig, SWEEP_DEFAULTS, type SweepConfig, type SweepResult, type SweepRunOptions } from "./sweepRunner";
export * from "./study";
