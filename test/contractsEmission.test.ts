import { parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  defaultSubnetParams,
  deployProtocol,
  distributeCall,
  type PhaseCall,
  packEmissionShares,
  phaseCall,
  protocolAbis,
  readBalances,
  readLedger,
  submitPhase,
} from "../sim/chain/index.ts";
import { type ProtocolFixture, startProtocolFixture } from "./fixtures/chain/protocolFixture.ts";

const E = parseEther("100");
const FREE = { minBurn: 0n, maxBurn: 0n, initialBurn: 0n, immunityPeriod: 0n, maxUids: 8 };
let f: ProtocolFixture;

beforeAll(async () => {
  f = await startProtocolFixture({ agents: 8, subnets: [FREE] });
  const a = f.agents;
  // UIDs 0,1 validators; 2..5 miners. Validator 0 keeps the default take (18%) and has a delegator
  // (agent 6); validator 1 takes 0%; miner 5 has no stake at all.
  const setup = await f.submit([
    ...[0, 1, 2, 3, 4, 5].map((i) => phaseCall(a[i], "registry", "register", [0, 2n ** 255n])),
  ]);
  expect(setup.reverted).toBe(0);
  const stake = await f.submit([
    phaseCall(a[0], "staking", "stake", [0, 0, a[0].address, parseEther("100")]),
    phaseCall(a[6], "staking", "stake", [0, 0, a[0].address, parseEther("300")]),
    phaseCall(a[1], "staking", "stake", [0, 1, a[1].address, parseEther("50")]),
    phaseCall(a[1], "staking", "setTake", [0, 0]),
  ]);
  expect(stake.reverted).toBe(0);
});
afterAll(async () => f?.stop());

const distribute = (epoch: bigint, incentive: bigint[], dividends: bigint[], account = f.driver): PhaseCall =>
  distributeCall(account, 0, epoch, incentive, dividends, "driver");
const read = <T>(contract: "staking" | "emission" | "market", functionName: string, args: unknown[]) =>
  f.chain.publicClient.readContract({
    address: f.protocol.addresses[contract],
    abi: protocolAbis[contract],
    functionName,
    args,
  } as never) as Promise<T>;

