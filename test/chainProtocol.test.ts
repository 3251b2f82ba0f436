import { getAddress, type Hex, parseEther } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  commitHash,
  type PhaseCall,
  packWeightRow,
  phaseCall,
  protocolAbis,
  protocolContracts,
  readLatestWeights,
  readLedger,
  readRegistry,
  readRevealedWeights,
  readStakes,
  revealCall,
  revealPayload,
  revealTypedData,
} from "../sim/chain/index.ts";
import { drawSalt } from "../sim/protocol/drawSalt.ts";
import { createRng } from "../sim/rng/createRng.ts";
import { type ProtocolFixture, startProtocolFixture } from "./fixtures/chain/protocolFixture.ts";

const AGENTS = 40;
const VALIDATORS = 6;
const FREE = { minBurn: 0n, maxBurn: 0n, initialBurn: 0n, immunityPeriod: 0n, maxUids: 64 };
let f: ProtocolFixture;
let a: PrivateKeyAccount[];

beforeAll(async () => {
  f = await startProtocolFixture({
    agents: AGENTS,
    deploy: { unstakeCooldownBlocks: 3, maxTakeBps: 5_000 },
    subnets: [
      { ...FREE, revealDelayEpochs: 0, minAllowedWeights: 2, maxValidators: 4 },
      { ...FREE, revealDelayEpochs: 1, minAllowedWeights: 1 },
    ],
  });
  a = f.agents;
});
afterAll(async () => f?.stop());

const reg = (i: number, netuid = 0): PhaseCall =>
  phaseCall(a[i], "registry", "register", [netuid, 0n], `a${i}`);
const driver = <C extends "weights" | "emission">(contract: C, fn: string, args: readonly unknown[]) =>
  phaseCall(f.driver, contract as "weights", fn as "openEpoch", args as never, "driver");
const read = <T>(contract: (typeof protocolContracts)[number], functionName: string, args: unknown[] = []) =>
  f.chain.publicClient.readContract({
    address: f.protocol.addresses[contract],
    abi: protocolAbis[contract],
    functionName,
    args,
  } as never) as Promise<T>;

