import type { EconomyParams, SubnetEconomy } from "./dtaoCoinbase.ts";

/**
 * The dynamic-TAO port: what an engine (or a test) does to a network of subnets with a root token,
 * one alpha token and one TAO↔alpha pool per subnet. Two implementations, the DtaoNetwork contract
 * on Anvil (sim/chain/dtao/) and the memory one (sim/protocol/memory/dtaoMemorySession.ts), checked
 * against each other call for call (test/dtaoDifferential.test.ts). A revert is an outcome.
 */
export type DtaoCall =
  | { readonly kind: "registerSubnet"; readonly agent: number; readonly maxLock: bigint }
  | { readonly kind: "stake"; readonly agent: number; readonly netuid: number; readonly tao: bigint }
  | { readonly kind: "unstake"; readonly agent: number; readonly netuid: number; readonly alpha: bigint }
  | { readonly kind: "stakeRoot"; readonly agent: number; readonly tao: bigint }
  | { readonly kind: "unstakeRoot"; readonly agent: number; readonly tao: bigint }
  | { readonly kind: "transferTao"; readonly agent: number; readonly to: number; readonly tao: bigint }
  | { readonly kind: "runBlocks"; readonly blocks: number }
  | { readonly kind: "setEmissionEnabled"; readonly netuid: number; readonly enabled: boolean }
  | {
      readonly kind: "distribute";
      readonly netuid: number;
      /** Agent indices and their incentive (any scale). */
      readonly miners: readonly number[];
      readonly incentive: readonly bigint[];
      /** Agent indices and their dividends (any scale). */
      readonly validators: readonly number[];
      readonly dividends: readonly bigint[];
    };

export interface DtaoOutcome {
  readonly kind: DtaoCall["kind"];
  readonly status: "success" | "reverted";
  /** The contract's custom error name for a revert. */
  readonly error?: string;
}

/** Everything both implementations take to start. */
export interface DtaoDeployment {
  readonly seed: number;
  readonly agents: number;
  /** TAO (rao) each agent holds at genesis: one amount for all, or one per agent. */
  readonly genesisTao: bigint | readonly bigint[];
  readonly params: DtaoParams;
}

export interface DtaoParams extends EconomyParams {
  /** FeeRate of every pool, of 65535. */
  readonly feeRate: bigint;
  /** SubnetOwnerCut, of 65535. */
  readonly ownerCut: bigint;
  readonly minLock: bigint;
  readonly lockReductionInterval: bigint;
  readonly subnetLimit: bigint;
}

export interface DtaoSubnetView extends SubnetEconomy {
  /** Agent index of the owner. */
  readonly owner: number;
  readonly price: bigint;
}

export interface DtaoNetworkView {
  readonly block: bigint;
  readonly rootTao: bigint;
  readonly totalIssuance: bigint;
  readonly lockCost: bigint;
  readonly subnets: readonly DtaoSubnetView[];
}

export interface DtaoBalances {
  /** Free TAO per agent. */
  readonly tao: readonly bigint[];
  /** Root stake per agent. */
  readonly root: readonly bigint[];
  /** Alpha per subnet (netuid − 1), per agent. */
  readonly alpha: readonly (readonly bigint[])[];
}

export interface DtaoSession {
  readonly agentAddresses: readonly `0x${string}`[];
  /** The calls in order (on Anvil one block per 1,000 calls; the network's own block counter
   * moves only with runBlocks); each call's outcome. */
  submit(calls: readonly DtaoCall[]): Promise<DtaoOutcome[]>;
  readNetwork(): Promise<DtaoNetworkView>;
  readBalances(): Promise<DtaoBalances>;
  stop(): Promise<void>;
}

/** The reference's runtime defaults (dtao.md): tw 0.18 (mainnet), a 3e-4 (mainnet), fee 33/65535,
 * owner cut 11,796/65,535, MinLock 1,000 TAO, reduction interval 100,800 blocks, 128 subnets. */
export const DEFAULT_DTAO_PARAMS: DtaoParams = {
  taoWeight: 180_000_000_000_000_000n,
  movingAlpha: 300_000_000_000_000n,
  emaHalvingBlocks: 201_600n,
  feeRate: 33n,
  ownerCut: 11_796n,
  minLock: 1_000n * 10n ** 9n,
  lockReductionInterval: 100_800n,
  subnetLimit: 128n,
};

/** Each agent's genesis TAO (rao). */
export function genesisAmounts(d: DtaoDeployment): bigint[] {
  return Array.from({ length: d.agents }, (_, i) =>
    typeof d.genesisTao === "bigint" ? d.genesisTao : (d.genesisTao[i] ?? 0n),
  );
}
