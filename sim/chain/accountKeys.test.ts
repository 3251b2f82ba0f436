import fc from "fast-check";
import type { Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { accountFromKey, keyOf } from "./accountKeys.ts";

const hex = (bytes: Uint8Array) => `0x${Buffer.from(bytes).toString("hex")}` as Hex;

describe("accountFromKey", () => {
  it("is viem's privateKeyToAccount: same address, public key, message and transaction signatures", async () => {
    const key = fc
      .uint8Array({ minLength: 32, maxLength: 32 })
      .filter((k) => k.some((b) => b !== 0) && k[0] < 0xf0);
    await fc.assert(
      fc.asyncProperty(key, fc.uint8Array({ maxLength: 64 }), async (k, message) => {
        const privateKey = hex(k);
        const ours = accountFromKey(privateKey);
        const viem = privateKeyToAccount(privateKey);
        expect(ours.address).toBe(viem.address);
        expect(ours.publicKey).toBe(viem.publicKey);
        expect(ours.source).toBe("privateKey");
        expect(keyOf(ours)).toBe(privateKey);
        expect(keyOf(viem)).toBeUndefined();
        const raw = { message: { raw: hex(message) } };
        expect(await ours.signMessage(raw)).toBe(await viem.signMessage(raw));
        const tx = { type: "eip1559", chainId: 31337, nonce: 3, gas: 21_000n, maxFeePerGas: 2n } as const;
        expect(await ours.signTransaction(tx)).toBe(await viem.signTransaction(tx));
      }),
      { numRuns: 50 },
    );
  });
});