describe("emission split", () => {
  it("pays owner 18%, miners 41% ∝ incentive, validators 41% ∝ dividends; take liquid, rest compounds", async () => {
    const a = f.agents;
    const who = [f.owner, a[0], a[1], a[2], a[3], a[4], a[5]].map((x) => x.address);
    const before = await readBalances(f.chain, f.protocol, who);
    const ledgerBefore = await readLedger(f.chain, f.protocol);
    const I = [0n, 0n, 1n, 1n, 2n, 0n];
    const D = [3n, 1n, 0n, 0n, 0n, 0n];
    const r = await f.submit([distribute(0n, I, D), distribute(0n, I, D)]);
    expect(r.outcomes.map((o) => o.error ?? o.status)).toEqual(["success", "EpochSettled"]);

    const owner = (E * 1_800n) / 10_000n;
    const miners = (E * 4_100n) / 10_000n;
    const validators = E - owner - miners;
    const miner = I.map((x) => (miners * x) / 4n);
    const validator = D.map((x) => (validators * x) / 4n);
    const take0 = (validator[0] * 1_800n) / 10_000n;
    const after = await readBalances(f.chain, f.protocol, who);
    const delta = after.map((b, i) => b - before[i]);
    expect(delta).toEqual([owner, take0, 0n, miner[2], miner[3], miner[4], 0n]);
    const pool0 = await read<{ stake: bigint }>("staking", "poolOf", [0, a[0].address]);
    const pool1 = await read<{ stake: bigint }>("staking", "poolOf", [0, a[1].address]);
    expect(pool0.stake).toBe(parseEther("400") + validator[0] - take0);
    expect(pool1.stake).toBe(parseEther("50") + validator[1]);
    // The delegator owns 3/4 of validator 0's pool, so 3/4 of what compounded.
    const delegated = await read<bigint>("staking", "stakeBy", [0, a[0].address, a[6].address]);
    expect(delegated).toBe((parseEther("300") * pool0.stake) / parseEther("400"));

    const paid = owner + miner.reduce((s, x) => s + x, 0n) + validator.reduce((s, x) => s + x, 0n);
    const ledger = await readLedger(f.chain, f.protocol);
    expect(paid).toBeLessThanOrEqual(E);
    expect(await read<bigint>("emission", "mintedFor", [0, 0n])).toBe(paid);
    expect(ledger.totalSupply - ledgerBefore.totalSupply).toBe(paid);
    expect(ledger.totalEmitted - ledgerBefore.totalEmitted).toBe(paid);
    expect(ledger.stakingBalance).toBe(ledger.totalStaked + ledger.totalUnbonding);
    const [event] = await f.chain.publicClient.getContractEvents({
      address: f.protocol.addresses.emission,
      abi: protocolAbis.emission,
      eventName: "UidsPaid",
      fromBlock: r.blockNumber,
    });
    expect(event.args.miner).toEqual(miner);
    expect(event.args.validator).toEqual(validator);
  });

  it("passes a side with no shares to the other, and mints only the owner's cut when nobody earned", async () => {
    const a = f.agents;
    const who = [f.owner, a[2], a[3]].map((x) => x.address);
    const before = await readBalances(f.chain, f.protocol, who);
    const onlyMiners = await f.submit([distribute(1n, [0n, 0n, 1n, 3n, 0n, 0n], [0n, 0n, 0n, 0n, 0n, 0n])]);
    expect(onlyMiners.reverted).toBe(0);
    const owner = (E * 1_800n) / 10_000n;
    const rest = E - owner;
    const after = await readBalances(f.chain, f.protocol, who);
    expect(after.map((b, i) => b - before[i])).toEqual([owner, rest / 4n, (rest * 3n) / 4n]);
    const supply = (await readLedger(f.chain, f.protocol)).totalSupply;
    await f.submit([distribute(2n, [0n, 0n, 0n, 0n, 0n, 0n], [0n, 0n, 0n, 0n, 0n, 0n])]);
    expect((await readLedger(f.chain, f.protocol)).totalSupply - supply).toBe(owner);
    // Shares are exactly 32 bytes per registered UID (6 here): any other length is malformed.
    const six = packEmissionShares([1n, 0n, 0n, 0n, 0n, 0n], [0n, 0n, 0n, 0n, 0n, 1n]);
    const malformed = [
      packEmissionShares([1n], [1n]),
      `${six}00`,
      six.slice(0, -2),
      `${six}${"00".repeat(32)}`,
      "0x",
    ] as const;
    expect(await f.results([distribute(3n, [1n], [1n])])).toEqual(["SharesNotPacked"]);
    expect(
      await f.results(
        malformed.map((m) => phaseCall(f.driver, "emission", "distribute", [0, 3n, m as `0x${string}`])),
      ),
    ).toEqual(malformed.map(() => "SharesNotPacked"));
    expect(await read<number>("emission", "statusOf", [0, 3n])).toBe(0);
  });

  it("lets nobody but governance pay, mint, compound or record emission", async () => {
    const o = f.outsider;
    expect(
      await f.results([
        distribute(9n, [1n, 0n, 0n, 0n, 0n, 0n], [0n, 0n, 0n, 0n, 0n, 0n], o),
        phaseCall(o, "emission", "failEpoch", [0, 9n]),
        phaseCall(o, "token", "mint", [o.address, 1n]),
        phaseCall(o, "token", "mintBatch", [[o.address], [1n]]),
        phaseCall(o, "token", "burnFrom", [f.agents[0].address, 1n]),
        phaseCall(o, "token", "collect", [f.agents[0].address, 1n]),
        phaseCall(o, "staking", "addRewards", [0, [f.agents[0].address], [1n]]),
        phaseCall(o, "registry", "recordEmission", [0, [0n, 0n, 0n, 0n, 0n, 0n]]),
        phaseCall(o, "market", "release", [0, 9n, [o.address], [0n]]),
        phaseCall(o, "market", "refund", [0, 9n]),
      ]),
    ).toEqual([
      "NotGovernance",
      "NotGovernance",
      "NotMinter",
      "NotMinter",
      "NotRegistry",
      "NotCollector",
      "NotEmission",
      "NotEmission",
      "NotEmission",
      "NotEmission",
    ]);
  });
});

