/**
 * A minimal decoder-only transformer (GPT), readable top to bottom: token + learned position
 * embeddings, L pre-LayerNorm blocks of causal multi-head self-attention (fused qkv projection) and a
 * tanh-GELU MLP (4× width), a final LayerNorm and an untied output head; next-token cross-entropy.
 * The same model as nanoGPT without dropout (the PyTorch benchmark of `bench/nn.ts`, when configured, runs it too).
 *
 * Forward and backward passes are written out by hand (as in llm.c) rather than taped: every product
 * is a plain matMul (transposes are explicit flags, which the wasm kernels in `wasmKernels.ts` turn
 * into fast XNNPACK products), there is no gather gradient (the embedding gradient is a one-hot
 * matMul), and the number of ops per step is small. `test/nn/gpt.test.ts` checks the gradient against
 * finite differences.
 *
 * Parameters live in one flat float32 vector (`ParamLayout` gives each tensor's name, shape and
 * offset), so the optimiser updates every parameter in a handful of ops and checkpoints are one array.
 */
import type * as TF from "@tensorflow/tfjs-core";
import { Rng } from "../core/rng";
import { ParameterError, requireInteger, requireNumber } from "../core/validate";
import { tfjs } from "./backend";

/** Model hyper-parameters (symbols: V vocabulary, T context, L layers, d width, H heads). */
export interface GptConfig {
  /** V: vocabulary size */
  vocab: number;
  /** T: context length (maximum sequence length) */
  context: number;
  /** L: number of transformer blocks */
  layers: number;
  /** d: model width (divisible by heads) */
  dModel: number;
  /** H: attention heads */
  heads: number;
  /** MLP hidden width as a multiple of d (default 4) */
  mlpRatio: number;
  /** LayerNorm epsilon (default 1e-5, as PyTorch) */
  lnEps: number;
  /** standard deviation of the normal initialisation of weight matrices and embeddings (default 0.02) */
  initStd: number;
}

/** Defaults: a small model; override any field with `gptConfig({...})`. */
export const GPT_DEFAULTS: GptConfig = { vocab: 128, context: 32, layers: 2, dModel: 64, heads: 4, mlpRatio: 4, lnEps: 1e-5, initStd: 0.02 };

/** A validated configuration: defaults overridden by `partial`. */
export function gptConfig(partial: Partial<GptConfig> = {}): GptConfig {
  const c = { ...GPT_DEFAULTS, ...partial };
  for (const k of ["vocab", "context", "layers", "dModel", "heads", "mlpRatio"] as const) requireInteger(k, c[k], { min: 1 });
  requireNumber("lnEps", c.lnEps, { gt: 0 });
  requireNumber("initStd", c.initStd, { gt: 0 });
  if (c.dModel % c.heads !== 0) throw new ParameterError("dModel", c.dModel, `divisible by heads = ${c.heads}`);
  return c;
}

/** One parameter tensor inside the flat vector. */
export interface ParamSpec {
  name: string;
  shape: number[];
  offset: number;
  size: number;
  /** initialisation: normal(0, initStd), zeros or ones */
  init: "normal" | "zeros" | "ones";
  /** weight decay applies (matrices and embeddings, not biases or LayerNorm) */
  decay: boolean;
}

/** The flat parameter vector's layout. */
export interface ParamLayout {
  specs: ParamSpec[];
  byName: Record<string, ParamSpec>;
  /** total number of parameters */
  size: number;
}

/** Names and shapes of every parameter, in order (matrices stored [in, out]). */
export function paramLayout(cfg: GptConfig): ParamLayout {
  const { vocab: V, context: T, dModel: d, layers: L } = cfg;
  const m = cfg.mlpRatio * d;
  const specs: ParamSpec[] = [];
  let offset = 0;
  const add = (name: string, shape: number[], init: ParamSpec["init"]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    specs.push({ name, shape, offset, size, init, decay: shape.length === 2 });
    offset += size;
  };
  add("wte", [V, d], "normal");
  add("wpe", [T, d], "normal");
  for (let l = 0; l < L; l++) {
    add(`h${l}.ln1_g`, [d], "ones");
    add(`h${l}.ln1_b`, [d], "zeros");
    add(`h${l}.attn_w`, [d, 3 * d], "normal");
    add(`h${l}.attn_b`, [3 * d], "zeros");
    add(`h${l}.proj_w`, [d, d], "normal");
    add(`h${l}.proj_b`, [d], "zeros");
    add(`h${l}.ln2_g`, [d], "ones");
    add(`h${l}.ln2_b`, [d], "zeros");
    add(`h${l}.fc_w`, [d, m], "normal");
    add(`h${l}.fc_b`, [m], "zeros");
    add(`h${l}.fc2_w`, [m, d], "normal");
    add(`h${l}.fc2_b`, [d], "zeros");
  }
  add("lnf_g", [d], "ones");
  add("lnf_b", [d], "zeros");
  add("head_w", [d, V], "normal");
  return { specs, byName: Object.fromEntries(specs.map((s) => [s.name, s])), size: offset };
}

