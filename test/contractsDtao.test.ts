import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDtaoAnvilSession } from "../sim/chain/dtao/startDtaoAnvilSession.ts";
import { type NetworkEconomy, runBlock } from "../sim/protocol/dtaoCoinbase.ts";
import { blockEmission, networkLockCost } from "../sim/protocol/dtaoEmission.ts";
import { buyAlpha, sellAlpha } from "../sim/protocol/dtaoPool.ts";
import { DEFAULT_DTAO_PARAMS, type DtaoDeployment, type DtaoSession } from "../sim/protocol/dtaoSession.ts";
import { WAD } from "../sim/protocol/dtaoUnits.ts";
import { accountingGaps } from "./fixtures/dtao/dtaoActions.ts";

const TAO = 10n ** 9n;
const GENESIS = 10_000n * TAO;
const deployment: DtaoDeployment = {
  seed: 5,
  agents: 6,
  genesisTao: GENESIS,
  params: { ...DEFAULT_DTAO_PARAMS, minLock: 1_000n * TAO, movingAlpha: WAD / 100n, emaHalvingBlocks: 100n },
};
let s: DtaoSession;
const outcomes = async (calls: Parameters<DtaoSession["submit"]>[0]) =>
  (await s.submit(calls)).map((o) => o.error ?? o.status);

beforeAll(async () => {
  s = await startDtaoAnvilSession(deployment);
});
afterAll(async () => s?.stop());

