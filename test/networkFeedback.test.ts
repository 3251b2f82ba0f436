import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startMemorySession } from "../sim/protocol/memory/startMemorySession.ts";
import type { StartProtocol } from "../sim/protocol/protocolDeployment.ts";
import { runNetworkScenario } from "../sim/runNetworkScenario.ts";

const out = mkdtempSync(join(tmpdir(), "crucible-network-feedback-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const scenarioPath = join(import.meta.dirname, "..", "scenarios", "network", "three-subnets.yaml");
const run = (backend: "memory" | "anvil", epochs: number, overrides: Record<string, unknown> = {}) =>
  runNetworkScenario({
    scenarioPath,
    epochs,
    outDir: out,
    charts: false,
    overrides: { chain: { backend }, dtao: { stakeFeedback: true }, ...overrides },
  });

/** The experts subnet's agent_epochs rows of one validator: [epoch, stake, dividends, reward]. */
function validatorRows(runDir: string, folder: string, agent: string): number[][] {
  const [header, ...lines] = readFileSync(join(runDir, folder, "agent_epochs.csv"), "utf8")
    .trim()
    .split("\n");
  const col = header.split(",");
  const at = (name: string) => col.indexOf(name);
  return lines
    .map((l) => l.split(","))
    .filter((c) => c[at("agent")] === agent)
    .map((c) => ["epoch", "stake", "dividends", "reward"].map((n) => Number(c[at(n)])));
}

describe("stake feedback: a subnet's Yuma weighs its validators' alpha (three-subnets, memory)", () => {
  it("a validator with more alpha gains consensus weight and dividends; its alpha grows epoch by epoch; same seed, same hash", async () => {
    // Four validators of equal scenario stake, each putting 200 TAO into its subnet's pool in one
    // block: the first buys at the lowest price and gets the most alpha. Only the dTAO market makes
    // them differ, so only stake feedback can give validator-0 more weight than validator-3.
    const equal = { population: { validators: [{ count: 4, stake: 1000 }] } };
    const on = await run("memory", 3, equal);
    const off = await run("memory", 3, { ...equal, dtao: { stakeFeedback: false } });
    const rows = (r: typeof on, agent: string) => validatorRows(r.runDir, r.subnets[0].folder, agent);
    const [v0, v3, v0Off, v3Off] = [
      rows(on, "validator-0"),
      rows(on, "validator-3"),
      rows(off, "validator-0"),
      rows(off, "validator-3"),
    ];
    for (let e = 0; e < 3; e++) {
      expect(v0Off[e][1]).toBe(1000); // without feedback: the scenario's stake
      expect(v3Off[e][1]).toBe(1000);
      expect(v0[e][1]).toBeGreaterThan(1.2 * v3[e][1]); // with it: their alpha
      // Yuma pays from the second epoch (the reveal lags one epoch).
      if (e > 0) {
        expect(v0[e][2]).toBeGreaterThan(1.2 * v3[e][2]); // dividends (consensus weight)
        expect(v0[e][2] / v3[e][2]).toBeGreaterThan((1.1 * v0Off[e][2]) / v3Off[e][2]);
        expect(v0[e][3]).toBeGreaterThan(1.2 * v3[e][3]); // the subnet's reward
      }
    }
    // The network pays validators their Yuma dividends in alpha: validator-0's stake compounds.
    expect(v0[1][1]).toBeGreaterThan(v0[0][1]);
    expect(v0[2][1]).toBeGreaterThan(v0[1][1]);
    expect(off.resultsHash).not.toBe(on.resultsHash);
    expect((await run("memory", 3, equal)).resultsHash).toBe(on.resultsHash);
  });

  it("ends the whole run, not waiting forever, when one subnet fails in the middle", async () => {
    // The second subnet's protocol fails its first read of revealed weights (epoch 1's mechanism):
    // the network and the other subnets are waiting on it and must end with its error.
    let sessions = 0;
    const failing: StartProtocol = async (deployment) => {
      const session = await startMemorySession(deployment);
      if (++sessions !== 2) return session;
      return Object.assign(Object.create(session) as typeof session, {
        readRevealedWeights: async () => {
          throw new Error("planted failure in one subnet");
        },
      });
    };
    await expect(
      runNetworkScenario({
        scenarioPath,
        epochs: 3,
        outDir: out,
        charts: false,
        startProtocol: failing,
        overrides: { chain: { backend: "memory" }, dtao: { stakeFeedback: true } },
      }),
    ).rejects.toThrow(/planted failure in one subnet/);
    expect(readdirSync(out).some((d) => d.endsWith(".failed"))).toBe(true);
  });

  it("gives the same network rows on Anvil as on the memory protocol", async () => {
    const memory = await run("memory", 2);
    const anvil = await run("anvil", 2);
    expect(anvil.rows).toEqual(memory.rows);
  });
});
