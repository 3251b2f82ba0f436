import { z } from "zod";

/**
 * The optional network sections (issue 21): `subnets:` makes a run a network of several subnets,
 * each the top-level scenario with its own fields replaced (task, population, mechanism, protocol,
 * emission split: a JSON Merge Patch over the file), and `dtao:` sets the dynamic-TAO economy that
 * joins them (reference: ../shared/reference/dtao.md). Without `subnets:` a scenario is one subnet,
 * as before, and `dtao:` is unused.
 */

const subnetName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "expected lower-case letters, digits and dashes")
  .describe("the subnet's name (its run folder is <network run>/<name>)");

export const subnetEntrySchema = z.strictObject({
  name: subnetName,
  task: z.record(z.string(), z.unknown()).optional().describe("this subnet's `task:` (replaces the file's)"),
  population: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("this subnet's `population:` (replaces the file's, field by field as a merge patch)"),
  mechanism: z.record(z.string(), z.unknown()).optional().describe("this subnet's `mechanism:`"),
  protocol: z.record(z.string(), z.unknown()).optional().describe("this subnet's `protocol:` parameters"),
  emissionSplit: z.record(z.string(), z.unknown()).optional().describe("this subnet's `emissionSplit:`"),
});

export const dtaoSchema = z.strictObject({
  tempo: z.int().min(1).max(7_200).default(360).describe("blocks an epoch (Tempo)"),
  taoWeight: z
    .number()
    .min(0)
    .max(1)
    .default(0.18)
    .describe("TaoWeight tw: root stake's weight against alpha"),
  movingAlpha: z
    .number()
    .min(0)
    .max(0.1)
    .default(0.0003)
    .describe("SubnetMovingAlpha: how fast the EMA price follows the spot price (mainnet 3e-4)"),
  emaHalvingBlocks: z.int().min(0).default(201_600).describe("EMAPriceHalvingBlocks: the EMA's warm-up"),
  feeRate: z.int().min(0).max(10_000).default(33).describe("pool fee, of 65535 (33: 0.05 %)"),
  ownerCut: z
    .int()
    .min(0)
    .max(65_535)
    .default(11_796)
    .describe("subnet owner's cut of alpha, of 65535 (18 %)"),
  minLock: z.number().min(0.001).max(1e7).default(1_000).describe("MinLock: TAO the first subnet locks"),
  lockReductionInterval: z
    .int()
    .min(0)
    .default(100_800)
    .describe("blocks for the doubled lock cost to decay"),
  validatorTao: z
    .number()
    .min(0.01)
    .max(1e7)
    .default(1_000)
    .describe("TAO each validator stakes into its own subnet before the first epoch"),
  stakeFeedback: z
    .boolean()
    .default(false)
    .describe(
      "each subnet's Yuma weighs its agents' alpha stake in it, epoch by epoch (validators start with validatorTao scaled by their scenario stake over their subnet's mean, and are paid dividends by Yuma's); false: the scenario's stake",
    ),
  minerSellFraction: z
    .number()
    .min(0)
    .max(1)
    .default(1)
    .describe("share of its alpha each miner sells back to its subnet's pool after every epoch"),
  attackers: z
    .array(
      z.strictObject({
        kind: z
          .enum(["manipulator", "wash"])
          .describe(
            "manipulator: buys the subnet's alpha with all its TAO at startEpoch, holds holdEpochs epochs, sells; wash: buys before every epoch's blocks and sells after it is paid",
          ),
        subnet: z.string().describe("the target subnet's name (from subnets:)"),
        tao: z.number().min(0.01).max(1e7).describe("TAO the attacker starts with"),
        startEpoch: z.int().min(0).default(0).describe("the epoch of its first buy"),
        holdEpochs: z.int().min(1).default(1).describe("epochs a manipulator holds before selling"),
      }),
    )
    .default([])
    .describe(
      "market attackers (issue 21): profit in network_attackers.csv; the run also plays its honest twin (the same network without them): network_twin_epochs.csv, and each subnet's emission against it in network.json",
    ),
  stakers: z
    .strictObject({
      count: z.int().min(0).max(100_000).default(30).describe("yield-seeking stakers"),
      tao: z.number().min(0.01).max(1e7).default(100).describe("TAO each staker holds"),
      inertia: z.number().min(0).max(1).default(0.8).describe("chance a staker keeps its position an epoch"),
      switchCost: z
        .number()
        .min(0)
        .default(0.002)
        .describe("yield a move must gain (per alpha staked, per epoch) to be worth its fees"),
      yieldMemory: z
        .number()
        .gt(0)
        .max(1)
        .default(0.5)
        .describe("weight of the latest epoch's yield in a staker's expectation"),
    })
    .prefault({}),
});

export type DtaoScenario = z.output<typeof dtaoSchema>;
export type SubnetEntry = z.output<typeof subnetEntrySchema>;
