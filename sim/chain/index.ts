/** The chain adapter: Anvil, the protocol contracts and the engine's reads and writes (viem). */
export { commitHash, drawSalt, type CommitHashParameters } from "./commitHash.ts";
export { decodeRevert, type DecodedRevert } from "./decodeRevert.ts";
export {
  deployProtocol,
  type DeployProtocolParameters,
  type Protocol,
  type ProtocolParams,
} from "./deployProtocol.ts";
export { deriveAccounts, derivePrivateKey, type DeriveAccountsOptions } from "./deriveAccounts.ts";
export { DEFAULT_GAS_FUNDING_WEI, fundAccounts } from "./fundAccounts.ts";
export { protocolAbis, protocolContracts, type ProtocolContract } from "./protocolAbis.ts";
export { readBalances, readTotalSupply } from "./readBalances.ts";
export { readRegistry, type RegistrySnapshot } from "./readRegistry.ts";
export { densifyRevealed, readRevealedWeights, type RevealedWeights } from "./readRevealedWeights.ts";
export { readStakes, readTotalStaked } from "./readStakes.ts";
export { runningChainCount } from "./chainCleanup.ts";
export { type ChainHandle, type StartChainOptions, startChain } from "./startChain.ts";
export {
  DEFAULT_CALL_GAS,
  type PhaseCall,
  type PhaseOutcome,
  type PhaseResult,
  submitPhase,
} from "./submitPhase.ts";
export { withChain } from "./withChain.ts";
