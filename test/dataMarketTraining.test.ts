import { beforeAll, describe, expect, it } from "vitest";
import { initInferenceBackend } from "../sim/inference/initInferenceBackend.ts";
import { measureAccuracy } from "../sim/inference/measureAccuracy.ts";
import { type DigitShard, makeShard, shardContentHash, splitDigitShards } from "../sim/models/digitShards.ts";
import { fineTuneMlp } from "../sim/models/fineTuneMlp.ts";
import { fineTuneMlpBatch } from "../sim/models/fineTuneMlpBatch.ts";
import { initMlpWeights } from "../sim/models/initMlpWeights.ts";
import {
  DEFAULT_DIGIT_SPLIT,
  DIGIT_CLASSES,
  DIGIT_FEATURES,
  type DigitData,
  loadDigits,
} from "../sim/models/loadDigits.ts";
import { type MlpWeights, packMlp } from "../sim/models/mlpWeights.ts";
import { createRng } from "../sim/rng/createRng.ts";
import { DIGIT_TRAIN_IMAGES } from "../sim/scenario/dataMarketSchema.ts";

/**
 * Miners that train on bought data, for real (tfjs, wasm): fine-tuning is byte-for-byte deterministic,
 * clean data improves held-out accuracy, and poisoned data (7s labelled 1) ruins the model on 7s.
 */
const BUDGET = { epochs: 6, batchSize: 32, learningRate: 0.1 };
const SOURCE = 7;
const TARGET = 1;
let data: DigitData;
let base: MlpWeights;
let clean: DigitShard;
let poisoned: DigitShard;
let noisy: DigitShard;
let slices: Array<{ x: Float32Array; y: Uint8Array }>;

const bytes = (w: MlpWeights) => Buffer.from(packMlp(w).buffer);
const accuracy = async (w: MlpWeights) => (await measureAccuracy([w], data.heldoutX, data.heldoutY))[0];
/** Accuracy on the held-out images of one class. */
async function classAccuracy(w: MlpWeights, label: number): Promise<number> {
  const rows = [...data.heldoutY.keys()].filter((i) => data.heldoutY[i] === label);
  const x = new Float32Array(rows.length * DIGIT_FEATURES);
  rows.forEach((i, r) => {
    x.set(data.heldoutX.subarray(i * DIGIT_FEATURES, (i + 1) * DIGIT_FEATURES), r * DIGIT_FEATURES);
  });
  return (await measureAccuracy([w], x, new Uint8Array(rows.length).fill(label)))[0];
}

beforeAll(async () => {
  await initInferenceBackend("wasm");
  const rng = createRng(24);
  data = await loadDigits(rng.fork("digits"), { trainPerClass: 200, heldoutPerClass: 60, queryPerClass: 0 });
  const [baseSlice, ...rest] = splitDigitShards(rng.fork("shards"), data.trainX, data.trainY, 4, 400);
  slices = rest;
  // A small base: 60 images, one pass.
  const small = { x: baseSlice.x.subarray(0, 60 * DIGIT_FEATURES), y: baseSlice.y.subarray(0, 60) };
  base = fineTuneMlp(
    initMlpWeights(rng.fork("init"), DIGIT_FEATURES, 32, DIGIT_CLASSES),
    small.x,
    small.y,
    { ...BUDGET, epochs: 1 },
    rng.fork("base"),
  ).weights;
  clean = makeShard(rng.fork("p0"), slices[0], { kind: "clean" });
  poisoned = makeShard(rng.fork("p1"), slices[1], {
    kind: "poisoned",
    source: SOURCE,
    target: TARGET,
    rate: 1,
  });
  noisy = makeShard(rng.fork("p2"), slices[2], { kind: "noisy", rate: 0.6 });
});

