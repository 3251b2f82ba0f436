import { z } from "zod";

/**
 * Yuma Consensus hyperparameters with the subtensor chain's defaults (reference/mechanisms.md §1.9).
 *
 * Values the chain stores as integers can be given two ways: as a fraction (`kappa: 0.5`) or as the
 * exact chain value with the chain's storage type as suffix (`kappaU16: 32767`), which is then used
 * bit for bit. Giving both is an error. Fractions are used as given in float64 arithmetic and rounded
 * to the nearest chain integer in fixed arithmetic (the chain can only hold the integer).
 */
const fraction = z.number().min(0).max(1);
const u16 = z.number().int().min(0).max(65535);

export const yumaHyperparametersSchema = z
  .strictObject({
    /** Yuma 3 ("relative bonds", per-element EMA). Chain: `Yuma3On`, default false. */
    yuma3: z.boolean().default(false),
    /** Liquid alpha 2 (sigmoid EMA coefficient per bond); only used by Yuma 3. Default false. */
    liquidAlpha: z.boolean().default(false),
    /** Consensus majority κ. Chain `Kappa` = 32767 (≈0.5). */
    kappa: fraction.optional(),
    kappaU16: u16.optional(),
    /** Bonds penalty β (0: bonds from raw weights, 1: from clipped weights). Chain 65535 (=1). */
    bondsPenalty: fraction.optional(),
    bondsPenaltyU16: u16.optional(),
    /** Bonds moving average; the EMA coefficient is α = 1 − this. Chain 900_000 (of 1e6) = 0.9. */
    bondsMovingAverage: fraction.optional(),
    bondsMovingAverageU64: z.number().int().min(0).max(1_000_000).optional(),
    /** Liquid alpha bounds. Chain `AlphaValues` = (45875, 58982) ≈ (0.7, 0.9). */
    alphaLow: fraction.optional(),
    alphaLowU16: u16.optional(),
    alphaHigh: fraction.optional(),
    alphaHighU16: u16.optional(),
    /**
     * Effective slope of the liquid-alpha sigmoid (chain value / 100). Chain `AlphaSigmoidSteepness`
     * = 1000, i.e. slope 10. `alphaSigmoidSteepnessI16` gives the chain's i16 value instead.
     */
    alphaSigmoidSteepness: z.number().min(-327.68).max(327.67).optional(),
    alphaSigmoidSteepnessI16: z.number().int().min(-32768).max(32767).optional(),
    /** Top-k validator permits. Chain default 128. */
    maxAllowedValidators: z.number().int().min(0).max(65535).default(128),
    /** Blocks per epoch. Chain default 360. */
    tempo: z.number().int().min(1).default(360),
    /**
     * Blocks after its last weight update that a UID stays active. Chain: 13_889‰ of tempo
     * (= 5000 at tempo 360); when omitted it follows `tempo` the same way.
     */
    activityCutoff: z.number().int().min(1).optional(),
    /** Stake below this (in stake units, floored) counts as zero. Chain default 0. */
    stakeThreshold: z.number().min(0).default(0),
    /** Minimum entries in a weight row (a set_weights check, not an epoch step). Chain default 1024. */
    minAllowedWeights: z.number().int().min(0).default(1024),
    /** Emission E distributed by one epoch, in the smallest token unit (rao), as an integer string. */
    emissionPerEpoch: z
      .string()
      .regex(/^\d+$/, "expected a non-negative integer as a string")
      .default("1000000000"),
    /**
     * How Yuma 3 with liquid alpha updates a bond whose weight entry is absent this epoch
     * (reference §1.10-4): `sparse` (the production path) deletes it, `dense` decays it by (1 − A).
     */
    bondsUpdate: z.enum(["sparse", "dense"]).default("sparse"),
  })
  .superRefine((value, ctx) => {
    const pairs: [keyof typeof value, keyof typeof value][] = [
      ["kappa", "kappaU16"],
      ["bondsPenalty", "bondsPenaltyU16"],
      ["bondsMovingAverage", "bondsMovingAverageU64"],
      ["alphaLow", "alphaLowU16"],
      ["alphaHigh", "alphaHighU16"],
      ["alphaSigmoidSteepness", "alphaSigmoidSteepnessI16"],
    ];
    for (const [a, b] of pairs) {
      if (value[a] !== undefined && value[b] !== undefined) {
        ctx.addIssue({ code: "custom", path: [b], message: `expected either ${a} or ${b}, not both` });
      }
    }
  });

