import {
  type Abi,
  type Address,
  decodeErrorResult,
  encodeDeployData,
  encodeFunctionData,
  type Hex,
  parseUnits,
} from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { voteBribeEscrowAbi, voteBribeEscrowBytecode } from "../contracts/generated/index.ts";
import { deriveAccounts } from "../sim/chain/deriveAccounts.ts";
import { fetchRevertData } from "../sim/chain/fetchRevertData.ts";
import { fundAccounts } from "../sim/chain/fundAccounts.ts";
import { sendAndMine } from "../sim/chain/sendAndMine.ts";
import { type AnvilSession, startAnvilSession } from "../sim/chain/session/startAnvilSession.ts";
import { signCalls } from "../sim/chain/signCalls.ts";
import { type ChainHandle, startChain } from "../sim/chain/startChain.ts";
import { type MemorySession, startMemorySession } from "../sim/protocol/memory/startMemorySession.ts";
import type { ProtocolDeployment } from "../sim/protocol/protocolDeployment.ts";
import type { BribeCall, PhaseResult, SessionAgent, VoteSupport } from "../sim/protocol/protocolSession.ts";
import { compileReentrantBribeAttacker } from "./fixtures/chain/reentrantBribeAttacker.ts";

const TOKEN = parseUnits("1", 18);

/** Five agents with 100 tokens each; the vote opens 1 block after a proposal and lasts 4; a bribe
 * escrow beside the Governor. */
const deployment = (counting: "simple" | "quadratic"): ProtocolDeployment => ({
  seed: 31,
  agents: 5,
  emissionPerEpoch: 10n * TOKEN,
  genesis: [100n * TOKEN, 100n * TOKEN, 100n * TOKEN, 100n * TOKEN, 400n * TOKEN],
  subnet: { ownerBps: 0, minerBps: 5_000, validatorBps: 5_000 },
  governance: {
    votingDelayBlocks: 1,
    votingPeriodBlocks: 4,
    proposalThresholdWei: 0n,
    quorumBps: 1_000,
    timelockDelayBlocks: 1,
    counting,
    bribes: true,
  },
});

const outcomes = (r: PhaseResult) => ({
  calls: r.outcomes.map((o) => `${o.agent} ${o.functionName} ${o.error ?? o.status}`),
  block: r.block,
});

/**
 * A vote buyer's bribes through the escrow, step by step, every way of draining it tried; returns what
 * it saw at every step, so the memory protocol's trace can be compared with the contracts'.
 * agent-0 buys votes for proposal 0 from agents 1..3 (10 tokens each); agent-1 votes for, agent-2
 * against, agent-3 not at all; agent-4 (400 tokens) votes against.
 */
async function bribery(s: AnvilSession | MemorySession): Promise<unknown[]> {
  const trace: unknown[] = [];
  const see = (x: unknown) => trace.push(x);
  const agents: SessionAgent[] = s.agentAddresses.map((address, i) => ({ agent: `agent-${i}`, address }));
  const [buyer, a1, a2, a3, a4] = agents;
  const tick = () => s.delegateVotes([]);
  const bribes = async (calls: BribeCall[]) => see(outcomes(await s.submitBribes(calls)));
  const offer = (holders: SessionAgent[], amounts: bigint[], support: VoteSupport = 1): BribeCall => ({
    kind: "offer",
    from: buyer,
    proposal: 0,
    support,
    holders: holders.map((h) => h.address),
    amounts,
  });
  see(outcomes(await s.registerAll(agents)));
  see(outcomes(await s.delegateVotes(agents.map((a) => ({ ...a, delegatee: a.address })))));
  const proposed = await s.propose([
    {
      proposer: buyer,
      changes: { emissionSplit: { ownerBps: 0, minerBps: 2_000, validatorBps: 8_000 } },
      description: "validators take 80 %",
    },
  ]);
  see(outcomes(proposed));
  // Offers that must fail, then the real one (30 tokens escrowed).
  await bribes([
    offer([a1], [10n * TOKEN]), // no allowance yet
    { kind: "approve", from: buyer, amount: 30n * TOKEN },
    offer([], []),
    offer([a1, a2], [10n * TOKEN]),
    offer([a1], [10n * TOKEN], 3 as VoteSupport),
    offer([a1, a2], [10n * TOKEN, 0n]),
    offer([a1, a1], [10n * TOKEN, 10n * TOKEN]),
    offer([a1, a2, a3], [10n * TOKEN, 10n * TOKEN, 10n * TOKEN]),
  ]);
  see(await s.readBribeBooks());
  // Before anyone voted: no claim without a vote, no claim by a holder not offered, no unknown
  // offer, no refund before the vote is over, none by anyone but the buyer.
  await bribes([
    { kind: "claim", from: a1, offer: 0 },
    { kind: "claim", from: a4, offer: 0 },
    { kind: "claim", from: a1, offer: 7 },
    { kind: "refund", from: buyer, offer: 0 },
    { kind: "refund", from: a1, offer: 0 },
  ]);
  see(
    outcomes(
      await s.castVotes(0, [
        { ...a1, support: 1 },
        { ...a2, support: 0 },
        { ...a4, support: 0 },
      ]),
    ),
  );
  // a1 voted for: paid once. a2 voted against: nothing. a3 did not vote: nothing.
  await bribes([
    { kind: "claim", from: a1, offer: 0 },
    { kind: "claim", from: a1, offer: 0 },
    { kind: "claim", from: a2, offer: 0 },
    { kind: "claim", from: a3, offer: 0 },
    { kind: "refund", from: buyer, offer: 0 },
  ]);
  see(await s.readBribeBooks());
  see(await s.readProposal(0));
  for (let i = 0; i < 3; i++) await tick();
  see(await s.readProposal(0));
  // The vote is over: no new offer on it; the buyer takes back a2's and a3's 20 tokens, once.
  await bribes([
    { kind: "approve", from: buyer, amount: 10n * TOKEN },
    offer([a3], [10n * TOKEN]),
    { kind: "refund", from: a2, offer: 0 },
    { kind: "refund", from: buyer, offer: 0 },
    { kind: "refund", from: buyer, offer: 0 },
    { kind: "claim", from: a3, offer: 0 },
    { kind: "claim", from: a1, offer: 0 },
  ]);
  see(await s.readBribeBooks());
  see(await s.readBalances(s.agentAddresses));
  return trace;
}

