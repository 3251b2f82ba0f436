import { type Address, encodeFunctionData, type Hex } from "viem";
import { CrucibleError } from "../errors/CrucibleError.ts";
import type { Protocol } from "./deployProtocol.ts";
import { protocolAbis } from "./protocolAbis.ts";
import { requestBatch } from "./requestBatch.ts";
import type { ChainHandle } from "./startChain.ts";
import { toChainError } from "./toChainError.ts";

/** Addresses per `balancesOf` eth_call (~0.5 MB of JSON each); the calls go in one batch. */
export const BALANCES_PER_CALL = 8_192;

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const word = (n: number) => n.toString(16).padStart(64, "0");
let selector: string | undefined;

/**
 * `balancesOf(addresses)` calldata, encoded by hand: viem's encoder checksums every address (~23 µs
 * each: ~230 ms of the ~280 ms a 10,000-address read took), and the addresses only need their hex.
 */
export function encodeBalancesOf(addresses: readonly Address[], offset = 0): Hex {
  selector ??= encodeFunctionData({ abi: protocolAbis.token, functionName: "balancesOf", args: [[]] }).slice(
    0,
    10,
  );
  const parts = [selector, word(32), word(addresses.length)];
  addresses.forEach((a, i) => {
    if (!ADDRESS.test(a)) {
      throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `address ${offset + i} is not an address: ${a}`);
    }
    parts.push(`000000000000000000000000${a.slice(2)}`);
  });
  return parts.join("").toLowerCase() as Hex;
}

/** The uint256[] of `count` values a balancesOf call returns (offset word, length word, values). */
export function decodeUint256Array(data: Hex, count: number): bigint[] {
  const length = data.length >= 130 ? Number.parseInt(data.slice(66, 130), 16) : -1;
  if (length !== count || data.length !== 130 + 64 * count) {
    throw new CrucibleError(
      "CRUCIBLE_CHAIN_FAILED",
      `balancesOf returned ${(data.length - 2) / 2} bytes for ${count} addresses`,
    );
  }
  const out = new Array<bigint>(count);
  for (let i = 0; i < count; i++) out[i] = BigInt(`0x${data.slice(130 + 64 * i, 194 + 64 * i)}`);
  return out;
}

/**
 * Token balances (wei) of `addresses`, in input order: one `balancesOf` eth_call per
 * BALANCES_PER_CALL addresses, all in one JSON-RPC batch (split by size, sent concurrently).
 */
export async function readBalances(
  chain: ChainHandle,
  protocol: Protocol,
  addresses: readonly Address[],
): Promise<bigint[]> {
  try {
    const parts: (readonly Address[])[] = [];
    for (let i = 0; i < addresses.length; i += BALANCES_PER_CALL) {
      parts.push(addresses.slice(i, i + BALANCES_PER_CALL));
    }
    const responses = await requestBatch<Hex>(
      chain.rpcUrl,
      parts.map((p, k) => ({
        method: "eth_call",
        params: [
          { to: protocol.addresses.token, data: encodeBalancesOf(p, k * BALANCES_PER_CALL) },
          "latest",
        ],
      })),
      { parallel: true },
    );
    return responses.flatMap((r, k) => {
      if (!r.ok) throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `balancesOf failed: ${r.error.message}`);
      return decodeUint256Array(r.result, parts[k].length);
    });
  } catch (error) {
    throw toChainError(error, `reading ${addresses.length} balances`);
  }
}

/** The token's total supply (wei). */
export async function readTotalSupply(chain: ChainHandle, protocol: Protocol): Promise<bigint> {
  try {
    return await chain.publicClient.readContract({
      address: protocol.addresses.token,
      abi: protocolAbis.token,
      functionName: "totalSupply",
    });
  } catch (error) {
    throw toChainError(error, "reading total supply");
  }
}
