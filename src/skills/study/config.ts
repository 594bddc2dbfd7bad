/**
 * Configurations of the transformer skills study (Wang, Dang, Lee, Lyu, "The Power of Power Law:
 * Asymmetry Enables Compositional Reasoning", arXiv 2604.22951, its transformer experiments).
 *
 * Every number here is this toolkit's documented default, not the paper's: the paper's model sizes,
 * optimiser, batch, steps, k, moduli, |E|, |R| and exponents are not stated in the paper. Uniform and
 * power-law runs of a task use identical hyper-parameters and the same initialisation seed; only the
 * training skill distribution changes, and every test set is uniform over skills.
 */
import type { Scale } from "../../core/scale";
import { ParameterError, requireInteger, requireNumber, requireOneOf } from "../../core/validate";
import type { GptConfig } from "../../nn/gpt";
import { isPrime, MAX_MODULUS, OPERATORS, operatorIds, type Operator } from "../../tasks/modularArithmetic";
import { WORD_GROUPS, permutationGroup, type WordGroupName } from "../../tasks/groupWord";

/** The task families of the study ("group": a word problem over a small non-abelian group). */
export const SKILLS_TASKS = ["s5", "group", "arithmetic", "multi-hop", "one-hop"] as const;
export type SkillsTaskName = (typeof SKILLS_TASKS)[number];

/** One task of the study with its options, run length and exponents. */
export interface SkillsTaskSpec {
  /** task family */
  task: SkillsTaskName;
  /** "composition" (power law expected to win) or "control" (one-hop memorisation: uniform expected to win) */
  role: "composition" | "control";
  /** k: permutations (S5), group elements (group), operators (arithmetic, k+1 operands) or hops (multi-hop) */
  k?: number;
  /** the group of a word problem (group) */
  group?: WordGroupName;
  /** P: prime modulus (arithmetic) */
  P?: number;
  /** the operators of an arithmetic chain (default all four; ["+"]: a sum mod P) */
  operators?: Operator[];
  /**
   * Fraction of the tuple space held out for testing (composition tasks): every test problem — the
   * uniform test set and the rank-bin test sets — is a tuple no training batch contains (see
   * `heldOutSplit`). Multi-hop QA holds out the questions of that fraction of the entities instead
   * (their atomic facts stay in training). Absent: no split (the one-hop control tests the facts it trains on).
   */
  heldOut?: number;
  /** |E| and |R| (QA) */
  entities?: number;
  relations?: number;
  /** optimiser steps of every run of the task */
  steps: number;
  /** exponents trained: 0 (uniform) and the main power law, plus any trade-off values */
  alphas: number[];
}

/** Everything that determines the study's result: the config of the result `skills.transformer-study` (a change recomputes). */
export interface SkillsStudyConfig {
  /** configuration name (the scale, or e.g. "micro" for tests) */
  name: string;
  tasks: SkillsTaskSpec[];
  /** the transformer (vocab and context are set from each task) */
  model: Omit<GptConfig, "vocab" | "context" | "lnEps" | "initStd">;
  /** sequences per step */
  batchSize: number;
  /** peak learning rate; linear warm-up over `warmup` steps, then constant (the same for every run) */
  lr: number;
  warmup: number;
  weightDecay: number;
  /** gradient clipping by global norm */
  clipNorm: number;
  /** the main power-law exponent (compared with α = 0 in the claims) */
  alpha: number;
  /** seeds: each seed has its own initialisation, data stream and skill ranking (shared by its α runs) */
  seeds: number[];
  /** uniform test problems per task, and problems per rank-bin test set */
  testSize: number;
  binSize: number;
  /** rank bins (equal size) of the per-bin accuracy */
  bins: number;
  /** evaluations per run (every steps/evalPoints steps) */
  evalPoints: number;
  /**
   * Tail-sample gradient norms (arXiv 2604.22951, §3.5 stage II): for the first composition task, the uniform and main power-law
   * runs of every seed write parameter checkpoints at every evaluation step, and ‖∇L‖ is measured on
   * `batches` batches of `batchSize` tail-skill problems with head vs random context; the first
   * seed's checkpoints also give the PCA loss landscape on a `grid` × `grid` lattice. Absent:
   * neither is measured.
   */
  gradient?: { batches: number; batchSize: number; grid: number };
}

