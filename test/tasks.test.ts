import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createInferenceAdapter } from "../sim/inference/createInferenceAdapter.ts";
import { initInferenceBackend } from "../sim/inference/initInferenceBackend.ts";
import { createRng } from "../sim/rng/createRng.ts";
import { createTask } from "../sim/tasks/createTask.ts";
import { fitLeastSquares } from "../sim/tasks/fitLeastSquares.ts";
import type { SubnetTask, TaskMiner, TaskMinerSpec } from "../sim/tasks/subnetTask.ts";

const TIERS = ["expert", "average", "poor", "random"];
const specs: TaskMinerSpec[] = TIERS.flatMap((tier) =>
  [0, 1].map((i) => ({ id: `${tier}-${i}`, tier, weightNoise: 0.05 })),
);
const cacheDir = path.join(os.tmpdir(), "crucible-test-cache");

/** Each miner's answers to the queries through the real batched adapter, [miners][n × outputs]. */
async function answer(
  task: SubnetTask,
  miners: TaskMiner[],
  x: Float32Array,
  n: number,
): Promise<Float32Array[]> {
  const adapter = await createInferenceAdapter(
    miners.map((m) => m.weights),
    { output: task.output },
  );
  try {
    const out = adapter.infer(x, n);
    const per = n * task.outputs;
    return miners.map((_, i) => out.slice(i * per, (i + 1) * per));
  } finally {
    adapter.dispose();
  }
}

function meanByTier(miners: TaskMiner[], values: number[]): number[] {
  return TIERS.map((tier) => {
    const own = values.filter((_, i) => miners[i].tier === tier);
    return own.reduce((a, b) => a + b, 0) / own.length;
  });
}

beforeAll(async () => {
  await initInferenceBackend("wasm");
});

describe("fitLeastSquares", () => {
  it("recovers an exact linear relation with its intercept", () => {
    const x = Float64Array.from({ length: 40 }, (_, i) => Math.sin(i * 1.7) * 3);
    const y = Float64Array.from({ length: 20 }, (_, r) => 2 * x[r * 2] - 0.5 * x[r * 2 + 1] + 4);
    const model = fitLeastSquares(x, y, 2);
    expect(model.coefficients[0]).toBeCloseTo(2, 6);
    expect(model.coefficients[1]).toBeCloseTo(-0.5, 6);
    expect(model.intercept).toBeCloseTo(4, 6);
  });
});

describe("tabular-regression", () => {
  it("is deterministic, its tiers order by closed-form loss, and the adapter's MSE matches it", async () => {
    const task = await createTask("tabular-regression", createRng(11));
    const again = await createTask("tabular-regression", createRng(11));
    const other = await createTask("tabular-regression", createRng(12));
    const pool = Array.from({ length: task.poolSize }, (_, i) => i);
    expect(again.queries(0, pool)).toEqual(task.queries(0, pool));
    expect(again.truth(0, pool, 0)).toEqual(task.truth(0, pool, 0));
    expect(other.truth(0, pool, 0)).not.toEqual(task.truth(0, pool, 0));
    const miners = await task.buildMiners(specs);
    expect((await again.buildMiners(specs)).map((m) => m.weights)).toEqual(miners.map((m) => m.weights));

    const [expert, average, poor, random] = meanByTier(
      miners,
      miners.map((m) => m.trueQuality),
    );
    expect(task.optimalLoss).toBeCloseTo(0.25, 10);
    expect(expert).toBeGreaterThan(0.25);
    expect(expert).toBeLessThan(0.3);
    expect(expert).toBeLessThan(average);
    expect(average).toBeLessThan(poor);
    expect(poor).toBeLessThan(random);

    // Real inference: the empirical MSE over the 2,048-row pool is within sampling error of the truth.
    const answers = await answer(task, miners, task.queries(0, pool), pool.length);
    const truth = task.truth(0, pool, 0);
    miners.forEach((m, i) => {
      const mse = task.loss(answers[i], truth);
      expect(Math.abs(mse - m.trueQuality) / m.trueQuality).toBeLessThan(0.15);
    });
    const scores = meanByTier(
      miners,
      answers.map((a) => task.score(a, truth)),
    );
    expect(scores[0]).toBeGreaterThan(0.4);
    expect(scores[0]).toBeLessThanOrEqual(1);
    for (let t = 1; t < 4; t++) expect(scores[t]).toBeLessThan(scores[t - 1]);
  });
});

