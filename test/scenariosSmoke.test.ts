import { readdirSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario } from "../sim/runScenario.ts";

const SCENARIOS = join(import.meta.dirname, "..", "scenarios");
const files = readdirSync(SCENARIOS).filter((f) => f.endsWith(".yaml"));

/** Every scenario shipped in scenarios/ runs end to end at a reduced size (3 epochs). */
describe("every scenario in scenarios/ runs", () => {
  it("finds the scenarios", () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });
  for (const file of files) {
    it(file, async () => {
      const out = await mkdtemp(join(tmpdir(), "crucible-smoke-"));
      const { tables, reportPath } = await runScenario({
        scenarioPath: join(SCENARIOS, file),
        epochs: 3,
        outDir: out,
      });
      expect(tables.epochs).toHaveLength(3);
      expect(tables.epochs.some((e) => e.reveals > 0)).toBe(true);
      const paid = tables.epochs.reduce((s, e) => s + e.emission, 0);
      expect(paid).toBeGreaterThan(0);
      expect(reportPath).toMatch(/report\.html$/);
    });
  }
});