const model = (layers: number, dModel: number, heads: number) => ({ layers, dModel, heads, mlpRatio: 4 });

/**
 * The named configurations. Composition is tested on held-out tuples (`heldOut`: a quarter of the
 * tuple space, never in training), with a tuple space at least 10× the training examples of a run,
 * and the one-hop control is matched to the first composition task: as many atomic facts (|E|·|R| =
 * the size of the table the composition task composes), the same model and the same steps.
 *
 * `small` (the design chosen by one-seed pilots, notebook 12): a sum of 6 residues mod 11 (Z₁₁,
 * 11⁶ ≈ 1.77·10⁶ tuples for 1500 × 64 = 9.6·10⁴ training examples: 18×), 5 seeds, α ∈ {0, 1.5, 2},
 * and one-hop QA with |E| = |R| = 11 (121 facts = the 11 × 11 addition table), 25 runs.
 * Quiet-machine estimate (the lead times the final run): Σ steps × ms per step / 2 threads =
 * (15 × 1500 arithmetic steps × ≈ 50 ms + 10 × 1500 one-hop steps × ≈ 18 ms) / 2 ≈ 700 s of
 * training, plus ≈ 3 min of evaluations, gradient norms and landscape: ≈ 13–15 min. The ms per step
 * of this model (2-layer d = 64 GPT, batch 64; T = 12 for the sum, 3 for one-hop) were measured alone
 * (70 timed training steps each) on the shared machine: at load 5, 47–56 ms wall (fastest–median) and
 * 52.9 ms of CPU per sum step, 15–20 ms wall and 18.5 ms of CPU per one-hop step. The run stored with
 * notebook 12 took 52 min of training at load 6–9.
 * `ci`: the same design, tiny (2 seeds, 300 steps; sum of 6 residues mod 7, 12× the training
 * examples) — it tests the machinery; the power law does not learn in 300 steps, so its premise
 * fails. Measured: 43 s of CPU time for the whole study (well under 2 min on 2 threads). `paper`: a GPU-scale analogue (S5 with k = 8, arithmetic mod 97,
 * three-hop QA with held-out entities, 6-layer d = 256 GPTs) — named, not run here.
 */
export const SKILLS_STUDY_CONFIGS: Record<Scale, SkillsStudyConfig> = {
  ci: {
    name: "ci",
    tasks: [
      { task: "arithmetic", role: "composition", P: 7, k: 5, operators: ["+"], heldOut: 0.25, steps: 300, alphas: [0, 1, 1.5] },
      { task: "one-hop", role: "control", entities: 7, relations: 7, steps: 300, alphas: [0, 1.5] },
    ],
    model: model(2, 32, 4),
    batchSize: 32,
    lr: 3e-3,
    warmup: 20,
    weightDecay: 0.01,
    clipNorm: 1,
    alpha: 1.5,
    seeds: [1, 2],
    testSize: 256,
    binSize: 128,
    bins: 3,
    evalPoints: 6,
    gradient: { batches: 2, batchSize: 32, grid: 9 },
  },
  small: {
    name: "small",
    tasks: [
      { task: "arithmetic", role: "composition", P: 11, k: 5, operators: ["+"], heldOut: 0.25, steps: 1500, alphas: [0, 1.5, 2] },
      { task: "one-hop", role: "control", entities: 11, relations: 11, steps: 1500, alphas: [0, 1.5] },
    ],
    model: model(2, 64, 4),
    batchSize: 64,
    lr: 3e-3,
    warmup: 50,
    weightDecay: 0.01,
    clipNorm: 1,
    alpha: 1.5,
    seeds: [1, 2, 3, 4, 5],
    testSize: 512,
    binSize: 256,
    bins: 4,
    evalPoints: 10,
    gradient: { batches: 4, batchSize: 64, grid: 11 },
  },
  paper: {
    name: "paper",
    tasks: [
      { task: "s5", role: "composition", k: 8, heldOut: 0.25, steps: 100_000, alphas: [0, 1.0, 1.5, 2.0] },
      { task: "arithmetic", role: "composition", P: 97, k: 4, heldOut: 0.25, steps: 100_000, alphas: [0, 1.5] },
      { task: "multi-hop", role: "composition", entities: 1000, relations: 50, k: 3, heldOut: 0.1, steps: 200_000, alphas: [0, 1.5] },
      { task: "one-hop", role: "control", entities: 120, relations: 120, steps: 100_000, alphas: [0, 1.5] },
    ],
    model: model(6, 256, 8),
    batchSize: 256,
    lr: 1e-3,
    warmup: 500,
    weightDecay: 0.01,
    clipNorm: 1,
    alpha: 1.5,
    seeds: [1, 2, 3, 4, 5],
    testSize: 4096,
    binSize: 1024,
    bins: 6,
    evalPoints: 100,
    gradient: { batches: 16, batchSize: 256, grid: 41 },
  },
};

