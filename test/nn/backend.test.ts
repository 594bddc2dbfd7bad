import { describe, expect, it } from "vitest";
import { backendCandidates, initBackend, selectBackend, tfjs } from "../../src/nn/backend";

describe("backend selection", () => {
  it("without tfjs-node installed, the automatic choice falls back to wasm and records why", async () => {
    const prev = process.env.DATALAWS_BACKEND;
    delete process.env.DATALAWS_BACKEND;
    try {
      const info = await initBackend({ verbose: false });
      expect(info.name).toBe("wasm");
      expect(tfjs().getBackend()).toBe("wasm");
      expect(info.skipped.map((s) => s.split(":")[0])).toEqual(["node-gpu", "node"]);
      expect(info.skipped[0]).toMatch(/tfjs-node-gpu/);
    } finally {
      if (prev !== undefined) process.env.DATALAWS_BACKEND = prev;
    }
  });

  it("when the native and wasm packages are absent, it falls back to cpu", async () => {
    const absent = (name: string) => {
      throw new Error(`Cannot find module '${name}'`);
    };
    const info = await selectBackend(undefined, { load: absent });
    expect(info.name).toBe("cpu");
    expect(info.skipped).toHaveLength(3);
    expect(tfjs().getBackend()).toBe("cpu");
  });

  it("a forced backend that cannot start is an error, and unknown names are rejected", async () => {
    await expect(selectBackend("node", { load: () => { throw new Error("Cannot find module '@tensorflow/tfjs-node'"); } })).rejects.toThrow(/backend node is not available/);
    expect(() => backendCandidates("tpu")).toThrow(/DATALAWS_BACKEND\) = "tpu": must be one of node-gpu, node, wasm, cpu/);
    expect(backendCandidates()).toEqual(["node-gpu", "node", "wasm", "cpu"]);
  });
});
