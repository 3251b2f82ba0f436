import type { Address, Hex, LocalAccount } from "viem";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { requestBatch } from "./requestBatch.ts";
import type { ChainHandle } from "./startChain.ts";

export interface UnsignedCall {
  readonly account: LocalAccount;
  /** Target contract; null deploys `data` as creation code. */
  readonly to: Address | null;
  readonly data: Hex;
  readonly gas: bigint;
}

/** Max fee above the tip, so a transaction stays valid if the base fee (0 on our Anvil) ever rises. */
const FEE_HEADROOM = 1_000_000_000n;

/**
 * Signs `calls` locally with nonces from the chain's nonce book (loading unknown ones in one batch).
 * Call i gets priority fee `calls.length - i` wei, so Anvil's fee-ordered miner executes the block in
 * exactly the input order (same-sender calls keep their nonce order, which is also input order).
 */
export async function signCalls(chain: ChainHandle, calls: readonly UnsignedCall[]): Promise<Hex[]> {
  const unknown = chain.nonces.unknown(calls.map((c) => c.account.address));
  if (unknown.length > 0) {
    const counts = await requestBatch<Hex>(
      chain.rpcUrl,
      unknown.map((a) => ({ method: "eth_getTransactionCount", params: [a, "pending"] })),
    );
    counts.forEach((r, i) => {
      if (!r.ok) {
        throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `cannot read the nonce of ${unknown[i]}`, {
          details: r.error.message,
        });
      }
      chain.nonces.set(unknown[i], Number(r.result));
    });
  }
  const chainId = chain.chain.id;
  const n = BigInt(calls.length);
  return Promise.all(
    calls.map((c, i) => {
      const tip = n - BigInt(i);
      return c.account.signTransaction({
        type: "eip1559",
        chainId,
        nonce: chain.nonces.take(c.account.address),
        to: c.to,
        data: c.data,
        gas: c.gas,
        maxPriorityFeePerGas: tip,
        maxFeePerGas: tip + FEE_HEADROOM,
      });
    }),
  );
}