/** The size fields each task family needs (its task's defaults are not used: a spec states its sizes). */
const SIZE_FIELDS: Record<SkillsTaskName, ReadonlyArray<"k" | "P" | "entities" | "relations">> = {
  s5: ["k"],
  group: ["k"],
  arithmetic: ["P", "k"],
  "multi-hop": ["entities", "relations", "k"],
  "one-hop": ["entities", "relations"],
};

/** A size field of a task spec (k, P, |E|, |R|); throws a `ParameterError` naming it when the spec lacks it. */
export function taskSize(t: SkillsTaskSpec, field: "k" | "P" | "entities" | "relations"): number {
  const v = t[field];
  if (v === undefined) throw new ParameterError(`${t.task}.${field}`, v, `set on a ${t.task} task (${SIZE_FIELDS[t.task].join(", ")})`);
  return v;
}

/** Number of distinct problems (tuples) of a task: every slot's skill, and the operators of an arithmetic chain. */
export function tupleCount(t: SkillsTaskSpec): number {
  if (t.task === "s5") return 120 ** taskSize(t, "k");
  if (t.task === "group") return permutationGroup(t.group ?? "S3").order ** taskSize(t, "k");
  const k = t.task === "one-hop" ? 1 : taskSize(t, "k");
  if (t.task === "arithmetic") return taskSize(t, "P") ** (k + 1) * (t.operators ?? OPERATORS).length ** k;
  if (t.task === "multi-hop") return taskSize(t, "entities") * taskSize(t, "relations") ** k;
  return taskSize(t, "entities") * taskSize(t, "relations");
}

/** Number of atomic facts of a task (the pairwise table its problems compose: |G|², 4P² or P²·|ops|, |E|·|R|). */
export function atomicFactCount(t: SkillsTaskSpec): number {
  if (t.task === "s5") return 120 * 120;
  if (t.task === "group") return permutationGroup(t.group ?? "S3").order ** 2;
  if (t.task === "arithmetic") return taskSize(t, "P") ** 2 * (t.operators ?? OPERATORS).length;
  return taskSize(t, "entities") * taskSize(t, "relations");
}

/** A config for tests of the machinery (seconds). */
export const SKILLS_MICRO_CONFIG: SkillsStudyConfig = {
  name: "micro",
  tasks: [
    { task: "arithmetic", role: "composition", P: 5, k: 1, heldOut: 0.25, steps: 6, alphas: [0, 1.5] },
    { task: "one-hop", role: "control", entities: 6, relations: 4, steps: 6, alphas: [0, 1.5] },
  ],
  model: model(1, 8, 2),
  batchSize: 8,
  lr: 3e-3,
  warmup: 2,
  weightDecay: 0.01,
  clipNorm: 1,
  alpha: 1.5,
  seeds: [1, 2],
  testSize: 16,
  binSize: 8,
  bins: 2,
  evalPoints: 3,
  gradient: { batches: 1, batchSize: 4, grid: 3 },
};

