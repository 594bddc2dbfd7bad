/**
 * Multi-step modular arithmetic (Wang, Dang, Lee, Lyu, arXiv 2604.22951, main figure): evaluate a₀ op₁ a₁ op₂ … op_k a_k modulo a prime P **left to right** (a chain, one skill
 * application per step), ops among + − × ÷, where ÷ is multiplication by the modular inverse.
 *
 * Encoding (this toolkit's default; the paper does not state its modulus, operand count, precedence or
 * tokenisation): tokens 0..P−1 are the residues, P..P+3 the operators + − × ÷, P+4 is
 * `=`. The sequence is `a₀ op₁ a₁ … op_k a_k =` (T = 2k + 2); only the `=` position is scored, with
 * the residue token of the result. Skill = residue ("only the distribution of the numbers changes"):
 * the k + 1 operand slots draw i.i.d. from the skill distribution (d = P); operators are uniform.
 * 0 is never a divisor: an operator drawn as ÷ before a zero operand is redrawn uniformly from
 * {+, −, ×}, so the operands keep exactly the skill distribution.
 * `operators` restricts the operators (drawn uniformly among those given; with ["+"] the task is a sum
 * of k + 1 residues mod P, a word problem in the cyclic group Z_P); the vocabulary is the same.
 * Defaults (this toolkit's): P = 97 (23 and 97 both supported), k = 5 (3, 5 and 8 are the sweep values).
 */
import type { Rng } from "../core/rng";
import { ParameterError, requireInteger } from "../core/validate";
import { modularEvaluator } from "./evaluators";
import { drawSkills, problemSample, type SkillChoice, type Task, type TaskSample } from "./task";

/** Operator symbols in token order (token P + j is OPERATORS[j]). */
export const OPERATORS = ["+", "−", "×", "÷"] as const;

/** Largest modulus accepted (products of residues stay exact in doubles). */
export const MAX_MODULUS = 65521;

/** true iff n is a prime (trial division; n ≤ 2^31). */
export function isPrime(n: number): boolean {
  if (!Number.isInteger(n) || n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let f = 3; f * f <= n; f += 2) if (n % f === 0) return false;
  return true;
}

/** Options of the modular-arithmetic task. */
export interface ModularArithmeticOptions {
  /** P: the prime modulus (default 97) */
  P?: number;
  /** k: number of operations (≥ 1; default 5) */
  k?: number;
  /** the operators drawn (uniformly) between operands (default all four; e.g. ["+"] for a sum mod P) */
  operators?: readonly Operator[];
}

/** An operator symbol. */
export type Operator = (typeof OPERATORS)[number];

/** b^e mod P by square-and-multiply. */
function powMod(b: number, e: number, P: number): number {
  let r = 1;
  let x = b % P;
  while (e > 0) {
    if (e & 1) r = (r * x) % P;
    x = (x * x) % P;
    e = Math.floor(e / 2);
  }
  return r;
}

/** Operator token offsets (0..3) of a list of operator symbols: distinct, known, and not ÷ alone (0 is never a divisor). */
export function operatorIds(operators: readonly string[]): number[] {
  if (!Array.isArray(operators)) throw new ParameterError("operators", operators, `an array: a non-empty subset of ${OPERATORS.join(" ")}`);
  if (operators.length < 1) throw new ParameterError("operators", "[]", `a non-empty subset of ${OPERATORS.join(" ")}`);
  const ids = operators.map((o) => OPERATORS.indexOf(o as Operator));
  ids.forEach((id, i) => {
    if (id < 0) throw new ParameterError(`operators[${i}]`, operators[i], `one of ${OPERATORS.join(" ")}`);
  });
  if (new Set(ids).size !== ids.length) throw new ParameterError("operators", operators.join(" "), "distinct operators");
  if (ids.length === 1 && ids[0] === 3) throw new ParameterError("operators", "÷", "÷ together with another operator (0 is never a divisor)");
  return ids;
}

/** The layout of the modular-arithmetic vocabulary for modulus P. */
export function modularLayout(P: number): { P: number; opBase: number; equals: number; size: number } {
  return { P, opBase: P, equals: P + 4, size: P + 5 };
}

/** The task `a₀ op₁ a₁ … op_k a_k =` → value mod P, evaluated left to right. */
export function modularArithmeticTask(opts: ModularArithmeticOptions = {}): Task {
  const P = requireInteger("P", opts.P ?? 97, { min: 2, max: MAX_MODULUS });
  if (!isPrime(P)) throw new ParameterError("P", P, "a prime");
  const k = requireInteger("k", opts.k ?? 5, { min: 1 });
  const ops = operatorIds(opts.operators ?? OPERATORS);
  // ÷ before a zero operand is redrawn among the other allowed operators
  const notDivide = ops.filter((o) => o !== 3);
  const L = modularLayout(P);
  // inverses by Fermat's little theorem: b^{−1} = b^{P−2} mod P
  const inverse = new Int32Array(P);
  for (let b = 1; b < P; b++) inverse[b] = powMod(b, P - 2, P);
  const T = 2 * k + 2;
  const names: string[] = [];
  for (let a = 0; a < P; a++) names.push(String(a));
  names.push(...OPERATORS, "=");
  const sample = (rng: Rng, skills?: SkillChoice): TaskSample => {
    const a = drawSkills(rng, skills, k + 1, P);
    const input = new Int32Array(T);
    input[0] = a[0];
    let acc = a[0];
    for (let i = 1; i <= k; i++) {
      let op = ops[rng.int(ops.length)];
      if (op === 3 && a[i] === 0) op = notDivide[rng.int(notDivide.length)];
      input[2 * i - 1] = L.opBase + op;
      input[2 * i] = a[i];
      if (op === 0) acc = (acc + a[i]) % P;
      else if (op === 1) acc = (acc - a[i] + P) % P;
      else if (op === 2) acc = (acc * a[i]) % P;
      else acc = (acc * inverse[a[i]]) % P;
    }
    input[T - 1] = L.equals;
    return problemSample(input, [acc], T, L.equals, a);
  };
  return {
    name: "modular-arithmetic",
    kind: "problem",
    vocab: { size: L.size, names },
    contextLength: T,
    padToken: L.equals, // never needed: every problem fills T exactly
    numSkills: P,
    slots: k + 1,
    skillName: (i) => String(i),
    sample,
    evaluator: modularEvaluator(P, k),
  };
}
