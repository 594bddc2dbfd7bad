/**
 * Multi-hop and one-hop question answering over a random knowledge graph (Wang, Dang, Lee, Lyu,
 * arXiv 2604.22951; default generator modelled on Yao et al. 2025, arXiv 2505.17923).
 *
 * Graph: for each relation r of |R| a random function f_r: E → E (f_r(e) uniform over E, seeded by
 * `graphSeed`). A k-hop question starts at e₀ and chains relations r₁ … r_k; its answer is
 * e_k = f_{r_k}(⋯ f_{r₁}(e₀)), output directly with no intermediate supervision.
 *
 * Encoding (symbolic tokens; the paper's text format is unknown): tokens 0..|E|−1 are entities,
 * |E|..|E|+|R|−1 relations, |E|+|R| is `=`, |E|+|R|+1 is the pad token. A question is
 * `e₀ r₁ … r_k =` (T = k + 2) with the answer entity scored at the `=` position. An atomic fact is
 * the one-hop instance `e r =` → f_r(e), right-padded to T. Skill = relation, one per hop, drawn
 * i.i.d. from the skill distribution; e₀ is uniform.
 *
 * Training (`trainSample`): with probability `factFraction` an atomic fact, uniform over all
 * |E|·|R| pairs and independent of the skill distribution (facts are always in training; only
 * question chains are skill-weighted), else a question. Test (`sample`): a question with uniform
 * e₀ (drawn from the held-out entities when `heldOutFraction` > 0: their facts are trained, their
 * questions never). Defaults (this toolkit's, the paper's sizes are unknown): |E| = 1000, |R| = 20,
 * k = 3, factFraction = 0.5, heldOutFraction = 0.
 * One-hop QA (the memorisation control) is k = 1 with no separate facts: every training example is
 * a fact `e r =`, its relation drawn from the skill distribution.
 */
import { Rng } from "../core/rng";
import { requireInteger, requireNumber } from "../core/validate";
import { qaEvaluator } from "./evaluators";
import { drawSkills, problemSample, type Evaluator, type SkillChoice, type Task, type TaskSample } from "./task";

/** Options of the QA tasks. */
export interface QaOptions {
  /** |E|: number of entities (≥ 2; default 1000) */
  entities?: number;
  /** |R|: number of relations (≥ 1; default 20) */
  relations?: number;
  /** k: hops per question (≥ 1; default 3) */
  k?: number;
  /** seed of the random relation functions (default 0) */
  graphSeed?: number;
  /** fraction of training examples that are atomic facts (in [0, 1); default 0.5) */
  factFraction?: number;
  /** fraction of entities whose questions are held out for testing (in [0, 1); default 0) */
  heldOutFraction?: number;
}

/** Token layout of a QA vocabulary. */
export interface QaLayout {
  entities: number;
  relations: number;
  /** token of relation r is relationBase + r */
  relationBase: number;
  equals: number;
  pad: number;
  size: number;
}

/** A QA task: the Task interface plus the knowledge graph's atomic facts. */
export interface QaTask extends Task {
  readonly layout: QaLayout;
  readonly k: number;
  /** every atomic fact as [entity, relation index, answer entity] (|E|·|R| triples) */
  facts(): Array<[number, number, number]>;
  /** the training example of fact (e, r): `e r =` → f_r(e), padded to T */
  factSample(e: number, r: number): TaskSample;
  /** entities that start training questions, and those that start test questions */
  readonly trainEntities: Int32Array;
  readonly testEntities: Int32Array;
}

/** The layout for |E| entities and |R| relations. */
export function qaLayout(entities: number, relations: number): QaLayout {
  return { entities, relations, relationBase: entities, equals: entities + relations, pad: entities + relations + 1, size: entities + relations + 2 };
}

/** k-hop QA over random relation functions (see the module comment for the format). */
export function multiHopQaTask(opts: QaOptions = {}): QaTask {
  return makeQa(opts, "multi-hop-qa");
}