/** Validate a config (throws a `ParameterError` naming the field). */
export function validateSkillsConfig(c: SkillsStudyConfig): SkillsStudyConfig {
  if (c.tasks.length < 1) throw new ParameterError("tasks", "[]", "at least one task");
  if (c.seeds.length < 1) throw new ParameterError("seeds", "[]", "at least one seed");
  for (const s of c.seeds) requireInteger("seed", s, { min: 0 });
  if (new Set(c.seeds).size !== c.seeds.length) throw new ParameterError("seeds", c.seeds.join(","), "distinct");
  requireInteger("batchSize", c.batchSize, { min: 1 });
  requireNumber("lr", c.lr, { gt: 0 });
  requireInteger("warmup", c.warmup, { min: 0 });
  requireNumber("weightDecay", c.weightDecay, { min: 0 });
  requireNumber("clipNorm", c.clipNorm, { gt: 0 });
  requireNumber("alpha", c.alpha, { gt: 0 });
  requireInteger("testSize", c.testSize, { min: 1 });
  requireInteger("binSize", c.binSize, { min: 1 });
  requireInteger("bins", c.bins, { min: 1 });
  requireInteger("evalPoints", c.evalPoints, { min: 1 });
  const seen = new Set<string>();
  c.tasks.forEach((t, i) => {
    requireOneOf(`tasks[${i}].task`, t.task, SKILLS_TASKS);
    requireOneOf(`tasks[${i}].role`, t.role, ["composition", "control"] as const);
    if (seen.has(t.task)) throw new ParameterError(`tasks[${i}].task`, t.task, "each task at most once");
    seen.add(t.task);
    requireInteger(`tasks[${i}].steps`, t.steps, { min: c.evalPoints });
    if (t.task === "group") requireOneOf(`tasks[${i}].group`, t.group, WORD_GROUPS);
    // the sizes the tuple and fact counts (premise, matched control) are computed from
    for (const f of SIZE_FIELDS[t.task]) {
      if (t[f] === undefined) throw new ParameterError(`tasks[${i}].${f}`, t[f], `set on a ${t.task} task (${SIZE_FIELDS[t.task].join(", ")})`);
    }
    if (t.k !== undefined) requireInteger(`tasks[${i}].k`, t.k, { min: 1 });
    if (t.P !== undefined) {
      requireInteger(`tasks[${i}].P`, t.P, { min: 2, max: MAX_MODULUS });
      if (!isPrime(t.P)) throw new ParameterError(`tasks[${i}].P`, t.P, `a prime ≤ ${MAX_MODULUS}`);
    }
    if (t.entities !== undefined) requireInteger(`tasks[${i}].entities`, t.entities, { min: 2 });
    if (t.relations !== undefined) requireInteger(`tasks[${i}].relations`, t.relations, { min: 1 });
    if (t.operators !== undefined) {
      if (t.task !== "arithmetic") throw new ParameterError(`tasks[${i}].operators`, t.operators.join(" "), "only on the arithmetic task");
      try {
        operatorIds(t.operators);
      } catch (e) {
        throw new ParameterError(`tasks[${i}].operators`, t.operators.join(" "), `a non-empty set of distinct operators among ${OPERATORS.join(" ")}, not ÷ alone`);
      }
    }
    if (t.heldOut !== undefined) {
      requireNumber(`tasks[${i}].heldOut`, t.heldOut, { gt: 0, lt: 1 });
      if (t.task === "one-hop") throw new ParameterError(`tasks[${i}].heldOut`, t.heldOut, "absent on the one-hop control (memorisation is tested on the trained facts)");
    }
    if (!t.alphas.includes(0) || !t.alphas.includes(c.alpha)) throw new ParameterError(`tasks[${i}].alphas`, t.alphas.join(","), `including 0 and alpha = ${c.alpha}`);
    for (const a of t.alphas) requireNumber(`tasks[${i}].alphas`, a, { min: 0 });
  });
  if (c.gradient) {
    requireInteger("gradient.batches", c.gradient.batches, { min: 1 });
    requireInteger("gradient.batchSize", c.gradient.batchSize, { min: 1 });
    requireInteger("gradient.grid", c.gradient.grid, { min: 2 });
    if (!c.tasks.some((t) => t.role === "composition")) throw new ParameterError("gradient", "set", "a composition task to measure");
  }
  return c;
}

/** The config of a scale. */
export function skillsStudyConfig(scale: Scale): SkillsStudyConfig {
  return validateSkillsConfig(SKILLS_STUDY_CONFIGS[scale]);
}
