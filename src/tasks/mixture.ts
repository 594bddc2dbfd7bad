/**
 * A mixture of task families as one language-modelling task (in this toolkit's synthetic analogue of
 * Wang et al., arXiv 2512.24503, data recipes are mixtures of "domains"). Component c keeps its own token layout, shifted by an offset so the
 * vocabularies are disjoint (ids offset_c … offset_c + V_c − 1); one shared pad token (the last id)
 * fills rows shorter than the longest component's context. Skill = component (domain): the
 * mixture weights are a skill distribution over components (`weightedSkills`), so a data recipe's
 * domain weights, uniform validation mixes and per-domain test sets all use the Task interface.
 */
import type { Rng } from "../core/rng";
import { ParameterError } from "../core/validate";
import { IGNORE_INDEX, drawSkills, type Evaluator, type SkillChoice, type Task, type TaskSample } from "./task";

/** One component of a mixture: the task, its vocabulary offset and its training skill distribution. */
export interface MixtureComponent {
  readonly task: Task;
  /** token id of the component's token 0 */
  readonly offset: number;
  /** skills used for its training examples (default uniform) */
  readonly skills?: SkillChoice;
}

/** A mixture task (skills = components). */
export interface MixtureTask extends Task {
  readonly components: readonly MixtureComponent[];
  /** the component owning token id t (−1 for the shared pad) */
  componentOf(token: number): number;
  /** a sample of component c (training format unless `split` = "test"), in mixture token ids */
  componentSample(rng: Rng, c: number, split?: "train" | "test"): TaskSample;
}

/** Mix the given tasks; `skills[c]` is component c's training skill distribution (default uniform). */
export function mixtureTask(parts: Array<{ task: Task; skills?: SkillChoice }>, opts: { name?: string } = {}): MixtureTask {
  if (parts.length === 0) throw new ParameterError("components.length", 0, "≥ 1");
  const components: MixtureComponent[] = [];
  let offset = 0;
  for (const p of parts) {
    components.push({ task: p.task, offset, skills: p.skills });
    offset += p.task.vocab.size;
  }
  const pad = offset;
  const T = Math.max(...parts.map((p) => p.task.contextLength));
  const names: string[] = [];
  components.forEach((c, i) => names.push(...c.task.vocab.names.map((n) => `${i}:${n}`)));
  names.push("<pad>");
  const componentOf = (token: number): number => {
    for (let c = components.length - 1; c >= 0; c--) if (token >= components[c].offset && token < components[c].offset + components[c].task.vocab.size) return c;
    return -1;
  };
  /** component sample → mixture ids, padded to T */
  const lift = (s: TaskSample, c: number): TaskSample => {
    const o = components[c].offset;
    const tokens = new Int32Array(T).fill(pad);
    const target = new Int32Array(T).fill(IGNORE_INDEX);
    for (let t = 0; t < s.tokens.length; t++) {
      tokens[t] = s.tokens[t] + o;
      target[t] = s.target[t] === IGNORE_INDEX ? IGNORE_INDEX : s.target[t] + o;
    }
    return { tokens, target, answerPositions: s.answerPositions.slice(), answer: s.answer.map((a) => a + o), skills: Int32Array.of(c) };
  };
  /** mixture sample → component ids (null if it is not a well-formed lifted sample) */
  const lower = (s: TaskSample): { c: number; sample: TaskSample } | null => {
    const c = componentOf(s.tokens[0]);
    if (c < 0 || s.tokens.length !== T) return null;
    const { task, offset: o } = components[c];
    const Tc = task.contextLength;
    for (let t = Tc; t < T; t++) if (s.tokens[t] !== pad || s.target[t] !== IGNORE_INDEX) return null;
    const tokens = new Int32Array(Tc);
    const target = new Int32Array(Tc);
    for (let t = 0; t < Tc; t++) {
      if (componentOf(s.tokens[t]) !== c) return null;
      tokens[t] = s.tokens[t] - o;
      target[t] = s.target[t] === IGNORE_INDEX ? IGNORE_INDEX : s.target[t] - o;
    }
    return { c, sample: { tokens, target, answerPositions: s.answerPositions, answer: s.answer.map((a) => a - o), skills: s.skills } };
  };
  const evaluator: Evaluator = {
    check(s) {
      const l = lower(s);
      return l !== null && s.skills.length === 1 && s.skills[0] === l.c && components[l.c].task.evaluator.check(l.sample);
    },
    score(s, predicted) {
      const l = lower(s);
      if (l === null) return false;
      const o = components[l.c].offset;
      const p = Array.from({ length: components[l.c].task.contextLength }, (_, t) => predicted[t] - o);
      return components[l.c].task.evaluator.score(l.sample, p);
    },
  };
  const componentSample = (rng: Rng, c: number, split: "train" | "test" = "train"): TaskSample => {
    const { task, skills } = components[c];
    const s = split === "train" ? (task.trainSample ?? task.sample)(rng, skills) : task.sample(rng);
    return lift(s, c);
  };
  const C = components.length;
  return {
    name: opts.name ?? `mixture(${parts.map((p) => p.task.name).join(",")})`,
    kind: parts.every((p) => p.task.kind === "stream") ? "stream" : "problem",
    vocab: { size: pad + 1, names },
    contextLength: T,
    padToken: pad,
    numSkills: C,
    slots: 1,
    skillName: (i) => components[i].task.name,
    sample: (rng, skills) => componentSample(rng, drawSkills(rng, skills, 1, C)[0], "test"),
    trainSample: (rng, skills) => componentSample(rng, drawSkills(rng, skills, 1, C)[0], "train"),
    evaluator,
    components,
    componentOf,
    componentSample,
  };
}
