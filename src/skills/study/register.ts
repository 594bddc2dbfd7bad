/** The skills study as a registered `Study` (claims and figure ids included). */
import type { Study } from "../../nn/studyRuns";
import { skillsTransformerClaims } from "./claims";
import { runSkillsStudy, type SkillsStudyResult } from "./study";

export const skillsStudy: Study<SkillsStudyResult> = {
  name: "skills",
  result: "skills",
  title: "Uniform vs power-law skill frequencies for a small transformer on composition tasks",
  run: runSkillsStudy,
  claims: skillsTransformerClaims,
  figureIds: ["skills/transformer-accuracy", "skills/transformer-bins", "skills/transformer-tail-gradients", "skills/transformer-landscape", "skills/transformer-alpha"],
};
