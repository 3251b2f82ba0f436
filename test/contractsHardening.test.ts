import { parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  commitHash,
  distributeCall,
  type PhaseCall,
  type Protocol,
  phaseCall,
  protocolAbis,
  readLedger,
  revealPayload,
  revealTypedData,
  submitPhase,
} from "../sim/chain/index.ts";
import { type ProtocolFixture, startProtocolFixture } from "./fixtures/chain/protocolFixture.ts";

/**
 * Regression tests for the contract findings of issue 17, each on a real Anvil and each failing on
 * the contracts before the fix (main at 6cab67e): locked task fees (6), unbounded owner slashing (7),
 * slashing dodged by unstaking and proofs without a deadline (8), mismatch proofs replayed across
 * deployments (9), a refund loop that outgrows a block (10), and the low findings (11): a take raised
 * at once without bound, UID-addressed calls redirected by a registration ordered first, an unchecked
 * downcast in recordEmission.
 */
const FREE = { minBurn: 0n, maxBurn: 0n, initialBurn: 0n, immunityPeriod: 0n, maxUids: 8 };
const COOLDOWN = 20;
let f: ProtocolFixture;

const on = (world: Protocol, calls: readonly PhaseCall[]) => submitPhase(f.chain, world, calls);
const results = async (world: Protocol, calls: readonly PhaseCall[]) =>
  (await on(world, calls)).outcomes.map((o) => o.error ?? o.status);
const read = <T>(
  world: Protocol,
  contract: "staking" | "market" | "weights",
  functionName: string,
  args: unknown[],
) =>
  f.chain.publicClient.readContract({
    address: world.addresses[contract],
    abi: protocolAbis[contract],
    functionName,
    args,
  } as never) as Promise<T>;

beforeAll(async () => {
  f = await startProtocolFixture({
    agents: 8,
    worlds: 2,
    subnets: [FREE],
    deploy: { unstakeCooldownBlocks: COOLDOWN },
  });
  const a = f.agents;
  // In both deployments: UIDs 0..3 held by agents 0..3, each self-staked 100, a delegator (agent 6)
  // on UID 0; permits for 0 and 1; epoch 0 open.
  for (const world of f.worlds) {
    const reg = await on(
      world,
      [0, 1, 2, 3].map((i) => phaseCall(a[i], "registry", "register", [0, 2n ** 255n])),
    );
    expect(reg.reverted).toBe(0);
    const stake = await on(world, [
      ...[0, 1, 2, 3].map((i) =>
        phaseCall(a[i], "staking", "stake", [0, i, a[i].address, parseEther("100")]),
      ),
      phaseCall(a[6], "staking", "stake", [0, 0, a[0].address, parseEther("100")]),
      phaseCall(f.driver, "weights", "setPermits", [0, [0, 1]]),
      phaseCall(f.driver, "weights", "openEpoch", [0, 0n]),
    ]);
    expect(stake.reverted).toBe(0);
  }
});
afterAll(async () => f?.stop());

describe("finding 6: task fees are bound to an epoch that can still be settled", () => {
  it("refuses a batch for an epoch settled without fees, or too far past the settlement frontier", async () => {
    const w = f.worlds[0];
    const u = f.agents[7];
    const shares = [1n, 0n, 0n, 0n];
    // Epoch 3 is paid with no fees: on main the market never heard of it, so a later batch was
    // accepted and its fee locked for ever (nobody can release or refund a settled epoch).
    expect(await results(w, [distributeCall(f.driver, 0, 3n, shares, [0n, 0n, 0n, 0n], "driver")])).toEqual([
      "success",
    ]);
    const post = (epoch: bigint) => phaseCall(u, "market", "postTasks", [0, epoch, 4, parseEther("10")]);
    // Frontier is 4 now: epochs up to 4 + 16 are open for batches.
    expect(await results(w, [post(3n), post(20n), post(21n)])).toEqual([
      "EpochClosed",
      "success",
      "EpochTooFarAhead",
    ]);
    // A failed epoch without fees is closed too.
    expect(await results(w, [phaseCall(f.driver, "emission", "failEpoch", [0, 5n]), post(5n)])).toEqual([
      "success",
      "EpochClosed",
    ]);
    // The fee posted for epoch 20 is escrowed and still settles: failing 20 refunds it.
    const escrow = await read<bigint>(w, "market", "escrowOf", [0, 20n]);
    expect(escrow).toBe(parseEther("10"));
    expect(await results(w, [phaseCall(f.driver, "emission", "failEpoch", [0, 20n])])).toEqual(["success"]);
    const ledger = await readLedger(f.chain, w);
    expect(ledger.totalEscrow).toBe(0n);
  });
});

