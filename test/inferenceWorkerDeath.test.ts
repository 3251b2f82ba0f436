import { afterEach, describe, expect, it, vi } from "vitest";
import { createWorkerInferenceAdapter } from "../sim/inference/createWorkerInferenceAdapter.ts";
import { ownedCount } from "../sim/lifecycle/processLifecycle.ts";
import { initMlpWeights } from "../sim/models/initMlpWeights.ts";
import { createRng } from "../sim/rng/createRng.ts";

const rng = createRng(11);
const weights = [0, 1, 2].map((i) => initMlpWeights(rng.fork(`m${i}`), 16, 4, 3));
const queries = new Float32Array(2 * 16).map((_, i) => (i % 7) / 7);

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Workers that call process.exit() when an infer arrives (fault injection in the real worker). */
async function dyingAdapter() {
  vi.stubEnv("CRUCIBLE_FAULT_WORKER_EXIT_IN_INFER", "1");
  return createWorkerInferenceAdapter(weights, { workers: 2, warmupQueries: 0, timeoutMs: 60_000 });
}

describe("the worker adapter's waits", () => {
  it("inferAsync (which waits with Atomics.waitAsync) answers exactly what infer answers", async () => {
    const adapter = await createWorkerInferenceAdapter(weights, { workers: 2, warmupQueries: 0 });
    try {
      const blocking = Array.from(adapter.infer(queries, 2));
      const pending = adapter.inferAsync?.(queries, 2);
      const answered = Array.from((await pending) ?? []);
      expect(answered).toEqual(blocking);
      expect(answered.length).toBe(3 * 2 * 3);
    } finally {
      await adapter.close();
    }
  });

  it("a worker that dies during infer fails the call at once (not after the timeout), workers ended", async () => {
    const adapter = await dyingAdapter();
    expect(ownedCount()).toBe(1);
    let error: unknown;
    try {
      adapter.infer(queries, 2);
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

  it("the same through inferAsync", async () => {
    const adapter = await dyingAdapter();
    await expect(adapter.inferAsync?.(queries, 2)).rejects.toMatchObject({
      code: "CRUCIBLE_INFERENCE_FAILED",
      message: "an inference worker died during infer",
    });
    expect(ownedCount()).toBe(0);
    await adapter.close();
  });
});
