import type { Address, Hex } from "viem";

/** True when libsecp256k1's native binding is in use (false: the package's JS fallback). */
export declare const nativeSigning: boolean;

/** Signs an EIP-1559 transaction; the raw bytes equal viem's `signTransaction` output. */
export declare function signEip1559(
  privateKey: Hex,
  tx: {
    chainId: number;
    nonce: number;
    to: Address | null;
    data: Hex;
    gas: bigint;
    tip: bigint;
    maxFee: bigint;
  },
): Hex;

/** The uncompressed public key (0x04…, 65 bytes) of `privateKey`, as viem's privateKeyToAccount has it. */
export declare function publicKeyOf(privateKey: Hex): Hex;
