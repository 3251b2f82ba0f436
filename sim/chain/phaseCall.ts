import type { LocalAccount } from "viem";
import type { ProtocolContract, WriteFunctionArgs, WriteFunctionName } from "./protocolAbis.ts";
import type { PhaseCall } from "./submitPhase.ts";

/** A typed PhaseCall: `phaseCall(alice, "staking", "stake", [0, 3, 10n], "alice")`. */
export function phaseCall<K extends ProtocolContract, F extends WriteFunctionName<K>>(
  account: LocalAccount,
  contract: K,
  functionName: F,
  args: WriteFunctionArgs<K, F>,
  agent: string = account.address,
  gas?: bigint,
): PhaseCall {
  return { agent, account, contract, functionName, args, gas } as unknown as PhaseCall;
}
