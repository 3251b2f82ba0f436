import { describe, expect, it } from "vitest";
import { startAnvilSession } from "../sim/chain/session/startAnvilSession.ts";
import { startMemorySession } from "../sim/protocol/memory/startMemorySession.ts";
import type { ProtocolDeployment } from "../sim/protocol/protocolDeployment.ts";
import type { ProtocolSession } from "../sim/protocol/protocolSession.ts";

const TOKEN = 10n ** 18n;
const COOLDOWN = 5;
const deployment: ProtocolDeployment = {
  seed: 27,
  agents: 2,
  emissionPerEpoch: 100n * TOKEN,
  genesis: [100n * TOKEN, 100n * TOKEN],
  delegators: [50n * TOKEN],
  unstakeCooldownBlocks: COOLDOWN,
  defaultTakeBps: 1_800,
  maxTakeBps: 3_000,
};

/** The same script on a session: what each step returned (outcome names, blocks, reads). */
async function script(s: ProtocolSession) {
  const agents = s.agentAddresses.map((address, i) => ({ agent: `agent-${i}`, address }));
  const d = { agent: "delegator-0", address: s.delegatorAddresses[0] };
  const v = agents[0];
  const seen: unknown[] = [];
  const names = (r: { outcomes: { error?: string; status: string }[]; block: bigint }) => ({
    calls: r.outcomes.map((o) => o.error ?? o.status),
    block: r.block,
  });
  const position = async () => (await s.readStakePositions([{ staker: d.address, hotkey: v.address }]))[0];
  await s.registerAgents(agents);
  seen.push(
    names(await s.moveStake([{ ...d, kind: "stake", uid: 0, hotkey: v.address, amount: 50n * TOKEN }])),
  );
  seen.push(await position());
  const unstake = await s.moveStake([{ ...d, kind: "unstake", hotkey: v.address, amount: 20n * TOKEN }]);
  seen.push(names(unstake), await position());
  // Blocks up to release - 1: still cooling down; at the release block it withdraws.
  for (let b = unstake.block + 1n; b < unstake.block + BigInt(COOLDOWN) - 1n; b++) await s.moveStake([]);
  seen.push(names(await s.moveStake([{ ...d, kind: "withdraw", hotkey: v.address }])));
  seen.push(names(await s.moveStake([{ ...d, kind: "withdraw", hotkey: v.address }])));
  seen.push(await position(), await s.readBalances([d.address]));
  // Takes: above the maximum, a step too large, a raise that waits 50 blocks (read at the latest
  // block: still the old take at raise + 49, the new one at raise + 50), a cut at once.
  const take = (bps: number) => s.moveStake([{ ...v, kind: "setTake", bps }]);
  seen.push(names(await take(3_100)), names(await take(2_400)));
  const raise = await take(2_300);
  seen.push(names(raise), await s.readTakes([v.address]));
  for (let b = raise.block + 1n; b < raise.block + 50n; b++) await s.moveStake([]);
  seen.push(await s.readTakes([v.address]));
  await s.moveStake([]);
  seen.push(await s.readTakes([v.address]));
  seen.push(names(await take(500)), await s.readTakes([v.address]));
  return seen;
}

/**
 * Stake moves step by step on a real Anvil and in memory: the cooldown's last block and the release
 * block, the take's maximum, its step, a raise in force exactly 50 blocks later and a cut at once.
 */
describe("moveStake: cooldown and take bounds, on Anvil and in memory", () => {
  it("withdraws at the release block (not before) and raises a take 50 blocks after it is asked", async () => {
    const anvil = await startAnvilSession(deployment);
    let expected: unknown[];
    try {
      expected = await script(anvil);
    } finally {
      await anvil.stop();
    }
    const [
      staked,
      position,
      unstaked,
      afterUnstake,
      early,
      onTime,
      afterWithdraw,
      balance,
      high,
      step,
      raise,
      before,
      lastWait,
      inForce,
      cut,
      afterCut,
    ] = expected as never[];
    expect((staked as { calls: string[] }).calls).toEqual(["success"]);
    expect((position as { stake: bigint }).stake).toBe(50n * TOKEN);
    expect((unstaked as { calls: string[] }).calls).toEqual(["success"]);
    expect(afterUnstake).toMatchObject({ stake: 30n * TOKEN, unbonding: 20n * TOKEN });
    expect((afterUnstake as { releaseBlock: bigint }).releaseBlock).toBe(
      (unstaked as { block: bigint }).block + 5n,
    );
    expect((early as { calls: string[] }).calls).toEqual(["StillCoolingDown"]);
    expect((onTime as { calls: string[] }).calls).toEqual(["success"]);
    expect((onTime as { block: bigint }).block).toBe((unstaked as { block: bigint }).block + 5n);
    expect(afterWithdraw).toMatchObject({ stake: 30n * TOKEN, unbonding: 0n });
    expect(balance).toEqual([20n * TOKEN]);
    expect((high as { calls: string[] }).calls).toEqual(["TakeTooHigh"]);
    expect((step as { calls: string[] }).calls).toEqual(["TakeStepTooLarge"]);
    expect((raise as { calls: string[] }).calls).toEqual(["success"]);
    expect(before).toEqual([1_800]);
    expect(lastWait).toEqual([1_800]);
    expect(inForce).toEqual([2_300]);
    expect((cut as { calls: string[] }).calls).toEqual(["success"]);
    expect(afterCut).toEqual([500]);

    const memory = await startMemorySession(deployment);
    expect(await script(memory)).toEqual(expected);
  }, 120_000);
});
