/** The proxy study as a registered `Study` (claims and figure ids included). */
import type { Study } from "../../nn/studyRuns";
import { proxyTransformerClaims } from "./claims";
import { runProxyStudy, type ProxyStudyResult } from "./study";

export const proxyStudy: Study<ProxyStudyResult> = {
  name: "proxy",
  result: "proxy",
  title: "Recipe rankings of small proxy transformers over a learning-rate sweep against tuned targets",
  run: runProxyStudy,
  claims: proxyTransformerClaims,
  figureIds: ["proxy/transformer-spearman-vs-lr", "proxy/transformer-loss-vs-lr", "proxy/transformer-ranks"],
};
