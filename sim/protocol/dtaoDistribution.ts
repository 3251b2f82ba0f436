import { WAD } from "./dtaoUnits.ts";

/** The accumulators an epoch drains (reference §3). */
export interface PendingAlpha {
  readonly server: bigint;
  readonly validator: bigint;
  readonly root: bigint;
  readonly owner: bigint;
}

export interface EpochMiner {
  /** Incentive from the mechanism (any scale; only ratios count). */
  readonly incentive: bigint;
  /** A hotkey of the subnet owner: its incentive is withheld (burned), the "burn UID". */
  readonly isOwner: boolean;
}

export interface EpochValidator {
  /** Dividends from the mechanism (any scale; only ratios count). */
  readonly dividend: bigint;
  /** The validator's own alpha stake on this subnet and root stake, read before any payout. */
  readonly alphaStake: bigint;
  readonly rootStake: bigint;
}

export interface EpochPayout {
  readonly owner: bigint;
  /** Alpha paid to each miner (0 for the owner's hotkeys). */
  readonly miners: bigint[];
  /** Alpha paid to each validator: its alpha dividends plus its root dividends. */
  readonly validators: bigint[];
  /** Incentive withheld from the owner's hotkeys. */
  readonly burned: bigint;
  /** Withheld share of the incentive (wad): the subnet's next MinerBurned. */
  readonly minerBurned: bigint;
  /** Everything drained and not paid (burned incentive, rounding, shares with no recipient). */
  readonly recycled: bigint;
}

/**
 * `distribute_emission` with validators staking only for themselves (no nominators, child keys or
 * takes: those belong to the stakers' model): miners get `S·I_j/ΣI`; validators share
 * `V' = ΣI > 0 ? V : V + S` by their alpha part of `D_h` and the root slice `R` by their root part,
 * where `r_h = tw·Root_h/(Alpha_h + tw·Root_h)`, `root_part = D_h·r_h`. The owner gets `O`.
 */
export function distributeEpoch(
  pending: PendingAlpha,
  miners: readonly EpochMiner[],
  validators: readonly EpochValidator[],
  taoWeight: bigint,
): EpochPayout {
  const sumI = miners.reduce((s, m) => s + m.incentive, 0n);
  let burned = 0n;
  let burnedIncentive = 0n;
  const minerPay = miners.map((m) => {
    const pay = sumI === 0n ? 0n : (pending.server * m.incentive) / sumI;
    if (!m.isOwner) return pay;
    burned += pay;
    burnedIncentive += m.incentive;
    return 0n;
  });
  const vPrime = sumI > 0n ? pending.validator : pending.validator + pending.server;
  const parts = validators.map((v) => {
    const weighted = taoWeight * v.rootStake;
    const den = v.alphaStake * WAD + weighted;
    const r = den === 0n ? 0n : (weighted * WAD) / den;
    const rootPart = (v.dividend * r) / WAD;
    return { alphaPart: v.dividend - rootPart, rootPart };
  });
  const sumAlpha = parts.reduce((s, p) => s + p.alphaPart, 0n);
  const sumRoot = parts.reduce((s, p) => s + p.rootPart, 0n);
  const validatorPay = parts.map(
    (p) =>
      (sumAlpha === 0n ? 0n : (vPrime * p.alphaPart) / sumAlpha) +
      (sumRoot === 0n ? 0n : (pending.root * p.rootPart) / sumRoot),
  );
  const paid =
    pending.owner + minerPay.reduce((s, x) => s + x, 0n) + validatorPay.reduce((s, x) => s + x, 0n);
  const drained = pending.server + pending.validator + pending.root + pending.owner;
  return {
    owner: pending.owner,
    miners: minerPay,
    validators: validatorPay,
    burned,
    minerBurned: sumI === 0n ? 0n : (burnedIncentive * WAD) / sumI,
    recycled: drained - paid,
  };
}
