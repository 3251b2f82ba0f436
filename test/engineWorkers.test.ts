import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inferenceWorkers, runScenario } from "../sim/engine/runScenario.ts";

const QUICKSTART = join(import.meta.dirname, "..", "scenarios", "quickstart.yaml");

describe("inference on worker threads inside a run", () => {
  it("chooses workers from the scenario, or two from 256 miners up", () => {
    expect(inferenceWorkers("auto", 16)).toBe(0);
    expect(inferenceWorkers("auto", 256)).toBe(2);
    expect(inferenceWorkers(3, 16)).toBe(3);
    expect(inferenceWorkers(4, 2)).toBe(2);
  });

  it("gives the same result tables on two workers as in the main thread", async () => {
    const out = await mkdtemp(join(tmpdir(), "crucible-workers-"));
    const main = await runScenario({
      scenarioPath: QUICKSTART,
      epochs: 3,
      outDir: out,
      overrides: { inference: { workers: 0 } },
    });
    const two = await runScenario({
      scenarioPath: QUICKSTART,
      epochs: 3,
      outDir: out,
      overrides: { inference: { workers: 2 } },
    });
    expect(two.resultsHash).toBe(main.resultsHash);
    const manifest = JSON.parse(readFileSync(join(two.runDir, "manifest.json"), "utf8"));
    expect(manifest.inference.workers).toBe(2);
  });
});
