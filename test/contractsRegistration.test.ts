import { type Address, parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  decayPrice,
  distributeCall,
  type PhaseCall,
  phaseCall,
  priceAfterRegistration,
  protocolAbis,
  readLedger,
  readRegistrationPrice,
  readRegistry,
  registrationPriceAt,
  revertChain,
  snapshotChain,
} from "../sim/chain/index.ts";
import { type ProtocolFixture, startProtocolFixture } from "./fixtures/chain/protocolFixture.ts";

const TOKEN = 10n ** 18n;
/** Subnet 0: the price curve. Subnet 1: 4 UIDs, immunity 6 blocks, free registration. */
const CURVE = {
  burnHalfLife: 10n,
  burnIncreaseBps: 12_600,
  minBurn: TOKEN / 100n,
  maxBurn: 2n * TOKEN,
  initialBurn: TOKEN,
};
const PRUNE = { maxUids: 4, immunityPeriod: 6n, minBurn: 0n, maxBurn: 0n, initialBurn: 0n, ownerBps: 0 };

let f: ProtocolFixture;
let clean: `0x${string}`;

beforeAll(async () => {
  f = await startProtocolFixture({
    agents: 12,
    subnets: [CURVE, { ...PRUNE, minerBps: 5_000, validatorBps: 5_000 }],
  });
  clean = await snapshotChain(f.chain);
});
afterAll(async () => f?.stop());

const register = (i: number, netuid = 0, maxPrice = 10n ** 30n): PhaseCall =>
  phaseCall(f.agents[i], "registry", "register", [netuid, maxPrice], `a${i}`);

async function registeredPrices(fromBlock: bigint): Promise<bigint[]> {
  const events = await f.chain.publicClient.getContractEvents({
    address: f.protocol.addresses.registry,
    abi: protocolAbis.registry,
    eventName: "Registered",
    fromBlock,
  });
  return events.map((e) => e.args.price as bigint);
}

describe("registration price", () => {
  it("the TS mirror decays like 2^(-t/halfLife) to 1e-15 and halves exactly per half-life", () => {
    for (const t of [1n, 3n, 7n, 9n, 13n, 25n, 99n]) {
      const exact = Number(TOKEN) * 2 ** (-Number(t) / 10);
      expect(Math.abs(Number(decayPrice(TOKEN, t, 10n)) - exact) / exact).toBeLessThan(1e-15);
    }
    expect(decayPrice(TOKEN, 20n, 10n)).toBe(TOKEN / 4n);
    expect(decayPrice(TOKEN, 5n, 0n)).toBe(TOKEN);
  });

  it("on-chain price equals the mirror block by block, is multiplied per registration and clamped", async () => {
    let lastPrice = CURVE.initialBurn;
    let lastBlock = f.protocol.deployBlock;
    for (const gap of [0, 3, 9]) {
      await f.mine(gap);
      const latest = await f.chain.publicClient.getBlockNumber({ cacheTime: 0 });
      expect(await readRegistrationPrice(f.chain, f.protocol, 0)).toBe(
        registrationPriceAt(CURVE, lastPrice, lastBlock, latest),
      );
    }
    // Eight registrations in one block: each pays the last price ×1.26, clamped to maxBurn.
    const { totalBurned: burnedBefore } = await readLedger(f.chain, f.protocol);
    const block = await f.submit([0, 1, 2, 3, 4, 5, 6, 7].map((i) => register(i)));
    expect(block.reverted).toBe(0);
    const prices = await registeredPrices(block.blockNumber);
    let expected = registrationPriceAt(CURVE, lastPrice, lastBlock, block.blockNumber);
    for (const paid of prices) {
      expect(paid).toBe(expected);
      expected = priceAfterRegistration(CURVE, paid);
    }
    expect(prices.at(-1)).toBe(CURVE.maxBurn);
    expect(prices[1]).toBe((prices[0] * 12_600n) / 10_000n);
    lastPrice = expected;
    lastBlock = block.blockNumber;
    const { totalBurned } = await readLedger(f.chain, f.protocol);
    expect(totalBurned - burnedBefore).toBe(prices.reduce((s, p) => s + p, 0n));
    const [balance] = await f.chain.publicClient.readContract({
      address: f.protocol.addresses.token,
      abi: protocolAbis.token,
      functionName: "balancesOf",
      args: [[f.agents[0].address]],
    });
    expect(balance).toBe(parseEther("1000") - prices[0]);
    // Long decay hits the floor.
    await f.mine(200);
    expect(await readRegistrationPrice(f.chain, f.protocol, 0)).toBe(CURVE.minBurn);
  });

  it("rejects a price above the caller's maximum, a second UID, and a caller who cannot pay", async () => {
    const price = await readRegistrationPrice(f.chain, f.protocol, 0);
    const poor = f.agents[11];
    const drain = phaseCall(poor, "token", "transfer", [f.owner.address, parseEther("1000")], "a11");
    expect(await f.results([register(9, 0, price / 2n), register(0), drain, register(11)])).toEqual([
      "PriceAboveMax",
      "AlreadyRegistered",
      "success",
      "ERC20InsufficientBalance",
    ]);
    expect(await f.results([register(9, 7)])).toEqual(["NoSuchSubnet"]);
  });
});