describe("finding 10: an epoch's refund fits in a block", () => {
  it("caps an epoch at MAX_BATCHES_PER_EPOCH batches and refunds the full epoch well under 30M gas", async () => {
    const w = f.worlds[0];
    const max = await read<bigint>(w, "market", "MAX_BATCHES_PER_EPOCH", []);
    expect(max).toBe(256n);
    const users = [f.agents[4], f.agents[5], f.agents[7]];
    const post = (i: number) => phaseCall(users[i % 3], "market", "postTasks", [0, 9n, 1, 1n], `u${i}`);
    const posted = await on(
      w,
      Array.from({ length: Number(max) + 1 }, (_, i) => post(i)),
    );
    const errors = posted.outcomes.map((o) => o.error ?? o.status);
    expect(errors.slice(0, Number(max)).every((e) => e === "success")).toBe(true);
    expect(errors[Number(max)]).toBe("EpochFull"); // on main: accepted (and ~2,600 of them outgrow a block)
    const refund = await on(w, [phaseCall(f.driver, "emission", "failEpoch", [0, 9n], "driver")]);
    expect(refund.outcomes[0].status).toBe("success");
    expect(refund.outcomes[0].gasUsed).toBeLessThan(15_000_000n);
  });
});

describe("findings 7 and 11: owner slashes are pinned and bounded; stakes are pinned", () => {
  it("slashes a hotkey at most once per open epoch, only the hotkey named, and stakes only on it", async () => {
    const w = f.worlds[0];
    const a = f.agents;
    const slash = (uid: number, hotkey = a[uid].address) =>
      phaseCall(f.owner, "staking", "slashByOwner", [0, uid, hotkey], "owner");
    // On main, 22 slashes in one block took a pool from 100 to 9.85.
    expect(await results(w, [slash(2), slash(2), slash(3, a[2].address)])).toEqual([
      "success",
      "AlreadySlashedThisEpoch",
      "HotkeyMismatch",
    ]);
    expect(await read<bigint>(w, "staking", "stakeOf", [0, a[2].address])).toBe(parseEther("90"));
    expect(await results(w, [phaseCall(f.driver, "weights", "openEpoch", [0, 10n]), slash(2)])).toEqual([
      "success",
      "success",
    ]);
    expect(await read<bigint>(w, "staking", "stakeOf", [0, a[2].address])).toBe(parseEther("81"));
    // A stake names the hotkey it means: a UID now held by someone else reverts, nothing moves.
    expect(
      await results(w, [phaseCall(a[5], "staking", "stake", [0, 3, a[2].address, parseEther("1")])]),
    ).toEqual(["HotkeyMismatch"]);
  });

  it("delays a take raise and bounds its step", async () => {
    const w = f.worlds[0];
    const v = f.agents[3];
    expect(
      await results(w, [
        phaseCall(v, "staking", "setTake", [0, 10_000]),
        phaseCall(v, "staking", "setTake", [0, 2_301]),
        phaseCall(v, "staking", "setTake", [0, 2_300]),
      ]),
    ).toEqual(["TakeStepTooLarge", "TakeStepTooLarge", "success"]);
    expect(await read<number>(w, "staking", "takeOf", [0, v.address])).toBe(1_800); // on main: 100% at once
    await f.mine(50);
    expect(await read<number>(w, "staking", "takeOf", [0, v.address])).toBe(2_300);
    // A cut takes effect at once.
    expect(await results(w, [phaseCall(v, "staking", "setTake", [0, 0])])).toEqual(["success"]);
    expect(await read<number>(w, "staking", "takeOf", [0, v.address])).toBe(0);
  });
});

