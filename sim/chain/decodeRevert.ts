import { decodeErrorResult, type Hex } from "viem";
import { protocolErrorsAbi } from "./protocolAbis.ts";

export interface DecodedRevert {
  /** Custom error name (`RevealMismatch`), `Error`/`Panic` for the built-ins, `OutOfGas`,
   * `EmptyRevert` (no data) or `UnknownError` (a selector no protocol ABI declares). */
  readonly error: string;
  readonly errorArgs: readonly unknown[];
}

/** Names the revert from its return data (pure). */
export function decodeRevert(data: Hex | undefined, gasUsed: bigint, gasLimit: bigint): DecodedRevert {
  if (data === undefined || data === "0x") {
    return { error: gasUsed >= gasLimit ? "OutOfGas" : "EmptyRevert", errorArgs: [] };
  }
  try {
    const decoded = decodeErrorResult({ abi: protocolErrorsAbi, data });
    return { error: decoded.errorName, errorArgs: decoded.args ?? [] };
  } catch {
    return { error: "UnknownError", errorArgs: [data] };
  }
}