/** Initial parameters from `rng` (normal(0, initStd) matrices and embeddings, zero biases, unit LayerNorm gains). */
export function initParams(cfg: GptConfig, rng: Rng): Float32Array {
  const layout = paramLayout(cfg);
  const theta = new Float32Array(layout.size);
  for (const s of layout.specs) {
    if (s.init === "ones") theta.fill(1, s.offset, s.offset + s.size);
    else if (s.init === "normal") for (let i = 0; i < s.size; i++) theta[s.offset + i] = cfg.initStd * rng.normal();
  }
  return theta;
}

/**
 * B sequences of length T: input ids and next-token targets (−1 = not scored), row-major [B, T].
 * (The same fields as the task batches of `src/tasks/batch.ts`, which can be passed directly.)
 */
export interface TokenBatch {
  /** B: number of sequences */
  batchSize: number;
  /** T: sequence length */
  length: number;
  inputs: Int32Array;
  targets: Int32Array;
  /**
   * optional per-position loss weights [B×T] (default 1 everywhere): the loss is the mean over the
   * scored positions of weight × cross-entropy (weights ≥ 0 and finite; ignored where target = −1)
   */
  weights?: Float32Array;
}

/** Named parameter tensors (views of the flat vector). */
export type Params = Record<string, TF.Tensor>;

/** Split the flat parameter tensor into named tensors (contiguous slices). */
export function unflatten(layout: ParamLayout, theta: TF.Tensor1D): Params {
  const tf = tfjs();
  const p: Params = {};
  for (const s of layout.specs) p[s.name] = tf.reshape(tf.slice(theta, [s.offset], [s.size]), s.shape);
  return p;
}

/** Everything the backward pass needs from one forward pass. */
interface LayerNormCache {
  xhat: TF.Tensor2D;
  rstd: TF.Tensor2D;
  g: TF.Tensor;
}
interface BlockCache {
  ln1: LayerNormCache;
  a: TF.Tensor2D;
  q: TF.Tensor3D; // [B·H, T, hd], already scaled by 1/√hd
  k: TF.Tensor3D;
  v: TF.Tensor3D;
  att: TF.Tensor3D; // softmax probabilities [B·H, T, T]
  y: TF.Tensor2D; // attention output before the projection [N, d]
  ln2: LayerNormCache;
  c: TF.Tensor2D;
  hpre: TF.Tensor2D;
  h: TF.Tensor2D;
}

/** Per-position results of a forward pass (for evaluation): loss and argmax prediction at every position. */
export interface ForwardResult {
  /** mean cross-entropy over scored positions */
  loss: TF.Scalar;
  /** cross-entropy at every position [N] (0 where not scored) */
  tokenLoss: TF.Tensor1D;
  /** argmax token at every position [N] */
  predicted: TF.Tensor1D;
}

const GELU_C = Math.sqrt(2 / Math.PI);
const GELU_A = 0.044715;

/**
 * The model: forward pass (loss, per-position loss and predictions) and forward + backward pass
 * (loss and the flat gradient). Call inside `tf.tidy`.
 */
export class Gpt {
  readonly cfg: GptConfig;
  readonly layout: ParamLayout;
  private readonly tf = tfjs();
  private readonly maskCache = new Map<number, TF.Tensor2D>();

  constructor(cfg: Partial<GptConfig> = {}) {
    this.cfg = gptConfig(cfg);
    this.layout = paramLayout(this.cfg);
  }

