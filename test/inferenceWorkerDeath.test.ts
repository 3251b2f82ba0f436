import { afterEach, describe, expect, it, vi } from "vitest";
import { createWorkerInferenceAdapter } from "../sim/inference/createWorkerInferenceAdapter.ts";
import { ownedCount } from "../sim/lifecycle/processLifecycle.ts";
import { initMlpWeights } from "../sim/models/initMlpWeights.ts";
import { createRng } from "../sim/rng/createRng.ts";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("a worker that dies during infer", () => {
  it("fails the call at once with a clear error (not after the timeout) and ends the other workers", async () => {
    const rng = createRng(11);
    const weights = [0, 1, 2].map((i) => initMlpWeights(rng.fork(`m${i}`), 16, 4, 3));
    // Real worker threads that call process.exit() when an infer arrives (fault injection).
    vi.stubEnv("CRUCIBLE_FAULT_WORKER_EXIT_IN_INFER", "1");
    const adapter = await createWorkerInferenceAdapter(weights, {
      workers: 2,
      warmupQueries: 0,
      timeoutMs: 60_000,
    });
    expect(ownedCount()).toBe(1);
    let error: unknown;
    try {
      adapter.infer(new Float32Array(2 * 16).fill(0.5), 2);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: "CRUCIBLE_INFERENCE_FAILED",
      message: "an inference worker died during infer",
    });
    expect(ownedCount()).toBe(0); // disposed: the workers are terminated and the owner let go
    await adapter.close();
  });
});
