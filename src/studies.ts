/**
 * The registry of transformer studies (issue "Transformer studies of the three results"): each study
 * by name, with its claims and figure ids. The `study` CLI, `npm start` and the notebooks go through
 * `runStudy`; the run machinery (worker threads, resume files, result cache) is in ./runner.ts.
 * Add a study with one line in STUDIES.
 */
import type { Scale } from "./core/claim";
import { ParameterError } from "./core/validate";
import type { Study, StudyRunOptions } from "./run/study";
import { reuseStudy } from "./reuse/study/register";
import { skillsStudy } from "./skills/study/register";
import { proxyStudy } from "./proxy/study/register";

export * from "./run/study";

/** The study registry: name → study (TensorFlow.js loads only when a study trains). */
const STUDIES: Record<string, () => Study> = {
  reuse: () => reuseStudy as Study,
  skills: () => skillsStudy as Study,
  proxy: () => proxyStudy as Study,
};

/** Names of the registered studies. */
export function studyNames(): string[] {
  return Object.keys(STUDIES);
}

/** The study registered under `name`. */
export function getStudy(name: string): Study {
  const load = STUDIES[name];
  if (!load) throw new ParameterError("study", name, `one of ${studyNames().join(", ")}`);
  return load();
}

/** Run or resume the study `name` at `scale` and return its result. */
export async function runStudy<R = unknown>(name: string, scale: Scale, opts: StudyRunOptions = {}): Promise<R> {
  return (await getStudy(name).run(scale, opts)) as R;
}

/** True if a claim id belongs to a transformer study (so `npm start --skip-transformers` can leave it out). */
export function isStudyClaim(id: string): boolean {
  return studyNames().some((n) => getStudy(n).claims.some((c) => c.id === id));
}

/** True if a figure id belongs to a transformer study. */
export function isStudyFigure(id: string): boolean {
  return studyNames().some((n) => getStudy(n).figureIds.includes(id));
}