describe("immunity and pruning", () => {
  async function distribute(epoch: bigint, incentive: bigint[]) {
    const r = await f.submit([
      distributeCall(
        f.driver,
        1,
        epoch,
        incentive,
        incentive.map(() => 0n),
        "driver",
      ),
    ]);
    expect(r.reverted).toBe(0);
  }
  const holders = async (): Promise<Address[]> => (await readRegistry(f.chain, f.protocol, 1)).hotkeys;
  const lookup = (i: number) =>
    f.chain.publicClient.readContract({
      address: f.protocol.addresses.registry,
      abi: protocolAbis.registry,
      functionName: "lookup",
      args: [1, f.agents[i].address],
    });

  it("replaces the lowest-emission non-immune UID; ties go to the oldest, then the lowest uid", async () => {
    await revertChain(f.chain, clean);
    clean = await snapshotChain(f.chain);
    // UIDs 0,1 register in one block, UIDs 2,3 in a later one.
    await f.submit([register(0, 1), register(1, 1)]);
    await f.submit([register(2, 1), register(3, 1)]);
    expect(await f.results([register(4, 1)])).toEqual(["AllUidsImmune"]);
    // Emission: uid0 5, uids 1..3 1 each.
    await distribute(0n, [5n, 1n, 1n, 1n]);
    const { emission } = await readRegistry(f.chain, f.protocol, 1);
    expect(emission[0]).toBeGreaterThan(emission[1]);
    expect(new Set(emission.slice(1)).size).toBe(1);
    await f.mine(6);
    // uid1 (oldest of the lowest), then uid2 (same block as uid3, lower uid), then uid3, then uid0.
    expect(await f.results([register(4, 1)])).toEqual(["success"]);
    expect((await holders())[1]).toBe(f.agents[4].address);
    expect(await f.results([register(5, 1)])).toEqual(["success"]);
    expect((await holders())[2]).toBe(f.agents[5].address);
    expect(await f.results([register(6, 1)])).toEqual(["success"]);
    expect((await holders())[3]).toBe(f.agents[6].address);
    expect(await f.results([register(7, 1)])).toEqual(["success"]);
    expect((await holders())[0]).toBe(f.agents[7].address);
    // Every UID is new again, so all are immune; the replaced may come back later, never twice.
    expect(await f.results([register(8, 1), register(1, 1)])).toEqual(["AllUidsImmune", "AllUidsImmune"]);
    expect(await lookup(1)).toEqual([false, 0]);
    expect(await lookup(4)).toEqual([true, 1]);
    await f.mine(6);
    expect(await f.results([register(1, 1), register(1, 1)])).toEqual(["success", "AlreadyRegistered"]);
    const keys = await holders();
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("a replaced UID's validator permit does not pass to the newcomer", async () => {
    await revertChain(f.chain, clean);
    clean = await snapshotChain(f.chain);
    await f.submit([0, 1, 2, 3].map((i) => register(i, 1)));
    await f.submit([
      phaseCall(f.driver, "weights", "setPermits", [1, [0, 1, 2, 3]], "driver"),
      phaseCall(f.driver, "weights", "openEpoch", [1, 0n], "driver"),
    ]);
    await f.mine(6);
    const replaced = await f.submit([register(9, 1)]);
    expect(replaced.reverted).toBe(0);
    const permits = await f.chain.publicClient.readContract({
      address: f.protocol.addresses.weights,
      abi: protocolAbis.weights,
      functionName: "permits",
      args: [1],
    });
    // uid0 was replaced (all emissions 0, same block, lowest uid): its permit does not pass on.
    expect((await holders())[0]).toBe(f.agents[9].address);
    expect(permits).toEqual([false, true, true, true]);
    expect(
      await f.results([phaseCall(f.agents[9], "weights", "commit", [1, `0x${"11".repeat(32)}`], "a9")]),
    ).toEqual(["NoValidatorPermit"]);
  });
});
