import { z } from "zod";
import { fitsWei, U128_MAX_WEI, U256_MAX_WEI } from "./deploymentBounds.ts";

/**
 * The scenario's `protocol:` section: the parameters the contracts are deployed with. Durations are in
 * epochs (an epoch is `tempo` blocks on the chain, so they convert exactly); amounts are in tokens.
 * Defaults follow subtensor (registration burn 0.1 within [0.0005, 100], ×1.26 per registration,
 * half-life one epoch, immunity 12 epochs ≈ 4,096 blocks at tempo 360, 64 validator permits, take
 * 18 %), except tempo: 20 blocks per epoch instead of 360, since the engine mines the empty ones.
 */

/** The Weights contract's bound on a subnet's reveal delay. */
export const MAX_REVEAL_DELAY_EPOCHS = 100;
export const REVEAL_DELAY_MESSAGE = `at most ${MAX_REVEAL_DELAY_EPOCHS} (SubnetRegistry.createSubnet's bound)`;

const tokens = (what: string) => z.number().min(0).describe(`${what}, in tokens`);
/** A registration price: SubnetParams holds minBurn, maxBurn and initialBurn as uint128 wei. */
const u128 = fitsWei(U128_MAX_WEI, "uint128");
const price = (what: string) =>
  z.number().min(0).refine(u128.check, u128.message).describe(`${what}, in tokens`);
const u256 = fitsWei(U256_MAX_WEI, "uint256");

export const registrationSchema = z
  .strictObject({
    initialBurn: price("the registration price when the subnet is created").default(0.1),
    minBurn: price("the lowest the registration price can fall to").default(0.0005),
    maxBurn: price("the highest the registration price can climb to").default(100),
    halfLifeEpochs: z
      .number()
      .min(0)
      .default(1)
      .describe("epochs over which the registration price halves when nobody registers (0: no decay)"),
    increase: z
      .number()
      .min(0)
      .max(400_000, "at most 400000 (SubnetParams.burnIncreaseBps, increase × 10000, is a u32)")
      .default(1.26)
      .describe("the price is multiplied by this after each registration (subtensor: 1.26)"),
    funds: tokens(
      "what each agent receives at genesis to pay its registration burn; an agent short of the price gets a reverted register (ERC20InsufficientBalance) and never holds a UID. Default: maxBurn, enough for any price",
    ).optional(),
  })
  .refine((r) => r.minBurn <= r.maxBurn, {
    message: "minBurn must not exceed maxBurn (SubnetRegistry.createSubnet: burn bounds)",
    path: ["minBurn"],
  })
  .refine((r) => r.minBurn > r.maxBurn || (r.initialBurn >= r.minBurn && r.initialBurn <= r.maxBurn), {
    message: "initialBurn must lie within [minBurn, maxBurn] (SubnetRegistry.createSubnet: burn bounds)",
    path: ["initialBurn"],
  })
  .describe(
    "the registration burn: every agent registers by burning the current price, which decays with a half-life and is multiplied on each registration, clamped to [minBurn, maxBurn]; set all three prices to 0 for free registration",
  );

export const protocolSchema = z
  .strictObject({
    tempo: z
      .int()
      .min(4)
      .max(100_000, "at most 100000 blocks per epoch (the engine's bound; SubnetParams.tempo is a u32)")
      .default(20)
      .describe(
        "blocks per epoch: epoch e opens at a fixed block (the first epoch's + e·tempo), the engine mining empty blocks up to it, so durations in epochs convert exactly to the contracts' blocks. Subtensor's is 360; the default 20 keeps padding cheap (Anvil mines ~2 ms per empty block). Block-based mechanism parameters (Yuma's activityCutoff) count these blocks",
      ),
    supplyCap: z
      .number()
      .positive()
      .refine(u256.check, u256.message)
      .nullable()
      .default(null)
      .describe(
        "most tokens that can ever exist, genesis included; the epoch emission halves as issuance crosses 1/2, 3/4, 7/8, ... of it (null: no cap, no halving)",
      ),
    maxUids: z
      .union([
        z.literal("population"),
        z
          .int()
          .min(1, "at least 1 (SubnetRegistry.createSubnet rejects 0)")
          .max(65_535, "at most 65535 (UIDs are u16)"),
      ])
      .default("population")
      .describe(
        "UIDs the subnet holds; when full, a registration replaces the non-immune UID with the lowest emission of the last paid epoch (ties: oldest, then lowest UID). population: one per agent (nobody is pruned)",
      ),
    maxValidators: z
      .int()
      .min(1, "at least 1 (SubnetRegistry.createSubnet rejects 0)")
      .max(65_535, "at most 65535 (SubnetParams.maxValidators is a u16)")
      .default(64)
      .describe("validator permits (who may set weights): the top maxValidators UIDs by stake"),
    immunityEpochs: z
      .number()
      .min(0)
      .default(12)
      .describe(
        "epochs after registration during which a UID cannot be pruned (12 ≈ subtensor's 4,096 blocks)",
      ),
    validatorTake: z
      .number()
      .min(0)
      .max(1, "at most 1 (Staking takes at most 10000 basis points)")
      .default(0.18)
      .describe(
        "share of a validator's dividends it keeps liquid before the rest compounds into its staking pool (emissionPath: contract)",
      ),
    unstakeCooldownEpochs: z
      .number()
      .min(0)
      .default(0)
      .describe("epochs an unstaked amount waits before it can be withdrawn"),
    revealDelayEpochs: z
      .int()
      .min(0)
      .max(MAX_REVEAL_DELAY_EPOCHS, REVEAL_DELAY_MESSAGE)
      .default(0)
      .describe(
        "epochs between a weight commit and its reveal: weights committed at epoch e are revealed, and read by the mechanism, at epoch e + revealDelayEpochs (the Weights contract allows at most 100)",
      ),
    registration: registrationSchema.prefault({}),
  })
  .describe("the parameters the protocol's contracts are deployed with");

export type ProtocolSettings = z.output<typeof protocolSchema>;