describe("task market", () => {
  it("releases an epoch's escrow by the same split, refunds a failed epoch, and closes both", async () => {
    const a = f.agents;
    const [user, other] = [a[7], f.outsider];
    const post = (who: typeof user, epoch: bigint, fee: bigint) =>
      phaseCall(who, "market", "postTasks", [0, epoch, 32, fee], "user");
    const fee = parseEther("7");
    const posted = await f.submit([
      post(user, 10n, fee),
      post(other, 10n, fee),
      post(user, 11n, fee),
      post(user, 11n, 0n),
    ]);
    expect(posted.outcomes.map((o) => o.error ?? o.status)).toEqual([
      "success",
      "success",
      "success",
      "ZeroFee",
    ]);
    expect(await read<bigint>("market", "escrowOf", [0, 10n])).toBe(2n * fee);
    const who = [f.owner, a[2], a[0], user].map((x) => x.address);
    const before = await readBalances(f.chain, f.protocol, who);
    const settle = await f.submit([
      distribute(10n, [0n, 0n, 1n, 0n, 0n, 0n], [1n, 0n, 0n, 0n, 0n, 0n]),
      phaseCall(f.driver, "emission", "failEpoch", [0, 11n], "driver"),
      post(user, 10n, fee),
      post(user, 11n, fee),
      distribute(11n, [0n, 0n, 1n, 0n, 0n, 0n], [0n, 0n, 0n, 0n, 0n, 0n]),
    ]);
    expect(settle.outcomes.map((o) => o.error ?? o.status)).toEqual([
      "success",
      "success",
      "EpochClosed",
      "EpochClosed",
      "EpochSettled",
    ]);
    const after = await readBalances(f.chain, f.protocol, who);
    const delta = after.map((b, i) => b - before[i]);
    const total = 2n * fee;
    const ownerFee = (total * 1_800n) / 10_000n;
    const minerFee = (total * 4_100n) / 10_000n;
    const validatorFee = total - ownerFee - minerFee;
    const ownerE = (E * 1_800n) / 10_000n;
    const minerE = (E * 4_100n) / 10_000n;
    const takeE = ((E - ownerE - minerE) * 1_800n) / 10_000n;
    // Fees are liquid in full (no take, no compounding); the user got its epoch-11 fee back.
    expect(delta).toEqual([ownerE + ownerFee, minerE + minerFee, takeE + validatorFee, fee]);
    const ledger = await readLedger(f.chain, f.protocol);
    expect(ledger.totalEscrow).toBe(0n);
    expect(ledger.marketBalance).toBe(0n);
  });
});

describe("supply cap and halving", () => {
  async function deployCapped(genesis: bigint, cap: bigint) {
    const p = await deployProtocol(f.chain, {
      driver: f.driver,
      emissionPerEpoch: parseEther("100"),
      supplyCap: cap,
      genesis: [{ address: f.owner.address, amount: genesis }],
      subnets: [
        defaultSubnetParams(f.owner.address, { ...FREE, ownerBps: 10_000, minerBps: 0, validatorBps: 0 }),
      ],
    });
    const view = <T>(functionName: string) =>
      f.chain.publicClient.readContract({
        address: p.addresses.emission,
        abi: protocolAbis.emission,
        functionName,
      } as never) as Promise<T>;
    const pay = (epoch: bigint) =>
      submitPhase(f.chain, p, [phaseCall(f.driver, "emission", "distribute", [0, epoch, "0x"])]);
    return { p, view, pay };
  }

  it("halves the epoch emission each time issuance crosses 1/2, 3/4, 7/8 of the cap", async () => {
    const { p, view, pay } = await deployCapped(parseEther("100"), parseEther("400"));
    const minted: bigint[] = [];
    for (let epoch = 0n; epoch < 5n; epoch++) {
      minted.push(await view<bigint>("epochEmission"));
      await pay(epoch);
    }
    // Issuance 100 → 200 (1/2 of the cap: one halving) → 250 → 300 (3/4: two) → 325 → 350 (7/8: three).
    expect(minted).toEqual(["100", "50", "50", "25", "25"].map((x) => parseEther(x)));
    expect(await view<bigint>("halvings")).toBe(3n);
    expect(await view<bigint>("epochEmission")).toBe(parseEther("12.5"));
    expect((await readLedger(f.chain, p)).totalMinted).toBe(parseEther("350"));
  });

  it("never mints past the cap", async () => {
    const { p, view, pay } = await deployCapped(parseEther("40"), parseEther("100"));
    expect(await view<bigint>("halvings")).toBe(0n);
    expect(await view<bigint>("epochEmission")).toBe(parseEther("60")); // clamped to the room left
    await pay(0n);
    expect(await view<bigint>("halvings")).toBe(255n);
    expect(await view<bigint>("epochEmission")).toBe(0n);
    await pay(1n);
    const ledger = await readLedger(f.chain, p);
    expect(ledger.totalMinted).toBe(parseEther("100"));
    expect(ledger.totalSupply).toBe(ledger.cap);
  });
});
