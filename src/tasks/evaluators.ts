/**
 * Independent evaluators, written apart from the generators: each parses a problem from its input
 * tokens alone and recomputes the answer by a different method than the generator uses, then
 * checks the sample's scored targets (`check`) or a model's predicted tokens (`score`).
 *
 * - S5: generator = lexicographic enumeration + a 120×120 composition table; evaluator = Lehmer-code
 *   (factorial number system) unranking/ranking and composition of the functions applied right to left.
 * - Group word problems (S3, D4, A4, S4): generator = closure of generators + Cayley table; evaluator =
 *   all permutations filtered by a membership test (all, even, square-preserving), composed as functions.
 * - Modular arithmetic: generator = Fermat inverses b^{P−2}; evaluator = extended Euclid, in BigInt.
 * - QA: generator = relation-function table; evaluator = follows the hops through a map built from
 *   the list of atomic facts (what the model sees in training).
 * - Zipf language: checks the next-token shift, the vocabulary bounds and (when β = 1, where the
 *   chain is sparse) that each transition has positive probability in the exact transition matrix.
 */
import { IGNORE_INDEX, type Evaluator, type TaskSample } from "./task";

/** The answers of a problem recomputed from its input tokens, or null if the input is malformed. */
type Solver = (tokens: Int32Array) => number[] | null;

/** An evaluator for a problem task of length T whose single answer is predicted at the final `=` (position T − 1). */
function problemEvaluator(T: number, solve: Solver): Evaluator {
  const at = T - 1;
  const answerOf = (s: TaskSample): number | null => {
    if (s.tokens.length !== T || s.target.length !== T) return null;
    const a = solve(s.tokens);
    return a === null ? null : a[0];
  };
  return {
    check(s) {
      const a = answerOf(s);
      if (a === null) return false;
      // exactly the `=` position is scored, with the recomputed answer
      for (let t = 0; t < T; t++) if (s.target[t] !== (t === at ? a : IGNORE_INDEX)) return false;
      return s.answerPositions.length === 1 && s.answerPositions[0] === at && s.answer.length === 1 && s.answer[0] === a;
    },
    score(s, predicted) {
      const a = answerOf(s);
      return a !== null && predicted[at] === a;
    },
  };
}

const FACTORIALS = [1, 1, 2, 6, 24];

/** Permutation of {0..4} with lexicographic index r (Lehmer code unranking). */
function unrankLehmer(r: number): number[] {
  const pool = [0, 1, 2, 3, 4];
  const out: number[] = [];
  for (let i = 4; i >= 0; i--) {
    const d = Math.floor(r / FACTORIALS[i]);
    r -= d * FACTORIALS[i];
    out.push(pool.splice(d, 1)[0]);
  }
  return out;
}

/** Lexicographic index of a permutation of {0..4} (Lehmer code ranking). */
function rankLehmer(p: number[]): number {
  let r = 0;
  for (let i = 0; i < 5; i++) {
    let smaller = 0;
    for (let j = i + 1; j < 5; j++) if (p[j] < p[i]) smaller++;
    r += smaller * FACTORIALS[4 - i];
  }
  return r;
}

/** Evaluator of S5 state tracking: `g₁ … g_k =` → g₁∘⋯∘g_k with (σ∘τ)(x) = σ(τ(x)). */
export function s5Evaluator(k: number): Evaluator {
  return problemEvaluator(k + 1, (tokens) => {
    if (tokens[k] !== 120) return null;
    const gs: number[][] = [];
    for (let i = 0; i < k; i++) {
      if (!(tokens[i] >= 0 && tokens[i] < 120)) return null;
      gs.push(unrankLehmer(tokens[i]));
    }
    // image of each x under g₁(g₂(⋯g_k(x))): apply g_k first
    const composed = [0, 1, 2, 3, 4].map((x) => gs.reduceRight((y, g) => g[y], x));
    return [rankLehmer(composed)];
  });
}

/** Membership tests of the small word-problem groups, on one-line permutations: (points, test). */
const GROUP_MEMBERSHIP: Record<string, { points: number; member: (p: number[]) => boolean }> = {
  S3: { points: 3, member: () => true },
  S4: { points: 4, member: () => true },
  // even permutations: an even number of inversions
  A4: {
    points: 4,
    member: (p) => {
      let inv = 0;
      for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) if (p[i] > p[j]) inv++;
      return inv % 2 === 0;
    },
  },
  // symmetries of the square 0-1-2-3-0: corners adjacent on the square stay adjacent
  D4: { points: 4, member: (p) => [0, 1, 2, 3].every((x) => (p[(x + 1) % 4] - p[x] + 4) % 4 === 1 || (p[(x + 1) % 4] - p[x] + 4) % 4 === 3) },
};

/** Every permutation of {0..m−1} in lexicographic order (the standard next-permutation step). */
function allPermutations(m: number): number[][] {
  const out: number[][] = [];
  const p = Array.from({ length: m }, (_, i) => i);
  for (;;) {
    out.push([...p]);
    let i = m - 2;
    while (i >= 0 && p[i] > p[i + 1]) i--;
    if (i < 0) return out;
    let j = m - 1;
    while (p[j] < p[i]) j--;
    [p[i], p[j]] = [p[j], p[i]];
    p.splice(i + 1, m - i - 1, ...p.slice(i + 1).reverse());
  }
}

