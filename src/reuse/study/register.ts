/** The reuse study as a registered `Study` (claims and figure ids included). */
import type { Study } from "../../nn/studyRuns";
import { reuseTransformerClaims } from "./claims";
import { runReuseStudy, type ReuseStudyResult } from "./study";

export const reuseStudy: Study<ReuseStudyResult> = {
  name: "reuse",
  result: "reuse",
  title: "Effective reuse rate E(K,N) of a small transformer on a Zipf language",
  run: runReuseStudy,
  claims: reuseTransformerClaims,
  figureIds: ["reuse/transformer-loss", "reuse/transformer-e-vs-k", "reuse/transformer-saturation"],
};
