import { createPublicClient, http, parseUnits } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  governedEmissionAbi,
  governedRevealRegistryAbi,
  governedStakingAbi,
} from "../contracts/generated/index.ts";
import { deriveAccounts } from "../sim/chain/deriveAccounts.ts";
import { type AnvilSession, startAnvilSession } from "../sim/chain/session/startAnvilSession.ts";
import { type MemorySession, startMemorySession } from "../sim/protocol/memory/startMemorySession.ts";
import type { ProtocolDeployment } from "../sim/protocol/protocolDeployment.ts";
import type { ParameterChanges } from "../sim/protocol/protocolSession.ts";

const TOKEN = parseUnits("1", 18);

/** Three agents; the timelock may change the reveal delay, the take ceiling (bound 5,000 bps) and the
 * epoch emission (10 tokens deployed: 1 .. 20 allowed). */
const deployment: ProtocolDeployment = {
  seed: 7,
  agents: 3,
  emissionPerEpoch: 10n * TOKEN,
  maxTakeBps: 5_000,
  defaultTakeBps: 1_800,
  genesis: [100n * TOKEN, 100n * TOKEN, 100n * TOKEN],
  subnet: { ownerBps: 0, minerBps: 5_000, validatorBps: 5_000, revealDelayEpochs: 1 },
  governance: {
    votingDelayBlocks: 1,
    votingPeriodBlocks: 6,
    proposalThresholdWei: 0n,
    quorumBps: 1_000,
    timelockDelayBlocks: 2,
    protocolSetters: true,
  },
};

const outcomes = (r: {
  outcomes: { agent: string; functionName: string; status: string; error?: string }[];
}) => r.outcomes.map((o) => `${o.agent} ${o.functionName} ${o.error ?? o.status}`);

/** Two proposals through their whole life (one within the bounds, one past them), then an epoch paid
 * under the result; what it saw at every step. */
async function lifecycle(s: AnvilSession | MemorySession): Promise<unknown[]> {
  const trace: unknown[] = [];
  const agents = s.agentAddresses.map((address, i) => ({ agent: `agent-${i}`, address }));
  const tick = () => s.delegateVotes([]);
  await s.registerAll(agents);
  await s.stakeGenesis(agents.map((a, uid) => ({ ...a, uid, amount: 10n * TOKEN })));
  await s.delegateVotes(agents.map((a) => ({ ...a, delegatee: a.address })));
  trace.push(outcomes(await s.moveStake([{ ...agents[0], kind: "setTake", bps: 2_300 }])));
  const within: ParameterChanges = {
    revealDelayEpochs: 3,
    takeCeilingBps: 1_000,
    epochEmission: 20n * TOKEN,
  };
  const past: ParameterChanges[] = [
    { revealDelayEpochs: 101 },
    { takeCeilingBps: 5_001 },
    { epochEmission: 20n * TOKEN + 1n },
    { epochEmission: 0n },
  ];
  const r = await s.propose(
    [within, ...past].map((changes) => ({ proposer: agents[0], changes, description: "x" })),
  );
  const ns = r.proposals as number[];
  await tick();
  for (const n of ns)
    await s.castVotes(
      n,
      agents.map((a) => ({ ...a, support: 1 as const })),
    );
  for (let i = 0; i < 3; i++) await tick();
  trace.push(outcomes(await s.queueProposals(ns)));
  trace.push(await s.readGovernedParams());
  await tick();
  trace.push(outcomes(await s.executeProposals(ns)));
  trace.push(await s.readGovernedParams(), s.revealDelayEpochs);
  // Every take in force (agent-0's 2,300 asked under the old ceiling, the others' default 1,800) is
  // clamped to 1,000; a new one above it reverts, a cut below it holds.
  trace.push(await s.readTakes(s.agentAddresses));
  trace.push(
    outcomes(
      await s.moveStake([
        { ...agents[1], kind: "setTake", bps: 1_500 },
        { ...agents[2], kind: "setTake", bps: 500 },
      ]),
    ),
    await s.readTakes(s.agentAddresses),
  );
  // An epoch now mints 20 tokens.
  const supply = await s.readTotalSupply();
  await s.distributeEmission(0, [1, 1, 0], [0, 0, 1]);
  trace.push((await s.readTotalSupply()) - supply, await s.readBalances(s.agentAddresses));
  return trace;
}

describe("the timelock's setters of the reveal delay, the take ceiling and the epoch emission", () => {
  let anvil: AnvilSession;
  let anvilTrace: unknown[];
  let memoryTrace: unknown[];
  beforeAll(async () => {
    anvil = await startAnvilSession(deployment);
    anvilTrace = await lifecycle(anvil);
    memoryTrace = await lifecycle(await startMemorySession(deployment));
  }, 120_000);
  afterAll(async () => {
    await anvil?.stop();
  });

  it("change the protocol after the vote and the timelock, and revert past their bounds by name", () => {
    expect(anvilTrace[0]).toEqual(["agent-0 setTake success"]);
    expect(anvilTrace[1]).toEqual(Array(5).fill("driver queue success"));
    expect(anvilTrace[2]).toMatchObject({
      revealDelayEpochs: 1,
      takeCeilingBps: 5_000,
      epochEmission: 10n * TOKEN,
    });
    expect(anvilTrace[3]).toEqual([
      "driver execute success",
      "driver execute InvalidParams",
      "driver execute TakeCeilingTooHigh",
      "driver execute EmissionOutOfBounds",
      "driver execute EmissionOutOfBounds",
    ]);
    expect(anvilTrace[4]).toMatchObject({
      revealDelayEpochs: 3,
      takeCeilingBps: 1_000,
      epochEmission: 20n * TOKEN,
    });
    expect(anvilTrace[5]).toBe(3);
    expect(anvilTrace[6]).toEqual([1_000, 1_000, 1_000]);
    expect(anvilTrace[7]).toEqual(["agent-1 setTake TakeTooHigh", "agent-2 setTake success"]);
    expect(anvilTrace[8]).toEqual([1_000, 1_000, 500]);
    expect(anvilTrace[9]).toBe(20n * TOKEN);
  });

  it("the memory protocol gives the same outcomes and reads", () => {
    expect(memoryTrace).toEqual(anvilTrace);
  });

  it("only the timelock may call them", async () => {
    const client = createPublicClient({ transport: http(anvil.rpcUrl) });
    const [driver] = deriveAccounts(deployment.seed, 1, { label: "driver" });
    const { registry, staking, emission, timelock } = anvil.addresses;
    const calls = [
      { address: registry, abi: governedRevealRegistryAbi, functionName: "setRevealDelay", args: [0, 2] },
      { address: staking, abi: governedStakingAbi, functionName: "setTakeCeiling", args: [2_000] },
      { address: emission, abi: governedEmissionAbi, functionName: "setEpochEmission", args: [5n * TOKEN] },
    ] as const;
    for (const call of calls) {
      for (const account of [driver.address, anvil.agentAddresses[0], anvil.addresses.governor]) {
        await expect(
          client.simulateContract({ ...call, account } as Parameters<typeof client.simulateContract>[0]),
        ).rejects.toThrow(/NotParameterAdmin/);
      }
      await expect(
        client.simulateContract({ ...call, account: timelock } as Parameters<
          typeof client.simulateContract
        >[0]),
      ).resolves.toBeDefined();
    }
  });
});
