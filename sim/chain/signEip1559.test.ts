import fc from "fast-check";
import { type Hex, parseTransaction, recoverTransactionAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { nativeSigning, signEip1559 } from "./signEip1559.mjs";

const hex = (bytes: Uint8Array) => `0x${Buffer.from(bytes).toString("hex")}` as Hex;

describe("signEip1559", () => {
  it("uses libsecp256k1's native binding here", () => {
    expect(nativeSigning).toBe(true);
  });

  it("gives exactly viem's signed bytes, for calls and creations, and recovers to the signer", async () => {
    const arbitraryTx = fc.record({
      key: fc
        .uint8Array({ minLength: 32, maxLength: 32 })
        .filter((k) => k.some((b) => b !== 0) && k[0] < 0xf0),
      nonce: fc.nat({ max: 2 ** 31 }),
      to: fc.option(fc.uint8Array({ minLength: 20, maxLength: 20 }), { nil: null }),
      data: fc.uint8Array({ maxLength: 300 }),
      gas: fc.bigInt({ min: 21_000n, max: 30_000_000n }),
      tip: fc.bigInt({ min: 0n, max: 10n ** 12n }),
      chainId: fc.constantFrom(1, 31337),
    });
    await fc.assert(
      fc.asyncProperty(arbitraryTx, async (t) => {
        const privateKey = hex(t.key);
        const account = privateKeyToAccount(privateKey);
        const tx = {
          chainId: t.chainId,
          nonce: t.nonce,
          to: t.to === null ? null : hex(t.to),
          data: hex(t.data),
          gas: t.gas,
          tip: t.tip,
          maxFee: t.tip + 10n ** 9n,
        };
        const fast = signEip1559(privateKey, tx);
        const viem = await account.signTransaction({
          type: "eip1559",
          chainId: tx.chainId,
          nonce: tx.nonce,
          to: tx.to,
          data: tx.data,
          gas: tx.gas,
          maxPriorityFeePerGas: tx.tip,
          maxFeePerGas: tx.maxFee,
        });
        expect(fast).toBe(viem);
        expect(parseTransaction(fast).nonce).toBe(tx.nonce);
        expect(await recoverTransactionAddress({ serializedTransaction: fast as never })).toBe(
          account.address,
        );
      }),
      { numRuns: 200 },
    );
  });
});
