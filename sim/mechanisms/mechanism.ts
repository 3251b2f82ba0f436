/**
 * The interface every incentive mechanism implements. A mechanism is pure: it maps the epoch's
 * on-chain inputs (stake, revealed weights, its own carried state such as bonds) to reward shares.
 * The engine turns shares into token amounts and pays them on-chain; the mechanism never sees
 * viem, tfjs or wall-clock time.
 */
export interface MechanismInput {
  /** Number of UIDs in the subnet. */
  readonly n: number;
  /** Stake per UID (token units as float64; only relative values matter). */
  readonly stake: Float64Array;
  /**
   * Revealed weights, n×n row-major: row i holds the u16 weights UID i set on every UID (0..65535).
   * Rows of UIDs that never set weights are all zero.
   */
  readonly weights: Float64Array;
  /** Block at which each UID last set weights (0 if never). */
  readonly lastUpdate: Float64Array;
  /** Block at which each UID registered. */
  readonly registeredAt: Float64Array;
  /** The current block. */
  readonly block: number;
  /**
   * Optional: each UID's loss against this epoch's ground truth (lower is better; NaN for UIDs that
   * did no work), for mechanisms that score workers directly (`allora-regret`). Others ignore it.
   */
  readonly losses?: Float64Array;
}

export interface MechanismOutput {
  /** Miners' share of the miner emission, per UID; sums to 1 when any weight exists, else all 0. */
  readonly incentive: Float64Array;
  /** Validators' share of the validator emission, per UID; sums to 1 when any weight exists. */
  readonly dividends: Float64Array;
  /** Consensus weight per UID (a mechanism without consensus reports the stake-weighted mean). */
  readonly consensus: Float64Array;
  /** Validator trust per UID (0 for UIDs that set no weights). */
  readonly validatorTrust: Float64Array;
  /**
   * Optional: how the mechanism itself splits the whole epoch emission, as each UID's share as a
   * miner (`server`) and as a validator, fallbacks included (Yuma pays validators in proportion to
   * stake when nothing is ranked). The shares sum to 1 (or 0). Mechanisms without an opinion omit it.
   */
  readonly emissionShare?: { readonly server: Float64Array; readonly validator: Float64Array };
}

export interface Mechanism<State = unknown> {
  readonly name: string;
  /** State carried between epochs (bonds, permits...); `undefined` for stateless mechanisms. */
  initialState(n: number): State;
  epoch(input: MechanismInput, state: State): { output: MechanismOutput; state: State };
  /**
   * Optional: the state with what it carried for `uids` forgotten, because each changed hands (a
   * registration replaced its holder). Yuma needs none: it sees the new `registeredAt` and clears the
   * UID's bonds and permit itself.
   */
  resetUids?(state: State, uids: readonly number[]): State;
}
