import { parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dumpChainState,
  loadChainState,
  type PhaseCall,
  phaseCall,
  protocolAbis,
  readBalances,
  readLedger,
  revertChain,
  snapshotChain,
  startChain,
  submitPhase,
} from "../sim/chain/index.ts";
import { signCalls } from "../sim/chain/signCalls.ts";
import { type ProtocolFixture, startProtocolFixture } from "./fixtures/chain/protocolFixture.ts";

const AGENTS = 400;
let f: ProtocolFixture;

beforeAll(async () => {
  f = await startProtocolFixture({ agents: AGENTS, genesisEach: parseEther("10") });
});
afterAll(async () => f?.stop());

const transfer = (i: number, amount = 1n): PhaseCall =>
  phaseCall(f.agents[i % AGENTS], "token", "transfer", [f.agents[(i + 1) % AGENTS].address, amount], `a${i}`);

describe("chain adapter", () => {
  it("splits a large phase into blocks of chunkSize, in input order, reverts named per call", async () => {
    const calls = Array.from({ length: 1_100 }, (_, i) => transfer(i, i === 700 ? parseEther("1000") : 1n));
    const r = await submitPhase(f.chain, f.protocol, calls, { chunkSize: 500 });
    expect(r.blocks).toHaveLength(3);
    expect(r.blocks[1] - r.blocks[0]).toBe(1n);
    for (const [k, block] of r.blocks.entries()) {
      const b = await f.chain.publicClient.getBlock({ blockNumber: block });
      expect(b.transactions).toEqual(r.outcomes.slice(k * 500, (k + 1) * 500).map((o) => o.txHash));
    }
    expect(r.reverted).toBe(1);
    expect(r.outcomes[700]).toMatchObject({ status: "reverted", error: "ERC20InsufficientBalance" });
    expect(r.outcomes.map((o) => o.agent)).toEqual(calls.map((c) => c.agent));
    expect(r.timings.send).toBeGreaterThan(0);
  });

  it("signs the same bytes in worker threads as on the main thread", async () => {
    const calls = Array.from({ length: 300 }, (_, i) => {
      const c = transfer(i);
      return { account: c.account, to: f.protocol.addresses.token, data: "0x1234" as const, gas: 50_000n };
    });
    const snapshot = await snapshotChain(f.chain);
    const inWorkers = await signCalls(f.chain, calls, { chunkSize: 128 });
    f.chain.nonces.reset();
    const onMain = await signCalls(f.chain, calls, { workers: false });
    expect(f.chain.signer()?.workers).toBeGreaterThan(0);
    expect(inWorkers).toEqual(onMain);
    await revertChain(f.chain, snapshot);
  });

  it("reverts to a snapshot (nonces reloaded) and branches a dumped state into a second chain", async () => {
    const before = await readLedger(f.chain, f.protocol);
    const balance0 = (await readBalances(f.chain, f.protocol, [f.agents[0].address]))[0];
    const snapshot = await snapshotChain(f.chain);
    await submitPhase(f.chain, f.protocol, [transfer(0, parseEther("1"))]);
    expect((await readBalances(f.chain, f.protocol, [f.agents[0].address]))[0]).toBe(
      balance0 - parseEther("1"),
    );
    await revertChain(f.chain, snapshot);
    expect((await readBalances(f.chain, f.protocol, [f.agents[0].address]))[0]).toBe(balance0);
    expect((await submitPhase(f.chain, f.protocol, [transfer(0)])).reverted).toBe(0);
    await expect(revertChain(f.chain, snapshot)).rejects.toThrow(/unknown snapshot/);

    const state = await dumpChainState(f.chain);
    const branch = await startChain({ signingWorkers: 0, state });
    try {
      const head = await f.chain.publicClient.getBlockNumber({ cacheTime: 0 });
      expect(await branch.publicClient.getBlockNumber({ cacheTime: 0 })).toBe(head);
      const read = (chain: typeof branch) =>
        chain.publicClient.readContract({
          address: f.protocol.addresses.token,
          abi: protocolAbis.token,
          functionName: "balancesOf",
          args: [f.agents.slice(0, 5).map((a) => a.address)],
        });
      expect(await read(branch)).toEqual(await read(f.chain));
      // The branch goes its own way; the original is untouched.
      const r = await submitPhase(branch, f.protocol, [transfer(3, parseEther("2"))]);
      expect(r.reverted).toBe(0);
      expect((await read(branch))[3]).toBe((await read(f.chain))[3] - parseEther("2"));
      expect((await readLedger(f.chain, f.protocol)).totalSupply).toBe(before.totalSupply);
    } finally {
      await branch.stop();
    }
    // A small state also merges into a running chain over RPC.
    const empty = await startChain({ signingWorkers: 0 });
    try {
      const small = await dumpChainState(empty);
      await loadChainState(empty, small);
    } finally {
      await empty.stop();
    }
  });
});
