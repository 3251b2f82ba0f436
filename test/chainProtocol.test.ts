import { type Address, getAddress, parseEther } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ChainHandle,
  commitHash,
  deployProtocol,
  deriveAccounts,
  drawSalt,
  fundAccounts,
  type PhaseCall,
  type Protocol,
  protocolAbis,
  readBalances,
  readRegistry,
  readRevealedWeights,
  readStakes,
  readTotalStaked,
  readTotalSupply,
  startChain,
  submitPhase,
} from "../sim/chain/index.ts";
import { createRng } from "../sim/rng/createRng.ts";

const SEED = 7;
const EMISSION = parseEther("100");
const GENESIS_EACH = parseEther("1000");
const AGENTS = 50;
const VALIDATORS = 8;

let chain: ChainHandle;
let protocol: Protocol;
let driver: PrivateKeyAccount;
let agents: PrivateKeyAccount[];
let outsider: PrivateKeyAccount;

const reg = (i: number): PhaseCall => ({
  agent: `a${i}`,
  account: agents[i],
  contract: "registry",
  functionName: "register",
  args: [],
});

beforeAll(async () => {
  chain = await startChain();
  [driver] = deriveAccounts(SEED, 1, { label: "driver" });
  agents = deriveAccounts(SEED, AGENTS);
  [outsider] = deriveAccounts(SEED, 1, { label: "outsider" });
  await fundAccounts(chain, [driver.address, outsider.address, ...agents.map((a) => a.address)]);
  protocol = await deployProtocol(chain, {
    driver,
    emissionPerEpoch: EMISSION,
    maxUids: 64,
    revealDelayEpochs: 0,
    genesis: agents.slice(0, VALIDATORS).map((a) => ({ address: a.address, amount: GENESIS_EACH })),
  });
});

afterAll(async () => {
  await chain?.stop();
});

