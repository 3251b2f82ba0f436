import { createPublicClient, http, parseUnits } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { governedSubnetRegistryAbi } from "../contracts/generated/index.ts";
import { deriveAccounts } from "../sim/chain/deriveAccounts.ts";
import { type AnvilSession, startAnvilSession } from "../sim/chain/session/startAnvilSession.ts";
import { type MemorySession, startMemorySession } from "../sim/protocol/memory/startMemorySession.ts";
import type { ProtocolDeployment } from "../sim/protocol/protocolDeployment.ts";
import type { VoteSupport } from "../sim/protocol/protocolSession.ts";

const TOKEN = parseUnits("1", 18);

/** Four agents with 100, 100, 100 and 250 tokens; quorum 20 % of the supply; the vote opens 2 blocks
 * after a proposal and lasts 6; the timelock waits 3 blocks. */
const deployment: ProtocolDeployment = {
  seed: 23,
  agents: 4,
  emissionPerEpoch: 10n * TOKEN,
  genesis: [100n * TOKEN, 100n * TOKEN, 100n * TOKEN, 250n * TOKEN],
  subnet: { ownerBps: 0, minerBps: 5_000, validatorBps: 5_000, slashBps: 1_000 },
  governance: {
    votingDelayBlocks: 2,
    votingPeriodBlocks: 6,
    proposalThresholdWei: 50n * TOKEN,
    quorumBps: 2_000,
    timelockDelayBlocks: 3,
  },
};

/** What both implementations must agree on: each call's status, error and block. */
const outcomes = (r: {
  outcomes: { agent: string; functionName: string; status: string; error?: string }[];
  block: bigint;
}) => ({
  calls: r.outcomes.map((o) => `${o.agent} ${o.functionName} ${o.error ?? o.status}`),
  block: r.block,
});

/**
 * The proposal lifecycle on one session, step by step; returns what it saw at every step, so the
 * memory protocol's trace can be compared with the contracts' on Anvil.
 */
async function lifecycle(s: AnvilSession | MemorySession): Promise<unknown[]> {
  const trace: unknown[] = [];
  const see = (x: unknown) => trace.push(x);
  const agents = s.agentAddresses.map((address, i) => ({ agent: `agent-${i}`, address }));
  const tick = () => s.delegateVotes([]); // one empty block
  see(outcomes(await s.registerAll(agents)));
  // agent-3 does not delegate: its 250 tokens do not vote.
  see(outcomes(await s.delegateVotes(agents.slice(0, 3).map((a) => ({ ...a, delegatee: a.address })))));
  see(await s.readVotes(s.agentAddresses));

  const proposed = await s.propose([
    {
      proposer: agents[0],
      changes: { emissionSplit: { ownerBps: 1_000, minerBps: 6_000, validatorBps: 3_000 } },
      description: "more to miners",
    },
    { proposer: agents[1], changes: { slashBps: 3_000 }, description: "slash harder" },
    {
      proposer: agents[2],
      changes: { emissionSplit: { ownerBps: 1_000, minerBps: 1_000, validatorBps: 1_000 } },
      description: "a split out of bounds",
    },
    { proposer: agents[3], changes: { slashBps: 0 }, description: "no votes: under the threshold" },
  ]);
  see({ ...outcomes(proposed), proposals: proposed.proposals });
  const [split, slash, broken] = [0, 1, 2];
  see(await s.readProposal(split)); // Pending
  const vote = (n: number, supports: VoteSupport[]) =>
    s.castVotes(
      n,
      supports.map((support, i) => ({ ...agents[i], support })),
    );
  see(outcomes(await vote(split, [1]))); // too early: GovernorUnexpectedProposalState
  // In the snapshot block agent-3 delegates (its 250 count at the snapshot); in the block after it
  // agent-2 moves its votes to agent-0 (too late: each still votes 100).
  see(outcomes(await s.delegateVotes([{ ...agents[3], delegatee: agents[3].address }])));
  see(outcomes(await s.delegateVotes([{ ...agents[2], delegatee: agents[0].address }])));
  see(await s.readProposal(split)); // Active
  see(outcomes(await vote(split, [1, 1, 0])));
  see(outcomes(await vote(split, [1]))); // GovernorAlreadyCastVote
  see(outcomes(await vote(slash, [0, 0, 1])));
  see(outcomes(await vote(broken, [1, 1, 1])));
  see(outcomes(await s.queueProposals([split]))); // still Active
  for (let i = 0; i < 3; i++) await tick();
  for (const n of [split, slash, broken]) see(await s.readProposal(n));
  see(await s.readSnapshotVotes(split, s.agentAddresses));
  see(outcomes(await s.queueProposals([split, slash, broken]))); // slash: Defeated
  see(outcomes(await s.executeProposals([split]))); // timelock not ready
  await tick();
  see(await s.readGovernedParams());
  see(outcomes(await s.executeProposals([split, broken]))); // broken: InvalidParams
  see(await s.readGovernedParams());
  see({ split: s.emissionSplitBps, slashBps: s.slashBps });
  for (const n of [split, slash, broken]) see(await s.readProposal(n));
  see(await s.readVotes(s.agentAddresses));
  return trace;
}