/** Evaluator of a group word problem (`groupWordTask`): `g₁ … g_k =` → g₁∘⋯∘g_k, elements = the group's permutations in lexicographic order. */
export function groupWordEvaluator(group: string, k: number): Evaluator {
  const spec = GROUP_MEMBERSHIP[group];
  if (!spec) throw new Error(`internal: no membership test for group ${group}`);
  const elements = allPermutations(spec.points).filter(spec.member);
  const n = elements.length;
  const index = new Map(elements.map((p, i) => [p.join(","), i]));
  return problemEvaluator(k + 1, (tokens) => {
    if (tokens[k] !== n) return null;
    const gs: number[][] = [];
    for (let i = 0; i < k; i++) {
      if (!(tokens[i] >= 0 && tokens[i] < n)) return null;
      gs.push(elements[tokens[i]]);
    }
    // image of each x under g₁(g₂(⋯g_k(x))): apply g_k first
    const composed = elements[0].map((_, x) => gs.reduceRight((y, g) => g[y], x));
    const i = index.get(composed.join(","));
    return i === undefined ? null : [i];
  });
}

/** Inverse of b modulo P by the extended Euclidean algorithm (BigInt). */
function inverseEuclid(b: bigint, P: bigint): bigint {
  let [r0, r1] = [P, ((b % P) + P) % P];
  let [t0, t1] = [0n, 1n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  if (r0 !== 1n) throw new Error("internal: not invertible");
  return ((t0 % P) + P) % P;
}

/** Evaluator of modular arithmetic: `a₀ op₁ a₁ … op_k a_k =` evaluated left to right mod P (ops + − × ÷ at tokens P..P+3). */
export function modularEvaluator(P: number, k: number): Evaluator {
  const Pn = BigInt(P);
  return problemEvaluator(2 * k + 2, (tokens) => {
    if (tokens[2 * k + 1] !== P + 4) return null;
    const num = (t: number): bigint | null => (t >= 0 && t < P ? BigInt(t) : null);
    let acc = num(tokens[0]);
    if (acc === null) return null;
    for (let i = 1; i <= k; i++) {
      const op = tokens[2 * i - 1] - P;
      const b = num(tokens[2 * i]);
      if (b === null) return null;
      switch (op) {
        case 0:
          acc = (acc + b) % Pn;
          break;
        case 1:
          acc = (((acc - b) % Pn) + Pn) % Pn;
          break;
        case 2:
          acc = (acc * b) % Pn;
          break;
        case 3:
          if (b === 0n) return null; // 0 is never a divisor
          acc = (acc * inverseEuclid(b, Pn)) % Pn;
          break;
        default:
          return null;
      }
    }
    return [Number(acc)];
  });
}

/** Evaluator of (multi-hop) QA: follows each hop through the atomic facts [entity, relation, answer]. */
export function qaEvaluator(
  layout: { entities: number; relations: number; relationBase: number; equals: number; pad: number },
  facts: Iterable<[number, number, number]>,
): Evaluator {
  const kb = new Map<string, number>();
  for (const [e, r, a] of facts) kb.set(`${e}|${r}`, a);
  const solve = (tokens: Int32Array): number[] | null => {
    let e = tokens[0];
    if (!(e >= 0 && e < layout.entities)) return null;
    let t = 1;
    for (; t < tokens.length && tokens[t] !== layout.equals; t++) {
      const r = tokens[t] - layout.relationBase;
      if (!(r >= 0 && r < layout.relations)) return null;
      const next = kb.get(`${e}|${r}`);
      if (next === undefined) return null;
      e = next;
    }
    if (t === 1 || t >= tokens.length) return null; // no relation, or no `=`
    for (let u = t + 1; u < tokens.length; u++) if (tokens[u] !== layout.pad) return null;
    return [e];
  };
  return {
    check(s) {
      const a = solve(s.tokens);
      if (a === null) return false;
      const at = s.tokens.indexOf(layout.equals);
      for (let t = 0; t < s.target.length; t++) {
        const want = t === at ? a[0] : IGNORE_INDEX;
        if (s.target[t] !== want) return false;
      }
      return s.answerPositions.length === 1 && s.answerPositions[0] === at && s.answer[0] === a[0];
    },
    score(s, predicted) {
      const a = solve(s.tokens);
      return a !== null && predicted[s.tokens.indexOf(layout.equals)] === a[0];
    },
  };
}

/** Evaluator of a token stream over V tokens: targets are the next tokens; optional sparse support check. */
export function zipfEvaluator(V: number, allowed?: (i: number, j: number) => boolean): Evaluator {
  return {
    check(s) {
      const T = s.tokens.length;
      if (s.target.length !== T || s.answerPositions.length !== T) return false;
      for (let t = 0; t < T; t++) {
        if (!(s.tokens[t] >= 0 && s.tokens[t] < V && s.target[t] >= 0 && s.target[t] < V)) return false;
        if (t + 1 < T && s.target[t] !== s.tokens[t + 1]) return false;
        if (allowed && !allowed(s.tokens[t], s.target[t])) return false;
        if (s.answerPositions[t] !== t || s.answer[t] !== s.target[t]) return false;
      }
      return true;
    },
    score(s, predicted) {
      for (let t = 0; t < s.target.length; t++) if (predicted[t] !== s.target[t]) return false;
      return true;
    },
  };
}
