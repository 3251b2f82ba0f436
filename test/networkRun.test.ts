import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runNetworkScenario } from "../sim/runNetworkScenario.ts";

const out = mkdtempSync(join(tmpdir(), "crucible-network-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const scenarioPath = join(import.meta.dirname, "..", "scenarios", "network", "three-subnets.yaml");
const options = {
  scenarioPath,
  epochs: 3,
  outDir: out,
  charts: false,
  overrides: { chain: { backend: "memory" } },
};

describe("a network run (scenarios/network/three-subnets.yaml, 3 epochs, memory)", () => {
  it("runs each subnet as its own scenario, then splits each epoch's TAO across them; same seed, same hash", async () => {
    const a = await runNetworkScenario(options);
    expect(a.subnets.map((s) => s.name)).toEqual(["experts", "mixed", "weak"]);
    expect(a.subnets[0].meanMinerQuality).toBeGreaterThan(a.subnets[2].meanMinerQuality);
    for (let epoch = 0; epoch < 3; epoch++) {
      const rows = a.rows.filter((r) => r.epoch === epoch);
      expect(rows.map((r) => r.netuid)).toEqual([1, 2, 3]);
      expect(rows.reduce((s, r) => s + r.emissionShare, 0)).toBeCloseTo(1, 12);
      // Every staker is somewhere after its first choice.
      expect(rows.reduce((s, r) => s + r.stakers, 0)).toBe(30);
    }
    // Miners are paid from the second epoch (Yuma's permits lag one epoch on the subnets).
    expect(a.rows.filter((r) => r.epoch === 2).every((r) => r.minerAlpha > 0)).toBe(true);
    const html = readFileSync(join(a.runDir, "network.html"), "utf8");
    expect(html).toContain("Emission share per subnet");
    expect(html).toContain("Stake flows between subnets");
    const b = await runNetworkScenario(options);
    expect(b.resultsHash).toBe(a.resultsHash);
  });

  it("runs an attacker's honest twin: the same network without it, rows equal to a run without attackers", async () => {
    const attacked = await runNetworkScenario({
      ...options,
      overrides: {
        ...options.overrides,
        dtao: {
          attackers: [{ kind: "manipulator", subnet: "experts", tao: 500, startEpoch: 1, holdEpochs: 1 }],
        },
      },
    });
    const honest = await runNetworkScenario(options);
    expect(attacked.twin?.rows).toEqual(honest.rows);
    expect(attacked.rows).not.toEqual(honest.rows);
    const compared = attacked.twin?.compared ?? [];
    expect(compared.map((c) => c.subnet)).toEqual(["experts", "mixed", "weak"]);
    for (const [i, c] of compared.entries()) {
      const tao = (rows: typeof honest.rows) =>
        rows.filter((r) => r.netuid === i + 1).reduce((s, r) => s + r.emissionTao, 0);
      expect(c.twinEmissionTao).toBeCloseTo(tao(honest.rows), 9);
      expect(c.emissionGainTao).toBeCloseTo(tao(attacked.rows) - tao(honest.rows), 9);
    }
    const json = JSON.parse(readFileSync(join(attacked.runDir, "network.json"), "utf8"));
    expect(json.honestTwin).toHaveLength(3);
    expect(readFileSync(join(attacked.runDir, "network.html"), "utf8")).toContain(
      "Market attackers against the honest twin",
    );
    expect(readFileSync(join(attacked.runDir, "network_twin_epochs.csv"), "utf8").split("\n")[0]).toMatch(
      /^epoch,netuid,/,
    );
  });

  it("names an attacker's unknown target subnet, before anything runs", async () => {
    await expect(
      runNetworkScenario({
        ...options,
        overrides: { ...options.overrides, dtao: { attackers: [{ kind: "wash", subnet: "nope", tao: 10 }] } },
      }),
    ).rejects.toThrow(/dtao\.attackers\[0\]\.subnet: expected one of "experts"\|"mixed"\|"weak", got "nope"/);
  });

  it("names the subnet whose fields are bad, before anything runs", async () => {
    await expect(
      runNetworkScenario({
        ...options,
        overrides: {
          ...options.overrides,
          subnets: [{ name: "a" }, { name: "b", population: { miners: [{ tier: "bogus", count: 1 }] } }],
        },
      }),
    ).rejects.toThrow(/subnets\[1\] \(b\).*tier/);
  });
});
