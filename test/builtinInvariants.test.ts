import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { replayCase } from "../sim/check/replayCase.ts";
import { runCheck } from "../sim/check/runCheck.ts";
import { runOneSeed, type SeedRunSpec } from "../sim/check/runSeeds.ts";
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

describe("crucible check on a protocol with a planted bug (1 wei from nowhere at epoch 3)", () => {
  it("fails the built-in invariant at that epoch, shrinks the run to it, and replays it exactly", async () => {
    const tmp = await mkdtemp(join(tmpdir(), "crucible-builtin-check-"));
    const file = join(tmp, "planted.yaml");
    await writeFile(
      file,
      [
        `check: ${join(import.meta.dirname, "..", "scenarios", "quickstart.yaml")}`,
        "seeds: 1",
        "epochs: 6",
        "overrides: { chain: { backend: memory } }",
        "invariants:",
        '  - "every epoch: reverted == 0"',
        "",
      ].join("\n"),
    );
    const buggy = (spec: SeedRunSpec) => runOneSeed(spec, { startProtocol: plantedBug(3, "from-nowhere") });
    const report = await runCheck(file, {
      outDir: join(tmp, "runs"),
      stateDir: join(tmp, "state"),
      runSeeds: async (specs) => {
        const runs = [];
        for (const spec of specs) runs.push(await buggy(spec));
        return runs;
      },
      runSeed: buggy,
      shrinkAttempts: 2, // the first candidate cuts the run to the failing epoch; enough here
      shrinkBudgetMs: 30 * 60_000,
    });
    expect(report.passed).toBe(false);
    const builtin = report.targets[0].results[0];
    expect(builtin).toMatchObject({ kind: "builtin", status: "fail", failure: { seed: 42, epoch: 3 } });
    expect(builtin.failure?.message).toMatch(
      /^built-in invariant supply-conservation broken at epoch 3: .*\(1 more\)$/,
    );
    // The invariant declared beside it was not evaluated on a run that stopped: skipped, not passed.
    expect(report.targets[0].results[1].status).toBe("skip");
    expect(builtin.shrunk).toMatchObject({ epochs: 4, from: { epochs: 6, agents: 20 } });
    const replayed = await replayCase(builtin.shrunk!.casePath, {
      outDir: join(tmp, "replay"),
      runSeed: buggy,
    });
    expect(replayed.status).toBe("reproduced");
    expect(replayed.observed?.epoch).toBe(3);
    expect(replayed.observed?.values).toEqual(replayed.failingCase.expected.values);
    // On the protocol as implemented the shrunk case passes.
    expect((await replayCase(builtin.shrunk!.casePath, { outDir: join(tmp, "replay") })).status).toBe(
      "passes",
    );
  });
});
