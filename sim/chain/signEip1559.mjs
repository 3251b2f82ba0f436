// EIP-1559 transaction signing with libsecp256k1 (the `secp256k1` package's prebuilt N-API binding;
// it falls back to its own JS when the binding cannot load). RFC 6979 nonces, so the signed bytes
// are exactly viem's `signTransaction` output, at a fraction of the cost (viem signs in pure JS).
// Plain JS so that the signing worker (signTransactionsWorker.mjs) can use it under plain node.
import { createRequire } from "node:module";
import { bytesToHex, hexToBytes, keccak256, serializeTransaction } from "viem";

const secp256k1 = createRequire(import.meta.url)("secp256k1");

let native;
try {
  createRequire(import.meta.url)("secp256k1/bindings");
  native = true;
} catch {
  native = false;
}

/** True when libsecp256k1's native binding is in use (false: the package's JS fallback). */
export const nativeSigning = native;

const keys = new Map();
function keyBytes(privateKey) {
  let bytes = keys.get(privateKey);
  if (bytes === undefined) {
    bytes = hexToBytes(privateKey);
    keys.set(privateKey, bytes);
  }
  return bytes;
}

/** Signs `{ chainId, nonce, to, data, gas, tip, maxFee }` with `privateKey`; returns the raw transaction. */
export function signEip1559(privateKey, tx) {
  const unsigned = {
    type: "eip1559",
    chainId: tx.chainId,
    nonce: tx.nonce,
    to: tx.to ?? undefined,
    data: tx.data,
    gas: tx.gas,
    maxPriorityFeePerGas: tx.tip,
    maxFeePerGas: tx.maxFee,
  };
  const hash = hexToBytes(keccak256(serializeTransaction(unsigned)));
  const { signature, recid } = secp256k1.ecdsaSign(hash, keyBytes(privateKey));
  return serializeTransaction(unsigned, {
    r: bytesToHex(signature.subarray(0, 32)),
    s: bytesToHex(signature.subarray(32, 64)),
    yParity: recid,
  });
}

/** The uncompressed public key (0x04…, 65 bytes) of `privateKey`, as viem's privateKeyToAccount has it. */
export function publicKeyOf(privateKey) {
  return bytesToHex(secp256k1.publicKeyCreate(keyBytes(privateKey), false));
}
