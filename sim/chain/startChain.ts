import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { createAnvil } from "@viem/anvil";
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
import { trackRunningChain } from "./chainCleanup.ts";
import { createSignerPool, type SignerPool } from "./createSignerPool.ts";
import { findAnvilPid } from "./findAnvilPid.ts";
import { createNonceBook, type NonceBook } from "./nonceBook.ts";
import { checkAnvilBinary, resolveAnvilBinary } from "./resolveAnvilBinary.ts";

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
 * Starts a fresh Anvil on a free 127.0.0.1 port with automine off and a large block gas limit. While
 * it runs, SIGINT/SIGTERM and process exit stop it (see chainCleanup.ts). A missing binary or a
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
  const anvil = createAnvil({
    loadState,
    anvilBinary,
    host,
    port,
    chainId,
    noMining: true,
    gasLimit: options.blockGasLimit ?? 1_000_000_000_000n,
    blockBaseFeePerGas: 0n,
    startTimeout: options.startTimeoutMs ?? 20_000,
    // @viem/anvil keeps a timer of this length alive after every stop(), so keep it short; a chain
    // that has not exited by then is killed below.
    stopTimeout: 1_500,
  });
  try {
    await anvil.start();
  } catch (cause) {
    if (stateDir !== undefined) rmSync(stateDir, { recursive: true, force: true });
    await anvil.stop().catch(() => undefined);
    const log = anvil.logs.join("").trim().split("\n").slice(-3).join(" | ");
    throw new CrucibleError(
      "CRUCIBLE_ANVIL_START_FAILED",
      `Anvil did not start on ${host}:${port}: ${(cause as Error).message}`,
      { details: `binary ${anvilBinary}${log ? `; last output: ${log}` : ""}`, cause },
    );
  }

  const pid = findAnvilPid(port);
  const workers = options.signingWorkers ?? Math.min(2, availableParallelism());
  let pool: SignerPool | undefined;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    untrack();
    await pool?.close();
    if (stateDir !== undefined) rmSync(stateDir, { recursive: true, force: true });
    await anvil.stop().catch(() => undefined);
    if (pid !== undefined) {
      try {
        process.kill(pid, "SIGKILL"); // anvil.stop() timed out or lost the child
      } catch {
        // already gone: the normal case
      }
    }
  };
  const untrack = trackRunningChain({ pid, stop });

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
