import { createRequire } from "node:module";
import { type Address, encodeAbiParameters, type Hex, hexToBigInt, hexToBytes, keccak256 } from "viem";
import { publicKeyToAddress } from "viem/accounts";

const SECP256K1_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** The `secp256k1` package (libsecp256k1's binding, or its JS fallback): the public key of a key. */
const secp256k1 = createRequire(import.meta.url)("secp256k1") as {
  publicKeyCreate(privateKey: Uint8Array, compressed?: boolean): Uint8Array;
};

/** The private key of account `index` under `seed` and `label`: keccak256(abi.encode(...)). */
export function derivePrivateKey(seed: number | bigint, index: number, label = "agent"): Hex {
  let key = keccak256(
    encodeAbiParameters(
      [{ type: "string" }, { type: "string" }, { type: "uint256" }, { type: "uint256" }],
      ["crucible-account", label, BigInt(seed), BigInt(index)],
    ),
  );
  // Out-of-range keys have probability ~2^-128; rehash to stay total.
  while (hexToBigInt(key) === 0n || hexToBigInt(key) >= SECP256K1_ORDER) key = keccak256(key);
  return key;
}

/** The (checksummed) address of a private key, as viem's `privateKeyToAddress` gives it. */
export function addressOfKey(privateKey: Hex): Address {
  const publicKey = secp256k1.publicKeyCreate(hexToBytes(privateKey), false);
  return publicKeyToAddress(`0x${Buffer.from(publicKey).toString("hex")}`);
}

/** The addresses of `count` accounts derived from the run seed (those of `deriveAccounts`, without
 * the signing keys): same seed and label → same addresses on either protocol. */
export function deriveAddresses(seed: number | bigint, count: number, label = "agent", start = 0): Address[] {
  return Array.from({ length: count }, (_, i) => addressOfKey(derivePrivateKey(seed, start + i, label)));
}