  /** Loss, per-position loss and predictions (no gradient). */
  forward(theta: TF.Tensor1D, batch: TokenBatch): ForwardResult {
    const tf = this.tf;
    const p = unflatten(this.layout, theta);
    const { xL } = this.trunk(p, batch, null);
    const f = this.layerNorm(xL, p.lnf_g, p.lnf_b, null);
    const logits = tf.matMul(f, p.head_w as TF.Tensor2D) as TF.Tensor2D;
    const ce = this.crossEntropy(logits, batch);
    return { loss: ce.loss, tokenLoss: ce.tokenLoss, predicted: tf.argMax(logits, -1) as TF.Tensor1D };
  }

  /** Mean next-token cross-entropy and its gradient with respect to the flat parameter vector. */
  lossAndGrad(theta: TF.Tensor1D, batch: TokenBatch): { loss: TF.Scalar; grad: TF.Tensor1D } {
    const tf = this.tf;
    const { layers: L } = this.cfg;
    const p = unflatten(this.layout, theta);
    const g: Record<string, TF.Tensor> = {};

    // ---- forward, keeping what the backward pass needs
    const caches: BlockCache[] = [];
    const { xL, onehotT } = this.trunk(p, batch, caches);
    const lnf: LayerNormCache[] = [];
    const f = this.layerNorm(xL, p.lnf_g, p.lnf_b, lnf);
    const logits = tf.matMul(f, p.head_w as TF.Tensor2D) as TF.Tensor2D;
    const ce = this.crossEntropy(logits, batch);

    // ---- backward
    const dlogits = ce.dlogits;
    g.head_w = tf.matMul(f, dlogits, true, false);
    let dx = this.layerNormBackward(tf.matMul(dlogits, p.head_w as TF.Tensor2D, false, true), lnf[0], g, "lnf_g", "lnf_b");
    for (let l = L - 1; l >= 0; l--) dx = this.blockBackward(dx, p, caches[l], l, g);
    // embeddings: x0 = onehot(tokens) · wte + wpe (positions broadcast over the batch)
    const { batchSize: B, length: T } = batch;
    const d = this.cfg.dModel;
    g.wte = tf.matMul(onehotT, dx);
    g.wpe = tf.reshape(colSum(tf, tf.reshape(dx, [B, T * d]) as TF.Tensor2D), [T, d]);

    const grad = tf.concat(this.layout.specs.map((s) => tf.reshape(g[s.name], [s.size]))) as TF.Tensor1D;
    return { loss: ce.loss, grad };
  }

  /** Embeddings and the L blocks; returns the residual stream after the last block. */
  private trunk(p: Params, batch: TokenBatch, caches: BlockCache[] | null): { xL: TF.Tensor2D; onehotT: TF.Tensor2D } {
    const tf = this.tf;
    const { batchSize: B, length: T } = batch;
    const { vocab: V, dModel: d, context } = this.cfg;
    if (T > context) throw new ParameterError("batch.length", T, `≤ context = ${context}`);
    if (batch.inputs.length !== B * T || batch.targets.length !== B * T) throw new ParameterError("batch.inputs/targets length", batch.inputs.length, `B·T = ${B * T}`);
    if (batch.weights && batch.weights.length !== B * T) throw new ParameterError("batch.weights.length", batch.weights.length, `B·T = ${B * T}`);
    const N = B * T;
    // token embedding as a one-hot matMul (gather has no gradient kernel on wasm, and is slow there);
    // the transposed one-hot matrix serves the gradient
    const onehot = new Float32Array(N * V);
    const onehotT = new Float32Array(V * N);
    for (let i = 0; i < N; i++) {
      const t = batch.inputs[i];
      if (!(t >= 0 && t < V)) throw new ParameterError(`batch.inputs[${i}]`, t, `an integer in [0, ${V - 1}]`);
      onehot[i * V + t] = 1;
      onehotT[t * N + i] = 1;
    }
    const wpe = T === context ? p.wpe : tf.slice(p.wpe, [0, 0], [T, d]);
    const tokEmb = tf.matMul(tf.tensor2d(onehot, [N, V]), p.wte as TF.Tensor2D);
    let x = tf.reshape(tf.add(tf.reshape(tokEmb, [B, T, d]), wpe), [N, d]) as TF.Tensor2D;
    for (let l = 0; l < this.cfg.layers; l++) x = this.block(x, p, l, batch, caches);
    return { xL: x, onehotT: tf.tensor2d(onehotT, [V, N]) };
  }

