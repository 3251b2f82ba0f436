/**
 * `npm run bench:chain` (tsx bench/chain.ts [--sizes 1000,5000,10000] [--naive 300] [--pack 100]
 * [--block 1000] [--workers 2]):
 * one epoch of N agent actions (each a stake change by its own account, `Staking.stake`) settled on
 * a fresh Anvil per N, five ways, in the same run:
 *  - naive: one awaited viem `writeContract` plus its receipt per action, auto-mining on (timed on the
 *    first `--naive` actions only: it is ~100/s; the rate is what it would sustain);
 *  - raw ceiling: every transaction signed ahead on the main thread, then per block of `--block`: sent in
 *    JSON-RPC batches of 250, mined, receipts read with one eth_getBlockReceipts; twice: signed by viem
 *    (pure JS, as the issue measured it) and by libsecp256k1 (what the adapter uses; same bytes);
 *  - adapter, main-thread signing: `submitPhase(..., { workers: false })`;
 *  - adapter, worker signing: `submitPhase` as the engine calls it (two worker threads here);
 *  - packed: the same N actions as `--pack` stake changes per `stakeMany` call (N/pack transactions).
 * Columns: wall time, actions/s, and the split of the adapter's wall time (prepare = encoding +
 * nonces + main-thread signing; sign wait = time the sender waited for worker signatures; send,
 * mine, receipts overlap, so they need not add up). Ratios compare actions/s within one N.
 */
import { availableParallelism, loadavg } from "node:os";
import { createWalletClient, encodeFunctionData, type Hex, http, publicActions } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import { deriveAccounts, protocolAbis, submitPhase } from "../sim/chain/index.ts";
import { requestBatch } from "../sim/chain/requestBatch.ts";
import { signCalls } from "../sim/chain/signCalls.ts";
import {
  type BenchWorld,
  mineAndReadReceipts,
  packedStakeCall,
  stakeCall,
  startBenchWorld,
} from "./chainBenchSetup.ts";

const flag = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = flag("sizes", "1000,5000,10000").split(",").map(Number);
const naiveSample = Number(flag("naive", "300"));
const pack = Number(flag("pack", "100"));
const BLOCK = Number(flag("block", "1000"));
const WORKERS = process.argv.includes("--workers") ? Number(flag("workers", "2")) : undefined;
const SEND_BATCH = 250;

interface Row {
  n: number;
  way: string;
  ms: number;
  actions: number;
  split?: string;
}
const rows: Row[] = [];
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (r: Row) => (r.actions / r.ms) * 1000;

async function naive(world: BenchWorld, count: number): Promise<Row> {
  const { chain, protocol } = world;
  await chain.testClient.setAutomine(true);
  const transport = http(chain.rpcUrl);
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const call = stakeCall(world, i);
    const client = createWalletClient({
      account: call.account,
      chain: chain.chain,
      transport,
      pollingInterval: 20,
    }).extend(publicActions);
    const hash = await client.writeContract({
      address: protocol.addresses.staking,
      abi: protocolAbis.staking,
      functionName: "stake",
      args: call.args as [number, number, `0x${string}`, bigint],
    });
    await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  }
  const ms = performance.now() - t0;
  await chain.testClient.setAutomine(false);
  chain.nonces.reset();
  return { n: 0, way: `naive (first ${count})`, ms, actions: count };
}

async function raw(world: BenchWorld, n: number, signer: "viem" | "libsecp256k1"): Promise<Row> {
  const { chain, protocol } = world;
  const calls = Array.from({ length: n }, (_, i) => {
    const c = stakeCall(world, i);
    return {
      account: c.account,
      to: protocol.addresses.staking,
      data: encodeFunctionData({ abi: protocolAbis.staking, functionName: "stake", args: c.args as never }),
      gas: 300_000n,
    };
  });
  // A copy of an account has no remembered key, so signCalls signs it through viem (pure JS).
  const signable = signer === "viem" ? calls.map((c) => ({ ...c, account: { ...c.account } })) : calls;
  let t = performance.now();
  const signed = await signCalls(chain, signable, { workers: false, chunkSize: n });
  const sign = performance.now() - t;
  let send = 0;
  let mine = 0;
  let receipts = 0;
  let ok = 0;
  for (let start = 0; start < n; start += BLOCK) {
    t = performance.now();
    const block = signed.slice(start, start + BLOCK);
    for (let b = 0; b < block.length; b += SEND_BATCH) {
      const part = block.slice(b, b + SEND_BATCH);
      await requestBatch(
        chain.rpcUrl,
        part.map((s: Hex) => ({ method: "eth_sendRawTransaction", params: [s] })),
        SEND_BATCH,
      );
    }
    send += performance.now() - t;
    const m = await mineAndReadReceipts(chain);
    mine += m.mineMs;
    receipts += m.receiptsMs;
    ok += m.ok;
  }
  if (ok !== n) throw new Error(`raw: ${n - ok} of ${n} failed`);
  const ms = sign + send + mine + receipts;
  return {
    n,
    way: `raw ceiling, ${signer} signing`,
    ms,
    actions: n,
    split: `sign ${fmt(sign)}, send ${fmt(send)}, mine ${fmt(mine)}, receipts ${fmt(receipts)}`,
  };
}

