/**
 * Inputs and outputs of one Yuma Consensus epoch (reference/mechanisms.md §1.1-§1.2, §1.13). Shared
 * by the float64 kernel (`runYumaEpoch`) and the chain-exact fixed-point one (`runYumaEpochFixed`).
 *
 * Matrices are given per row (one typed array of length n per UID, `undefined` for a UID with no
 * row), so a subnet with 16,384 UIDs but 1,024 validators never allocates n × n.
 */
export interface YumaEpochInput {
  /** Number of UIDs. */
  readonly n: number;
  /** The block at which the epoch runs. */
  readonly block: number;
  /** Stake per UID (alpha + tao_weight × root stake), any non-negative unit. */
  readonly stake: Float64Array;
  /** Stored weights as u16 values: row i = what UID i set on every UID (`undefined`: never set). */
  readonly weights: ReadonlyArray<Float64Array | undefined>;
  /**
   * Which weight entries exist in chain storage (1) as opposed to being absent. Only Yuma 3 with
   * liquid alpha in the sparse bond update reads it (§1.10-4). Default: an entry exists iff it is
   * non-zero (the Bittensor SDK drops zero weights before `set_weights`).
   */
  readonly weightPresent?: ReadonlyArray<Uint8Array | undefined>;
  /** Block of each UID's last weight update (`LastUpdate`). */
  readonly lastUpdate: Float64Array;
  /** Block at which each UID's current registration happened (`BlockAtRegistration`). */
  readonly registeredAt: Float64Array;
  /** Validator permits stored by the previous epoch (1 = permitted); used for masking (§1.2-3). */
  readonly previousPermits: Uint8Array;
  /** Stored u16 bonds per validator row (`undefined`: no row). */
  readonly bonds: ReadonlyArray<Uint16Array | undefined>;
  /**
   * Block of the previous epoch (`LastMechansimStepBlock`); bonds to UIDs registered after it are
   * masked. Undefined: `block − tempo`, as the chain does before its first step.
   */
  readonly lastEpochBlock?: number;
  /** The subnet owner's UID (always permitted, keeps its self-weight, exempt from the stake threshold). */
  readonly ownerUid?: number;
}

export interface YumaEpochResult {
  /** Normalised stake S after the stake threshold. */
  readonly stakeWeight: Float64Array;
  /** Active, permitted, normalised stake S^a. */
  readonly activeStake: Float64Array;
  /** 1 if the UID updated its weights within the activity cutoff. */
  readonly active: Uint8Array;
  readonly consensus: Float64Array;
  readonly incentive: Float64Array;
  readonly dividends: Float64Array;
  readonly validatorTrust: Float64Array;
  /** Permits computed this epoch, stored for the next one. */
  readonly validatorPermit: Uint8Array;
  /** Bonds as stored after the epoch (u16), to be passed back as `bonds` next epoch. */
  readonly bonds: (Uint16Array | undefined)[];
  /** Each UID's share of the epoch emission E: miner part, validator part (fallbacks applied). */
  readonly serverShare: Float64Array;
  readonly validatorShare: Float64Array;
  /** Emission in the smallest unit, floored as the chain does: miner part, validator part. */
  readonly serverEmission: bigint[];
  readonly validatorEmission: bigint[];
  /** The chain's stored `Emission` (floor of E × normalised (I + D)), used for pruning. */
  readonly combinedEmission: bigint[];
}

/** Switches that turn Yuma into the comparison variants of the registry. */
export interface YumaVariant {
  /** Clip weights at consensus (false: `yuma-no-clip`). */
  readonly clip: boolean;
  /** Bonds and bond-based dividends (false: `yuma-no-bonds`, dividends ∝ S^a × validator trust). */
  readonly bonds: boolean;
}

export const YUMA: YumaVariant = { clip: true, bonds: true };