describe("forecasting", () => {
  it("reveals the truth one epoch later: the next window's last value", async () => {
    const task = await createTask("forecasting", createRng(21));
    expect(task.truthDelay).toBe(1);
    expect(() => task.truth(5, [0, 3], 5)).toThrow(/not known yet/);
    const truth = task.truth(5, [0, 3], 6);
    const next = task.queries(6, [0, 3]);
    const lags = task.inputSize;
    expect(truth[0]).toBe(next[lags - 1]);
    expect(truth[1]).toBe(next[2 * lags - 1]);
    expect(task.queries(5, [0, 3]).subarray(1, lags)).toEqual(next.subarray(0, lags - 1));
    const again = await createTask("forecasting", createRng(21));
    expect(again.queries(40, [1, 2])).toEqual(task.queries(40, [1, 2]));
    expect(() => task.queries(1_000_000, [0])).toThrow(/horizon/);
  });

  it("orders the tiers by held-out loss and by the loss of their real forecasts over 60 epochs", async () => {
    const task = await createTask("forecasting", createRng(21));
    const miners = await task.buildMiners(specs);
    const quality = meanByTier(
      miners,
      miners.map((m) => m.trueQuality),
    );
    for (let t = 1; t < 4; t++) expect(quality[t]).toBeGreaterThan(quality[t - 1]);

    const series = Array.from({ length: task.poolSize }, (_, i) => i);
    const epochs = 60;
    const x = new Float32Array(epochs * series.length * task.inputSize);
    const truth = new Float32Array(epochs * series.length);
    for (let e = 0; e < epochs; e++) {
      x.set(task.queries(e, series), e * series.length * task.inputSize);
      truth.set(task.truth(e, series, e + 1), e * series.length);
    }
    const answers = await answer(task, miners, x, epochs * series.length);
    const losses = meanByTier(
      miners,
      answers.map((a) => task.loss(a, truth)),
    );
    for (let t = 1; t < 4; t++) expect(losses[t]).toBeGreaterThan(losses[t - 1]);
  });
});

describe("digits", () => {
  it("wraps the digit split and model zoo: accuracy as score and true quality", async () => {
    const task = await createTask("digits", createRng(3), { digits: { cacheDir } });
    expect(task.output).toBe("softmax");
    const miners = await task.buildMiners(specs.filter((s) => s.tier === "expert" || s.tier === "random"));
    const pool = Array.from({ length: 200 }, (_, i) => i);
    const answers = await answer(task, miners, task.queries(0, pool), pool.length);
    const truth = task.truth(0, pool, 0);
    const expert = miners.findIndex((m) => m.tier === "expert");
    const random = miners.findIndex((m) => m.tier === "random");
    expect(miners[expert].trueQuality).toBeGreaterThan(0.85);
    expect(task.score(answers[expert], truth)).toBeGreaterThan(0.8);
    expect(task.score(answers[random], truth)).toBeLessThan(0.3);
    expect(task.loss(answers[expert], truth)).toBeCloseTo(1 - task.score(answers[expert], truth), 10);
  });

  it("rejects an unknown kind and an unknown tier", async () => {
    await expect(createTask("chess" as never, createRng(1))).rejects.toMatchObject({
      code: "CRUCIBLE_SCENARIO_INVALID",
    });
    const task = await createTask("tabular-regression", createRng(1));
    await expect(task.buildMiners([{ id: "a", tier: "legendary", weightNoise: 0 }])).rejects.toThrow(
      /unknown model tier/,
    );
  });
});