describe("governance: the Governor, the votes token and the timelock, on Anvil and in memory alike", () => {
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

  it("a passed proposal changes the parameter only after the timelock delay; a defeated one never", () => {
    const proposals = anvilTrace[3] as { calls: string[]; proposals: (number | null)[] };
    expect(proposals.calls).toEqual([
      "agent-0 propose success",
      "agent-1 propose success",
      "agent-2 propose success",
      "agent-3 propose GovernorInsufficientProposerVotes",
    ]);
    expect(proposals.proposals).toEqual([0, 1, 2, null]);
    const states = (from: number) => [0, 1, 2].map((i) => (anvilTrace[from + i] as { state: string }).state);
    expect((anvilTrace[4] as { state: string }).state).toBe("Pending");
    expect((anvilTrace[5] as { calls: string[] }).calls).toEqual([
      "agent-0 castVote GovernorUnexpectedProposalState",
    ]);
    expect((anvilTrace[8] as { state: string }).state).toBe("Active");
    expect((anvilTrace[10] as { calls: string[] }).calls).toEqual([
      "agent-0 castVote GovernorAlreadyCastVote",
    ]);
    expect(states(14)).toEqual(["Succeeded", "Defeated", "Succeeded"]);
    expect((anvilTrace[18] as { calls: string[] }).calls).toEqual([
      "driver queue success",
      "driver queue GovernorUnexpectedProposalState",
      "driver queue success",
    ]);
    expect((anvilTrace[19] as { calls: string[] }).calls).toEqual([
      "driver execute TimelockUnexpectedOperationState",
    ]);
    const before = anvilTrace[20] as { minerBps: number; slashBps: number };
    expect(before).toMatchObject({ ownerBps: 0, minerBps: 5_000, validatorBps: 5_000, slashBps: 1_000 });
    expect((anvilTrace[21] as { calls: string[] }).calls).toEqual([
      "driver execute success",
      "driver execute InvalidParams",
    ]);
    expect(anvilTrace[22]).toMatchObject({
      ownerBps: 1_000,
      minerBps: 6_000,
      validatorBps: 3_000,
      slashBps: 1_000,
    });
    expect(anvilTrace[23]).toEqual({
      split: { owner: 1_000, miners: 6_000, validators: 3_000 },
      slashBps: 1_000,
    });
    expect(states(24)).toEqual(["Executed", "Defeated", "Queued"]);
    // Votes are the delegated balances: agent-3 never delegated.
    expect(anvilTrace[2]).toEqual([100n * TOKEN, 100n * TOKEN, 100n * TOKEN, 0n]);
    // After agent-3 delegated to itself and agent-2 to agent-0 (both after the snapshot counted them).
    expect(anvilTrace[27]).toEqual([200n * TOKEN, 100n * TOKEN, 0n, 250n * TOKEN]);
    // for 200 ≥ quorum 20 % of 550 = 110, against 100.
    expect(anvilTrace[14]).toMatchObject({
      forVotes: 200n * TOKEN,
      againstVotes: 100n * TOKEN,
      quorum: 110n * TOKEN,
    });
  });

  it("the memory protocol gives the same outcomes, blocks and reads at every step", () => {
    expect(memoryTrace).toEqual(anvilTrace);
  });

  it("only the timelock may call the parameter setters", async () => {
    const client = createPublicClient({ transport: http(anvil.rpcUrl) });
    const [driver] = deriveAccounts(deployment.seed, 1, { label: "driver" });
    const registry = anvil.addresses.registry;
    const admin = await client.readContract({
      address: registry,
      abi: governedSubnetRegistryAbi,
      functionName: "parameterAdmin",
    });
    expect(admin).toBe(anvil.addresses.timelock);
    for (const account of [driver.address, anvil.agentAddresses[0], anvil.addresses.governor]) {
      await expect(
        client.simulateContract({
          account,
          address: registry,
          abi: governedSubnetRegistryAbi,
          functionName: "setSlashBps",
          args: [0, 2_000],
        }),
      ).rejects.toThrow(/NotParameterAdmin/);
    }
    // The timelock itself passes the check (the call would succeed from it).
    await expect(
      client.simulateContract({
        account: anvil.addresses.timelock,
        address: registry,
        abi: governedSubnetRegistryAbi,
        functionName: "setSlashBps",
        args: [0, 2_000],
      }),
    ).resolves.toBeDefined();
  });
});