/** One-hop QA, the control task: `e r =` → f_r(e), relation r drawn from the skill distribution. */
export function oneHopQaTask(opts: Omit<QaOptions, "k" | "factFraction" | "heldOutFraction"> = {}): QaTask {
  return makeQa({ ...opts, k: 1, factFraction: 0, heldOutFraction: 0 }, "one-hop-qa");
}

function makeQa(opts: QaOptions, name: string): QaTask {
  const E = requireInteger("entities", opts.entities ?? 1000, { min: 2 });
  const R = requireInteger("relations", opts.relations ?? 20, { min: 1 });
  const k = requireInteger("k", opts.k ?? 3, { min: 1 });
  const graphSeed = requireInteger("graphSeed", opts.graphSeed ?? 0, { min: 0 });
  const factFraction = requireNumber("factFraction", opts.factFraction ?? 0.5, { min: 0, lt: 1 });
  const heldOut = requireNumber("heldOutFraction", opts.heldOutFraction ?? 0, { min: 0, lt: 1 });
  const L = qaLayout(E, R);
  const T = k + 2;
  // relation functions as a table: next[r·E + e] = f_r(e)
  const g = new Rng(graphSeed, 0x6a09e667);
  const next = new Int32Array(R * E);
  for (let i = 0; i < next.length; i++) next[i] = g.int(E);
  // entity split: a seeded permutation; the last ⌊heldOut·E⌋ entities start only test questions
  const nTest = Math.floor(heldOut * E);
  if (heldOut > 0 && (nTest < 1 || nTest >= E)) throw new Error(`heldOutFraction = ${heldOut}: leaves no train or no test entities with entities = ${E}`);
  const order = new Rng(graphSeed, 0xbb67ae85).permutation(E);
  const trainEntities = Int32Array.from(nTest > 0 ? order.subarray(0, E - nTest) : order).sort();
  const testEntities = nTest > 0 ? Int32Array.from(order.subarray(E - nTest)).sort() : trainEntities;
  const names: string[] = [];
  for (let e = 0; e < E; e++) names.push(`e${e}`);
  for (let r = 0; r < R; r++) names.push(`r${r}`);
  names.push("=", "<pad>");

  const question = (e0: number, rels: Int32Array): TaskSample => {
    const input = new Int32Array(rels.length + 2);
    input[0] = e0;
    let e = e0;
    for (let h = 0; h < rels.length; h++) {
      input[h + 1] = L.relationBase + rels[h];
      e = next[rels[h] * E + e];
    }
    input[rels.length + 1] = L.equals;
    return problemSample(input, [e], T, L.pad, rels);
  };
  const factSample = (e: number, r: number): TaskSample => {
    requireInteger("e", e, { min: 0, max: E - 1 });
    requireInteger("r", r, { min: 0, max: R - 1 });
    return question(e, Int32Array.of(r));
  };
  const sample = (rng: Rng, skills?: SkillChoice): TaskSample => {
    const rels = drawSkills(rng, skills, k, R);
    return question(testEntities[rng.int(testEntities.length)], rels);
  };
  const trainSample = (rng: Rng, skills?: SkillChoice): TaskSample => {
    if (factFraction > 0 && rng.uniform() < factFraction) return question(rng.int(E), Int32Array.of(rng.int(R)));
    const rels = drawSkills(rng, skills, k, R);
    return question(trainEntities[rng.int(trainEntities.length)], rels);
  };
  let evaluator: Evaluator | undefined;
  const facts = (): Array<[number, number, number]> => {
    const out: Array<[number, number, number]> = [];
    for (let e = 0; e < E; e++) for (let r = 0; r < R; r++) out.push([e, r, next[r * E + e]]);
    return out;
  };
  return {
    name,
    kind: "problem",
    vocab: { size: L.size, names },
    contextLength: T,
    padToken: L.pad,
    numSkills: R,
    slots: k,
    skillName: (i) => `r${i}`,
    sample,
    trainSample,
    get evaluator() {
      // built on first use from the fact list (|E|·|R| entries)
      evaluator ??= qaEvaluator(L, facts());
      return evaluator;
    },
    layout: L,
    k,
    facts,
    factSample,
    trainEntities,
    testEntities,
  };
}
