import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { createInferenceAdapter } from "../sim/inference/createInferenceAdapter.ts";
import { inferOneByOne } from "../sim/inference/inferOneByOne.ts";
import { initInferenceBackend } from "../sim/inference/initInferenceBackend.ts";
import { buildMinerModels, type MinerModel } from "../sim/models/buildMinerModels.ts";
import { DIGIT_FEATURES, type DigitData, loadDigits } from "../sim/models/loadDigits.ts";
import { packMlp } from "../sim/models/mlpWeights.ts";
import { createRng } from "../sim/rng/createRng.ts";
import { maxAbsDiff, mixedTierSpecs, TIERS } from "./fixtures/mixedTierMiners.ts";

const QUERIES = 32;
// A shared cache folder outside the source tree keeps reruns fast; the training test uses a fresh one.
const options = { cacheDir: path.join(os.tmpdir(), "crucible-test-cache") };
const specs = mixedTierSpecs(18);
let data: DigitData;
let miners: MinerModel[];
let queries: Float32Array;

beforeAll(async () => {
  await initInferenceBackend();
  data = await loadDigits(createRng(3));
  miners = await buildMinerModels(specs, data, 5, options);
  queries = data.queryX.slice(0, QUERIES * DIGIT_FEATURES);
});

describe("buildMinerModels", () => {
  it("gives every miner its own noisy copy of its tier's model, with true accuracy following the tier", async () => {
    expect(miners.map((m) => m.id)).toEqual(specs.map((s) => s.id));
    const packed = miners.map((m) => Buffer.from(packMlp(m.weights).buffer));
    expect(new Set(packed.map((b) => b.toString("base64"))).size).toBe(miners.length);
    const meanAccuracy = (tier: string) => {
      const acc = miners.filter((m) => m.tier === tier).map((m) => m.trueAccuracy);
      return acc.reduce((a, b) => a + b, 0) / acc.length;
    };
    const [expert, average, poor, random] = TIERS.map(meanAccuracy);
    expect(expert).toBeGreaterThan(0.85);
    expect(expert).toBeGreaterThan(average);
    expect(average).toBeGreaterThan(poor);
    expect(poor).toBeGreaterThan(random);

    const again = await buildMinerModels(specs, data, 5, options);
    expect(again.every((m) => m.base.cacheHit)).toBe(true);
    expect(
      again.map((m) => Buffer.from(packMlp(m.weights).buffer)).every((b, i) => b.equals(packed[i])),
    ).toBe(true);
  });
});

describe("createInferenceAdapter", () => {
  it("answers for all miners in one call, equal to each miner's own tf.sequential model", async () => {
    const adapter = await createInferenceAdapter(miners.map((m) => m.weights));
    expect(adapter.backend).toBe(tf.getBackend());
    const batched = adapter.infer(queries, QUERIES);
    expect(batched).toBeInstanceOf(Float32Array);
    expect(batched.length).toBe(miners.length * QUERIES * 10);
    const reference = inferOneByOne(
      miners.map((m) => m.weights),
      queries,
      QUERIES,
    );
    expect(maxAbsDiff(batched, reference)).toBeLessThan(1e-5);
    for (let row = 0; row < miners.length * QUERIES; row += 37) {
      const sum = batched.subarray(row * 10, row * 10 + 10).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(1, 5);
    }
    expect(() => adapter.infer(queries, QUERIES + 1)).toThrow(/wrong size/);
    adapter.dispose();
  });

  it("leaks no tensors across many calls and frees its weights on dispose", async () => {
    const before = tf.memory().numTensors;
    const adapter = await createInferenceAdapter(miners.map((m) => m.weights));
    const resident = tf.memory().numTensors - before;
    expect(resident).toBe(8); // two hidden sizes (64, 32) × (w1, b1, w2, b2)
    // One call is one epoch's inference: the same live tensors after 1,000 epochs as after 10.
    for (let i = 0; i < 10; i++) adapter.infer(queries, QUERIES);
    const afterTen = tf.memory().numTensors;
    for (let i = 10; i < 1000; i++) adapter.infer(queries, QUERIES);
    expect(tf.memory().numTensors).toBe(afterTen);
    expect(afterTen).toBe(before + resident);
    adapter.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => adapter.infer(queries, QUERIES)).toThrow(/after dispose/);
  });

  it("refuses a backend that cannot start", async () => {
    const attempt = initInferenceBackend("tensorflow");
    const loaded = await attempt.then(
      () => true,
      (error: { code?: string }) => {
        expect(error.code).toBe("CRUCIBLE_INFERENCE_FAILED");
        return false;
      },
    );
    if (loaded) expect(tf.getBackend()).toBe("tensorflow");
  });

  it("matches the reference on the cpu backend too", async () => {
    const info = await initInferenceBackend("cpu");
    expect(info.backend).toBe("cpu");
    const subset = miners.slice(0, 16).map((m) => m.weights);
    const adapter = await createInferenceAdapter(subset, { backend: "cpu", maxMinersPerPass: 5 });
    expect(maxAbsDiff(adapter.infer(queries, QUERIES), inferOneByOne(subset, queries, QUERIES))).toBeLessThan(
      1e-5,
    );
    adapter.dispose();
  });
});
