import {
  type Address,
  createWalletClient,
  encodeAbiParameters,
  type Hex,
  http,
  keccak256,
  pad,
  parseEther,
  toHex,
} from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { phaseCall, protocolAbis, readLedger, revertChain, snapshotChain } from "../sim/chain/index.ts";
import { checkProtocolInvariants } from "./fixtures/chain/checkProtocolInvariants.ts";
import { type ProtocolFixture, startProtocolFixture } from "./fixtures/chain/protocolFixture.ts";

/**
 * The Anvil property test's invariants (test/fixtures/chain/checkProtocolInvariants.ts, run by
 * test/protocolProperties.test.ts) shown to fail, each on a planted bug made cheaply with Anvil's
 * cheat codes instead of a rebuilt contract (finding 13, issue 17):
 * - mints: a mint outside Emission.distribute (the token's NotMinter check skipped: the Emission
 *   contract impersonated) → "emitted delta != mints" and "mints outside distribute";
 * - books: a transfer that credits 1 wei more than it debits (an agent's balance slot + 1) →
 *   "balances + staked + unbonding + escrow != supply";
 * - burns and staking backing: a burn no registration or slash explains (Staking impersonated,
 *   burning its own tokens) → "burned != registration prices + slashes + burns" and "staking
 *   balance != staked + unbonding";
 * - market backing: tokens moved out of TaskMarket without a release or refund (TaskMarket
 *   impersonated) → "market balance != escrow".
 * And the control: an honest phase (registrations and stakes) violates nothing.
 */
let f: ProtocolFixture;
let base: Hex;

beforeAll(async () => {
  f = await startProtocolFixture({ seed: 31, agents: 4 });
  const a = f.agents;
  const r = await f.submit(a.map((x) => phaseCall(x, "registry", "register", [0, 2n ** 255n])));
  expect(r.outcomes.every((o) => o.status === "success")).toBe(true);
  base = await snapshotChain(f.chain);
});
afterAll(async () => f?.stop());

/** Runs `plant` from the base state and returns the invariants' violations over its blocks. */
async function violationsAfter(plant: () => Promise<unknown>): Promise<string[]> {
  await revertChain(f.chain, base);
  base = await snapshotChain(f.chain);
  const before = await readLedger(f.chain, f.protocol);
  const fromBlock = (await f.chain.publicClient.getBlockNumber({ cacheTime: 0 })) + 1n;
  await plant();
  const toBlock = await f.chain.publicClient.getBlockNumber({ cacheTime: 0 });
  return checkProtocolInvariants(f, f.protocol, { fromBlock, toBlock, voluntaryBurns: 0n, before });
}

/** Sends a token call as `from` (a contract, impersonated) and mines it. */
async function tokenCallAs(
  from: Address,
  functionName: "mint" | "burn" | "transfer",
  args: readonly unknown[],
) {
  const { chain } = f;
  await chain.testClient.impersonateAccount({ address: from });
  await chain.testClient.setBalance({ address: from, value: parseEther("1") });
  const wallet = createWalletClient({ chain: chain.chain, transport: http(chain.rpcUrl), account: from });
  const hash = await wallet.writeContract({
    address: f.protocol.addresses.token,
    abi: protocolAbis.token,
    functionName,
    args: args as never,
    gas: 200_000n,
  });
  await chain.mine();
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe("success");
  await chain.testClient.stopImpersonatingAccount({ address: from });
}

describe("the Anvil property test's invariants fail on planted bugs", () => {
  it("control: an honest phase of stakes violates nothing", async () => {
    const bad = await violationsAfter(() =>
      f.submit(f.agents.map((x, i) => phaseCall(x, "staking", "stake", [0, i, x.address, parseEther("10")]))),
    );
    expect(bad).toEqual([]);
  });

  it("mints: a mint outside Emission.distribute (NotMinter skipped)", async () => {
    const bad = await violationsAfter(() =>
      tokenCallAs(f.protocol.addresses.emission, "mint", [f.agents[0].address, 1n]),
    );
    expect(bad).toContain("emitted delta != mints");
    expect(bad).toContain("mints outside distribute");
  });

  it("books: a balance credited 1 wei more than was debited", async () => {
    const bad = await violationsAfter(async () => {
      const holder = f.agents[1].address;
      const balance = await f.chain.publicClient.readContract({
        address: f.protocol.addresses.token,
        abi: protocolAbis.token,
        functionName: "balanceOf",
        args: [holder],
      });
      // OpenZeppelin 5's ERC20 keeps `_balances` in slot 0: the holder's entry is keccak(holder . 0).
      const slot = keccak256(encodeAbiParameters([{ type: "address" }, { type: "uint256" }], [holder, 0n]));
      const stored = await f.chain.publicClient.getStorageAt({ address: f.protocol.addresses.token, slot });
      expect(BigInt(stored ?? "0x0")).toBe(balance);
      await f.chain.testClient.setStorageAt({
        address: f.protocol.addresses.token,
        index: slot,
        value: pad(toHex(balance + 1n)),
      });
      await f.chain.mine();
    });
    expect(
      bad.some((v) => /^balances \d+ \+ staked \d+ \+ unbonding \d+ \+ escrow \d+ != supply/.test(v)),
    ).toBe(true);
  });

  it("burns and staking backing: Staking burns tokens no slash explains", async () => {
    const bad = await violationsAfter(async () => {
      const stake = f.agents.map((x, i) =>
        phaseCall(x, "staking", "stake", [0, i, x.address, parseEther("10")]),
      );
      await f.submit(stake);
      await tokenCallAs(f.protocol.addresses.staking, "burn", [1n]);
    });
    expect(bad).toContain("staking balance != staked + unbonding");
    expect(
      bad.some((v) => v.startsWith("burned ") && v.includes("!= registration prices + slashes + burns")),
    ).toBe(true);
  });

  it("market backing: tokens leave TaskMarket without a release or refund", async () => {
    const bad = await violationsAfter(async () => {
      const posted = await f.submit([
        phaseCall(f.outsider, "market", "postTasks", [0, 1n, 8, parseEther("5")]),
      ]);
      expect(posted.outcomes.map((o) => o.status)).toEqual(["success"]);
      await tokenCallAs(f.protocol.addresses.market, "transfer", [f.agents[2].address, 1n]);
    });
    expect(bad).toContain("market balance != escrow");
  });
});
