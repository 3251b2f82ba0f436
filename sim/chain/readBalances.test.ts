import {
  type Address,
  decodeFunctionResult,
  encodeFunctionData,
  encodeFunctionResult,
  getAddress,
} from "viem";
import { describe, expect, it } from "vitest";
import { createRng } from "../rng/createRng.ts";
import { protocolAbis } from "./protocolAbis.ts";
import { decodeUint256Array, encodeBalancesOf } from "./readBalances.ts";

const rng = createRng(21);
const hex = (chars: number) =>
  Array.from({ length: chars }, () => "0123456789abcdef"[rng.int(0, 15)]).join("");
/** Checksummed (mixed-case) and lower-case addresses. */
const addresses = Array.from({ length: 50 }, (_, i) => {
  const a = `0x${hex(40)}` as Address;
  return i % 2 === 0 ? getAddress(a) : a;
});

describe("balancesOf by hand", () => {
  it("encodes the same calldata as viem", () => {
    for (const list of [[], addresses.slice(0, 1), addresses]) {
      expect(encodeBalancesOf(list)).toBe(
        encodeFunctionData({ abi: protocolAbis.token, functionName: "balancesOf", args: [list] }),
      );
    }
    expect(() => encodeBalancesOf([addresses[0], "0x12" as Address], 100)).toThrow(
      /address 101 is not an address: 0x12/,
    );
  });

  it("decodes what viem decodes, and refuses a result of the wrong length", () => {
    const values = addresses.map((_, i) =>
      i === 3 ? 2n ** 256n - 1n : BigInt(rng.int(0, 2 ** 31)) * 10n ** 18n,
    );
    const data = encodeFunctionResult({
      abi: protocolAbis.token,
      functionName: "balancesOf",
      result: values,
    });
    expect(decodeUint256Array(data, values.length)).toEqual([
      ...decodeFunctionResult({ abi: protocolAbis.token, functionName: "balancesOf", data }),
    ]);
    expect(decodeUint256Array(data, values.length)).toEqual(values);
    expect(() => decodeUint256Array(data, values.length - 1)).toThrow(/returned \d+ bytes for 49 addresses/);
    expect(() => decodeUint256Array("0x", 0)).toThrow(/returned 0 bytes/);
  });
});
