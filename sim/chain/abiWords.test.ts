import { type Address, decodeFunctionResult, encodeFunctionResult, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { createRng } from "../rng/createRng.ts";
import { addressArray, bytesArray, uintArray } from "./abiWords.ts";
import { protocolAbis } from "./protocolAbis.ts";

const rng = createRng(5);
const hex = (bytes: number) =>
  Array.from({ length: bytes * 2 }, () => "0123456789abcdef"[rng.int(0, 15)]).join("");

describe("hand ABI decoding (abiWords)", () => {
  it("decodes registrations() as viem does: checksummed addresses, uint64 and uint128 arrays", () => {
    const n = 40;
    const hotkeys = Array.from({ length: n }, () => `0x${hex(20)}` as Address);
    const registeredAt = hotkeys.map(() => BigInt(rng.int(0, 2 ** 31)) * 2n ** 32n);
    const emission = hotkeys.map((_, i) => (i === 0 ? 2n ** 128n - 1n : BigInt(rng.int(0, 2 ** 31))));
    const data = encodeFunctionResult({
      abi: protocolAbis.registry,
      functionName: "registrations",
      result: [hotkeys, registeredAt, emission],
    });
    const [h, r, e] = decodeFunctionResult({
      abi: protocolAbis.registry,
      functionName: "registrations",
      data,
    });
    expect(addressArray(data, 0)).toEqual([...h]);
    expect(addressArray(data, 0)).toEqual([...h]); // from the cache
    expect(uintArray(data, 1)).toEqual([...r]);
    expect(uintArray(data, 2)).toEqual([...e]);
  });

  it("decodes latestWeights() as viem does, empty rows included", () => {
    const rows = [
      "0x",
      `0x${hex(4)}`,
      "0x",
      `0x${hex(40_000)}`,
      `0x${hex(36)}`,
      `0x${hex(32)}`,
      `0x${hex(1)}`,
    ] as Hex[];
    const epochs = rows.map((r) => (r === "0x" ? 0n : BigInt(rng.int(1, 1000))));
    const data = encodeFunctionResult({
      abi: protocolAbis.weights,
      functionName: "latestWeights",
      result: [epochs, epochs, rows],
    });
    const [ep, , got] = decodeFunctionResult({
      abi: protocolAbis.weights,
      functionName: "latestWeights",
      data,
    });
    expect(bytesArray(data, 2)).toEqual([...got]);
    expect(bytesArray(data, 2)).toEqual(rows);
    expect(uintArray(data, 0)).toEqual([...ep]);
  });

  it("refuses data whose offsets or lengths run past its end", () => {
    const data = encodeFunctionResult({
      abi: protocolAbis.weights,
      functionName: "latestWeights",
      result: [[1n], [2n], [`0x${hex(40)}`]],
    });
    expect(() => bytesArray(data.slice(0, -64) as Hex, 2)).toThrow(CrucibleError);
    expect(() => uintArray("0x", 0)).toThrow(/word 0 past the end/);
    expect(() => uintArray(`0x${"0".repeat(63)}1${"0".repeat(62)}05`, 0)).toThrow(/not word-aligned/);
    expect(() => uintArray(`0x${"0".repeat(62)}20${"0".repeat(62)}05`, 0)).toThrow(/runs past the end/);
  });
});
