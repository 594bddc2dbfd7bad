/**
 * Data-parallel training of ONE model on several worker threads (one tfjs + wasm instance each):
 * every worker holds the same parameters and optimiser state, computes the gradient of its shard of
 * each batch (contiguous rows), and the shards' gradients are averaged — weighted by their scored
 * tokens, so the result is the full-batch mean gradient — through a shared-memory all-reduce. Every
 * worker sums the shards in the same order, so all copies stay bitwise identical, and the trajectory
 * equals single-worker training up to float32 summation order.
 */
import type { TokenBatch } from "./gpt";

/** Rows [index·B/count, (index+1)·B/count) of a batch. */
export function shardBatch(b: TokenBatch, index: number, count: number): TokenBatch {
  const lo = Math.floor((index * b.batchSize) / count);
  const hi = Math.floor(((index + 1) * b.batchSize) / count);
  const T = b.length;
  const shard: TokenBatch = { batchSize: hi - lo, length: T, inputs: b.inputs.subarray(lo * T, hi * T), targets: b.targets.subarray(lo * T, hi * T) };
  if (b.weights) shard.weights = b.weights.subarray(lo * T, hi * T);
  return shard;
}

/** Number of scored (target ≥ 0) positions of a batch. */
export function scoredTokens(b: TokenBatch): number {
  let n = 0;
  for (let i = 0; i < b.targets.length; i++) if (b.targets[i] >= 0) n++;
  return n;
}

/** Bytes of shared memory an all-reduce of `size` floats over `parties` workers needs. */
export function allReduceBytes(size: number, parties: number): number {
  return 16 + 16 * parties + 4 * size * parties;
}

/**
 * A weighted mean all-reduce over `parties` workers on one SharedArrayBuffer
 * (layout: Int32 [arrived, generation] · Float64 [weight, loss] per party · Float32 gradients per party).
 */
export class SharedAllReduce {
  private readonly ctl: Int32Array;
  private readonly meta: Float64Array;
  private readonly grads: Float32Array;
  private readonly out: Float32Array;

  constructor(
    sab: SharedArrayBuffer,
    readonly size: number,
    readonly parties: number,
    readonly rank: number,
  ) {
    if (sab.byteLength < allReduceBytes(size, parties)) throw new RangeError(`shared buffer of ${sab.byteLength} bytes is too small`);
    this.ctl = new Int32Array(sab, 0, 4);
    this.meta = new Float64Array(sab, 16, 2 * parties);
    this.grads = new Float32Array(sab, 16 + 16 * parties, size * parties);
    this.out = new Float32Array(size);
  }

  /** Sense-reversing barrier: returns when every party has arrived. */
  barrier(): void {
    const gen = Atomics.load(this.ctl, 1);
    if (Atomics.add(this.ctl, 0, 1) === this.parties - 1) {
      Atomics.store(this.ctl, 0, 0);
      Atomics.add(this.ctl, 1, 1);
      Atomics.notify(this.ctl, 1);
    } else {
      while (Atomics.load(this.ctl, 1) === gen) Atomics.wait(this.ctl, 1, gen, 1000);
    }
  }

  /** Σ_p w_p g_p / Σ_p w_p and the weighted mean loss, identical on every party. */
  reduce(grad: Float32Array, weight: number, loss: number): { grad: Float32Array; loss: number } {
    const n = this.size;
    this.grads.set(grad, this.rank * n);
    this.meta[2 * this.rank] = weight;
    this.meta[2 * this.rank + 1] = loss;
    this.barrier();
    let W = 0;
    let L = 0;
    for (let p = 0; p < this.parties; p++) {
      W += this.meta[2 * p];
      L += this.meta[2 * p] * this.meta[2 * p + 1];
    }
    const out = this.out;
    out.fill(0);
    for (let p = 0; p < this.parties; p++) {
      const f = Math.fround(this.meta[2 * p] / W);
      const g = this.grads.subarray(p * n, (p + 1) * n);
      for (let i = 0; i < n; i++) out[i] += f * g[i];
    }
    this.barrier(); // nobody overwrites a slot before everyone has read it
    return { grad: out, loss: L / W };
  }
}
