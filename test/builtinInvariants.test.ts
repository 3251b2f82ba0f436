import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { BuiltinInvariantError } from "../sim/engine/builtinInvariantError.ts";
import type { MemoryProtocol } from "../sim/protocol/memory/memoryProtocol.ts";
import { startMemorySession } from "../sim/protocol/memory/startMemorySession.ts";
import type { StartProtocol } from "../sim/protocol/protocolDeployment.ts";
import { runScenario } from "../sim/runScenario.ts";

// The memory protocol as built, captured so that a test-only wrapper can plant a bug in its ledger;
// the implementation itself is untouched.
const built: MemoryProtocol[] = [];
vi.mock("../sim/protocol/memory/memoryProtocol.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../sim/protocol/memory/memoryProtocol.ts")>();
  return {
    ...original,
    createMemoryProtocol: (...args: Parameters<typeof original.createMemoryProtocol>) => {
      const m = original.createMemoryProtocol(...args);
      built.push(m);
      return m;
    },
  };
});

/** After epoch `at`'s payout, the protocol credits agent 0 one more wei: `mint` counts it in the
 * supply (an over-mint), otherwise it appears from nowhere (a balance bug). */
function plantedBug(at: number, kind: "from-nowhere" | "over-mint"): StartProtocol {
  return async (deployment) => {
    const session = await startMemorySession(deployment);
    const m = built[built.length - 1];
    const pay = session.payEpoch.bind(session);
    return {
      ...session,
      async payEpoch(epoch, recipients, amounts) {
        const result = await pay(epoch, recipients, amounts);
        if (epoch === at) {
          m.ledger.mint(m.agents[0], 1n);
          if (kind === "from-nowhere") m.ledger.totalMinted -= 1n;
        }
        return result;
      },
    };
  };
}

async function runWith(startProtocol?: StartProtocol) {
  return runScenario({
    scenarioPath: "scenarios/quickstart.yaml",
    epochs: 6,
    outDir: await mkdtemp(join(tmpdir(), "crucible-builtin-")),
    overrides: { chain: { backend: "memory" } },
    startProtocol,
  });
}

async function brokenBy(startProtocol: StartProtocol): Promise<BuiltinInvariantError> {
  const error = await runWith(startProtocol).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BuiltinInvariantError);
  return error as BuiltinInvariantError;
}

describe("built-in invariants (memory protocol, quickstart, 6 epochs)", () => {
  it("hold on the protocol as implemented", async () => {
    const run = await runWith();
    expect(run.tables.epochs).toHaveLength(6);
  });

  it("catch 1 wei paid from nowhere at the epoch it happens: supply conservation", async () => {
    const e = await brokenBy(plantedBug(3, "from-nowhere"));
    expect(e.code).toBe("CRUCIBLE_INVARIANT_BROKEN");
    expect(e.invariant).toBe("supply-conservation");
    expect(e.epoch).toBe(3);
    expect(BigInt(e.values.heldWei) - BigInt(e.values.supplyWei)).toBe(1n);
    expect(e.message).toMatch(/^built-in invariant supply-conservation broken at epoch 3: .*\(1 more\)$/);
  });

  it("catch 1 wei minted beyond the epoch's emission", async () => {
    const e = await brokenBy(plantedBug(4, "over-mint"));
    expect(e.invariant).toBe("mint-within-schedule");
    expect(e.epoch).toBe(4);
    expect(BigInt(e.values.mintedWei) - BigInt(e.values.maxMintWei)).toBe(1n);
  });
});
