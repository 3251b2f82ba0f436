import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createInferenceAdapter } from "../sim/inference/createInferenceAdapter.ts";
import { createWorkerInferenceAdapter } from "../sim/inference/createWorkerInferenceAdapter.ts";
import { initInferenceBackend } from "../sim/inference/initInferenceBackend.ts";
import { measureAdapterAccuracy } from "../sim/inference/measureAccuracy.ts";
import { isNoisy } from "../sim/inference/workerMinerSource.ts";
import { createRng } from "../sim/rng/createRng.ts";
import { createTask } from "../sim/tasks/createTask.ts";
import { startTaskInference } from "../sim/tasks/startTaskInference.ts";
import { TASK_KINDS } from "../sim/tasks/subnetTask.ts";
import { maxAbsDiff, mixedTierSpecs } from "./fixtures/mixedTierMiners.ts";

const options = { digits: { cacheDir: path.join(os.tmpdir(), "crucible-test-cache") } };
// 13 miners: two workers get 6 and 7, and every tier appears in both.
const specs = mixedTierSpecs(13);

beforeAll(async () => {
  await initInferenceBackend("wasm");
});

describe("miners planned by the task and built inside worker threads", () => {
  for (const kind of TASK_KINDS) {
    it(`${kind}: the same answers and the same true quality as buildMiners in this thread`, async () => {
      const task = await createTask(kind, createRng(17), options);
      const built = await task.buildMiners(specs);
      const single = await createInferenceAdapter(
        built.map((m) => m.weights),
        { output: task.output },
      );
      const indices = Array.from({ length: 12 }, (_, i) => (i * 7) % task.poolSize);
      const queries = task.queries(0, indices);
      const reference = single.infer(queries, indices.length);
      single.dispose();

      const plan = await task.planMiners(specs);
      // Digits ships only the four tier bases and noise seeds; linear tasks ship their tiny MLPs.
      expect(isNoisy(plan.source)).toBe(kind === "digits");
      if (isNoisy(plan.source)) expect(plan.source.bases).toHaveLength(4);

      const inference = await startTaskInference(task, specs, { workers: 2 });
      try {
        expect(inference.workers).toBe(2);
        expect(await inference.trueQuality).toEqual(built.map((m) => m.trueQuality));
        expect(maxAbsDiff(await inference.adapter.infer(queries, indices.length), reference)).toBeLessThan(
          1e-5,
        );
      } finally {
        inference.adapter.dispose();
      }
    });
  }

  it("measures accuracy inside the workers exactly as measureAdapterAccuracy does in this thread", async () => {
    const task = await createTask("digits", createRng(23), options);
    const plan = await task.planMiners(specs);
    if (!("heldout" in plan)) throw new Error("digits measures true quality on held-out data");
    const built = await task.buildMiners(specs);
    const single = await createInferenceAdapter(built.map((m) => m.weights));
    const { x, labels } = plan.heldout;
    // 130 rows in passes of 50: a short last pass.
    const rows = 130;
    const subsetX = x.subarray(0, rows * task.inputSize);
    const subsetY = labels.subarray(0, rows);
    const expected = measureAdapterAccuracy(single, subsetX, subsetY, 50);
    single.dispose();
    const adapter = await createWorkerInferenceAdapter(plan.source, { workers: 3, warmupQueries: 0 });
    try {
      // Two measurements in flight at once on the same workers: each gets its own replies.
      const [subset, full] = await Promise.all([
        adapter.measureAccuracy(subsetX, subsetY, 50),
        adapter.measureAccuracy(x, labels),
      ]);
      expect(subset).toEqual(expected);
      expect(full).toEqual(built.map((m) => m.trueQuality));
      // Distinct miners really differ (the counts are not one shared number).
      expect(new Set(expected).size).toBeGreaterThan(3);
      await expect(adapter.measureAccuracy(subsetX, subsetY.subarray(0, 10))).rejects.toThrow(/wrong size/);
    } finally {
      await adapter.close();
    }
  });
});