  /** One pre-LN block: x + attn(LN1(x)), then + mlp(LN2(·)). */
  private block(x: TF.Tensor2D, p: Params, l: number, batch: TokenBatch, caches: BlockCache[] | null): TF.Tensor2D {
    const tf = this.tf;
    const { batchSize: B, length: T } = batch;
    const { dModel: d, heads: H } = this.cfg;
    const hd = d / H;
    const w = (n: string) => p[`h${l}.${n}`];
    const ln1: LayerNormCache[] = [];
    const a = this.layerNorm(x, w("ln1_g"), w("ln1_b"), caches ? ln1 : null);
    // fused q,k,v projection → [3, B, H, T, hd] → three [B·H, T, hd] stacks of per-head matrices
    const qkv = tf.fused.matMul({ a, b: w("attn_w") as TF.Tensor2D, bias: w("attn_b") });
    const [q0, k, v] = [0, 1, 2].map((i) => toHeads(tf, tf.slice(qkv, [0, i * d], [B * T, d]) as TF.Tensor2D, B, H));
    const q = tf.mul(q0, 1 / Math.sqrt(hd)) as TF.Tensor3D;
    const scores = tf.add(tf.matMul(q, k, false, true), this.causalMask(T));
    const att = tf.softmax(scores) as TF.Tensor3D;
    const yh = tf.matMul(att, v); // [B·H, T, hd]
    const y = fromHeads(tf, yh, B, H);
    const x1 = tf.add(x, tf.fused.matMul({ a: y, b: w("proj_w") as TF.Tensor2D, bias: w("proj_b") })) as TF.Tensor2D;
    // MLP
    const ln2: LayerNormCache[] = [];
    const c = this.layerNorm(x1, w("ln2_g"), w("ln2_b"), caches ? ln2 : null);
    const hpre = tf.fused.matMul({ a: c, b: w("fc_w") as TF.Tensor2D, bias: w("fc_b") }) as TF.Tensor2D;
    const h = this.gelu(hpre);
    const x2 = tf.add(x1, tf.fused.matMul({ a: h, b: w("fc2_w") as TF.Tensor2D, bias: w("fc2_b") })) as TF.Tensor2D;
    if (caches) caches.push({ ln1: ln1[0], a, q, k, v, att, y, ln2: ln2[0], c, hpre, h });
    return x2;
  }

  /** Backward through block l: given dL/dx2, accumulate parameter gradients into g and return dL/dx. */
  private blockBackward(dx2: TF.Tensor2D, p: Params, c: BlockCache, l: number, g: Record<string, TF.Tensor>): TF.Tensor2D {
    const tf = this.tf;
    const { dModel: d, heads: H } = this.cfg;
    const hd = d / H;
    const B = c.q.shape[0] / H;
    const n = (s: string) => `h${l}.${s}`;
    const w = (s: string) => p[n(s)] as TF.Tensor2D;
    // MLP: x2 = x1 + gelu(c·Wfc + bfc)·Wfc2 + bfc2
    g[n("fc2_w")] = tf.matMul(c.h, dx2, true, false);
    g[n("fc2_b")] = colSum(tf, dx2);
    const dhpre = tf.mul(tf.matMul(dx2, w("fc2_w"), false, true), this.geluGrad(c.hpre)) as TF.Tensor2D;
    g[n("fc_w")] = tf.matMul(c.c, dhpre, true, false);
    g[n("fc_b")] = colSum(tf, dhpre);
    const dx1 = tf.add(dx2, this.layerNormBackward(tf.matMul(dhpre, w("fc_w"), false, true), c.ln2, g, n("ln2_g"), n("ln2_b"))) as TF.Tensor2D;
    // attention: x1 = x + y·Wproj + bproj, y = heads of softmax(q kᵀ + mask)·v
    g[n("proj_w")] = tf.matMul(c.y, dx1, true, false);
    g[n("proj_b")] = colSum(tf, dx1);
    const dy = tf.matMul(dx1, w("proj_w"), false, true) as TF.Tensor2D;
    const dyh = toHeads(tf, dy, B, H);
    const datt = tf.matMul(dyh, c.v, false, true);
    const dv = tf.matMul(c.att, dyh, true, false);
    // softmax backward: dS = P ⊙ (dP − Σ_j dP⊙P)
    const dscores = tf.mul(c.att, tf.sub(datt, tf.sum(tf.mul(datt, c.att), -1, true))) as TF.Tensor3D;
    const dq = tf.mul(tf.matMul(dscores, c.k), 1 / Math.sqrt(hd));
    const dk = tf.matMul(dscores, c.q, true, false);
    const dqkv = tf.concat([dq, dk, dv].map((t) => fromHeads(tf, t, B, H)), 1) as TF.Tensor2D;
    g[n("attn_w")] = tf.matMul(c.a, dqkv, true, false);
    g[n("attn_b")] = colSum(tf, dqkv);
    const da = tf.matMul(dqkv, w("attn_w"), false, true) as TF.Tensor2D;
    return tf.add(dx1, this.layerNormBackward(da, c.ln1, g, n("ln1_g"), n("ln1_b"))) as TF.Tensor2D;
  }

