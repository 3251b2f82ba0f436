import { z } from "zod";
import { toWei } from "../protocol/tokenUnits.ts";

/** The scenario's task market and slashing sections, and a miner group's collateral (scenarioSchema.ts). */

const fraction = z.number().min(0).max(1);

export const minerStakeSchema = z
  .number()
  .min(0)
  .default(0)
  .describe(
    "tokens each miner stakes on itself at genesis, as collateral an owner's slash can burn (slashing.flagMiners); a staked miner is a staked UID like any other (it may hold a validator permit and counts in consensus as one that sets no weights): keep it small next to the validators' stake",
  );

export const marketSchema = z
  .strictObject({
    users: z
      .int()
      .min(0)
      .default(0)
      .describe(
        "number of users who pay for the subnet's tasks (accounts outside the subnet); 0: no task market",
      ),
    balance: z.number().min(0).default(10_000).describe("tokens each user receives at genesis"),
    feePerEpoch: z
      .number()
      .positive()
      .refine(
        (fee) => toWei(fee) >= 1n,
        "too small: at least 1 wei (1e-18 tokens), TaskMarket rejects a zero fee",
      )
      .default(10)
      .describe(
        "tokens each user escrows every epoch for its share of the queries the validators send that epoch",
      ),
  })
  .prefault({})
  .describe(
    "task market: every epoch each user escrows a fee in TaskMarket for its task batch; when the epoch is paid the fees go to miners and validators in proportion to incentive and dividends (the emission split), liquid; when the epoch fails (the mechanism assigns no incentive and no dividends) every batch is refunded",
  );

export const slashingSchema = z
  .strictObject({
    share: z
      .number()
      .min(0)
      .max(0.9999, "below 1: at most 0.9999 (SubnetRegistry.createSubnet: slashBps below 10000)")
      .default(0.1)
      .describe(
        "share of a UID's stake pool one slash burns (the subnet's slashBps), for a proven commit/reveal mismatch and for an owner's flag alike",
      ),
    proveMismatches: z
      .boolean()
      .default(true)
      .describe(
        "a watcher checks every signed reveal payload against the on-chain commitment and submits the proof of each mismatch (Weights.proveMismatch)",
      ),
    flagMiners: z
      .array(
        z.strictObject({
          strategy: z.string().min(1).describe("miner strategy the owner's rule targets"),
          probability: fraction.describe("chance per epoch that each such miner is detected and flagged"),
        }),
      )
      .default([])
      .describe(
        "owner/governance rule: every epoch each miner of a listed strategy is flagged with the given probability (drawn with the run's RNG) and slashed (Staking.slashByOwner); miners need stake (population.miners[].stake) for it to bite",
      ),
  })
  .prefault({})
  .describe("slashing: burned shares of stake for proven weight equivocation and for flagged miners");
