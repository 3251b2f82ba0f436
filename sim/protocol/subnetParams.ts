import { CrucibleError } from "../errors/CrucibleError.ts";
import type { Address } from "./protocolTypes.ts";

/** A subnet's owner and hyperparameters, as `SubnetRegistry.createSubnet` takes them. */
export interface SubnetParams {
  readonly owner: Address;
  /** Nominal blocks per epoch (informational: the driver opens epochs). */
  readonly tempo: number;
  readonly maxUids: number;
  /** Most validator permits at once (subtensor MaxAllowedValidators). */
  readonly maxValidators: number;
  readonly revealDelayEpochs: number;
  /** A weight row names at least min(minAllowedWeights, UIDs) UIDs. */
  readonly minAllowedWeights: number;
  /** Emission split in basis points; the three sum to 10,000. */
  readonly ownerBps: number;
  readonly minerBps: number;
  readonly validatorBps: number;
  /** Share of a pool's stake one slash burns, in basis points (< 10,000). */
  readonly slashBps: number;
  /** Blocks during which a new UID cannot be pruned. */
  readonly immunityPeriod: bigint;
  /** Registration price half-life in blocks (0: no decay). */
  readonly burnHalfLife: bigint;
  /** Price multiplier per registration in basis points (12,600 = ×1.26). */
  readonly burnIncreaseBps: number;
  readonly minBurn: bigint;
  readonly maxBurn: bigint;
  readonly initialBurn: bigint;
}

const TOKEN = 10n ** 18n;

/**
 * Subtensor's defaults (mechanisms.md §1.9), with the token as TAO: tempo 360, 256 UIDs, immunity
 * 4,096 blocks, burn 0.1 (min 0.0005, max 100, half-life 360 blocks, ×1.26 per registration),
 * split 18/41/41, reveal delay 1 epoch. maxValidators is 64 (subtensor: 128 of 256), slashing 10%.
 */
export function defaultSubnetParams(owner: Address, overrides: Partial<SubnetParams> = {}): SubnetParams {
  return {
    owner,
    tempo: 360,
    maxUids: 256,
    maxValidators: 64,
    revealDelayEpochs: 1,
    minAllowedWeights: 1,
    ownerBps: 1_800,
    minerBps: 4_100,
    validatorBps: 4_100,
    slashBps: 1_000,
    immunityPeriod: 4_096n,
    burnHalfLife: 360n,
    burnIncreaseBps: 12_600,
    minBurn: TOKEN / 2_000n,
    maxBurn: 100n * TOKEN,
    initialBurn: TOKEN / 10n,
    ...overrides,
  };
}

/** Registration free of charge: the price is pinned at 0. */
export const FREE_REGISTRATION = {
  minBurn: 0n,
  maxBurn: 0n,
  initialBurn: 0n,
} as const satisfies Partial<SubnetParams>;

/** Checks what the contract checks, with a message naming the field (CRUCIBLE_DEPLOYMENT_INVALID). */
export function checkSubnetParams(p: SubnetParams, label = "subnet"): void {
  const fail = (field: string, why: string) => {
    throw new CrucibleError("CRUCIBLE_DEPLOYMENT_INVALID", `${label}.${field}: ${why}`);
  };
  const u16 = (field: keyof SubnetParams, min = 0) => {
    const v = p[field] as number;
    if (!Number.isInteger(v) || v < min || v > 65_535) fail(field, `expected an integer in ${min}..65535`);
  };
  u16("maxUids", 1);
  u16("maxValidators", 1);
  u16("revealDelayEpochs");
  u16("minAllowedWeights");
  u16("ownerBps");
  u16("minerBps");
  u16("validatorBps");
  u16("slashBps");
  if (p.revealDelayEpochs > 100) fail("revealDelayEpochs", "at most 100");
  if (p.ownerBps + p.minerBps + p.validatorBps !== 10_000) fail("ownerBps", "the split must sum to 10000");
  if (p.slashBps >= 10_000) fail("slashBps", "below 10000");
  if (p.minBurn > p.maxBurn) fail("minBurn", "at most maxBurn");
  if (p.initialBurn < p.minBurn || p.initialBurn > p.maxBurn)
    fail("initialBurn", "within [minBurn, maxBurn]");
  if (!Number.isInteger(p.tempo) || p.tempo < 0 || p.tempo > 2 ** 32 - 1) fail("tempo", "a u32");
  if (!Number.isInteger(p.burnIncreaseBps) || p.burnIncreaseBps < 0 || p.burnIncreaseBps > 2 ** 32 - 1) {
    fail("burnIncreaseBps", "a u32");
  }
}
