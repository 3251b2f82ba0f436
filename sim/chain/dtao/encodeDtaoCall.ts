import { type Address, encodeFunctionData, type Hex } from "viem";
import { dtaoNetworkAbi, dtaoTokenAbi } from "../../../contracts/generated/index.ts";
import type { DtaoCall } from "../../protocol/dtaoSession.ts";

export interface DtaoTargets {
  readonly network: Address;
  readonly tao: Address;
  readonly agents: readonly Address[];
}

/** A port call as the transaction that does it: its target and calldata (agents' calls from the
 * agent, runBlocks, setEmissionEnabled and distribute from the driver). */
export function encodeDtaoCall(call: DtaoCall, t: DtaoTargets): { to: Address; data: Hex } {
  const net = (functionName: string, args: readonly unknown[]) => ({
    to: t.network,
    data: encodeFunctionData({ abi: dtaoNetworkAbi, functionName, args } as never),
  });
  switch (call.kind) {
    case "registerSubnet":
      return net("registerSubnet", [call.maxLock]);
    case "stake":
      return net("stake", [BigInt(call.netuid), call.tao]);
    case "unstake":
      return net("unstake", [BigInt(call.netuid), call.alpha]);
    case "stakeRoot":
      return net("stakeRoot", [call.tao]);
    case "unstakeRoot":
      return net("unstakeRoot", [call.tao]);
    case "transferTao":
      return {
        to: t.tao,
        data: encodeFunctionData({
          abi: dtaoTokenAbi,
          functionName: "transfer",
          args: [t.agents[call.to], call.tao],
        }),
      };
    case "runBlocks":
      return net("runBlocks", [BigInt(call.blocks)]);
    case "setEmissionEnabled":
      return net("setEmissionEnabled", [BigInt(call.netuid), call.enabled]);
    case "distribute":
      return net("distribute", [
        BigInt(call.netuid),
        call.miners.map((m) => t.agents[m]),
        call.incentive,
        call.validators.map((v) => t.agents[v]),
        call.dividends,
      ]);
  }
}

/** Whether the driver sends the call (else the call's agent). */
export function isDriverCall(call: DtaoCall): boolean {
  return call.kind === "runBlocks" || call.kind === "setEmissionEnabled" || call.kind === "distribute";
}
