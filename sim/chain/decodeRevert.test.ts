import { encodeErrorResult, getAddress, parseAbi } from "viem";
import { describe, expect, it } from "vitest";
import { decodeRevert } from "./decodeRevert.ts";
import { protocolAbis } from "./protocolAbis.ts";

describe("decodeRevert", () => {
  it("names custom errors of every contract with their arguments", () => {
    const data = encodeErrorResult({ abi: protocolAbis.weights, errorName: "RevealMismatch" });
    expect(decodeRevert(data, 50_000n, 1_000_000n)).toEqual({ error: "RevealMismatch", errorArgs: [] });
    const hotkey = getAddress("0x00000000000000000000000000000000000000aa");
    const registered = encodeErrorResult({
      abi: protocolAbis.registry,
      errorName: "AlreadyRegistered",
      args: [hotkey, 7],
    });
    expect(decodeRevert(registered, 1n, 2n)).toEqual({ error: "AlreadyRegistered", errorArgs: [hotkey, 7] });
    const oz = encodeErrorResult({
      abi: protocolAbis.token,
      errorName: "ERC20InsufficientBalance",
      args: [hotkey, 1n, 2n],
    });
    expect(decodeRevert(oz, 1n, 2n).error).toBe("ERC20InsufficientBalance");
  });

  it("tells out-of-gas, empty reverts, built-in errors and unknown selectors apart", () => {
    expect(decodeRevert("0x", 100n, 100n).error).toBe("OutOfGas");
    expect(decodeRevert(undefined, 99n, 100n).error).toBe("EmptyRevert");
    const panic = encodeErrorResult({
      abi: parseAbi(["error Panic(uint256)"]),
      errorName: "Panic",
      args: [0x11n],
    });
    expect(decodeRevert(panic, 1n, 2n)).toEqual({ error: "Panic", errorArgs: [0x11n] });
    expect(decodeRevert("0xdeadbeef", 1n, 2n)).toEqual({ error: "UnknownError", errorArgs: ["0xdeadbeef"] });
  });
});
