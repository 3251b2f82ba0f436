import type { Abi, ContractFunctionArgs, ContractFunctionName } from "viem";
import {
  crucibleBallotGovernorAbi,
  crucibleTimelockAbi,
  crucibleTokenAbi,
  crucibleVotesTokenAbi,
  emissionAbi,
  governedEmissionAbi,
  governedRevealRegistryAbi,
  governedStakingAbi,
  governedSubnetRegistryAbi,
  stakingAbi,
  subnetRegistryAbi,
  taskMarketAbi,
  voteBribeEscrowAbi,
  weightsAbi,
} from "../../contracts/generated/index.ts";

/** The protocol contracts by the key the engine uses for them: the six every run deploys, and with
 * governance the Governor, its timelock and, with a vote buyer, the bribe escrow (`votes` and `governedRegistry` are the token's and the
 * registry's governance versions, at the same addresses as `token` and `registry`). */
export const protocolAbis = {
  token: crucibleTokenAbi,
  registry: subnetRegistryAbi,
  staking: stakingAbi,
  weights: weightsAbi,
  emission: emissionAbi,
  market: taskMarketAbi,
  votes: crucibleVotesTokenAbi,
  governedRegistry: governedSubnetRegistryAbi,
  // With governance's protocolSetters: the governed versions of the registry, Staking and Emission,
  // at the addresses of `registry`, `staking` and `emission`.
  revealRegistry: governedRevealRegistryAbi,
  governedStaking: governedStakingAbi,
  governedEmission: governedEmissionAbi,
  // CrucibleBallotGovernor's ABI: a superset of CrucibleGovernor's (the same calls encode alike).
  governor: crucibleBallotGovernorAbi,
  timelock: crucibleTimelockAbi,
  bribes: voteBribeEscrowAbi,
} as const;

export type ProtocolAbis = typeof protocolAbis;
export type ProtocolContract = keyof ProtocolAbis;
/** Deployment order (deployProtocol predicts each address from the driver's nonce). */
export const protocolContracts = ["token", "registry", "staking", "weights", "emission", "market"] as const;
/** Deployed after the six when a run has governance, in this order (`bribes`, the VoteBribeEscrow, only
 * when its governance has a vote buyer). */
export const governanceContracts = ["timelock", "governor", "bribes"] as const;

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
