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
    expect(await publicClient.readContract({ ...token, functionName: "minter" })).toBe(protocol.addresses.emission);
    expect(await publicClient.readContract({ ...token, functionName: "staking" })).toBe(protocol.addresses.staking);
    expect(await readTotalSupply(chain, protocol)).toBe(GENESIS_EACH * BigInt(VALIDATORS));
    expect(deriveAccounts(SEED, 2).map((a) => a.address)).toEqual(agents.slice(0, 2).map((a) => a.address));
    expect(deriveAccounts(SEED + 1, 1)[0].address).not.toBe(agents[0].address);
  });

  it("lands one phase of 50 registrations in one block, UIDs in input order", async () => {
    const started = performance.now();
    const result = await submitPhase(chain, protocol, agents.map((_, i) => reg(i)));
    const ms = performance.now() - started;
    console.log(`submitPhase: ${AGENTS} register txs in ${ms.toFixed(0)} ms, gas ${result.outcomes[1].gasUsed}`);
    expect(result.outcomes.map((o) => o.status)).toEqual(Array(AGENTS).fill("success"));
    expect(result.outcomes.map((o) => o.agent)).toEqual(agents.map((_, i) => `a${i}`));
    const block = await chain.publicClient.getBlock({ blockNumber: result.blockNumber });
    expect(block.transactions).toEqual(result.outcomes.map((o) => o.txHash));
    expect(result.gasUsed).toBe(result.outcomes.reduce((s, o) => s + o.gasUsed, 0n));
    const registry = await readRegistry(chain, protocol);
    expect(registry.hotkeys).toEqual(agents.map((a) => getAddress(a.address)));
    expect(registry.registeredAt.every((b) => b === result.blockNumber)).toBe(true);
  });

  it("records a second registration from the same address as a revert with the custom error", async () => {
    const result = await submitPhase(chain, protocol, [reg(3), reg(3)]);
    expect(result.reverted).toBe(2);
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
    calls.push({ agent: "a0", account: agents[0], contract: "staking", functionName: "unstake", args: [0, 40n] });
    calls.push({ agent: "a1", account: agents[1], contract: "staking", functionName: "stake", args: [1, GENESIS_EACH] });
    calls.push({ agent: "a2", account: agents[2], contract: "staking", functionName: "unstake", args: [5, 1n] });
    calls.push({ agent: "a40", account: agents[40], contract: "staking", functionName: "stake", args: [60, 1n] });
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
});
