import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario } from "../sim/runScenario.ts";

const QUICKSTART = join(import.meta.dirname, "..", "scenarios", "quickstart.yaml");

describe("a run that pays emission through the Emission contract's split", () => {
  it("pays each epoch's emission (less per-payee rounding dust) and compounds validators' dividends into stake", async () => {
    const out = await mkdtemp(join(tmpdir(), "crucible-emission-path-"));
    const { tables } = await runScenario({
      scenarioPath: QUICKSTART,
      epochs: 3,
      outDir: out,
      overrides: { chain: { emissionPath: "contract" } },
    });
    const [first, ...paid] = tables.epochs;
    expect(first.emission).toBe(0); // Yuma's permits lag one epoch
    for (const e of paid) {
      const short = 1000n * 10n ** 18n - BigInt(e.emissionWei);
      expect(short >= 0n && short < 20n).toBe(true); // at most 1 wei per payee
    }
    const validators = tables.agents.filter((a) => a.role === "validator");
    const genesis = [4000, 1000, 1000, 1000];
    validators.forEach((v, i) => {
      expect(v.stake).toBeGreaterThan(genesis[i]);
    });
  });
});
