import { z } from "zod";

/** Training images of a run's digits (DEFAULT_DIGIT_SPLIT: 600 per class); shards are cut from them. */
export const DIGIT_TRAIN_IMAGES = 6_000;

/** The scenario's optional `dataMarket` section (scenarioSchema.ts): providers, the market, training miners. */

const qualitySchema = z
  .union([
    z.literal("clean"),
    z.strictObject({
      kind: z.literal("noisy"),
      rate: z.number().min(0).max(1).describe("share of labels replaced by a different class at random"),
    }),
    z.strictObject({
      kind: z.literal("poisoned"),
      source: z.int().min(0).max(9).describe("the class whose images are mislabelled"),
      target: z.int().min(0).max(9).describe("the label they get instead"),
      rate: z.number().min(0).max(1).default(1).describe("share of the source class's images flipped"),
    }),
  ])
  .describe(
    "clean (true labels), { kind: noisy, rate } or { kind: poisoned, source, target, rate } (targeted flips)",
  );

const providerSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, "expected lower-case letters, digits and dashes")
    .describe("the provider's name in the tables"),
  shards: z.int().min(1).max(64).describe("disjoint shards of the task's training images it sells"),
  price: z.number().positive().describe("posted price of each shard, in tokens"),
  quality: qualitySchema,
  listed: z
    .boolean()
    .default(true)
    .describe(
      "false: its shards are cut (so every other shard stays the same) but never listed; what leave-one-out valuation turns off",
    ),
});

export const dataMarketSchema = z
  .strictObject({
    providers: z.array(providerSchema).min(1).describe("data providers, each selling its own shards"),
    shardSize: z.int().min(10).max(2_000).default(200).describe("images per shard"),
    feeBps: z
      .int()
      .min(0)
      .max(5_000)
      .default(250)
      .describe("DataMarket's fee on each settled purchase, basis points (at most 5000)"),
    deliveryWindow: z
      .int()
      .min(1)
      .max(1_000)
      .default(3)
      .describe(
        "blocks after a purchase during which only a matching delivery settles it; afterwards the buyer may refund",
      ),
    minerFunds: z.number().min(0).default(100).describe("tokens each miner receives at genesis to buy data"),
    baseImages: z
      .int()
      .min(10)
      .max(2_000)
      .default(100)
      .describe(
        "training images (a slice of their own, disjoint from every shard) of the small base model all miners start from",
      ),
    hidden: z.int().min(4).max(256).default(32).describe("hidden units of the miners' models"),
    probeImages: z
      .int()
      .min(10)
      .max(1_000)
      .default(200)
      .describe(
        "labelled images each miner holds to judge what a shard did to its model (from the query pool)",
      ),
    trainEvery: z
      .int()
      .min(1)
      .default(5)
      .describe("epochs between training rounds (the first is before epoch 0)"),
    rounds: z
      .int()
      .min(1)
      .default(3)
      .describe("training rounds in the run, at epochs 0, trainEvery, 2·trainEvery, …"),
    maxShardsPerRound: z.int().min(1).max(64).default(2).describe("shards a miner buys per round at most"),
    budgetShare: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe("share of its balance a miner may spend per round"),
    explore: z
      .number()
      .min(0)
      .max(1)
      .default(0.3)
      .describe("chance a miner buys a random affordable shard instead of its best guess"),
    epochs: z.int().min(1).max(50).default(3).describe("SGD passes over each bought shard"),
    batchSize: z.int().min(1).max(1_024).default(32),
    learningRate: z.number().positive().max(10).default(0.1),
    freeRiders: z
      .int()
      .min(0)
      .default(0)
      .describe(
        "the last this-many miners never buy data: after each round each copies the current weights of the other miner with the most reward so far (a weight-copying free rider)",
      ),
    costPerStep: z
      .number()
      .min(0)
      .default(0.001)
      .describe("tokens a miner pays (to the treasury) per SGD step it trains: compute cost"),
  })
  .describe(
    "a data marketplace (digits task): providers list shards in the DataMarket contract, miners buy them with their tokens (escrow, released on a matching content hash) and fine-tune their models on them, for real; every miner starts from the same small base model (its tier is ignored)",
  );

export type DataMarketScenario = z.output<typeof dataMarketSchema>;
export type ShardQualityInput = DataMarketScenario["providers"][number]["quality"];
