/**
 * Faster replacements for two stock kernels of `@tensorflow/tfjs-backend-wasm` 4.x.
 *
 * - BatchMatMul: the stock kernel sends every product with a batch dimension or a transpose flag to a
 *   scalar triple loop (≈ 1–2 GFLOP/s); only an untransposed 2-D product reaches XNNPACK (12–25
 *   GFLOP/s here). The replacement transposes operands explicitly (one Transpose kernel call) and runs
 *   each matrix of the batch through the XNNPACK path on zero-copy views: the i-th matrices of a, b
 *   and the output are registered with the C++ side as tensors at offsets inside the parent buffers.
 * - Slice: the stock kernel copies the whole input (`readSync`) before copying out the slice; the
 *   replacement reads the input in place.
 * Results equal the stock kernels' up to float rounding (XNNPACK sums in a different order).
 */
import type * as TF from "@tensorflow/tfjs-core";

/* The parts of the wasm backend object we use (it is not exported as a type by the package). */
interface WasmTensorData {
  id: number;
  memoryOffset: number;
  shape: number[];
  dtype: string;
}
interface WasmBackend {
  wasm: {
    cwrap: (name: string, ret: null, args: string[]) => (...a: unknown[]) => void;
    HEAPU8: Uint8Array;
    tfjs: { registerTensor: (id: number, size: number, offset: number) => void; disposeData: (id: number) => void };
  };
  dataIdMap: { get(dataId: object): WasmTensorData };
  dataIdNextNumber: number;
  makeOutput(shape: number[], dtype: string): TF.TensorInfo;
  disposeData(dataId: object): void;
}
type KernelArgs = { inputs: Record<string, TF.TensorInfo>; backend: unknown; attrs: Record<string, unknown> };
type KernelFn = (args: KernelArgs) => TF.TensorInfo | TF.TensorInfo[];

let installed = false;

