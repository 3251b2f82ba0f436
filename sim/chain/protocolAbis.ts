import type { Abi, ContractFunctionArgs, ContractFunctionName } from "viem";
import {
  crucibleTokenAbi,
  emissionAbi,
  stakingAbi,
  subnetRegistryAbi,
  taskMarketAbi,
  weightsAbi,
} from "../../contracts/generated/index.ts";

/** The six protocol contracts by the key the engine uses for them. */
export const protocolAbis = {
  token: crucibleTokenAbi,
  registry: subnetRegistryAbi,
  staking: stakingAbi,
  weights: weightsAbi,
  emission: emissionAbi,
  market: taskMarketAbi,
} as const;

export type ProtocolAbis = typeof protocolAbis;
export type ProtocolContract = keyof ProtocolAbis;
/** Deployment order (deployProtocol predicts each address from the driver's nonce). */
export const protocolContracts = ["token", "registry", "staking", "weights", "emission", "market"] as const;

/** State-changing function names of one contract. */
export type WriteFunctionName<K extends ProtocolContract> = ContractFunctionName<
  ProtocolAbis[K],
  "nonpayable" | "payable"
>;

/** Argument tuple of one state-changing function. */
export type WriteFunctionArgs<
  K extends ProtocolContract,
  F extends WriteFunctionName<K>,
> = ContractFunctionArgs<ProtocolAbis[K], "nonpayable" | "payable", F>;

/** Every custom error of every protocol contract, once per selector (to decode any revert). */
export const protocolErrorsAbi: Abi = (() => {
  const seen = new Map<string, Extract<Abi[number], { type: "error" }>>();
  for (const abi of Object.values(protocolAbis) as readonly Abi[]) {
    for (const item of abi) {
      if (item.type !== "error") continue;
      const signature = `${item.name}(${item.inputs.map((i) => i.type).join(",")})`;
      if (!seen.has(signature)) seen.set(signature, item);
    }
  }
  return [...seen.values()];
})();
