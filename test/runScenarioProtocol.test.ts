import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { takeDueCommits } from "../sim/engine/runEpoch.ts";
import type { WeightSubmission } from "../sim/protocol/protocolSession.ts";
import { parseCsv } from "../sim/run/toCsv.ts";
import { type RunResult, runScenario } from "../sim/runScenario.ts";

const SCENARIOS = join(import.meta.dirname, "..", "scenarios");
const WEIGHT_COPIER = join(SCENARIOS, "weight-copier.yaml");
const EPOCHS = 10;
const COPIER = "validator-3";

const submission = (agent: string): WeightSubmission => ({
  agent,
  address: "0x0000000000000000000000000000000000000001",
  uids: [1],
  weights: [65535],
  salt: "0x01",
});

describe("takeDueCommits", () => {
  it("reveals exactly the commits of the reveal epoch, keeps later ones, drops expired ones", () => {
    const pending = [
      { epoch: 3, submissions: [submission("expired")] },
      { epoch: 4, submissions: [submission("a"), submission("b")] },
      { epoch: 5, submissions: [submission("c")] },
    ];
    const { due, waiting } = takeDueCommits(pending, 4);
    expect(due.map((s) => s.agent)).toEqual(["a", "b"]);
    expect(waiting.map((p) => p.epoch)).toEqual([5]);
    expect(takeDueCommits(pending, -1).due).toEqual([]);
    expect(takeDueCommits(pending, -1).waiting).toHaveLength(3);
  });
});

/** The copier's reward over the mean honest validator's, over the whole run. */
function copierRatio(run: RunResult): number {
  const validators = run.tables.agents.filter((a) => a.role === "validator");
  const copier = validators.find((a) => a.agent === COPIER);
  const honest = validators.filter((a) => a.agent !== COPIER);
  if (copier === undefined || honest.length === 0) throw new Error("weight-copier scenario changed");
  return copier.totalReward / (honest.reduce((s, a) => s + a.totalReward, 0) / honest.length);
}

describe("commit-reveal with a reveal delay, end to end on real Anvil", () => {
  const runs = new Map<number, RunResult>();

  beforeAll(async () => {
    const out = await mkdtemp(join(tmpdir(), "crucible-reveal-delay-"));
    for (const delay of [0, 1, 2]) {
      runs.set(
        delay,
        await runScenario({
          scenarioPath: WEIGHT_COPIER,
          overrides: { protocol: { revealDelayEpochs: delay } },
          epochs: EPOCHS,
          outDir: out,
        }),
      );
    }
  }, 120_000);

  for (const delay of [1, 2]) {
    it(`with revealDelayEpochs ${delay}: no reveal reverts, and reveals start at epoch ${delay}`, () => {
      const run = runs.get(delay) as RunResult;
      const transactions = parseCsv(readFileSync(join(run.runDir, "transactions.csv"), "utf8"));
      const reveals = transactions.filter((t) => t.functionName === "reveal");
      expect(reveals.length).toBeGreaterThan(0);
      expect(reveals.filter((t) => t.status !== "success")).toEqual([]);
      expect(Math.min(...reveals.map((t) => Number(t.epoch)))).toBe(delay);
      const epochs = run.tables.epochs;
      for (const e of epochs) {
        if (e.epoch < delay) expect(e.reveals).toBe(0);
        else expect(e.reveals).toBeGreaterThan(0);
      }
      // Every validator that committed at epoch e - delay revealed at epoch e.
      const commits = transactions.filter((t) => t.functionName === "commit" && t.status === "success");
      for (let e = delay; e < EPOCHS; e++) {
        const committed = commits.filter((t) => Number(t.epoch) === e - delay).map((t) => t.agent);
        const revealed = reveals.filter((t) => Number(t.epoch) === e).map((t) => t.agent);
        expect(revealed).toEqual(committed);
      }
      expect(epochs.reduce((s, e) => s + e.emission, 0)).toBeGreaterThan(0);
    });
  }

  it("costs the weight copier more, relative to honest validators, the longer the delay", () => {
    const [r0, r1, r2] = [0, 1, 2].map((d) => copierRatio(runs.get(d) as RunResult));
    expect(r1).toBeLessThan(r0);
    expect(r2).toBeLessThan(r1);
  });
});
