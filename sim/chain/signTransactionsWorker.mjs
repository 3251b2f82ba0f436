// Worker thread of createSignerPool: signs EIP-1559 transactions with libsecp256k1 (signEip1559.mjs:
// plain JS, so it runs under tsx, vitest and plain node alike). Message in: { id, chainId, keys: Hex[],
// txs: [{ key, nonce, to, data, gas, tip, maxFee }] }; out: { id, signed: Hex[] } or { id, error }.
import { parentPort } from "node:worker_threads";
import { signEip1559 } from "./signEip1559.mjs";

parentPort.on("message", ({ id, chainId, keys, txs }) => {
  try {
    const signed = txs.map((tx) => signEip1559(keys[tx.key], { ...tx, chainId }));
    parentPort.postMessage({ id, signed });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.stack ?? error) });
  }
});