  /** LayerNorm over the last axis: (x − mean) / √(var + ε) · g + b. */
  private layerNorm(x: TF.Tensor2D, gain: TF.Tensor, bias: TF.Tensor, cache: LayerNormCache[] | null): TF.Tensor2D {
    const tf = this.tf;
    const xc = tf.sub(x, tf.mean(x, -1, true));
    const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(xc), -1, true), this.cfg.lnEps)) as TF.Tensor2D;
    const xhat = tf.mul(xc, rstd) as TF.Tensor2D;
    if (cache) cache.push({ xhat, rstd, g: gain });
    return tf.add(tf.mul(xhat, gain), bias) as TF.Tensor2D;
  }

  /** LayerNorm backward: dx = rstd·(dx̂ − mean(dx̂) − x̂·mean(dx̂⊙x̂)), dx̂ = dy⊙g; gain and bias gradients go into g. */
  private layerNormBackward(dy: TF.Tensor2D, c: LayerNormCache, g: Record<string, TF.Tensor>, gName: string, bName: string): TF.Tensor2D {
    const tf = this.tf;
    g[gName] = colSum(tf, tf.mul(dy, c.xhat) as TF.Tensor2D);
    g[bName] = colSum(tf, dy);
    const dxhat = tf.mul(dy, c.g);
    const proj = tf.mean(tf.mul(dxhat, c.xhat), -1, true);
    return tf.mul(tf.sub(tf.sub(dxhat, tf.mean(dxhat, -1, true)), tf.mul(c.xhat, proj)), c.rstd) as TF.Tensor2D;
  }

  /** GELU, tanh approximation: ½x(1 + tanh(u)) = x·σ(2u), u = √(2/π)(x + 0.044715x³) (σ is fast on wasm, tanh is not). */
  private gelu(x: TF.Tensor2D): TF.Tensor2D {
    const tf = this.tf;
    const x2 = tf.square(x);
    const u2 = tf.mul(x, tf.add(tf.mul(x2, 2 * GELU_C * GELU_A), 2 * GELU_C));
    return tf.mul(x, tf.sigmoid(u2)) as TF.Tensor2D;
  }

  /** d gelu / dx = s + x·s(1−s)·2√(2/π)(1 + 3·0.044715x²), s = σ(2u). */
  private geluGrad(x: TF.Tensor2D): TF.Tensor2D {
    const tf = this.tf;
    const x2 = tf.square(x);
    const s = tf.sigmoid(tf.mul(x, tf.add(tf.mul(x2, 2 * GELU_C * GELU_A), 2 * GELU_C)));
    const du2 = tf.add(tf.mul(x2, 6 * GELU_C * GELU_A), 2 * GELU_C);
    return tf.add(s, tf.mul(tf.mul(x, tf.mul(s, tf.sub(1, s))), du2)) as TF.Tensor2D;
  }

  /**
   * Mean cross-entropy over scored positions (target ≥ 0) from softmax probabilities P:
   * −log P_t = z_max − log P_max − z_t (exact, and never log 0, since P_max ≥ 1/V); dlogits = (P − onehot)·w.
   */
  private crossEntropy(logits: TF.Tensor2D, batch: TokenBatch): { loss: TF.Scalar; tokenLoss: TF.Tensor1D; dlogits: TF.Tensor2D } {
    const tf = this.tf;
    const V = this.cfg.vocab;
    const N = batch.batchSize * batch.length;
    const onehot = new Float32Array(N * V);
    const weight = new Float32Array(N);
    let scored = 0;
    for (let i = 0; i < N; i++) if (batch.targets[i] >= 0) scored++;
    if (scored === 0) throw new ParameterError("batch.targets", "all −1", "at least one scored target (≥ 0)");
    for (let i = 0; i < N; i++) {
      const t = batch.targets[i];
      if (t < 0) continue;
      if (!(t < V) || !Number.isInteger(t)) throw new ParameterError(`batch.targets[${i}]`, t, `−1 or an integer in [0, ${V - 1}]`);
      onehot[i * V + t] = 1;
      const wt = batch.weights ? batch.weights[i] : 1;
      if (!(wt >= 0 && wt < Infinity)) throw new ParameterError(`batch.weights[${i}]`, wt, "a finite number ≥ 0");
      weight[i] = wt / scored;
    }
    const Y = tf.tensor2d(onehot, [N, V]);
    const w = tf.tensor2d(weight, [N, 1]);
    const P = tf.softmax(logits);
    const zt = tf.sum(tf.mul(logits, Y), -1);
    const tokenLossAll = tf.sub(tf.sub(tf.max(logits, -1), tf.log(tf.max(P, -1))), zt);
    const tokenLoss = tf.mul(tokenLossAll, tf.cast(tf.greater(tf.reshape(w, [N]), 0), "float32")) as TF.Tensor1D;
    const loss = tf.sum(tf.mul(tokenLossAll, tf.reshape(w, [N]))) as TF.Scalar;
    const dlogits = tf.mul(tf.sub(P, Y), w) as TF.Tensor2D;
    return { loss, tokenLoss, dlogits };
  }

  /** Additive causal mask [T, T]: 0 on and below the diagonal, −1e9 above. */
  private causalMask(T: number): TF.Tensor2D {
    let m = this.maskCache.get(T);
    if (!m) {
      const vals = new Float32Array(T * T);
      for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) vals[i * T + j] = -1e9;
      m = this.tf.keep(this.tf.tensor2d(vals, [T, T]));
      this.maskCache.set(T, m);
    }
    return m;
  }
}