describe("protocol on a real Anvil", () => {
  it("deploys six wired contracts and two subnets, the genesis allocation the whole supply", async () => {
    for (const key of protocolContracts) {
      expect(
        (await f.chain.publicClient.getCode({ address: f.protocol.addresses[key] }))?.length,
      ).toBeGreaterThan(2);
    }
    const { token, registry, staking, market, emission } = f.protocol.addresses;
    expect(await read("token", "emission")).toBe(emission);
    expect(await read("token", "registry")).toBe(registry);
    expect(await read("token", "staking")).toBe(staking);
    expect(await read("token", "market")).toBe(market);
    expect(await read("emission", "token")).toBe(token);
    expect(await read("registry", "subnetCount")).toBe(2);
    expect(await read("registry", "ownerOf", [1])).toBe(f.owner.address);
    const ledger = await readLedger(f.chain, f.protocol);
    expect(ledger.totalSupply).toBe(parseEther("1000") * BigInt(AGENTS + 2));
    expect(ledger.totalMinted).toBe(ledger.totalSupply);
  });

  it("lands a phase of 40 registrations in one block in input order; reverts are named outcomes", async () => {
    const result = await f.submit(a.map((_, i) => reg(i)));
    expect(result.outcomes.map((o) => o.status)).toEqual(Array(AGENTS).fill("success"));
    const block = await f.chain.publicClient.getBlock({ blockNumber: result.blockNumber });
    expect(block.transactions).toEqual(result.outcomes.map((o) => o.txHash));
    expect((await readRegistry(f.chain, f.protocol)).hotkeys).toEqual(a.map((x) => getAddress(x.address)));
    const again = await f.submit([reg(3), { ...reg(5, 1), gas: 30_000n }]);
    expect(again.outcomes[0]).toMatchObject({
      error: "AlreadyRegistered",
      errorArgs: [getAddress(a[3].address), 3],
    });
    expect(again.outcomes[1]).toMatchObject({ error: "OutOfGas", gasUsed: 30_000n });
  });

  it("stakes (also to many UIDs at once), delegates, unstakes through the cooldown, caps the take", async () => {
    const amounts = Array.from({ length: VALIDATORS }, (_, i) => parseEther(String(100 * (i + 1))));
    const r = await f.submit([
      ...amounts.map((amount, i) =>
        phaseCall(a[i], "staking", "stake", [0, i, a[i].address, amount], `a${i}`),
      ),
      phaseCall(
        a[30],
        "staking",
        "stakeMany",
        [0, [0, 1], [parseEther("10"), parseEther("20")]],
        "delegator",
      ),
      phaseCall(a[31], "staking", "stake", [0, 0, a[0].address, parseEther("2000")]),
      phaseCall(a[31], "staking", "stake", [0, 99, a[0].address, 1n]),
      phaseCall(a[0], "staking", "unstake", [0, a[0].address, parseEther("40")]),
      phaseCall(a[0], "staking", "unstake", [0, a[1].address, 1n]),
      phaseCall(a[0], "staking", "withdraw", [0, a[0].address]),
      phaseCall(a[1], "staking", "setTake", [0, 5_001]),
      phaseCall(a[1], "staking", "setTake", [0, 5_000]),
      phaseCall(a[1], "staking", "setTake", [0, 2_300]),
      phaseCall(a[32], "staking", "withdraw", [0, a[0].address]),
    ]);
    expect(r.outcomes.map((o) => o.error ?? o.status)).toEqual([
      ...Array(VALIDATORS + 1).fill("success"),
      "ERC20InsufficientBalance",
      "UidOutOfRange",
      "success",
      "InsufficientStake",
      "StillCoolingDown",
      "TakeTooHigh",
      "TakeStepTooLarge",
      "success",
      "NothingToWithdraw",
    ]);
    const stakes = await readStakes(f.chain, f.protocol);
    expect(stakes.slice(0, 2)).toEqual([
      amounts[0] + parseEther("10") - parseEther("40"),
      amounts[1] + parseEther("20"),
    ]);
    expect(await read("staking", "stakeBy", [0, a[1].address, a[30].address])).toBe(parseEther("20"));
    // A raise waits TAKE_DELAY_BLOCKS (50) and is at most TAKE_STEP_BPS (500) over the take in force.
    expect(await read("staking", "takeOf", [0, a[1].address])).toBe(1_800);
    expect(await read("staking", "takeOf", [0, a[2].address])).toBe(1_800);
    let ledger = await readLedger(f.chain, f.protocol);
    expect(ledger.totalUnbonding).toBe(parseEther("40"));
    expect(ledger.stakingBalance).toBe(ledger.totalStaked + ledger.totalUnbonding);
    await f.mine(2);
    expect(await f.results([phaseCall(a[0], "staking", "withdraw", [0, a[0].address])])).toEqual(["success"]);
    ledger = await readLedger(f.chain, f.protocol);
    expect(ledger.totalUnbonding).toBe(0n);
  });

  it("permits gate commits; reveals must match, in a later block, once; the latest row persists", async () => {
    const rng = createRng(3).fork("salts");
    const miners = Array.from({ length: 8 }, (_, j) => VALIDATORS + j);
    const rows = a.map((_, v) => miners.map((m) => ((v + 1) * 1000 + m) % 65536));
    const salts = a.map(() => drawSalt(rng));
    const hash = (v: number, epoch: bigint, w = rows[v], uids = miners) =>
      commitHash({ netuid: 0, epoch, hotkey: a[v].address, uids, weights: w, salt: salts[v] });
    const commit = (v: number, h: Hex) => phaseCall(a[v], "weights", "commit", [0, h], `a${v}`);
    const reveal = (v: number, epoch: bigint, uids = miners, w = rows[v]) =>
      revealCall(a[v], 0, epoch, { uids, weights: w, salt: salts[v] }, `a${v}`);
    const revealPacked = (v: number, epoch: bigint, row: Hex) =>
      phaseCall(a[v], "weights", "reveal", [0, epoch, row, salts[v]], `a${v}`);

    expect(await f.results([commit(0, hash(0, 0n))])).toEqual(["NoOpenEpoch"]);
    const open = await f.results([
      phaseCall(f.outsider, "weights", "openEpoch", [0, 1n]),
      phaseCall(f.outsider, "weights", "setPermits", [0, [0]]),
      driver("weights", "setPermits", [0, [0, 1, 2, 3, 4]]),
      driver("weights", "setPermits", [0, [0, 1, 2, 3]]),
      driver("weights", "openEpoch", [0, 1n]),
    ]);
    expect(open).toEqual(["NotGovernance", "NotGovernance", "TooManyPermits", "success", "success"]);
    const commits = await f.results([
      ...[0, 1, 2, 3].map((v) => commit(v, hash(v, 1n))),
      commit(0, hash(0, 1n)),
      commit(4, hash(4, 1n)),
      commit(20, hash(0, 1n)),
      commit(3, hash(3, 1n)),
      reveal(3, 1n),
    ]);
    expect(commits).toEqual([
      "success",
      "success",
      "success",
      "success",
      "AlreadyCommitted",
      "NoValidatorPermit",
      "NoValidatorPermit",
      "AlreadyCommitted",
      "RevealInCommitBlock",
    ]);
    const tampered = rows[1].map((w, j) => (j === 0 ? w + 1 : w));
    const reveals = await f.results([
      reveal(0, 1n),
      reveal(1, 1n, miners, tampered),
      revealPacked(2, 1n, `${packWeightRow(miners, rows[2])}00`),
      revealPacked(2, 1n, packWeightRow(miners, rows[2]).slice(0, -4) as Hex),
      reveal(2, 1n, [...miners.slice(0, 7), AGENTS], rows[2]),
      reveal(2, 1n, [...miners].reverse(), [...rows[2]].reverse()),
      reveal(2, 1n, [miners[0]], [rows[2][0]]),
      reveal(2, 2n),
      reveal(3, 1n),
      reveal(3, 1n),
      reveal(20, 1n),
    ]);
    expect(reveals).toEqual([
      "success",
      "RevealMismatch",
      "RowNotPacked",
      "RowNotPacked",
      "UidOutOfRange",
      "UidsNotIncreasing",
      "TooFewWeights",
      "RevealTooEarly",
      "success",
      "AlreadyRevealed",
      "NoCommit",
    ]);
    const epoch1 = await readRevealedWeights(f.chain, f.protocol, 1n);
    expect(epoch1.revealed.flatMap((r, uid) => (r ? [uid] : []))).toEqual([0, 3]);
    expect([...epoch1.rows[3].subarray(VALIDATORS, VALIDATORS + 8)]).toEqual(rows[3]);

    // Epoch 2: only validator 0 reveals anew; validator 3's epoch-1 row stays in force.
    await f.submit([driver("weights", "openEpoch", [0, 2n])]);
    const late = await f.results([reveal(1, 1n), commit(0, hash(0, 2n, rows[5]))]);
    expect(late).toEqual(["RevealTooLate", "success"]);
    expect(await f.results([reveal(0, 2n, miners, rows[5])])).toEqual(["success"]);
    const latest = await readLatestWeights(f.chain, f.protocol);
    expect(latest.epochs.slice(0, 4)).toEqual([2n, 0n, 0n, 1n]);
    expect([...latest.rows[0].subarray(VALIDATORS, VALIDATORS + 8)]).toEqual(rows[5]);
    expect([...latest.rows[3].subarray(VALIDATORS, VALIDATORS + 8)]).toEqual(rows[3]);
  });

  it("with revealDelayEpochs = 1 accepts a reveal only in the epoch after the commit", async () => {
    const v = a[0];
    const salt = drawSalt(createRng(9));
    const uids = [0];
    const weights = [65535];
    const reveal = (epoch: bigint) => revealCall(v, 1, epoch, { uids, weights, salt }, "a0");
    const setup = await f.results([
      reg(0, 1),
      driver("weights", "openEpoch", [1, 5n]),
      phaseCall(v, "weights", "commit", [
        1,
        commitHash({ netuid: 1, epoch: 5n, hotkey: v.address, uids, weights, salt }),
      ]),
    ]);
    expect(setup).toEqual(["success", "success", "NoValidatorPermit"]);
    await f.submit([driver("weights", "setPermits", [1, [0]])]);
    await f.submit([
      phaseCall(v, "weights", "commit", [
        1,
        commitHash({ netuid: 1, epoch: 5n, hotkey: v.address, uids, weights, salt }),
      ]),
    ]);
    expect(await f.results([reveal(5n), driver("weights", "openEpoch", [1, 5n])])).toEqual([
      "RevealTooEarly",
      "EpochNotIncreasing",
    ]);
    expect(await f.results([driver("weights", "openEpoch", [1, 6n]), reveal(5n)])).toEqual([
      "success",
      "success",
    ]);
    expect((await readRevealedWeights(f.chain, f.protocol, 5n, 1)).rows[0][0]).toBe(65535);
    await f.submit([driver("weights", "openEpoch", [1, 7n])]);
    expect(await f.results([reveal(6n), reveal(5n)])).toEqual(["NoCommit", "RevealTooLate"]);
  });

  it("slashes a proven commit/reveal mismatch and an owner decision; slashed stake is burned", async () => {
    await f.submit([driver("weights", "openEpoch", [0, 3n])]);
    const v = a[1];
    const uids = [VALIDATORS, VALIDATORS + 1];
    const salt = drawSalt(createRng(4));
    const committed = { uids, weights: [1, 2], salt };
    const h = commitHash({ netuid: 0, epoch: 3n, hotkey: v.address, ...committed });
    await f.submit([phaseCall(v, "weights", "commit", [0, h], "a1")]);
    const shown = { uids, weights: [2, 1], salt };
    const shownHash = commitHash({ netuid: 0, epoch: 3n, hotkey: v.address, ...shown });
    const chainId = await f.chain.publicClient.getChainId();
    const weightsAddress = f.protocol.addresses.weights;
    const typed = (row: typeof shown) =>
      revealTypedData({
        chainId,
        weights: weightsAddress,
        netuid: 0,
        epoch: 3n,
        hotkey: v.address,
        ...revealPayload(row),
      });
    const signature = await v.signTypedData(typed(shown));
    const forged = await f.outsider.signTypedData(typed(shown));
    const honest = await v.signTypedData(typed(committed));
    // The pre-EIP-712 proof (a bare signature over the commit hash) proves nothing any more.
    const legacy = await v.signMessage({ message: { raw: shownHash } });
    const prove = (payload: typeof shown, sig: Hex) =>
      phaseCall(f.outsider, "weights", "proveMismatch", [0, 3n, 1, revealPayload(payload), sig], "prover");
    const poolBefore = (await readStakes(f.chain, f.protocol))[1];
    const burnedBefore = (await readLedger(f.chain, f.protocol)).totalBurned;
    expect(
      await f.results([
        prove(committed, honest),
        prove(shown, forged),
        prove(shown, legacy),
        prove(shown, signature),
        prove(shown, signature),
        revealCall(v, 0, 3n, shown, "a1"),
        phaseCall(f.outsider, "staking", "slashByOwner", [0, 2, a[2].address]),
        phaseCall(f.owner, "staking", "slashByOwner", [0, 2, a[2].address]),
        phaseCall(f.outsider, "staking", "slash", [0, a[2].address, 9_999]),
      ]),
    ).toEqual([
      "NotAMismatch",
      "BadSignature",
      "BadSignature",
      "success",
      "AlreadySlashed",
      "RevealMismatch",
      "NotOwnerOrGovernance",
      "success",
      "NotWeights",
    ]);
    const stakes = await readStakes(f.chain, f.protocol);
    const slashed1 = poolBefore / 10n;
    expect(stakes[1]).toBe(poolBefore - slashed1);
    const ledger = await readLedger(f.chain, f.protocol);
    expect(ledger.totalBurned - burnedBefore).toBe(slashed1 + parseEther("300") / 10n);
    expect(ledger.totalSupply).toBe(ledger.totalMinted - ledger.totalBurned);
    expect(ledger.stakingBalance).toBe(ledger.totalStaked + ledger.totalUnbonding);
  });
});
