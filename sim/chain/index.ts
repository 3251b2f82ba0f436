/** The chain adapter: Anvil, the protocol contracts and the engine's reads and writes (viem). */

export { runningChainCount } from "./chainCleanup.ts";
export { type CommitHashParameters, commitHash, drawSalt } from "./commitHash.ts";
export { type DecodedRevert, decodeRevert } from "./decodeRevert.ts";
export {
  type DeployProtocolParameters,
  deployProtocol,
  type Protocol,
  type ProtocolParams,
} from "./deployProtocol.ts";
export { type DeriveAccountsOptions, deriveAccounts, derivePrivateKey } from "./deriveAccounts.ts";
export { DEFAULT_GAS_FUNDING_WEI, fundAccounts } from "./fundAccounts.ts";
export { type ProtocolContract, protocolAbis, protocolContracts } from "./protocolAbis.ts";
export { readBalances, readTotalSupply } from "./readBalances.ts";
export { type RegistrySnapshot, readRegistry } from "./readRegistry.ts";
export { densifyRevealed, type RevealedWeights, readRevealedWeights } from "./readRevealedWeights.ts";
export { readStakes, readTotalStaked } from "./readStakes.ts";
export { type ChainHandle, type StartChainOptions, startChain } from "./startChain.ts";
export {
  DEFAULT_CALL_GAS,
  type PhaseCall,
  type PhaseOutcome,
  type PhaseResult,
  submitPhase,
} from "./submitPhase.ts";
export { withChain } from "./withChain.ts";
