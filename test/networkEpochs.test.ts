import { describe, expect, it } from "vitest";
import { runNetworkEpochs } from "../sim/network/runNetworkEpochs.ts";
import { DEFAULT_DTAO_PARAMS } from "../sim/protocol/dtaoSession.ts";
import { startDtaoMemorySession } from "../sim/protocol/memory/dtaoMemorySession.ts";
import { createRng } from "../sim/rng/createRng.ts";
import { accountingGaps } from "./fixtures/dtao/dtaoActions.ts";

const TAO = 10n ** 9n;

/**
 * The network layer over the memory dTAO port with made-up incentives: 3 subnets (owners 0–2), one
 * validator and two miners each, 10 stakers and both attackers. Every token stays accounted for,
 * the TAO minted is what the rows say went into the pools, and stakers end where the rows count them.
 */
describe("runNetworkEpochs", () => {
  it("moves stake and pays epochs without creating or losing a rao", async () => {
    const genesis = [1_000n, 2_000n, 4_000n].map((x) => x * TAO);
    const validators = [3, 4, 5].map((agent) => [{ agent, tao: 300n * TAO }]);
    const miners = [
      [6, 7],
      [8, 9],
      [10, 11],
    ];
    const stakers = Array.from({ length: 10 }, (_, k) => 12 + k);
    const amounts = [...genesis, ...validators.map((v) => v[0].tao), ...miners.flat().map(() => 0n)];
    amounts.push(...stakers.map(() => 40n * TAO), 200n * TAO, 200n * TAO);
    const session = await startDtaoMemorySession({
      seed: 3,
      agents: amounts.length,
      genesisTao: amounts,
      // No fee, so issuance grows by exactly the emission (fees are burned).
      params: {
        ...DEFAULT_DTAO_PARAMS,
        feeRate: 0n,
        movingAlpha: DEFAULT_DTAO_PARAMS.movingAlpha * 30n,
        emaHalvingBlocks: 360n,
      },
    });
    const { rows, attackers } = await runNetworkEpochs({
      session,
      layout: { owners: [0, 1, 2], validators, miners, stakers },
      epochs: 6,
      tempo: 100,
      inertia: 0.5,
      switchCost: 0,
      yieldMemory: 0.5,
      minerSellFraction: 1,
      feeRate: 0n,
      rng: createRng(9),
      incentive: (subnet, epoch) => [BigInt(1 + subnet), BigInt(1 + epoch)],
      attackers: [
        { kind: "manipulator", agent: 22, subnet: 2, tao: 200n * TAO, startEpoch: 1, holdEpochs: 2 },
        { kind: "wash", agent: 23, subnet: 0, tao: 200n * TAO, startEpoch: 0, holdEpochs: 1 },
      ],
    });
    const view = await session.readNetwork();
    const balances = await session.readBalances();
    expect(accountingGaps(view, balances)).toEqual([0n, 0n, 0n, 0n]);
    const genesisTotal = amounts.reduce((a, b) => a + b, 0n);
    const emitted = rows.reduce((s, r) => s + r.emissionTao, 0);
    // Issuance grew by exactly what the rows say went into the pools.
    expect(Number(view.totalIssuance - genesisTotal) / 1e9).toBeCloseTo(emitted, 6);
    expect(emitted).toBeGreaterThan(0);
    for (let e = 0; e < 6; e++)
      expect(rows.filter((r) => r.epoch === e).reduce((s, r) => s + r.stakers, 0)).toBe(stakers.length);
    // The manipulator is out after its hold; both attackers' rows cover every epoch.
    expect(balances.alpha[2][22]).toBe(0n);
    expect(attackers.filter((a) => a.kind === "manipulator").map((a) => a.epoch)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("leaves a staker with less than the minimum stake out of the pools instead of failing the run", async () => {
    // Subnet owner, one validator, one miner; staker 3 holds 1,000,000 rao, below MIN_STAKE (2,000,000),
    // the balance a yield-chaser is left with after its subnet's price collapsed (network-10k, epoch 99).
    const amounts = [1_000n * TAO, 300n * TAO, 0n, 1_000_000n, 40n * TAO];
    const session = await startDtaoMemorySession({
      seed: 4,
      agents: amounts.length,
      genesisTao: amounts,
      params: { ...DEFAULT_DTAO_PARAMS, feeRate: 33n },
    });
    const { rows } = await runNetworkEpochs({
      session,
      layout: { owners: [0], validators: [[{ agent: 1, tao: 300n * TAO }]], miners: [[2]], stakers: [3, 4] },
      epochs: 3,
      tempo: 100,
      inertia: 0,
      switchCost: 0,
      yieldMemory: 0.5,
      minerSellFraction: 1,
      feeRate: 33n,
      rng: createRng(5),
      incentive: () => [1n],
    });
    const balances = await session.readBalances();
    expect(balances.tao[3]).toBe(1_000_000n);
    expect(balances.alpha[0][3]).toBe(0n);
    expect(balances.alpha[0][4]).toBeGreaterThan(0n);
    expect(rows.map((r) => r.stakers)).toEqual([1, 1, 1]);
  });
});
