import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CrucibleError } from "../sim/errors/CrucibleError.ts";
import { createMemoryProtocol } from "../sim/protocol/memory/memoryProtocol.ts";
import { startMemorySession } from "../sim/protocol/memory/startMemorySession.ts";
import type { ProtocolDeployment } from "../sim/protocol/protocolDeployment.ts";
import {
  checkMemoryInvariants,
  INVARIANT_NAMES,
  type InvariantName,
  recordPort,
} from "./fixtures/memory/memoryInvariants.ts";
import { PLANTS, type Plant } from "./fixtures/memory/memoryPlants.ts";
import {
  freshDriverMemory,
  genesisActions,
  planAction,
  type SessionAction,
  sessionAction,
  sessionDeployment,
} from "./fixtures/memory/sessionActions.ts";

/**
 * Property tests of the in-memory protocol (sim/protocol/memory): random deployments and random
 * sequences of every port call, the invariants (test/fixtures/memory/memoryInvariants.ts) checked
 * after every call. Each invariant compares two sources that do not restate one another, and each
 * is shown to fail: the second test runs it against a deliberately broken variant of the protocol
 * (a plant, test/fixtures/memory/memoryPlants.ts) and requires fast-check to find a counterexample:
 * - books: the market pays 1 wei too much (a payout out of escrow credits 1 wei more than it debits);
 * - stakeBacked: compounding credits a pool 1 wei more than Emission minted to Staking;
 * - escrowBacked: a failed or fee-less epoch refunds every batch twice;
 * - mintsByEmission: mints without authority (a registration mints its burned price back);
 * - oneUidPerHotkey: two UIDs per hotkey (registration skips AlreadyRegistered);
 * - countsRevealedOnly: counts unrevealed weights (a committed, unrevealed row is read as revealed);
 * - proofsSignedByCommitter: skips an access check (a mismatch proof signed by anyone is accepted).
 *
 * Size: CRUCIBLE_PROPERTY_RUNS sequences (default 150); CRUCIBLE_PROPERTY_NIGHTLY=1 runs 2,000 and
 * requires at least 10,000 random calls. The seed is FC_SEED's (test/setup/fastCheckSeed.ts).
 */
const NIGHTLY = process.env.CRUCIBLE_PROPERTY_NIGHTLY === "1";
const SEQUENCES = Number(process.env.CRUCIBLE_PROPERTY_RUNS ?? (NIGHTLY ? 2_000 : 150));
/** Sequences fast-check may try before a plant counts as missed. */
const PLANT_RUNS = 500;

interface Outcome {
  violations: string[];
  calls: number;
}

/** Runs one sequence on a fresh memory protocol (planted or not) and returns the first violations. */
async function runSequence(
  deployment: ProtocolDeployment,
  actions: SessionAction[],
  names: readonly InvariantName[],
  plant?: Plant,
): Promise<Outcome> {
  const m = createMemoryProtocol(deployment);
  const started = await startMemorySession(deployment, m);
  const { session, log } = recordPort(m, plant ? plant.apply(m, started) : started);
  const mem = freshDriverMemory();
  for (const [step, action] of [...genesisActions(deployment.agents), ...actions].entries()) {
    try {
      await planAction(action, mem)(session);
    } catch (error) {
      // The port refuses some calls before sending them (unequal share lengths...): an outcome.
      if ((error as CrucibleError).name !== "CrucibleError") throw error;
    }
    const violations = await checkMemoryInvariants(m, session, log, names);
    if (violations.length > 0) {
      return { violations: violations.map((v) => `step ${step} (${action.kind}): ${v}`), calls: log.calls };
    }
  }
  return { violations: [], calls: log.calls };
}

const sequences = fc.array(sessionAction, { minLength: 10, maxLength: 40 });

describe("memory protocol properties (fast-check)", () => {
  it(`holds every invariant after every call (${SEQUENCES} sequences)`, async () => {
    let calls = 0;
    await fc.assert(
      fc.asyncProperty(sessionDeployment, sequences, async (deployment, actions) => {
        const outcome = await runSequence(deployment, actions, INVARIANT_NAMES);
        calls += outcome.calls;
        if (outcome.violations.length > 0) throw new Error(outcome.violations.slice(0, 5).join("\n"));
      }),
      { numRuns: SEQUENCES },
    );
    console.log(
      `memory protocol properties: ${SEQUENCES} sequences, ${calls} random calls (seed ${fc.readConfigureGlobal().seed ?? "random"})`,
    );
    if (NIGHTLY) expect(calls).toBeGreaterThanOrEqual(10_000);
  }, 600_000);

  it("names one plant for every invariant", () => {
    expect(new Set(PLANTS.map((p) => p.breaks))).toEqual(new Set(INVARIANT_NAMES));
  });

  for (const plant of PLANTS) {
    it(`${plant.breaks} fails on a plant: ${plant.name}`, async () => {
      const result = await fc.check(
        fc.asyncProperty(sessionDeployment, sequences, async (deployment, actions) => {
          const outcome = await runSequence(deployment, actions, [plant.breaks], plant);
          if (outcome.violations.length > 0) throw new Error(outcome.violations[0]);
        }),
        { numRuns: PLANT_RUNS, endOnFailure: true },
      );
      expect(result.failed, `${plant.breaks} missed the plant in ${PLANT_RUNS} sequences`).toBe(true);
      console.log(
        `${plant.breaks}: counterexample after ${result.numRuns} sequences: ${String(result.errorInstance).split("\n")[0]}`,
      );
    }, 300_000);
  }
});