describe("VoteBribeEscrow: a vote buyer's escrowed bribes, on Anvil and in memory alike", () => {
  let anvil: AnvilSession;
  let anvilTrace: unknown[];
  let memoryTrace: unknown[];
  beforeAll(async () => {
    anvil = await startAnvilSession(deployment("simple"));
    anvilTrace = await bribery(anvil);
    memoryTrace = await bribery(await startMemorySession(deployment("simple")));
  }, 120_000);
  afterAll(async () => {
    await anvil?.stop();
  });

  it("pays a holder once, only for a matching recorded vote, and refunds the rest after the vote", () => {
    const calls = (i: number) => (anvilTrace[i] as { calls: string[] }).calls;
    expect(calls(3)).toEqual([
      "agent-0 offer ERC20InsufficientAllowance",
      "agent-0 approve success",
      "agent-0 offer EmptyOffer",
      "agent-0 offer LengthMismatch",
      "agent-0 offer InvalidSupport",
      "agent-0 offer ZeroBribe",
      "agent-0 offer DuplicateHolder",
      "agent-0 offer success",
    ]);
    expect(anvilTrace[4]).toEqual({ balance: 30n * TOKEN, totalEscrowed: 30n * TOKEN, offers: 1 });
    expect(calls(5)).toEqual([
      "agent-1 claim NotVoted",
      "agent-4 claim NoBribe",
      "agent-1 claim UnknownOffer",
      "agent-0 refund VoteNotOver",
      "agent-1 refund NotBuyer",
    ]);
    expect(calls(6)).toEqual([
      "agent-1 castVote success",
      "agent-2 castVote success",
      "agent-4 castVote success",
    ]);
    expect(calls(7)).toEqual([
      "agent-1 claim success",
      "agent-1 claim AlreadyClaimed",
      "agent-2 claim VoteMismatch",
      "agent-3 claim NotVoted",
      "agent-0 refund VoteNotOver",
    ]);
    expect(anvilTrace[8]).toEqual({ balance: 20n * TOKEN, totalEscrowed: 20n * TOKEN, offers: 1 });
    expect((anvilTrace[9] as { state: string }).state).toBe("Active");
    expect((anvilTrace[10] as { state: string }).state).toBe("Defeated");
    expect(calls(11)).toEqual([
      "agent-0 approve success",
      "agent-0 offer VotingClosed",
      "agent-2 refund NotBuyer",
      "agent-0 refund success",
      "agent-0 refund NothingToRefund",
      "agent-3 claim NoBribe",
      "agent-1 claim AlreadyClaimed",
    ]);
    expect(anvilTrace[12]).toEqual({ balance: 0n, totalEscrowed: 0n, offers: 1 });
    // The buyer paid 10 (to agent-1) of the 30 it escrowed; nobody else gained or lost a wei.
    expect(anvilTrace[13]).toEqual([90n * TOKEN, 110n * TOKEN, 100n * TOKEN, 100n * TOKEN, 400n * TOKEN]);
  });

  it("the memory protocol gives the same outcomes, blocks and reads at every step", () => {
    expect(memoryTrace).toEqual(anvilTrace);
  });
});

