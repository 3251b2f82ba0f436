import { parseUnits } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnvilSession, startAnvilSession } from "../sim/chain/session/startAnvilSession.ts";
import { postTaskBatches, taskBatches } from "../sim/engine/taskMarket.ts";
import type { WeightSubmission } from "../sim/protocol/protocolSession.ts";

const TOKEN = parseUnits("1", 18);
const SLASH_BPS = 1_500;

/**
 * The session's task-market and slashing calls on a real Anvil with the real contracts, in wei:
 * uid 0 and 1 are validators (1,000 and 700 tokens staked), uid 2 and 3 miners (uid 3 with 50 tokens
 * of collateral), two users with 100 tokens each.
 */
describe("session: mismatch proofs, owner slashes and the task market, exact in wei", () => {
  let session: AnvilSession;
  const stake = [1_000n * TOKEN, 700n * TOKEN, 0n, 50n * TOKEN];
  const agents = () => session.agentAddresses.map((address, uid) => ({ agent: `agent-${uid}`, address }));
  const submission = (uid: number, weights: number[], salt: `0x${string}`): WeightSubmission => ({
    ...agents()[uid],
    uids: [2, 3],
    weights,
    salt,
  });

  beforeAll(async () => {
    session = await startAnvilSession({
      seed: 11,
      agents: 4,
      emissionPerEpoch: 100n * TOKEN,
      genesis: stake,
      users: [100n * TOKEN, 100n * TOKEN],
      subnet: { slashBps: SLASH_BPS, revealDelayEpochs: 0 },
    });
    await session.registerAll(agents());
    await session.stakeGenesis(
      stake.flatMap((amount, uid) => (amount > 0n ? [{ ...agents()[uid], uid, amount }] : [])),
    );
  });
  afterAll(async () => {
    await session?.stop();
  });

  it("slashes exactly slashBps of a mismatched revealer's pool and of a flagged miner's, burned; never an honest validator", async () => {
    await session.openEpoch(0, [0, 1]);
    const honest = submission(0, [65535, 1000], `0x${"11".repeat(32)}`);
    const committed = submission(1, [65535, 2000], `0x${"22".repeat(32)}`);
    const switched = { ...committed, weights: [0, 65535] };
    const commits = await session.commitWeights(0, [honest, committed]);
    expect(commits.outcomes.map((o) => o.status)).toEqual(["success", "success"]);
    const reveals = await session.revealWeights(0, [honest, switched]);
    expect(reveals.outcomes.map((o) => o.error ?? o.status)).toEqual(["success", "RevealMismatch"]);

    const mismatches = await session.findMismatches(0, [
      { uid: 0, submission: honest },
      { uid: 1, submission: switched },
    ]);
    expect(mismatches.map((m) => m.uid)).toEqual([1]);

    const [stakesBefore, supplyBefore] = await Promise.all([session.readStakes(), session.readTotalSupply()]);
    const result = await session.slash(0, mismatches, [
      { uid: 3, hotkey: (await session.readUids()).hotkeys[3] },
    ]);
    expect(result.outcomes.map((o) => `${o.agent}:${o.functionName}:${o.status}`)).toEqual([
      "watcher:proveMismatch:success",
      "governance:slashByOwner:success",
    ]);
    const [stakesAfter, supplyAfter] = await Promise.all([session.readStakes(), session.readTotalSupply()]);
    const expected = stakesBefore.map((s, uid) =>
      uid === 1 || uid === 3 ? (s * BigInt(SLASH_BPS)) / 10_000n : 0n,
    );
    expect(stakesBefore.map((s, uid) => s - stakesAfter[uid])).toEqual(expected);
    expect(expected[1]).toBe(105n * TOKEN);
    expect(supplyBefore - supplyAfter).toBe(expected[1] + expected[3]);

    // The same proof again, or a "proof" of the honest validator's matching payload, reverts.
    const again = await session.slash(0, [...mismatches, { uid: 0, submission: honest }], []);
    expect(again.outcomes.map((o) => o.error)).toEqual(["AlreadySlashed", "NotAMismatch"]);
    expect((await session.readStakes())[0]).toBe(stake[0]);
  });

  it("releases escrow with the payout ∝ incentive and dividends, refunds a failed epoch, and the books balance", async () => {
    const users = session.userAddresses;
    const balancesBefore = await session.readBalances(users);
    await session.openEpoch(1, [0, 1]);
    const posted = await session.postTasks(1, taskBatches({ users: 2, feeWei: 10n * TOKEN }, 5));
    expect(posted.outcomes.every((o) => o.status === "success")).toBe(true);
    const from = posted.block + 1n;
    // Emission split 50/50 (session default): miners 3:1 by incentive, validator 0 all dividends.
    await session.distributeEmission(1, [0, 0, 0.75, 0.25], [1, 0, 0, 0]);
    const paid = await session.readMarketSettlement(1, from);
    expect(paid.released).toBe(20n * TOKEN);
    expect(paid.refunded).toBe(0n);
    const fees = session.agentAddresses.map((a) => paid.paidTo.get(a.toLowerCase()) ?? 0n);
    expect(fees).toEqual([10n * TOKEN, 0n, (15n * TOKEN) / 2n, (5n * TOKEN) / 2n]);
    expect(await session.isEpochSettled(1)).toBe(true);

    await session.openEpoch(2, [0, 1]);
    const posted2 = await session.postTasks(2, taskBatches({ users: 2, feeWei: 10n * TOKEN }, 5));
    expect(await session.isEpochSettled(2)).toBe(false);
    await session.failEpoch(2);
    const refunded = await session.readMarketSettlement(2, posted2.block + 1n);
    expect([refunded.released, refunded.refunded]).toEqual([0n, 20n * TOKEN]);
    const balancesAfter = await session.readBalances(users);
    expect(balancesBefore.map((b, i) => b - balancesAfter[i])).toEqual([10n * TOKEN, 10n * TOKEN]);

    // A user who cannot pay is a recorded revert, and its fee is not counted as escrowed.
    await session.openEpoch(3, [0, 1]);
    const broke = await postTaskBatches(session, { users: 2, feeWei: 95n * TOKEN }, 3, 4);
    expect(broke.result?.outcomes.map((o) => o.error ?? o.status)).toEqual([
      "ERC20InsufficientBalance",
      "ERC20InsufficientBalance",
    ]);
    expect(broke.escrowedWei).toBe(0n);

    const books = await session.readSupplyBooks();
    expect(books.accountBalances + books.totalStaked + books.totalUnbonding + books.totalEscrow).toBe(
      books.totalSupply,
    );
    expect(books.totalBurned).toBeGreaterThan(0n);
  });
});
