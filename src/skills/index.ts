/**
 * Skill composition (Wang, Dang, Lee, Lyu, "The Power of Power Law: Asymmetry Enables Compositional
 * Reasoning", arXiv 2604.22951): the results of the k-fold multiplicative toy and of the transformer
 * study, the claims judged on them and the figures drawn from them. Mathematics in theory/skills/.
 */
import type { ResultFolder } from "../core/folder";
import { skillsClaims } from "./claims";
import { skillsFigures } from "./figures";
import { skillsResults } from "./results";
import { skillsTransformerClaims } from "./study/claims";
import { skillsTransformerFigures } from "./study/figures";
import { skillsTransformerStudy } from "./study/study";

export const skills: ResultFolder = {
  name: "skills",
  title: "Power-law skill frequencies enable composition (Wang, Dang, Lee, Lyu, arXiv 2604.22951)",
  results: skillsResults,
  claims: [...skillsClaims, ...skillsTransformerClaims],
  figures: [...skillsFigures, ...skillsTransformerFigures],
  study: skillsTransformerStudy,
};

export * from "./results";
export { skillsClaims, auc, ZIPF_STATS_D120 } from "./claims";
export { skillsFigures } from "./figures";
export { sgdSweep, validateTask, taskResumeFile, SKILLS_WORKER_FILE, type SgdSweepOptions } from "./sgdSweep";
export * from "./study";