export type YumaHyperparametersInput = z.input<typeof yumaHyperparametersSchema>;

/** Resolved hyperparameters: every value as the chain holds it, plus the float64 view of it. */
export interface YumaHyperparameters {
  readonly yuma3: boolean;
  readonly liquidAlpha: boolean;
  readonly kappaU16: number;
  readonly bondsPenaltyU16: number;
  readonly bondsMovingAverageU64: number;
  readonly alphaLowU16: number;
  readonly alphaHighU16: number;
  readonly alphaSigmoidSteepnessI16: number;
  readonly maxAllowedValidators: number;
  readonly tempo: number;
  readonly activityCutoff: number;
  readonly stakeThreshold: number;
  readonly minAllowedWeights: number;
  readonly emissionPerEpoch: bigint;
  readonly bondsUpdate: "sparse" | "dense";
  /** Float64 values: the fraction as given, or the chain integer scaled. */
  readonly float: {
    readonly kappa: number;
    readonly bondsPenalty: number;
    /** EMA coefficient α = 1 − bondsMovingAverage. */
    readonly bondsAlpha: number;
    readonly alphaLow: number;
    readonly alphaHigh: number;
    readonly alphaSigmoidSteepness: number;
  };
}

/** Chain defaults (runtime `lib.rs`, reference §1.9). */
export const CHAIN_DEFAULTS = {
  kappaU16: 32_767,
  bondsPenaltyU16: 65_535,
  bondsMovingAverageU64: 900_000,
  alphaLowU16: 45_875,
  alphaHighU16: 58_982,
  alphaSigmoidSteepnessI16: 1_000,
  activityCutoffFactorMilli: 13_889,
} as const;

/** Parses (throws a ZodError on bad input) and resolves hyperparameters. */
export function resolveYumaHyperparameters(input: YumaHyperparametersInput = {}): YumaHyperparameters {
  const p = yumaHyperparametersSchema.parse(input);
  const pick = (frac: number | undefined, raw: number | undefined, scale: number, fallback: number) => {
    if (raw !== undefined) return { raw, float: raw / scale };
    if (frac !== undefined) return { raw: Math.round(frac * scale), float: frac };
    return { raw: fallback, float: fallback / scale };
  };
  const kappa = pick(p.kappa, p.kappaU16, 65535, CHAIN_DEFAULTS.kappaU16);
  const penalty = pick(p.bondsPenalty, p.bondsPenaltyU16, 65535, CHAIN_DEFAULTS.bondsPenaltyU16);
  const bma = pick(p.bondsMovingAverage, p.bondsMovingAverageU64, 1e6, CHAIN_DEFAULTS.bondsMovingAverageU64);
  const low = pick(p.alphaLow, p.alphaLowU16, 65535, CHAIN_DEFAULTS.alphaLowU16);
  const high = pick(p.alphaHigh, p.alphaHighU16, 65535, CHAIN_DEFAULTS.alphaHighU16);
  const steep = pick(
    p.alphaSigmoidSteepness,
    p.alphaSigmoidSteepnessI16,
    100,
    CHAIN_DEFAULTS.alphaSigmoidSteepnessI16,
  );
  const activityCutoff =
    p.activityCutoff ?? Math.max(1, Math.floor((CHAIN_DEFAULTS.activityCutoffFactorMilli * p.tempo) / 1000));
  return {
    yuma3: p.yuma3,
    liquidAlpha: p.liquidAlpha,
    kappaU16: kappa.raw,
    bondsPenaltyU16: penalty.raw,
    bondsMovingAverageU64: bma.raw,
    alphaLowU16: low.raw,
    alphaHighU16: high.raw,
    alphaSigmoidSteepnessI16: steep.raw,
    maxAllowedValidators: p.maxAllowedValidators,
    tempo: p.tempo,
    activityCutoff,
    stakeThreshold: p.stakeThreshold,
    minAllowedWeights: p.minAllowedWeights,
    emissionPerEpoch: BigInt(p.emissionPerEpoch),
    bondsUpdate: p.bondsUpdate,
    float: {
      kappa: kappa.float,
      bondsPenalty: penalty.float,
      bondsAlpha: 1 - bma.float,
      alphaLow: low.float,
      alphaHigh: high.float,
      alphaSigmoidSteepness: steep.float,
    },
  };
}