async function adapter(world: BenchWorld, n: number, workers: boolean): Promise<Row> {
  const calls = Array.from({ length: n }, (_, i) => stakeCall(world, i));
  const t0 = performance.now();
  const r = await submitPhase(world.chain, world.protocol, calls, { workers, chunkSize: BLOCK });
  const ms = performance.now() - t0;
  if (r.reverted > 0)
    throw new Error(`adapter: ${r.reverted} reverted (${r.outcomes.find((o) => o.error)?.error})`);
  const x = r.timings;
  return {
    n,
    way: workers
      ? `adapter, ${world.chain.signer()?.workers ?? 0} signing workers`
      : "adapter, main-thread signing",
    ms,
    actions: n,
    split: `prepare ${fmt(x.prepare)}, sign wait ${fmt(x.signWait)}, send ${fmt(x.send)}, mine ${fmt(x.mine)}, receipts ${fmt(x.receipts)}, ${r.blocks.length} blocks`,
  };
}

async function packed(world: BenchWorld, n: number): Promise<Row> {
  const txs = Math.ceil(n / pack);
  const calls = Array.from({ length: txs }, (_, k) =>
    packedStakeCall(world, k, Math.min(pack, n - k * pack)),
  );
  const t0 = performance.now();
  const r = await submitPhase(world.chain, world.protocol, calls);
  const ms = performance.now() - t0;
  if (r.reverted > 0) throw new Error(`packed: ${r.reverted} reverted`);
  return { n, way: `packed, ${pack} actions a call (${txs} tx)`, ms, actions: n };
}

async function warmUp(world: BenchWorld): Promise<void> {
  // JIT and worker start-up are not what we measure: one small phase each way first.
  const calls = Array.from({ length: 200 }, (_, i) => stakeCall(world, i));
  await submitPhase(world.chain, world.protocol, calls, { workers: false });
  await submitPhase(world.chain, world.protocol, calls, { workers: true });
}

async function main(): Promise<void> {
  const most = Math.max(...sizes);
  process.stderr.write(`deriving ${most} accounts...\n`);
  const accounts: PrivateKeyAccount[] = deriveAccounts(1, most);
  const started = new Date().toISOString();
  let version = "anvil ?";
  for (const n of sizes) {
    process.stderr.write(`N = ${n}: setting up a fresh chain...\n`);
    const world = await startBenchWorld(accounts, n, WORKERS);
    try {
      version = String(await world.chain.publicClient.request({ method: "web3_clientVersion" }));
      await warmUp(world);
      const found: Row[] = [];
      found.push({ ...(await naive(world, Math.min(naiveSample, n))), n });
      found.push(await raw(world, n, "viem"));
      found.push(await raw(world, n, "libsecp256k1"));
      found.push(await adapter(world, n, false));
      found.push(await adapter(world, n, true));
      found.push(await packed(world, n));
      rows.push(...found);
      process.stderr.write(`N = ${n}: done\n`);
    } finally {
      await world.chain.stop();
    }
  }
  const load = loadavg()
    .map((x) => x.toFixed(1))
    .join(" ");
  console.log(
    `# bench:chain — ${started}, ${availableParallelism()} cores (load average ${load} at the end), ${version}, node ${process.versions.node}, blocks of ${BLOCK}`,
  );
  console.log("# one action = one stake change by its own account (Staking.stake), except the packed row");
  console.log(
    "# raw(viem) is the issue's raw ceiling; raw(libsecp256k1) signs the same bytes natively, as the adapter does",
  );
  for (const n of sizes) {
    const of = rows.filter((r) => r.n === n);
    const [nv, rv, rw, am, aw, pk] = of;
    console.log(`\nN = ${n} actions in one epoch`);
    for (const r of of) {
      const wall = r.way.startsWith("naive") ? `(${fmt(r.ms)} for ${r.actions})` : fmt(r.ms);
      console.log(
        `  ${r.way.padEnd(40)} ${wall.padStart(16)} ${rate(r).toFixed(0).padStart(8)} actions/s${r.split ? `  [${r.split}]` : ""}`,
      );
    }
    console.log(
      `  ratios: adapter(workers)/naive ${(rate(aw) / rate(nv)).toFixed(1)}×, adapter(workers)/raw(viem) ${(rate(aw) / rate(rv)).toFixed(2)}×, ` +
        `raw(libsecp256k1)/raw(viem) ${(rate(rw) / rate(rv)).toFixed(2)}×, adapter(main)/raw ${(rate(am) / rate(rw)).toFixed(2)}×, ` +
        `adapter(workers)/raw ${(rate(aw) / rate(rw)).toFixed(2)}×, workers/main ${(rate(aw) / rate(am)).toFixed(2)}×, packed/raw ${(rate(pk) / rate(rw)).toFixed(1)}×`,
    );
  }
}

await main();