describe("data shards", () => {
  it("are disjoint slices with a content hash that changes with any label", () => {
    expect(clean.changed).toBe(0);
    // Rate 1: every 7 of the slice is labelled 1, nothing else changes.
    const truth = slices[1].y;
    expect(poisoned.changed).toBe([...truth].filter((l) => l === SOURCE).length);
    for (let i = 0; i < truth.length; i++) {
      expect(poisoned.y[i]).toBe(truth[i] === SOURCE ? TARGET : truth[i]);
    }
    expect(poisoned.changed).toBeGreaterThan(20);
    expect(noisy.changed / noisy.y.length).toBeGreaterThan(0.5);
    expect(clean.contentHash).toBe(shardContentHash(clean.x, clean.y));
    const flipped = Uint8Array.from(clean.y);
    flipped[0] = (flipped[0] + 1) % 10;
    expect(shardContentHash(clean.x, flipped)).not.toBe(clean.contentHash);
    // Disjoint: no image appears in two shards.
    const rows = (s: DigitShard) =>
      Array.from({ length: s.y.length }, (_, r) =>
        s.x.subarray(r * DIGIT_FEATURES, (r + 1) * DIGIT_FEATURES).join(","),
      );
    const seen = new Set(rows(clean));
    expect(rows(poisoned).some((r) => seen.has(r))).toBe(false);
  });
});

describe("fineTuneMlp", () => {
  it("is deterministic byte for byte, and the seed matters", () => {
    const a = fineTuneMlp(base, clean.x, clean.y, BUDGET, createRng(5));
    const b = fineTuneMlp(base, clean.x, clean.y, BUDGET, createRng(5));
    const c = fineTuneMlp(base, clean.x, clean.y, BUDGET, createRng(6));
    expect(a.steps).toBe(BUDGET.epochs * Math.ceil(400 / BUDGET.batchSize));
    expect(bytes(a.weights).equals(bytes(b.weights))).toBe(true);
    expect(bytes(a.weights).equals(bytes(c.weights))).toBe(false);
    expect(bytes(a.weights).equals(bytes(base))).toBe(false);
  });

  it("clean data improves held-out accuracy; poisoned data destroys the target class; noise hurts", async () => {
    const onClean = fineTuneMlp(base, clean.x, clean.y, BUDGET, createRng(1)).weights;
    const onPoison = fineTuneMlp(base, poisoned.x, poisoned.y, BUDGET, createRng(1)).weights;
    const onNoise = fineTuneMlp(base, noisy.x, noisy.y, BUDGET, createRng(1)).weights;
    const [accBase, accClean, accPoison, accNoise] = await Promise.all(
      [base, onClean, onPoison, onNoise].map(accuracy),
    );
    const [sevensClean, sevensPoison] = await Promise.all([
      classAccuracy(onClean, SOURCE),
      classAccuracy(onPoison, SOURCE),
    ]);
    expect(accClean).toBeGreaterThan(accBase + 0.15);
    expect(accNoise).toBeLessThan(accClean - 0.03);
    expect(sevensClean).toBeGreaterThan(0.6);
    expect(sevensPoison).toBeLessThan(sevensClean - 0.4);
    expect(accPoison).toBeLessThan(accClean);
  });
});

describe("fineTuneMlpBatch", () => {
  it("trains several miners in one pass each step: deterministic, each model its own", async () => {
    const jobs = () =>
      [clean, poisoned, noisy].map((s, k) => ({ weights: base, x: s.x, y: s.y, rng: createRng(10 + k) }));
    const a = fineTuneMlpBatch(jobs(), BUDGET);
    const b = fineTuneMlpBatch(jobs(), BUDGET);
    expect(a.steps).toBe(BUDGET.epochs * Math.ceil(400 / BUDGET.batchSize));
    for (const [k, w] of a.weights.entries()) expect(bytes(w).equals(bytes(b.weights[k]))).toBe(true);
    // Same data and order as the one-by-one trainer: the same model up to summation order.
    const one = fineTuneMlp(base, clean.x, clean.y, BUDGET, createRng(10)).weights;
    const [batched, single] = await Promise.all([accuracy(a.weights[0]), accuracy(one)]);
    expect(Math.abs(batched - single)).toBeLessThan(0.02);
    expect(await classAccuracy(a.weights[1], SOURCE)).toBeLessThan(0.2);
  });

  it("the scenario bound on shard images matches the digits' training split", () => {
    expect(DIGIT_TRAIN_IMAGES).toBe(DEFAULT_DIGIT_SPLIT.trainPerClass * DIGIT_CLASSES);
  });
});
