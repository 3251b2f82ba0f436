import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInferenceAdapter } from "../sim/inference/createInferenceAdapter.ts";
import { createWorkerInferenceAdapter } from "../sim/inference/createWorkerInferenceAdapter.ts";
import { initInferenceBackend } from "../sim/inference/initInferenceBackend.ts";
import { buildMinerModels, type MinerModel, planMinerModels } from "../sim/models/buildMinerModels.ts";
import { DIGIT_FEATURES, type DigitData, loadDigits } from "../sim/models/loadDigits.ts";
import { createRng } from "../sim/rng/createRng.ts";
import { maxAbsDiff, mixedTierSpecs } from "./fixtures/mixedTierMiners.ts";

const QUERIES = 32;
const SEED = 5;
const options = { cacheDir: path.join(os.tmpdir(), "crucible-test-cache") };
const specs = mixedTierSpecs(19);
let data: DigitData;
let miners: MinerModel[];
let queries: Float32Array;
let reference: Float32Array;

beforeAll(async () => {
  await initInferenceBackend("wasm");
  data = await loadDigits(createRng(3));
  miners = await buildMinerModels(specs, data, SEED, options);
  queries = data.queryX.slice(0, QUERIES * DIGIT_FEATURES);
  const single = await createInferenceAdapter(miners.map((m) => m.weights));
  reference = single.infer(queries, QUERIES);
  single.dispose();
});

describe("createWorkerInferenceAdapter", () => {
  let adapter: Awaited<ReturnType<typeof createWorkerInferenceAdapter>>;
  afterAll(() => adapter?.dispose());

  it("answers like the one-thread adapter for mixed tiers, in miner order", async () => {
    adapter = await createWorkerInferenceAdapter(
      miners.map((m) => m.weights),
      { workers: 2, maxMinersPerPass: 4 },
    );
    expect(adapter.backend).toBe("wasm");
    expect(adapter.workers).toBe(2);
    expect(adapter.minersPerWorker).toEqual([9, 10]);
    const out = adapter.infer(queries, QUERIES);
    expect(out).toBeInstanceOf(Float32Array);
    expect(maxAbsDiff(out, reference)).toBeLessThan(1e-5);
    // A second call gets a fresh buffer (callers may keep the previous epoch's answers).
    const again = adapter.infer(queries.subarray(0, 5 * DIGIT_FEATURES), 5);
    expect(again.length).toBe(miners.length * 5 * 10);
    expect(maxAbsDiff(out, reference)).toBeLessThan(1e-5);
    const per = QUERIES * 10;
    miners.forEach((_, m) => {
      expect(
        maxAbsDiff(again.subarray(m * 50, (m + 1) * 50), reference.subarray(m * per, m * per + 50)),
      ).toBeLessThan(1e-5);
    });
    expect(() => adapter.infer(queries, QUERIES + 1)).toThrow(/wrong size/);
    // A caller may hand an earlier result back to be overwritten (no fresh ~13 MB per epoch).
    const stale = out.slice();
    expect(adapter.infer(queries.subarray(0, 5 * DIGIT_FEATURES), 5, again)).toBe(again);
    expect(adapter.infer(queries, QUERIES, out)).toBe(out);
    expect(maxAbsDiff(out, stale)).toBe(0);
    expect(() => adapter.infer(queries, QUERIES, new Float32Array(out.length))).toThrow(/does not fit/);
  });

  it("leaks no tensors in its workers across many calls", async () => {
    for (let i = 0; i < 10; i++) adapter.infer(queries, QUERIES);
    const afterTen = await adapter.memory();
    // Four tensors per chunk of ≤ 4 miners: hidden 64 has 10 miners (5 + 5: two chunks each),
    // hidden 32 has 9 (4 + 5: one chunk, two chunks).
    expect(afterTen.map((m) => m.numTensors)).toEqual([12, 16]);
    for (let i = 0; i < 190; i++) adapter.infer(queries, QUERIES);
    expect(await adapter.memory()).toEqual(afterTen);
  });

  it("builds miners inside the workers from base models and noise seeds, equal to buildMinerModels", async () => {
    const { source } = await planMinerModels(specs, data, SEED, options);
    const noisy = await createWorkerInferenceAdapter(source, { workers: 3, warmupQueries: 0 });
    expect(noisy.minersPerWorker.reduce((a, b) => a + b)).toBe(miners.length);
    expect(maxAbsDiff(noisy.infer(queries, QUERIES), reference)).toBeLessThan(1e-5);
    await noisy.close();
    expect(() => noisy.infer(queries, QUERIES)).toThrow(/after dispose/);
  });

  it("runs on the cpu backend in its workers too, with the same answers", async () => {
    const subset = miners.slice(0, 6).map((m) => m.weights);
    const cpu = await createWorkerInferenceAdapter(subset, { workers: 2, backend: "cpu", warmupQueries: 0 });
    expect(cpu.backend).toBe("cpu");
    const out = cpu.infer(queries.subarray(0, 4 * DIGIT_FEATURES), 4);
    await cpu.close();
    const per = QUERIES * 10;
    subset.forEach((_, m) => {
      expect(
        maxAbsDiff(out.subarray(m * 40, (m + 1) * 40), reference.subarray(m * per, m * per + 40)),
      ).toBeLessThan(1e-5);
    });
  });

  it("rejects a bad noisy spec before starting any worker", async () => {
    const base = miners[0].base.weights;
    await expect(
      createWorkerInferenceAdapter({ bases: [base], miners: [{ base: 1, noiseSeed: 1, noise: 0.1 }] }),
    ).rejects.toMatchObject({ code: "CRUCIBLE_INFERENCE_FAILED" });
  });

  it("lets the process exit after dispose (no worker keeps it alive)", async () => {
    const url = (file: string) => pathToFileURL(path.resolve(file)).href;
    const script = `
      const { createWorkerInferenceAdapter } = await import(${JSON.stringify(url("sim/inference/createWorkerInferenceAdapter.ts"))});
      const { initMlpWeights } = await import(${JSON.stringify(url("sim/models/initMlpWeights.ts"))});
      const { createRng } = await import(${JSON.stringify(url("sim/rng/createRng.ts"))});
      const models = [0, 1, 2].map((i) => initMlpWeights(createRng(i), 784, 16, 10));
      const adapter = await createWorkerInferenceAdapter(models, { workers: 2 });
      const out = adapter.infer(new Float32Array(2 * 784), 2);
      console.log("answers", out.length);
      adapter.dispose();`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (b) => (output += b));
    child.stderr.on("data", (b) => (output += b));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolve(null);
      }, 30_000);
      child.on("exit", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(output).toContain("answers 60");
    expect(code).toBe(0);
  });
});