/** Replace the wasm backend's BatchMatMul and Slice kernels (idempotent). */
export function installWasmKernels(tf: typeof TF): void {
  if (installed) return;
  const stockMatMul = tf.getKernel("BatchMatMul", "wasm");
  const transpose = tf.getKernel("Transpose", "wasm");
  if (!stockMatMul || !transpose || !tf.getKernel("Slice", "wasm")) return; // unexpected tfjs version: keep stock kernels
  const backend = tf.findBackend("wasm") as unknown as WasmBackend;
  const xnnMatMul = backend.wasm.cwrap("BatchMatMul", null, ["number", "array", "number", "number", "array", "number", "number", "number", "number"]);
  const stockFn = stockMatMul.kernelFunc as unknown as KernelFn;
  const transposeFn = transpose.kernelFunc as unknown as KernelFn;

  const swapLast = (x: TF.TensorInfo): TF.TensorInfo => {
    const r = x.shape.length;
    const perm = Array.from({ length: r }, (_, i) => (i === r - 2 ? r - 1 : i === r - 1 ? r - 2 : i));
    return transposeFn({ inputs: { x }, backend, attrs: { perm } }) as TF.TensorInfo;
  };

  const batchMatMul = (args: KernelArgs): TF.TensorInfo => {
    let { a, b } = args.inputs;
    const ta = Boolean(args.attrs.transposeA);
    const tb = Boolean(args.attrs.transposeB);
    const batchA = size(a.shape.slice(0, -2));
    const batchB = size(b.shape.slice(0, -2));
    if (a.dtype !== "float32" || b.dtype !== "float32" || batchA !== batchB || a.shape.length !== b.shape.length) {
      return stockFn(args) as TF.TensorInfo; // broadcasting batch dims: rare here, keep the stock path
    }
    const temps: TF.TensorInfo[] = [];
    if (ta) temps.push((a = swapLast(a)));
    if (tb) temps.push((b = swapLast(b)));
    const r = a.shape.length;
    const M = a.shape[r - 2];
    const K = a.shape[r - 1];
    const N = b.shape[r - 1];
    if (b.shape[r - 2] !== K) throw new Error(`matMul: inner dimensions ${K} and ${b.shape[r - 2]} differ (shapes ${a.shape} and ${b.shape})`);
    const out = backend.makeOutput([...a.shape.slice(0, -2), M, N], "float32");
    const ids = [a, b, out].map((t) => backend.dataIdMap.get(t.dataId as object));
    const aShape = new Uint8Array(new Int32Array([1, M, K]).buffer);
    const bShape = new Uint8Array(new Int32Array([1, K, N]).buffer);
    if (M * K * N > 0) {
      const reg = backend.wasm.tfjs;
      for (let i = 0; i < batchA; i++) {
        const ia = backend.dataIdNextNumber++;
        const ib = backend.dataIdNextNumber++;
        const io = backend.dataIdNextNumber++;
        reg.registerTensor(ia, M * K, ids[0].memoryOffset + 4 * i * M * K);
        reg.registerTensor(ib, K * N, ids[1].memoryOffset + 4 * i * K * N);
        reg.registerTensor(io, M * N, ids[2].memoryOffset + 4 * i * M * N);
        xnnMatMul(ia, aShape, 3, ib, bShape, 3, 0, 0, io);
        reg.disposeData(ia); // drops the view and the XNNPACK operator cached on it; the memory stays with the parent
        reg.disposeData(ib);
        reg.disposeData(io);
      }
    }
    for (const t of temps) backend.disposeData(t.dataId as object);
    return out;
  };

  const slice = (args: KernelArgs): TF.TensorInfo => {
    const x = args.inputs.x;
    const [begin, sizes] = tf.slice_util.parseSliceParams(x as TF.Tensor, args.attrs.begin as number[], args.attrs.size as number[]);
    const out = backend.makeOutput(sizes, x.dtype); // allocate first: it may grow (and detach) the heap
    if (x.dtype === "string") throw new Error("slice of string tensors is not supported by the datalaws wasm kernel");
    const bytes = x.dtype === "float32" || x.dtype === "int32" ? 4 : 1;
    const heap = backend.wasm.HEAPU8;
    const src = backend.dataIdMap.get(x.dataId as object).memoryOffset;
    let dst = backend.dataIdMap.get(out.dataId as object).memoryOffset;
    const shape = x.shape;
    const strides = tf.util.computeStrides(shape);
    const rank = shape.length;
    // copy contiguous runs: the innermost dimensions that are taken whole merge into one run
    let inner = rank - 1;
    let run = sizes[rank - 1] ?? 1;
    while (inner > 0 && sizes[inner] === shape[inner]) {
      inner--;
      run *= sizes[inner];
    }
    if (rank === 0) {
      heap.copyWithin(dst, src, src + bytes);
      return out;
    }
    const runBytes = run * bytes;
    const outer = sizes.slice(0, inner);
    const count = size(outer);
    const idx = new Array<number>(inner).fill(0);
    for (let c = 0; c < count; c++) {
      let off = begin[inner] * (strides[inner] ?? 1);
      for (let j = 0; j < inner; j++) off += (begin[j] + idx[j]) * strides[j];
      heap.copyWithin(dst, src + off * bytes, src + off * bytes + runBytes);
      dst += runBytes;
      for (let j = inner - 1; j >= 0; j--) {
        if (++idx[j] < outer[j]) break;
        idx[j] = 0;
      }
    }
    return out;
  };

  tf.unregisterKernel("BatchMatMul", "wasm");
  tf.registerKernel({ kernelName: "BatchMatMul", backendName: "wasm", kernelFunc: batchMatMul as unknown as TF.KernelFunc });
  tf.unregisterKernel("Slice", "wasm");
  tf.registerKernel({ kernelName: "Slice", backendName: "wasm", kernelFunc: slice as unknown as TF.KernelFunc });
  installed = true;
}

function size(shape: readonly number[]): number {
  let s = 1;
  for (const d of shape) s *= d;
  return s;
}