describe("DtaoNetwork on Anvil", () => {
  it("registers subnets: the lock seeds the pool at the median price, and each lock doubles the next", async () => {
    const before = await s.readNetwork();
    expect(before.lockCost).toBe(deployment.params.minLock);
    expect(
      await outcomes(
        [0, 1, 2].map((agent) => ({ kind: "registerSubnet" as const, agent, maxLock: 10n ** 30n })),
      ),
    ).toEqual(["success", "success", "success"]);
    const view = await s.readNetwork();
    const locks = [1_000n, 2_000n, 4_000n].map((x) => x * TAO);
    expect(view.subnets.map((x) => x.tao)).toEqual(locks);
    expect(view.subnets.map((x) => x.price)).toEqual([WAD, WAD, WAD]);
    expect(view.subnets.map((x) => x.owner)).toEqual([0, 1, 2]);
    expect(view.lockCost).toBe(
      networkLockCost(
        locks[2],
        deployment.params.minLock,
        deployment.params.lockReductionInterval,
        blockEmission(view.totalIssuance),
        0n,
      ),
    );
    const balances = await s.readBalances();
    expect(balances.tao.slice(0, 3)).toEqual(locks.map((l) => GENESIS - l));
    expect(await outcomes([{ kind: "registerSubnet", agent: 3, maxLock: view.lockCost - 1n }])).toEqual([
      "LockAboveLimit",
    ]);
  });

  it("stakes in and out through the pool at the constant-product price, burning the fee", async () => {
    const view = await s.readNetwork();
    const pool = { tao: view.subnets[0].tao, alpha: view.subnets[0].alphaIn };
    const buy = buyAlpha(pool, 500n * TAO, deployment.params.feeRate);
    if (!buy.ok) throw new Error(buy.error);
    expect(await outcomes([{ kind: "stake", agent: 3, netuid: 1, tao: 500n * TAO }])).toEqual(["success"]);
    const after = await s.readNetwork();
    expect((await s.readBalances()).alpha[0][3]).toBe(buy.out);
    expect({ tao: after.subnets[0].tao, alpha: after.subnets[0].alphaIn }).toEqual(buy.pool);
    expect(after.subnets[0].price).toBeGreaterThan(view.subnets[0].price);
    expect(after.totalIssuance).toBe(view.totalIssuance - buy.fee);
    const sell = sellAlpha(buy.pool, buy.out, deployment.params.feeRate);
    if (!sell.ok) throw new Error(sell.error);
    expect(await outcomes([{ kind: "unstake", agent: 3, netuid: 1, alpha: buy.out }])).toEqual(["success"]);
    const balances = await s.readBalances();
    expect(balances.tao[3]).toBe(GENESIS - 500n * TAO + sell.out);
    expect(sell.out).toBeLessThan(500n * TAO); // two fees and the pool's rounding: a round trip loses
  });

  it("names every refusal", async () => {
    expect(
      await outcomes([
        { kind: "stake", agent: 3, netuid: 9, tao: TAO },
        { kind: "stake", agent: 3, netuid: 1, tao: 1_000n },
        { kind: "stake", agent: 3, netuid: 1, tao: 10n ** 18n },
        { kind: "unstake", agent: 3, netuid: 1, alpha: 0n },
        { kind: "unstake", agent: 4, netuid: 1, alpha: TAO },
        { kind: "stakeRoot", agent: 4, tao: 0n },
        { kind: "unstakeRoot", agent: 4, tao: 1n },
        { kind: "distribute", netuid: 1, miners: [3], incentive: [], validators: [], dividends: [] },
        { kind: "transferTao", agent: 5, to: 4, tao: 10n ** 18n },
      ]),
    ).toEqual([
      "UnknownSubnet",
      "StakeTooSmall",
      "InsufficientBalance",
      "ZeroAmount",
      "InsufficientBalance",
      "ZeroAmount",
      "InsufficientBalance",
      "LengthMismatch",
      "ERC20InsufficientBalance",
    ]);
  });

  it("splits each block's emission across subnets by EMA price, as the pure rules do, and keeps every token accounted for", async () => {
    // Subnet 2 is bought up (its price above 1, where the EMA caps it); subnet 3's owner is paid its
    // first epoch and sells it all, so subnet 3's price falls below 1.
    expect(
      await outcomes([
        { kind: "stake", agent: 4, netuid: 2, tao: 1_000n * TAO },
        { kind: "stakeRoot", agent: 5, tao: 3_000n * TAO },
        { kind: "runBlocks", blocks: 20 },
        { kind: "distribute", netuid: 3, miners: [], incentive: [], validators: [2], dividends: [1n] },
      ]),
    ).toEqual(["success", "success", "success", "success"]);
    const paid = (await s.readBalances()).alpha[2][2];
    expect(paid).toBeGreaterThan(0n);
    expect(await outcomes([{ kind: "unstake", agent: 2, netuid: 3, alpha: paid }])).toEqual(["success"]);
    const before = await s.readNetwork();
    const economy: NetworkEconomy = {
      block: before.block,
      rootTao: before.rootTao,
      totalIssuance: before.totalIssuance,
      subnets: before.subnets.map(({ owner: _o, price: _p, ...rest }) => rest),
    };
    let expected = economy;
    for (let b = 0; b < 120; b++) expected = runBlock(expected, deployment.params).network;
    expect(await outcomes([{ kind: "runBlocks", blocks: 120 }])).toEqual(["success"]);
    const after = await s.readNetwork();
    expect(after.subnets.map(({ owner: _o, price: _p, ...rest }) => rest)).toEqual(expected.subnets);
    expect(after.totalIssuance).toBe(expected.totalIssuance);
    // The subnet priced under 1 drew less TAO into its pool than the two at (or above) 1.
    expect(before.subnets[2].price).toBeLessThan(WAD);
    const gains = after.subnets.map((x, i) => x.tao - before.subnets[i].tao);
    expect(gains[2]).toBeLessThan(gains[0]);
    expect(gains[2]).toBeLessThan(gains[1]);
    expect(after.subnets[2].ema).toBeLessThan(after.subnets[0].ema);
    expect(accountingGaps(after, await s.readBalances())).toEqual([0n, 0n, 0n, 0n]);
  });

  it("pays an epoch: owner cut to the owner, miners by incentive with the owner's own incentive burned", async () => {
    const view = await s.readNetwork();
    const sn = view.subnets[0];
    const before = await s.readBalances();
    expect(
      await outcomes([
        {
          kind: "distribute",
          netuid: 1,
          miners: [3, 0],
          incentive: [3n, 1n],
          validators: [4],
          dividends: [1n],
        },
      ]),
    ).toEqual(["success"]);
    const after = await s.readBalances();
    const gain = after.alpha[0].map((x, i) => x - before.alpha[0][i]);
    expect(gain[3]).toBe((sn.pendingServer * 3n) / 4n);
    expect(gain[0]).toBe(sn.pendingOwner); // the owner's miner incentive withheld, its cut paid
    expect((await s.readNetwork()).subnets[0].minerBurned).toBe(WAD / 4n);
    expect(accountingGaps(await s.readNetwork(), after)).toEqual([0n, 0n, 0n, 0n]);
  });
});