describe("VoteBribeEscrow on Anvil: a token that re-enters the escrow while it pays", () => {
  let chain: ChainHandle;
  afterAll(async () => chain?.stop());

  it("reverts a claim and a refund that re-enter (ReentrancyGuard), and keeps the escrow whole", async () => {
    chain = await startChain();
    const [eoa] = deriveAccounts(31, 1, { label: "attacker" });
    await fundAccounts(chain, [eoa.address]);
    const attacker = compileReentrantBribeAttacker();
    const abi = attacker.abi as Abi;
    const deploy = async (data: Hex) => {
      const mined = await sendAndMine(chain, [
        await signCalls(chain, [{ account: eoa, to: null, data, gas: 5_000_000n }]),
      ]);
      return mined.receipts[0].contractAddress as Address;
    };
    const evil = await deploy(encodeDeployData({ abi, bytecode: attacker.bytecode }));
    const escrow = await deploy(
      encodeDeployData({ abi: voteBribeEscrowAbi, bytecode: voteBribeEscrowBytecode, args: [evil, evil] }),
    );
    const call = async (functionName: string, args: unknown[] = []) => {
      const data = encodeFunctionData({ abi, functionName, args } as never);
      const mined = await sendAndMine(chain, [
        await signCalls(chain, [{ account: eoa, to: evil, data, gas: 3_000_000n }]),
      ]);
      if (mined.receipts[0].status === "0x1") return "success";
      const [revert] = await fetchRevertData(chain, [mined.txHashes[0]]);
      return decodeErrorResult({ abi: voteBribeEscrowAbi, data: revert as Hex }).errorName;
    };
    const books = () =>
      Promise.all(
        (["totalEscrowed", "offerCount"] as const).map((functionName) =>
          chain.publicClient.readContract({ address: escrow, abi: voteBribeEscrowAbi, functionName }),
        ),
      );
    expect(await call("setEscrow", [escrow])).toBe("success");
    expect(await call("offerToSelf")).toBe("success");
    expect(await books()).toEqual([10n ** 18n, 1n]);
    // Its ballot matches: the claim pays, and the payout re-enters claim.
    expect(await call("claimReentering")).toBe("ReentrancyGuardReentrantCall");
    expect(await books()).toEqual([10n ** 18n, 1n]);
    // Its ballot does not match and the vote is over: the refund pays, and the payout re-enters refund.
    expect(await call("setVoted", [false])).toBe("success");
    expect(await call("setDeadline", [0n])).toBe("success");
    expect(await call("refundReentering")).toBe("ReentrancyGuardReentrantCall");
    expect(await books()).toEqual([10n ** 18n, 1n]);
    expect(
      await chain.publicClient.readContract({
        address: escrow,
        abi: voteBribeEscrowAbi,
        functionName: "bribeOf",
        args: [0n, evil],
      }),
    ).toBe(10n ** 18n);
  }, 120_000);
});

/** Four holders of 100 vote for, one of 400 against: 400 against 400 under simple counting (defeated),
 * 4 × √100 = 40 against √400 = 20 under quadratic counting (passes); the quorum counts the votes. */
async function quadraticVote(s: AnvilSession | MemorySession): Promise<unknown[]> {
  const agents: SessionAgent[] = s.agentAddresses.map((address, i) => ({ agent: `agent-${i}`, address }));
  await s.registerAll(agents);
  await s.delegateVotes(agents.map((a) => ({ ...a, delegatee: a.address })));
  await s.propose([{ proposer: agents[0], changes: { slashBps: 2_000 }, description: "slash 20 %" }]);
  await s.delegateVotes([]);
  const votes = await s.castVotes(
    0,
    agents.map((a, i) => ({ ...a, support: (i < 4 ? 1 : 0) as VoteSupport })),
  );
  for (let i = 0; i < 4; i++) await s.delegateVotes([]);
  return [outcomes(votes), await s.readProposal(0)];
}

describe("GovernorCountingBallots: quadratic counting, on Anvil and in memory alike", () => {
  it("counts each ballot by the square root of its votes, the quorum by the votes", async () => {
    const anvil = await startAnvilSession(deployment("quadratic"));
    try {
      const trace = await quadraticVote(anvil);
      expect(trace[1]).toMatchObject({
        state: "Succeeded",
        forVotes: 40n * TOKEN,
        againstVotes: 20n * TOKEN,
        quorum: 80n * TOKEN,
      });
      expect(await quadraticVote(await startMemorySession(deployment("quadratic")))).toEqual(trace);
      const simple = await quadraticVote(await startMemorySession({ ...deployment("simple") }));
      expect(simple[1]).toMatchObject({
        state: "Defeated",
        forVotes: 400n * TOKEN,
        againstVotes: 400n * TOKEN,
      });
    } finally {
      await anvil.stop();
    }
  }, 120_000);
});
