import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { initInferenceBackend } from "../sim/inference/initInferenceBackend.ts";
import { runScenario } from "../sim/runScenario.ts";

const SCENARIOS = join(import.meta.dirname, "..", "scenarios");

/** Whether this machine has a WebGPU adapter (a GPU, or Mesa's software renderer); CI requires one. */
async function webgpuAvailable(): Promise<boolean> {
  try {
    await initInferenceBackend("webgpu");
    return true;
  } catch (error) {
    if (process.env.CRUCIBLE_REQUIRE_WEBGPU === "1") throw error;
    return false;
  } finally {
    await initInferenceBackend("wasm");
  }
}

afterAll(async () => {
  await initInferenceBackend("wasm");
});

describe("a run on the webgpu backend", () => {
  it("records the backend and its adapter, and gives the wasm run's result tables (quickstart, digits)", async (ctx) => {
    if (!(await webgpuAvailable())) return ctx.skip();
    const out = await mkdtemp(join(tmpdir(), "crucible-webgpu-"));
    const run = (backend: "wasm" | "webgpu") =>
      runScenario({
        scenarioPath: join(SCENARIOS, "quickstart.yaml"),
        epochs: 3,
        outDir: out,
        backend,
        overrides: { chain: { backend: "memory" } },
      });
    const gpu = await run("webgpu");
    const wasm = await run("wasm");
    const manifest = JSON.parse(readFileSync(join(gpu.runDir, "manifest.json"), "utf8"));
    expect(manifest.inference.backend).toBe("webgpu");
    expect(manifest.inference.workers).toBe(0);
    expect(manifest.inference.adapter.description).toBeTruthy();
    expect(typeof manifest.inference.adapter.software).toBe("boolean");
    // Answers agree within float rounding (1e-4, tested in inferenceWebgpu.test.ts); scores are argmax
    // accuracies, so the tables are the same.
    expect(gpu.resultsHash).toBe(wasm.resultsHash);
    expect(gpu.tables.agents.map((a) => a.trueQuality)).toEqual(wasm.tables.agents.map((a) => a.trueQuality));
  }, 240_000);
});
