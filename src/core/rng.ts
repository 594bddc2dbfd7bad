/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna, 2018), 32-bit state words,
 * seeded through SplitMix32 so that any integer seed gives a well-mixed state.
 * Same seed → same numbers, on every platform and thread count.
 */
import { ParameterError, requireInteger } from "./validate";

/** SplitMix32 step: returns [next state, output]. */
function splitmix32(state: number): [number, number] {
  state = (state + 0x9e3779b9) | 0;
  let z = state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z = z ^ (z >>> 16);
  return [state, z >>> 0];
}

/** Mix a list of integers (seed, stream ids…) into one 32-bit value. */
function mixKeys(keys: readonly number[]): number {
  let h = 0x243f6a88;
  for (const k of keys) {
    // fold doubles beyond 2^32 in as two words
    const lo = k >>> 0;
    const hi = Math.floor(k / 4294967296) >>> 0;
    for (const w of [lo, hi]) {
      h = Math.imul(h ^ w, 0x9e3779b1);
      h = (h ^ (h >>> 15)) >>> 0;
      h = Math.imul(h, 0x85ebca77) >>> 0;
      h = (h ^ (h >>> 13)) >>> 0;
    }
  }
  return h >>> 0;
}

/** A seeded xoshiro128** generator with uniform, normal, Rademacher and permutation sampling. */
export class Rng {
  /** xoshiro state as int32 words (an Int32Array keeps V8 from boxing the values) */
  private readonly s = new Int32Array(4);
  private spare = NaN; // second Box–Muller normal, if any
  /** The seed (and stream keys) this generator was created from. */
  readonly keys: readonly number[];

  /** `new Rng(seed, ...streams)`: an independent stream for every distinct key list. */
  constructor(seed: number, ...streams: number[]) {
    // above 2^53 neighbouring integers are the same double: seeds would collide silently
    requireInteger("seed", seed, { min: 0, max: Number.MAX_SAFE_INTEGER });
    for (const s of streams) requireInteger("stream", s, { min: 0, max: Number.MAX_SAFE_INTEGER });
    this.keys = [seed, ...streams];
    let st = mixKeys(this.keys);
    const out: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [n, z] = splitmix32(st);
      st = n;
      out.push(z);
    }
    if ((out[0] | out[1] | out[2] | out[3]) === 0) out[0] = 1; // all-zero state is forbidden
    this.s.set(out.map((x) => x | 0));
  }

  /** An independent child stream: `rng.fork(k)` is the stream (…keys, k). */
  fork(stream: number): Rng {
    return new Rng(this.keys[0], ...this.keys.slice(1), stream);
  }

  /** Next raw 32-bit unsigned integer (xoshiro128**). */
  nextUint32(): number {
    const s = this.s;
    let s0 = s[0];
    let s1 = s[1];
    let s2 = s[2];
    let s3 = s[3];
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    s[0] = s0;
    s[1] = s1;
    s[2] = s2;
    s[3] = s3;
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in {0, …, n−1} (rejection sampling, no modulo bias). */
  int(n: number): number {
    if (n <= 0 || n > 4294967296 || !Number.isInteger(n)) {
      throw new ParameterError("n", n, "an integer in [1, 2^32]");
    }
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /** Standard normal (Marsaglia polar method; pairs are cached). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = NaN;
      return z;
    }
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spare = v * f;
        return u * f;
      }
    }
  }

  /** Rademacher sign ±1 with probability ½ each. */
  sign(): number {
    return this.nextUint32() & 1 ? 1 : -1;
  }

  /** Fill `out` with standard normals. */
  fillNormal(out: Float64Array): Float64Array {
    if (!(out instanceof Float64Array)) throw new ParameterError("out", out, "a Float64Array");
    for (let i = 0; i < out.length; i++) out[i] = this.normal();
    return out;
  }

  /** A uniform random permutation of {0, …, n−1} (Fisher–Yates), written into `out` if given. */
  permutation(n: number, out?: Uint32Array): Uint32Array {
    if (!(n >= 0 && n <= 4294967296 && Number.isInteger(n))) throw new ParameterError("n", n, "an integer in [0, 2^32]");
    if (out !== undefined && !(out instanceof Uint32Array && out.length >= n)) throw new ParameterError("out", out instanceof Uint32Array ? `of length ${out.length}` : out, `a Uint32Array of length ≥ n = ${n}`);
    const p = out ?? new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