describe("protocol on a real Anvil", () => {
  it("deploys five wired contracts with the genesis allocation as the whole supply", async () => {
    const { publicClient } = chain;
    for (const address of Object.values(protocol.addresses)) {
      expect((await publicClient.getCode({ address }))?.length ?? 0).toBeGreaterThan(2);
    }
    const token = { address: protocol.addresses.token, abi: protocolAbis.token } as const;
    expect(await publicClient.readContract({ ...token, functionName: "minter" })).toBe(
      protocol.addresses.emission,
    );
    expect(await publicClient.readContract({ ...token, functionName: "staking" })).toBe(
      protocol.addresses.staking,
    );
    expect(await readTotalSupply(chain, protocol)).toBe(GENESIS_EACH * BigInt(VALIDATORS));
    expect(deriveAccounts(SEED, 2).map((a) => a.address)).toEqual(agents.slice(0, 2).map((a) => a.address));
    expect(deriveAccounts(SEED + 1, 1)[0].address).not.toBe(agents[0].address);
  });

  it("lands one phase of 50 registrations in one block, UIDs in input order", async () => {
    const started = performance.now();
    const result = await submitPhase(
      chain,
      protocol,
      agents.map((_, i) => reg(i)),
    );
    const ms = performance.now() - started;
    console.log(
      `submitPhase: ${AGENTS} register txs in ${ms.toFixed(0)} ms, gas ${result.outcomes[1].gasUsed}`,
    );
    expect(result.outcomes.map((o) => o.status)).toEqual(Array(AGENTS).fill("success"));
    expect(result.outcomes.map((o) => o.agent)).toEqual(agents.map((_, i) => `a${i}`));
    const block = await chain.publicClient.getBlock({ blockNumber: result.blockNumber });
    expect(block.transactions).toEqual(result.outcomes.map((o) => o.txHash));
    expect(result.gasUsed).toBe(result.outcomes.reduce((s, o) => s + o.gasUsed, 0n));
    const registry = await readRegistry(chain, protocol);
    expect(registry.hotkeys).toEqual(agents.map((a) => getAddress(a.address)));
    expect(registry.registeredAt.every((b) => b === result.blockNumber)).toBe(true);
  });

  it("records a second registration (custom error) and an out-of-gas call as reverted outcomes", async () => {
    const result = await submitPhase(chain, protocol, [
      reg(3),
      reg(3),
      { ...reg(3), account: outsider, gas: 30_000n },
    ]);
    expect(result.reverted).toBe(3);
    expect(result.outcomes[2]).toMatchObject({ status: "reverted", error: "OutOfGas", gasUsed: 30_000n });
    expect(result.outcomes[0]).toMatchObject({ status: "reverted", error: "AlreadyRegistered" });
    expect(result.outcomes[0].errorArgs).toEqual([getAddress(agents[3].address), 3]);
    expect((await readRegistry(chain, protocol)).hotkeys).toHaveLength(AGENTS);
  });

  it("stakes in one transaction per agent (no approve), unstakes, and reads stakes per UID", async () => {
    const amounts = agents.slice(0, VALIDATORS).map((_, i) => parseEther(String(100 * (i + 1))));
    const calls: PhaseCall[] = amounts.map((amount, i) => ({
      agent: `a${i}`,
      account: agents[i],
      contract: "staking",
      functionName: "stake",
      args: [i, amount],
    }));
    calls.push({
      agent: "a0",
      account: agents[0],
      contract: "staking",
      functionName: "unstake",
      args: [0, 40n],
    });
    calls.push({
      agent: "a1",
      account: agents[1],
      contract: "staking",
      functionName: "stake",
      args: [1, GENESIS_EACH],
    });
    calls.push({
      agent: "a2",
      account: agents[2],
      contract: "staking",
      functionName: "unstake",
      args: [5, 1n],
    });
    calls.push({
      agent: "a40",
      account: agents[40],
      contract: "staking",
      functionName: "stake",
      args: [60, 1n],
    });
    const result = await submitPhase(chain, protocol, calls);
    expect(result.outcomes.slice(0, VALIDATORS + 1).every((o) => o.status === "success")).toBe(true);
    expect(result.outcomes.slice(VALIDATORS + 1).map((o) => o.error)).toEqual([
      "ERC20InsufficientBalance",
      "InsufficientStake",
      "UidNotRegistered",
    ]);
    const stakes = await readStakes(chain, protocol);
    expect(stakes).toHaveLength(AGENTS);
    expect(stakes.slice(0, VALIDATORS)).toEqual(amounts.map((a, i) => (i === 0 ? a - 40n : a)));
    expect(stakes.slice(VALIDATORS).every((s) => s === 0n)).toBe(true);
    const staked = amounts.reduce((s, a) => s + a, 0n) - 40n;
    expect(await readTotalStaked(chain, protocol)).toBe(staked);
    const [b0, b1] = await readBalances(chain, protocol, [agents[0].address, agents[1].address]);
    expect(b0).toBe(GENESIS_EACH - amounts[0] + 40n);
    expect(b1).toBe(GENESIS_EACH - amounts[1]);
  });

  it("accepts commit then reveal in a later block, stores u16 rows, and names every rejected reveal", async () => {
    const rng = createRng(SEED).fork("salts");
    const epoch = 1n;
    const open = await submitPhase(chain, protocol, [
      { agent: "outsider", account: outsider, contract: "weights", functionName: "openEpoch", args: [epoch] },
      { agent: "driver", account: driver, contract: "weights", functionName: "openEpoch", args: [epoch] },
    ]);
    expect(open.outcomes.map((o) => o.error ?? o.status)).toEqual(["NotDriver", "success"]);

    // Validator v weights miners VALIDATORS.. with a v-dependent pattern.
    const miners = Array.from({ length: 10 }, (_, j) => VALIDATORS + j);
    const rows = agents.slice(0, VALIDATORS).map((_, v) => miners.map((m) => ((v + 1) * 1000 + m) % 65536));
    const salts = rows.map(() => drawSalt(rng));
    const hash = (v: number, w = rows[v]) =>
      commitHash({ epoch, hotkey: agents[v].address, uids: miners, weights: w, salt: salts[v] });
    const commit = (v: number, h = hash(v)): PhaseCall => ({
      agent: `a${v}`,
      account: agents[v],
      contract: "weights",
      functionName: "commit",
      args: [h],
    });
    const reveal = (v: number, uids = miners, w = rows[v], e = epoch): PhaseCall => ({
      agent: `a${v}`,
      account: agents[v],
      contract: "weights",
      functionName: "reveal",
      args: [e, uids, w, salts[v] ?? salts[0]],
    });

    // Validators 0..6 commit; validator 7 commits and reveals in the same block; agent 20 has no stake.
    const commits = await submitPhase(chain, protocol, [
      ...Array.from({ length: VALIDATORS - 1 }, (_, v) => commit(v)),
      commit(0),
      commit(VALIDATORS - 1),
      reveal(VALIDATORS - 1),
      commit(20, hash(0)),
    ]);
    expect(commits.outcomes.map((o) => o.error ?? o.status)).toEqual([
      ...Array(VALIDATORS - 1).fill("success"),
      "AlreadyCommitted",
      "success",
      "RevealInCommitBlock",
      "NoStake",
    ]);

    const tampered = rows[1].map((w, j) => (j === 0 ? w + 1 : w));
    const reveals = await submitPhase(chain, protocol, [
      reveal(0),
      reveal(1, miners, tampered),
      reveal(2, miners, rows[2].slice(1)),
      reveal(3, [...miners.slice(0, 9), AGENTS]),
      reveal(4, [...miners].reverse(), [...rows[4]].reverse()),
      reveal(5, miners, rows[5], epoch + 1n),
      reveal(6),
      reveal(6),
      reveal(VALIDATORS - 1),
      reveal(20, miners, rows[0]),
    ]);
    expect(reveals.outcomes.map((o) => o.error ?? o.status)).toEqual([
      "success",
      "RevealMismatch",
      "LengthMismatch",
      "UidOutOfRange",
      "UidsNotIncreasing",
      "RevealTooEarly",
      "success",
      "AlreadyRevealed",
      "success",
      "NoCommit",
    ]);
    console.log(
      `gas: commit ${commits.outcomes[0].gasUsed}, reveal(10 uids) ${reveals.outcomes[0].gasUsed}, ` +
        `reverted RevealMismatch ${reveals.outcomes[1].gasUsed}`,
    );

    const matrix = await readRevealedWeights(chain, protocol, epoch);
    expect(matrix.n).toBe(AGENTS);
    const accepted = [0, 6, VALIDATORS - 1];
    expect(matrix.revealed.flatMap((r, uid) => (r ? [uid] : []))).toEqual(accepted);
    expect(matrix.revealedAt[0]).toBe(reveals.blockNumber);
    for (let uid = 0; uid < AGENTS; uid++) {
      const expected = new Uint16Array(AGENTS);
      if (accepted.includes(uid)) {
        for (const [j, m] of miners.entries()) expected[m] = rows[uid][j];
      }
      expect(matrix.rows[uid]).toEqual(expected);
    }
    expect((await readRevealedWeights(chain, protocol, 99n)).revealed.some(Boolean)).toBe(false);
  });

  it("pays exactly emissionPerEpoch once per epoch, only from the driver, only with the exact sum", async () => {
    const recipients: Address[] = agents.slice(10, 15).map((a) => a.address);
    const amounts = [1n, parseEther("10"), parseEther("20"), parseEther("30")];
    amounts.push(EMISSION - amounts.reduce((s, a) => s + a, 0n));
    const supplyBefore = await readTotalSupply(chain, protocol);
    const balancesBefore = await readBalances(chain, protocol, recipients);
    const pay = (account: PrivateKeyAccount, epoch: bigint, a: bigint[]): PhaseCall => ({
      agent: account === driver ? "driver" : "outsider",
      account,
      contract: "emission",
      functionName: "payEpoch",
      args: [epoch, recipients, a],
    });
    const result = await submitPhase(chain, protocol, [
      pay(outsider, 1n, amounts),
      pay(
        driver,
        1n,
        amounts.map((a, i) => (i === 0 ? a + 1n : a)),
      ),
      pay(driver, 1n, amounts.slice(1)),
      pay(driver, 1n, amounts),
      pay(driver, 1n, amounts),
    ]);
    expect(result.outcomes.map((o) => o.error ?? o.status)).toEqual([
      "NotDriver",
      "WrongEmissionTotal",
      "LengthMismatch",
      "success",
      "EpochAlreadyPaid",
    ]);
    expect(result.outcomes[1].errorArgs).toEqual([EMISSION + 1n, EMISSION]);
    console.log(`gas: payEpoch(5 recipients) ${result.outcomes[3].gasUsed}`);
    expect((await readTotalSupply(chain, protocol)) - supplyBefore).toBe(EMISSION);
    const balancesAfter = await readBalances(chain, protocol, recipients);
    expect(balancesAfter.map((b, i) => b - balancesBefore[i])).toEqual(amounts);
  });

  it("with revealDelayEpochs = 1 accepts a reveal only in the epoch after the commit", async () => {
    const delayed = await deployProtocol(chain, {
      driver,
      emissionPerEpoch: EMISSION,
      maxUids: 4,
      revealDelayEpochs: 1,
      genesis: [{ address: agents[0].address, amount: GENESIS_EACH }],
    });
    const v = agents[0];
    const salt = drawSalt(createRng(SEED).fork("delayed"));
    const uids = [0];
    const weights = [65535];
    const call = (functionName: "openEpoch" | "commit" | "reveal", args: readonly unknown[]): PhaseCall =>
      ({
        agent: functionName === "openEpoch" ? "driver" : "a0",
        account: functionName === "openEpoch" ? driver : v,
        contract: "weights",
        functionName,
        args,
      }) as PhaseCall;
    const reveal = (epoch: bigint) => call("reveal", [epoch, uids, weights, salt]);
    const setup = await submitPhase(chain, delayed, [
      { agent: "a0", account: v, contract: "registry", functionName: "register", args: [] },
      { agent: "a0", account: v, contract: "staking", functionName: "stake", args: [0, 1n] },
      call("openEpoch", [5n]),
      call("commit", [commitHash({ epoch: 5n, hotkey: v.address, uids, weights, salt })]),
      registerFor(agents[1]),
    ]);
    expect(setup.reverted).toBe(0);
    const early = await submitPhase(chain, delayed, [reveal(5n), call("openEpoch", [5n])]);
    expect(early.outcomes.map((o) => o.error)).toEqual(["RevealTooEarly", "EpochNotIncreasing"]);
    const due = await submitPhase(chain, delayed, [call("openEpoch", [6n]), reveal(5n)]);
    expect(due.outcomes.map((o) => o.error ?? o.status)).toEqual(["success", "success"]);
    expect((await readRevealedWeights(chain, delayed, 5n)).rows[0]).toEqual(new Uint16Array([65535, 0]));
    await submitPhase(chain, delayed, [call("openEpoch", [7n])]);
    const late = await submitPhase(chain, delayed, [reveal(6n), reveal(5n)]);
    expect(late.outcomes.map((o) => o.error)).toEqual(["NoCommit", "RevealTooLate"]);
  });
});

function registerFor(account: PrivateKeyAccount): PhaseCall {
  return { agent: "other", account, contract: "registry", functionName: "register", args: [] };
}
