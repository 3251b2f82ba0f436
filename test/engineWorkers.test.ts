import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario } from "../sim/runScenario.ts";

const SCENARIOS = join(import.meta.dirname, "..", "scenarios");

describe("inference on worker threads inside a run", () => {
  // How many workers `auto` takes: sim/engine/chooseInferenceWorkers.test.ts.
  // With workers the miners are built, and digits' true accuracy measured, inside the workers
  // (task.planMiners); without, in this thread (task.buildMiners). The tables must not tell them apart.
  // Adversaries answer through hooks on the epoch's answers (copy, random, stale): they must not
  // depend on where the models run either.
  const adversaries = {
    population: {
      miners: [
        { tier: "expert", count: 3 },
        { tier: "poor", count: 3 },
        { tier: "random", count: 2, strategy: "random" },
        { tier: "average", count: 4, strategy: "stale" },
        { tier: "random", count: 4, strategy: "copycat" },
      ],
    },
  };
  const cases: [string, Record<string, unknown>][] = [
    ["quickstart.yaml", {}],
    ["forecasting.yaml", {}],
    ["copycat-miners.yaml", {}],
    ["tabular-regression.yaml", adversaries],
  ];
  for (const [file, overrides] of cases) {
    const label = Object.keys(overrides).length > 0 ? `${file} with random, stale and copycat miners` : file;
    it(`gives the same result tables on two workers as in the main thread: ${label}`, async () => {
      const out = await mkdtemp(join(tmpdir(), "crucible-workers-"));
      const run = (workers: number) =>
        runScenario({
          scenarioPath: join(SCENARIOS, file),
          epochs: 3,
          outDir: out,
          overrides: { ...overrides, inference: { workers }, chain: { backend: "memory" } },
        });
      const main = await run(0);
      const two = await run(2);
      expect(two.resultsHash).toBe(main.resultsHash);
      if (file === "quickstart.yaml") {
        // An uneven share (16 miners on 3 workers: 6, 5, 5), as auto now picks on larger machines.
        expect((await run(3)).resultsHash).toBe(main.resultsHash);
      }
      const quality = (r: typeof main) => r.tables.agents.map((a) => a.trueQuality);
      expect(quality(two)).toEqual(quality(main));
      expect(quality(two).filter(Number.isFinite)).toHaveLength(16);
      const manifest = JSON.parse(readFileSync(join(two.runDir, "manifest.json"), "utf8"));
      expect(manifest.inference).toMatchObject({ workers: 2, requested: "auto", backend: "wasm" });
    });
  }
});
