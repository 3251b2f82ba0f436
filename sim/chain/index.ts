/** The chain adapter: Anvil, the protocol contracts and the engine's reads and writes (viem). */

export { type CommitHashParameters, commitHash } from "../protocol/crypto/commitHash.ts";
export {
  type BurnCurve,
  decayPrice,
  expNegFixed,
  priceAfterRegistration,
  registrationPriceAt,
} from "../protocol/registrationPrice.ts";
export {
  checkSubnetParams,
  defaultSubnetParams,
  FREE_REGISTRATION,
  type SubnetParams,
} from "../protocol/subnetParams.ts";
export { packWeightRow, ROW_ENTRY_BYTES, unpackWeightRow } from "../protocol/weightRow.ts";
export { accountFromKey, keyOf } from "./accountKeys.ts";
export { dumpChainState, loadChainState, revertChain, snapshotChain } from "./chainState.ts";
export { createSignerPool, type SignerPool, type TxToSign } from "./createSignerPool.ts";
export { type DecodedRevert, decodeRevert } from "./decodeRevert.ts";
export {
  DEFAULT_SUPPLY_CAP,
  type DeployProtocolParameters,
  deployProtocol,
  type Protocol,
  type ProtocolParams,
  resolveProtocolParams,
} from "./deployProtocol.ts";
export { type DeriveAccountsOptions, deriveAccounts, derivePrivateKey } from "./deriveAccounts.ts";
export {
  distributeCall,
  packEmissionShares,
  SHARE_ENTRY_BYTES,
  unpackEmissionShares,
} from "./emissionShares.ts";
export { DEFAULT_GAS_FUNDING_WEI, fundAccounts } from "./fundAccounts.ts";
export { headBlock, mineUntil } from "./mineUntil.ts";
export { phaseCall } from "./phaseCall.ts";
export { type ProtocolContract, protocolAbis, protocolContracts } from "./protocolAbis.ts";
export { readBalances, readTotalSupply } from "./readBalances.ts";
export { type Ledger, readLedger } from "./readLedger.ts";
export { type RegistrySnapshot, readRegistrationPrice, readRegistry } from "./readRegistry.ts";
export {
  densifyRows,
  type RevealedWeights,
  readLatestWeights,
  readRevealedWeights,
} from "./readRevealedWeights.ts";
export { readStakes, readTotalStaked } from "./readStakes.ts";
export { revealCall, revealPayload, type WeightRow } from "./revealCall.ts";
export { type RevealMessage, revealTypedData } from "./revealTypedData.ts";
export { runningChainCount } from "./runningChains.ts";
export { type MinedBlocks, type SettleTimings, sendAndMine } from "./sendAndMine.ts";
export { type SignOptions, signCalls, signCallsInChunks, type UnsignedCall } from "./signCalls.ts";
export { type ChainHandle, type StartChainOptions, startChain } from "./startChain.ts";
export type { SubmitPhaseOptions } from "./submitPhase.ts";
export {
  DEFAULT_CALL_GAS,
  type MinedCall,
  type MinedPhase,
  type PhaseCall,
  submitPhase,
} from "./submitPhase.ts";
export { withChain } from "./withChain.ts";
