// Worker thread of createSignerPool: signs EIP-1559 transactions with viem (plain JS, so it runs
// under tsx, vitest and plain node alike). Message in: { id, chainId, keys: Hex[], txs: [{ key,
// nonce, to, data, gas, tip, maxFee }] }; out: { id, signed: Hex[] } or { id, error }.
import { parentPort } from "node:worker_threads";
import { privateKeyToAccount } from "viem/accounts";

const accounts = new Map();

function accountOf(key) {
  let account = accounts.get(key);
  if (account === undefined) {
    account = privateKeyToAccount(key);
    accounts.set(key, account);
  }
  return account;
}

parentPort.on("message", async ({ id, chainId, keys, txs }) => {
  try {
    const signed = [];
    for (const tx of txs) {
      signed.push(
        await accountOf(keys[tx.key]).signTransaction({
          type: "eip1559",
          chainId,
          nonce: tx.nonce,
          to: tx.to,
          data: tx.data,
          gas: tx.gas,
          maxPriorityFeePerGas: tx.tip,
          maxFeePerGas: tx.maxFee,
        }),
      );
    }
    parentPort.postMessage({ id, signed });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.stack ?? error) });
  }
});
