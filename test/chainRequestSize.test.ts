import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PhaseCall, phaseCall, protocolAbis, readBalances, readStakes } from "../sim/chain/index.ts";
import { BALANCES_PER_CALL } from "../sim/chain/readBalances.ts";
import { MAX_REQUEST_BYTES } from "../sim/chain/requestBatch.ts";
import { CrucibleError } from "../sim/errors/CrucibleError.ts";
import { type ProtocolFixture, startProtocolFixture } from "./fixtures/chain/protocolFixture.ts";

let f: ProtocolFixture;

beforeAll(async () => {
  f = await startProtocolFixture({
    agents: 12,
    subnets: [{ minBurn: 0n, maxBurn: 0n, initialBurn: 0n, immunityPeriod: 0n }],
  });
  const r = await f.submit([phaseCall(f.agents[0], "registry", "register", [0, 0n], "a0")]);
  expect(r.reverted).toBe(0);
});
afterAll(async () => f?.stop());

/** Agent i stakes 1 wei on UID 0 `entries` times in one stakeMany: 64 bytes of calldata an entry. */
const bigStake = (i: number, entries: number): PhaseCall =>
  phaseCall(
    f.agents[i],
    "staking",
    "stakeMany",
    [0, Array<number>(entries).fill(0), Array<bigint>(entries).fill(1n)],
    `a${i}`,
    500_000_000n,
  );

describe("JSON-RPC request size (Anvil refuses bodies over 2 MiB)", () => {
  it("settles a phase of ~4.6 MB of transactions, sent in batches under the byte budget", async () => {
    // 12 calls of 3,000 entries: ~192 KB of calldata each, ~0.38 MB as hex in JSON, ~4.6 MB in all;
    // one body (12 < 250 calls) would be over Anvil's 2 MiB, so the batches must be split by size.
    const calls = f.agents.map((_, i) => bigStake(i, 3_000));
    const before = (await readStakes(f.chain, f.protocol))[0];
    const r = await f.submit(calls);
    expect(r.outcomes.map((o) => o.status)).toEqual(calls.map(() => "success"));
    expect((await readStakes(f.chain, f.protocol))[0] - before).toBe(12n * 3_000n);
  });

  it("a transaction too large for one request is a CrucibleError naming the agent and call", async () => {
    const entries = Math.ceil(MAX_REQUEST_BYTES / 128) + 10;
    const err = await f.submit([bigStake(0, 10), bigStake(3, entries)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CrucibleError);
    expect((err as CrucibleError).code).toBe("CRUCIBLE_CHAIN_FAILED");
    expect((err as Error).message).toMatch(/^a3's staking\.stakeMany is too large to send/);
    // Nothing was sent: the next phase of the same accounts goes through (nonces untouched).
    const r = await f.submit([bigStake(0, 10), bigStake(3, 10)]);
    expect(r.reverted).toBe(0);
  });

  it("reads balances of more addresses than one balancesOf call takes, in input order", async () => {
    const zero = "0x00000000000000000000000000000000000000a1" as Address;
    const list = Array<Address>(2 * BALANCES_PER_CALL + 5).fill(zero);
    const at = [0, BALANCES_PER_CALL - 1, BALANCES_PER_CALL, list.length - 1];
    at.forEach((i, k) => {
      list[i] = f.agents[k + 1].address;
    });
    const balances = await readBalances(f.chain, f.protocol, list);
    expect(balances).toHaveLength(list.length);
    const single = (a: Address) =>
      f.chain.publicClient.readContract({
        address: f.protocol.addresses.token,
        abi: protocolAbis.token,
        functionName: "balanceOf",
        args: [a],
      });
    for (const [k, i] of at.entries()) {
      expect(balances[i]).toBe(await single(f.agents[k + 1].address));
      expect(balances[i]).toBeGreaterThan(0n);
    }
    expect(balances.filter((b) => b === 0n)).toHaveLength(list.length - at.length);
  });
});
