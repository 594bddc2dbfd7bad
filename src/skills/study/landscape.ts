/**
 * The PCA loss landscape of a transformer run (Wang, Dang, Lee, Lyu, arXiv 2604.22951, loss-landscape figures): from parameter checkpoints
 * θ_0 … θ_T, the top-2 principal directions v₁, v₂ of the consecutive differences θ_{t+1} − θ_t
 * (`trajectoryPca` of the skills theory, reused), the uniform-test loss on the grid
 * θ_0 + a·v₁ + b·v₂ around the initialisation, and the trajectory projected on (v₁, v₂). Which loss
 * the paper plots and its grid ranges are unknown: this toolkit plots the uniform-test loss
 * on a grid spanning the projected trajectory with a 15 % margin.
 */
import { requireInteger } from "../../core/validate";
import { initBackend } from "../../nn/backend";
import type { GptConfig, TokenBatch } from "../../nn/gpt";
import { Trainer } from "../../nn/train";
import { trajectoryPca } from "../../../theory/skills/landscape";

/** The landscape of one run. */
export interface RunLandscape {
  /** grid coordinates along v₁ (a) and v₂ (b) */
  a: number[];
  b: number[];
  /** loss[j][i] = L(θ_0 + a_i v₁ + b_j v₂) */
  loss: number[][];
  /** the checkpoints projected on (v₁, v₂) relative to θ_0 */
  trajA: number[];
  trajB: number[];
  /** fraction of Σ‖δ‖² explained by v₁ and v₂ */
  explained: [number, number];
}

/** Compute the landscape of a checkpoint trajectory on an evaluation set (grid of n × n points). */
export async function runLandscape(model: Partial<GptConfig>, thetas: Float32Array[], evalSet: TokenBatch, n: number): Promise<RunLandscape> {
  requireInteger("grid points", n, { min: 2 });
  await initBackend({ verbose: false });
  const { v1, v2, explained } = trajectoryPca(thetas);
  const th0 = thetas[0];
  const d = th0.length;
  const proj = (th: Float32Array, v: Float64Array) => {
    let s = 0;
    for (let i = 0; i < d; i++) s += (th[i] - th0[i]) * v[i];
    return s;
  };
  const trajA = thetas.map((th) => proj(th, v1));
  const trajB = thetas.map((th) => proj(th, v2));
  const range = (xs: number[]) => {
    const lo = Math.min(0, ...xs);
    const hi = Math.max(0, ...xs);
    const m = 0.15 * Math.max(hi - lo, 1e-6);
    return Array.from({ length: n }, (_, i) => lo - m + ((hi - lo + 2 * m) * i) / (n - 1));
  };
  const a = range(trajA);
  const b = range(trajB);
  const trainer = new Trainer({ model, seed: 0, steps: 0, batchSize: 1, schedule: { kind: "constant", lr: 1 } }, evalSet);
  const p = new Float32Array(d);
  const loss: number[][] = [];
  try {
    for (const bj of b) {
      const row: number[] = [];
      for (const ai of a) {
        for (let i = 0; i < d; i++) p[i] = th0[i] + ai * v1[i] + bj * v2[i];
        trainer.setParams(p);
        row.push(trainer.evaluate(evalSet).loss);
      }
      loss.push(row);
    }
  } finally {
    trainer.dispose();
  }
  return { a, b, loss, trajA, trajB, explained };
}
