import { beforeAll, describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng";
import { initBackend, tfjs } from "../../src/nn/backend";
import { Gpt, initParams, type TokenBatch } from "../../src/nn/gpt";
import { train } from "../../src/nn/train";

// A tiny model whose every gradient is sizeable: wide initialisation, non-trivial LayerNorm parameters and biases.
const CFG = { vocab: 11, context: 6, layers: 2, dModel: 8, heads: 2, initStd: 0.4 };

function batchOf(rng: Rng, B: number, T: number, V: number, ignoreEvery = 0): TokenBatch {
  const inputs = Int32Array.from({ length: B * T }, () => rng.int(V));
  const targets = Int32Array.from({ length: B * T }, (_, i) => (ignoreEvery > 0 && i % ignoreEvery === 0 ? -1 : rng.int(V)));
  return { batchSize: B, length: T, inputs, targets };
}

beforeAll(async () => {
  await initBackend({ backend: "wasm", verbose: false });
});

describe("GPT forward and backward", () => {
  it("the gradient matches central finite differences along a random direction in every parameter tensor", () => {
    const tf = tfjs();
    const model = new Gpt(CFG);
    const rng = new Rng(7);
    const theta0 = initParams(model.cfg, rng);
    for (const s of model.layout.specs) if (s.init !== "normal") for (let i = 0; i < s.size; i++) theta0[s.offset + i] += 0.3 * rng.normal();
    const batch = batchOf(rng, 3, 6, 11, 4); // some targets not scored
    const lossAt = (th: Float32Array) => tf.tidy(() => model.forward(tf.tensor1d(th), batch).loss.dataSync()[0]);
    const grad = tf.tidy(() => model.lossAndGrad(tf.tensor1d(theta0), batch).grad.dataSync());
    const eps = 3e-3;
    for (const s of model.layout.specs) {
      const dir = new Float64Array(s.size).map(() => rng.normal());
      const norm = Math.hypot(...dir);
      let gv = 0;
      const plus = theta0.slice();
      const minus = theta0.slice();
      for (let i = 0; i < s.size; i++) {
        const u = dir[i] / norm;
        gv += grad[s.offset + i] * u;
        plus[s.offset + i] += eps * u;
        minus[s.offset + i] -= eps * u;
      }
      const fd = (lossAt(plus) - lossAt(minus)) / (2 * eps);
      // float32 loss: round-off ≈ 1e-7·loss/eps ≈ 1e-4; truncation O(eps²)
      expect(Math.abs(fd - gv), `${s.name}: fd ${fd} vs grad·u ${gv}`).toBeLessThan(3e-3 * Math.abs(gv) + 3e-4);
    }
  });

  it("per-position loss weights: the loss is the mean over scored positions of weight × cross-entropy, its gradient matches finite differences, weight 0 equals an unscored target", () => {
    const tf = tfjs();
    const model = new Gpt(CFG);
    const rng = new Rng(11);
    const theta = initParams(model.cfg, rng);
    const base = batchOf(rng, 3, 6, 11, 5);
    const weights = Float32Array.from({ length: 18 }, () => (rng.uniform() < 0.25 ? 0 : 0.2 + 2 * rng.uniform()));
    const weighted: TokenBatch = { ...base, weights };
    const th = tf.tensor1d(theta);
    // the loss from the per-token losses of the unweighted forward pass
    const tok = tf.tidy(() => model.forward(th, base).tokenLoss.dataSync());
    let scored = 0;
    let sum = 0;
    for (let i = 0; i < 18; i++) if (base.targets[i] >= 0) (scored++, (sum += weights[i] * tok[i]));
    const lw = tf.tidy(() => model.forward(th, weighted).loss.dataSync()[0]);
    expect(lw).toBeCloseTo(sum / scored, 5);
    // weight 0 at a position ≡ that target unscored, up to the 1/scored normalisation
    const zeroed = { ...base, targets: base.targets.map((t, i) => (weights[i] === 0 ? -1 : t)), weights };
    const scoredZ = Array.from(zeroed.targets).filter((t) => t >= 0).length;
    const lz = tf.tidy(() => model.forward(th, zeroed).loss.dataSync()[0]);
    expect(lz * scoredZ).toBeCloseTo(lw * scored, 4);
    // the gradient of the weighted loss against central finite differences along a random direction
    const grad = tf.tidy(() => model.lossAndGrad(th, weighted).grad.dataSync());
    const dir = Float64Array.from({ length: theta.length }, () => rng.normal());
    const norm = Math.hypot(...dir);
    const eps = 3e-3;
    const plus = theta.slice();
    const minus = theta.slice();
    let gv = 0;
    for (let i = 0; i < theta.length; i++) {
      const u = dir[i] / norm;
      gv += grad[i] * u;
      plus[i] += eps * u;
      minus[i] -= eps * u;
    }
    const at = (x: Float32Array) => tf.tidy(() => model.forward(tf.tensor1d(x), weighted).loss.dataSync()[0]);
    expect(Math.abs((at(plus) - at(minus)) / (2 * eps) - gv)).toBeLessThan(3e-3 * Math.abs(gv) + 3e-4);
    // doubling every weight doubles the gradient
    const g2 = tf.tidy(() => model.lossAndGrad(th, { ...base, weights: weights.map((w) => 2 * w) }).grad.dataSync());
    let err = 0;
    let mag = 0;
    for (let i = 0; i < g2.length; i++) (err = Math.max(err, Math.abs(g2[i] - 2 * grad[i]))), (mag = Math.max(mag, Math.abs(grad[i])));
    expect(err).toBeLessThan(1e-5 * mag + 1e-7);
    // a negative or non-finite weight is named
    expect(() => model.forward(th, { ...base, weights: weights.map((w, i) => (i === 1 ? -1 : w)) })).toThrow(/batch\.weights\[1\]/);
    expect(() => model.forward(th, { ...base, weights: new Float32Array(5) })).toThrow(/batch\.weights\.length/);
    th.dispose();
  });

  it("the forward loss at initialisation is close to ln V (small init ⇒ near-uniform predictions)", () => {
    const tf = tfjs();
    const model = new Gpt({ ...CFG, initStd: 0.02 });
    const rng = new Rng(1);
    const th = tf.tensor1d(initParams(model.cfg, rng));
    const loss = tf.tidy(() => model.forward(th, batchOf(rng, 4, 6, 11)).loss.dataSync()[0]);
    expect(Math.abs(loss - Math.log(11))).toBeLessThan(0.05);
    th.dispose();
  });

  it("wasm kernels (batched/transposed matMul, slice) agree with the reference cpu backend", async () => {
    const tf = tfjs();
    const rng = new Rng(3);
    const data = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
    const a = data(5 * 7 * 3);
    const b = data(5 * 3 * 4);
    const c = data(5 * 4 * 7);
    const run = () =>
      tf.tidy(() => {
        const A = tf.tensor3d(a, [5, 7, 3]);
        const E = tf.tensor3d(a, [5, 3, 7]);
        const Bm = tf.tensor3d(b, [5, 3, 4]);
        const F = tf.tensor3d(b, [5, 4, 3]);
        const C = tf.tensor3d(c, [5, 4, 7]);
        const A2 = tf.tensor3d(c.subarray(0, 70), [5, 7, 2]);
        const outs = [
          tf.matMul(A, Bm), // batched
          tf.matMul(A, A2, true, false), // transposed a
          tf.matMul(A, F, false, true), // transposed b
          tf.matMul(E, F, true, true), // both
          tf.matMul(tf.reshape(A, [35, 3]), tf.reshape(C, [35, 4]), true, false), // 2-D, transposed a
          tf.slice(C, [1, 2, 3], [3, 2, 4]),
          tf.slice(C, [1, 0, 0], [2, 4, 7]),
          tf.slice(tf.reshape(C, [140]), [17], [50]),
        ];
        return outs.map((t) => Array.from(t.dataSync()));
      });
    const wasm = run();
    await tf.setBackend("cpu");
    const cpu = run();
    await tf.setBackend("wasm");
    expect(wasm.length).toBe(cpu.length);
    for (let k = 0; k < wasm.length; k++) {
      expect(wasm[k].length).toBe(cpu[k].length);
      for (let i = 0; i < wasm[k].length; i++) expect(Math.abs(wasm[k][i] - cpu[k][i])).toBeLessThan(1e-5);
    }
  });
});

describe("training", () => {
  it("loss falls on a learnable task: copy the first half of the sequence into the second half", async () => {
    const V = 8;
    const T = 12;
    const H = T / 2;
    // batch s: random first half, repeated; only the second half (predictable) is scored
    const copyTask = (seed: number) => (step: number): TokenBatch => {
      const rng = new Rng(seed, 9, step);
      const B = 16;
      const inputs = new Int32Array(B * T);
      const targets = new Int32Array(B * T).fill(-1);
      for (let b = 0; b < B; b++) {
        for (let t = 0; t < H; t++) inputs[b * T + t] = inputs[b * T + H + t] = rng.int(V);
        for (let t = H - 1; t < T - 1; t++) targets[b * T + t] = inputs[b * T + t + 1];
      }
      return { batchSize: B, length: T, inputs, targets };
    };
    const evalSet = copyTask(99)(0);
    const r = await train({
      model: { vocab: V, context: T, layers: 2, dModel: 32, heads: 4 },
      seed: 1,
      steps: 250,
      batchSize: 16,
      schedule: { kind: "cosine", lr: 3e-3, warmup: 20 },
      optimizer: { weightDecay: 0.01, clipNorm: 1 },
      data: copyTask(1),
      evalSets: { heldOut: evalSet },
      progress: false,
    });
    const first = r.history.slice(0, 10).reduce((a, h) => a + h.loss, 0) / 10;
    const last = r.history.slice(-10).reduce((a, h) => a + h.loss, 0) / 10;
    expect(first).toBeGreaterThan(0.9 * Math.log(V)); // chance level ≈ ln 8 = 2.08
    expect(last).toBeLessThan(0.25 * Math.log(V));
    const final = r.evals[r.evals.length - 1].results.heldOut;
    expect(final.tokenAccuracy).toBeGreaterThan(0.8);
  }, 60_000);
});