describe("finding 8: unstaking does not dodge a slash; a proof has a deadline", () => {
  it("burns slashBps of the pool's unbonding part too, so the unstaker withdraws less", async () => {
    const w = f.worlds[0];
    const d = f.agents[6];
    const a0 = f.agents[0].address;
    expect(await results(w, [phaseCall(d, "staking", "unstake", [0, a0, parseEther("100")])])).toEqual([
      "success",
    ]);
    const [before] = await read<[bigint, bigint]>(w, "staking", "unbondingOf", [0, a0, d.address]);
    expect(before).toBe(parseEther("100"));
    expect(await results(w, [phaseCall(f.owner, "staking", "slashByOwner", [0, 0, a0], "owner")])).toEqual([
      "success",
    ]);
    const [after] = await read<[bigint, bigint]>(w, "staking", "unbondingOf", [0, a0, d.address]);
    expect(after).toBe(parseEther("90")); // on main: 100 (unbonding stake was out of reach)
    await f.mine(COOLDOWN);
    const balance = async () =>
      f.chain.publicClient.readContract({
        address: w.addresses.token,
        abi: protocolAbis.token,
        functionName: "balanceOf",
        args: [d.address],
      });
    const b0 = await balance();
    expect(await results(w, [phaseCall(d, "staking", "withdraw", [0, a0])])).toEqual(["success"]);
    expect((await balance()) - b0).toBe(parseEther("90"));
    const ledger = await readLedger(f.chain, w);
    expect(ledger.stakingBalance).toBe(ledger.totalStaked + ledger.totalUnbonding);
  });
});

describe("findings 8 and 9: mismatch proofs are EIP-712 typed, bound to one deployment, and expire", () => {
  it("a reveal signed for one deployment proves nothing in another; a proof after the window reverts", async () => {
    const v = f.agents[1];
    const [w0, w1] = f.worlds;
    const chainId = await f.chain.publicClient.getChainId();
    const epochOf = async (w: Protocol) => read<bigint>(w, "weights", "currentEpoch", [0]);
    const committed = { uids: [2, 3], weights: [1, 2], salt: `0x${"01".repeat(32)}` as const };
    const shown = { ...committed, weights: [2, 1] };
    const setups = [];
    for (const w of [w0, w1]) {
      const epoch = await epochOf(w);
      const h = commitHash({ netuid: 0, epoch, hotkey: v.address, ...committed });
      expect(await results(w, [phaseCall(v, "weights", "commit", [0, h])])).toEqual(["success"]);
      setups.push(epoch);
    }
    const sign = (w: Protocol, epoch: bigint) =>
      v.signTypedData(
        revealTypedData({
          chainId,
          weights: w.addresses.weights,
          netuid: 0,
          epoch,
          hotkey: v.address,
          ...revealPayload(shown),
        }),
      );
    const prove = (epoch: bigint, signature: `0x${string}`) =>
      phaseCall(f.outsider, "weights", "proveMismatch", [0, epoch, 1, revealPayload(shown), signature]);
    const forW0 = await sign(w0, setups[0]);
    // Replayed on the other deployment (same keys, same commitment): on main this slashed.
    expect(await results(w1, [prove(setups[1], forW0)])).toEqual(["BadSignature"]);
    expect(await results(w0, [prove(setups[0], forW0)])).toEqual(["success"]);
    // Past the window: open the epoch PROOF_WINDOW_EPOCHS + 1 later on w1, then prove with w1's own
    // signature.
    const window = await read<bigint>(w1, "weights", "PROOF_WINDOW_EPOCHS", []);
    expect(window).toBe(4n);
    const late = setups[1] + window + 1n;
    expect(
      await results(w1, [
        phaseCall(f.driver, "weights", "openEpoch", [0, late]),
        prove(setups[1], await sign(w1, setups[1])),
      ]),
    ).toEqual(["success", "ProofTooLate"]);
  });
});

describe("finding 11: recordEmission downcasts with SafeCast", () => {
  it("reverts an emission above 2^128 per UID instead of recording it truncated", async () => {
    const g = await startProtocolFixture({
      agents: 2,
      subnets: [FREE],
      deploy: { emissionPerEpoch: 2n ** 130n, supplyCap: 2n ** 200n },
    });
    try {
      const a = g.agents;
      expect(await g.results([phaseCall(a[0], "registry", "register", [0, 2n ** 255n])])).toEqual([
        "success",
      ]);
      // All of the miners' 41% to UID 0: ~2^128.7 wei, above uint128. On main: recorded mod 2^128.
      const r = await g.submit([distributeCall(g.driver, 0, 0n, [1n], [0n], "driver")]);
      expect(r.outcomes[0].error).toBe("SafeCastOverflowedUintDowncast");
    } finally {
      await g.stop();
    }
  });
});
