import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import getPort from "get-port";
import {
  type Chain,
  createPublicClient,
  createTestClient,
  defineChain,
  type Hex,
  hexToBytes,
  http,
  type PublicClient,
  type TestClient,
  type Transport,
} from "viem";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { own } from "../lifecycle/processLifecycle.ts";
import { createSignerPool, type SignerPool } from "./createSignerPool.ts";
import { createNonceBook, type NonceBook } from "./nonceBook.ts";
import { checkAnvilBinary, resolveAnvilBinary } from "./resolveAnvilBinary.ts";
import { trackRunningChain } from "./runningChains.ts";
import { type AnvilProcess, spawnAnvil } from "./spawnAnvil.ts";

export interface StartChainOptions {
  /** Block gas limit (default 10^12: phases of thousands of transactions fit one block). */
  readonly blockGasLimit?: bigint;
  readonly chainId?: number;
  /** Path of the Anvil binary (default: the one shipped by @foundry-rs/anvil). */
  readonly anvilBinary?: string;
  /** Milliseconds to wait for Anvil to listen (default 20,000). */
  readonly startTimeoutMs?: number;
  /** Worker threads that sign large phases (default: min(2, cores); 0 signs on the main thread). */
  readonly signingWorkers?: number;
  /** Start from a state that `dumpChainState` returned (a branch of another chain, any size). */
  readonly state?: Hex;
}

/** A running Anvil (loopback only, automine off) and the clients to drive it. */
export interface ChainHandle {
  readonly rpcUrl: string;
  readonly port: number;
  /** PID of the Anvil process (undefined if it could not be found). */
  readonly pid: number | undefined;
  readonly chain: Chain;
  readonly publicClient: PublicClient<Transport, Chain>;
  readonly testClient: TestClient<"anvil", Transport, Chain>;
  /** Locally managed nonces of the accounts this process signs for. */
  readonly nonces: NonceBook;
  /** The signing workers, started on first use; undefined when signingWorkers is 0. */
  signer(): SignerPool | undefined;
  /** Mines one block with every pending transaction; returns its number. */
  mine(): Promise<bigint>;
  /** Stops Anvil (idempotent). */
  stop(): Promise<void>;
}

export type StartChainReturnType = ChainHandle;

/**
 * Starts a fresh Anvil on a free 127.0.0.1 port with automine off and a large block gas limit, under a
 * watchdog that kills it if this process dies (even by SIGKILL). While it runs, the lifecycle owner
 * stops it on every exit path (sim/lifecycle/processLifecycle.ts). A missing binary or a
 * failed start throws CRUCIBLE_ANVIL_START_FAILED.
 */
export async function startChain(options: StartChainOptions = {}): Promise<ChainHandle> {
  const anvilBinary =
    options.anvilBinary === undefined ? resolveAnvilBinary() : checkAnvilBinary(options.anvilBinary);
  const chainId = options.chainId ?? 31337;
  const host = "127.0.0.1";
  const port = await getPort({ host });
  const stateDir = options.state === undefined ? undefined : mkdtempSync(join(tmpdir(), "crucible-state-"));
  let loadState: string | undefined;
  if (stateDir !== undefined && options.state !== undefined) {
    // anvil_dumpState is gzipped JSON; --load-state reads the JSON from a file (no RPC body limit).
    loadState = join(stateDir, "state.json");
    writeFileSync(loadState, gunzipSync(hexToBytes(options.state)));
  }
  const args = [
    ["--host", host],
    ["--port", String(port)],
    ["--chain-id", String(chainId)],
    ["--no-mining"],
    ["--gas-limit", String(options.blockGasLimit ?? 1_000_000_000_000n)],
    ["--block-base-fee-per-gas", "0"],
    loadState === undefined ? [] : ["--load-state", loadState],
  ].flat();
  const removeState = () => {
    if (stateDir !== undefined) rmSync(stateDir, { recursive: true, force: true });
  };
  let anvil: AnvilProcess;
  try {
    anvil = await spawnAnvil(anvilBinary, args, options.startTimeoutMs ?? 20_000);
  } catch (cause) {
    removeState();
    const log = (cause as { logs?: string }).logs ?? "";
    throw new CrucibleError(
      "CRUCIBLE_ANVIL_START_FAILED",
      `Anvil did not start on ${host}:${port}: ${(cause as Error).message}`,
      { details: `binary ${anvilBinary}${log ? `; last output: ${log}` : ""}`, cause },
    );
  }

  const pid = anvil.pid;
  const workers = options.signingWorkers ?? Math.min(2, availableParallelism());
  let pool: SignerPool | undefined;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    try {
      await pool?.close();
    } finally {
      await anvil.stop();
      removeState();
      release();
      untrack();
    }
  };
  // The lifecycle owner stops this chain on every way the process ends (see processLifecycle.ts).
  const release = own({
    name: `anvil on ${host}:${port}`,
    stop,
    killNow() {
      stopped = true;
      anvil.killNow();
      void pool?.close();
      removeState();
      untrack();
    },
  });
  const untrack = trackRunningChain();

  const rpcUrl = `http://${host}:${port}`;
  const chain = defineChain({
    id: chainId,
    name: "Crucible Anvil",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const transport = http(rpcUrl, { batch: true, retryCount: 0, timeout: 120_000 });
  const publicClient = createPublicClient({ chain, transport });
  const testClient = createTestClient({ chain, transport, mode: "anvil" });

  return {
    rpcUrl,
    port,
    pid,
    chain,
    publicClient,
    testClient,
    nonces: createNonceBook(),
    signer() {
      if (workers > 0 && pool === undefined && !stopped) pool = createSignerPool(workers);
      return pool;
    },
    async mine() {
      await testClient.mine({ blocks: 1 });
      return publicClient.getBlockNumber({ cacheTime: 0 });
    },
    stop,
  };
}
