import type { Hex } from "viem";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { requestBatch } from "./requestBatch.ts";
import type { ChainHandle } from "./startChain.ts";

async function call<T>(chain: ChainHandle, method: string, params: unknown[] = []): Promise<T> {
  const [r] = await requestBatch<T>(chain.rpcUrl, [{ method, params }]);
  if (!r.ok) throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `${method} failed: ${r.error.message}`);
  return r.result;
}

/** A point to come back to (`evm_snapshot`). Reverting to it consumes it (Anvil's rule). */
export async function snapshotChain(chain: ChainHandle): Promise<Hex> {
  return call<Hex>(chain, "evm_snapshot");
}

/**
 * Returns the chain to `id` (`evm_revert`), pending transactions dropped, and forgets the local
 * nonces (they are read again). Throws if Anvil does not know the snapshot.
 */
export async function revertChain(chain: ChainHandle, id: Hex): Promise<void> {
  const ok = await call<boolean>(chain, "evm_revert", [id]);
  chain.nonces.reset();
  if (!ok) throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `evm_revert: unknown snapshot ${id}`);
}

/** The whole chain state as Anvil's hex-encoded (gzipped JSON) blob (`anvil_dumpState`). */
export async function dumpChainState(chain: ChainHandle): Promise<Hex> {
  return call<Hex>(chain, "anvil_dumpState");
}

/**
 * Merges a dumped state into this running chain (`anvil_loadState`): accounts, code, storage and the
 * block number. Local nonces are forgotten. Anvil refuses request bodies past about 2 MB, so to
 * branch a large run start a new chain from it instead: `startChain({ state })`.
 */
export async function loadChainState(chain: ChainHandle, state: Hex): Promise<void> {
  const ok = await call<boolean>(chain, "anvil_loadState", [state]);
  chain.nonces.reset();
  if (!ok) throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", "anvil_loadState refused the state");
}