/** [B·T, d] rows → per-head matrices [B·H, T, d/H] (head h of sequence b is matrix b·H + h). */
function toHeads(tf: typeof TF, x: TF.Tensor2D, B: number, H: number): TF.Tensor3D {
  const [N, d] = x.shape;
  const T = N / B;
  return tf.reshape(tf.transpose(tf.reshape(x, [B, T, H, d / H]), [0, 2, 1, 3]), [B * H, T, d / H]);
}

/** Inverse of `toHeads`: [B·H, T, hd] → [B·T, H·hd]. */
function fromHeads(tf: typeof TF, x: TF.Tensor, B: number, H: number): TF.Tensor2D {
  const [, T, hd] = x.shape;
  return tf.reshape(tf.transpose(tf.reshape(x, [B, H, T, hd]), [0, 2, 1, 3]), [B * T, H * hd]);
}

/** Column sums of a matrix [N, k] → [k], as the product 1ᵀ·Z (a fast plain matMul; reductions over axis 0 are slow on wasm). */
function colSum(tf: typeof TF, z: TF.Tensor2D): TF.Tensor1D {
  const ones = tf.ones([1, z.shape[0]]) as TF.Tensor2D;
  return tf.reshape(tf.matMul(ones, z), [z.shape[1]]) as TF.Tensor1D;
}

/** Training FLOPs per step (PaLM-style, as the PyTorch reference): 6·N_mm·tokens + 12·L·T·d·tokens, N_mm = 12·L·d² + d·V. */
export function flopsPerStep(cfg: GptConfig, B: number, T: number = cfg.context): number {
  const nmm = 12 * cfg.layers * cfg.dModel * cfg.dModel + cfg.dModel * cfg.vocab;
  const tokens = B * T;
  return 6 * nmm * tokens + 12 * cfg.layers * T * cfg.dModel * tokens;
}
