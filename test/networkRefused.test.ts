import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeCompareMany } from "../reports/compare/writeCompare.ts";
import { loadCheckTargets } from "../sim/check/loadCheckTargets.ts";
import { planSweep } from "../sim/sweep/planSweep.ts";

// check, sweep and compare run (or read) one subnet: a network scenario (subnets:) is refused with one
// error naming the file and field, before anything runs, instead of running its top-level subnet.
const dir = mkdtempSync(join(tmpdir(), "crucible-network-refused-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const network = join(import.meta.dirname, "..", "scenarios", "network", "three-subnets.yaml");

describe("network scenarios outside crucible run", () => {
  it("crucible check refuses a network scenario with invariants, naming the file and subnets:", async () => {
    const file = join(dir, "network-check.yaml");
    writeFileSync(file, `${readFileSync(network, "utf8")}\ninvariants:\n  - spearmanAccuracyReward > 0.8\n`);
    await expect(loadCheckTargets(file)).rejects.toThrow(
      `${file}: subnets: crucible check does not run network scenarios`,
    );
    const checkFile = join(dir, "network.check.yaml");
    writeFileSync(checkFile, `check: ${network}\nseeds: 2\ninvariants: [spearmanAccuracyReward > 0.8]\n`);
    await expect(loadCheckTargets(checkFile)).rejects.toThrow(
      `${checkFile}: check: ${network}: subnets: crucible check does not run network scenarios`,
    );
  });

  it("crucible sweep refuses a network base scenario before planning any run", async () => {
    const file = join(dir, "network-sweep.yaml");
    writeFileSync(
      file,
      [
        "name: network-sweep",
        `scenario: ${network}`,
        "seed: 1",
        "parameters:",
        "  - { path: chain.emissionPerEpoch, values: [500, 1000] }",
        "metrics: [giniMinerRewards]",
      ].join("\n"),
    );
    await expect(planSweep(file)).rejects.toThrow(
      `${file}: scenario: ${network}: subnets: crucible sweep does not run network scenarios`,
    );
  });

  it("crucible compare refuses a network run folder instead of reading its subnets as seeds", async () => {
    const run = join(dir, "three-subnets-42-x");
    mkdirSync(join(run, "three-subnets-experts-42-x"), { recursive: true });
    writeFileSync(join(run, "network.json"), "{}\n");
    await expect(writeCompareMany([run, run], {})).rejects.toThrow(
      `${join(run, "network.json")}: subnets: a network run; compare it with another network run (as side A), or one of its subnets' folders (${join(run, "three-subnets-experts-42-x")})`,
    );
  });
});
