import { z } from "zod";
import { TASK_KINDS } from "../tasks/subnetTask.ts";
import { checkOperators } from "./checkOperators.ts";
import { DIGIT_TRAIN_IMAGES, dataMarketSchema } from "./dataMarketSchema.ts";
import { checkDelegationScenario, delegationSchema } from "./delegationSchema.ts";
import { checkDeploymentBounds, fitsWei, U128_MAX_WEI } from "./deploymentBounds.ts";
import { checkGovernanceScenario, governanceSchema } from "./governanceSchema.ts";
import { invariantLineSchema } from "./invariantLineSchema.ts";
import { marketSchema, minerStakeSchema, slashingSchema } from "./marketSlashingSchema.ts";
import { MINER_TIER_NAMES } from "./minerTiers.ts";
import { dtaoSchema, subnetEntrySchema } from "./networkSchema.ts";
import { checkParticipationScenario, participationSchema } from "./participationSchema.ts";
import { MAX_REVEAL_DELAY_EPOCHS, protocolSchema, REVEAL_DELAY_MESSAGE } from "./protocolSchema.ts";
import { minerStrategySpec, validatorStrategySpec } from "./strategySpecSchema.ts";
import { FORECASTING_HORIZON_EPOCHS } from "./taskLimits.ts";

/**
 * The scenario file's schema: the single source of truth for what a scenario may say. `ScenarioInput`
 * is what YAML may write (defaults omitted); `Scenario` is what the engine uses (defaults resolved).
 * The JSON Schema editors use (`scenarios/scenario.schema.json`) is generated from this.
 */

const count = (what: string) => z.int().min(0).describe(`number of ${what}`);
const positiveCount = (what: string) => z.int().min(1).describe(`number of ${what}`);
const fraction = z.number().min(0).max(1);
/** Emission.distribute pays each UID from packed uint128 shares. */
const u128Emission = fitsWei(U128_MAX_WEI, "uint128");

/** The tfjs backends a scenario or `--backend` may name. */
export const INFERENCE_BACKEND_CHOICES = ["auto", "wasm", "cpu", "tensorflow", "webgpu"] as const;

export const MINER_TIERS = MINER_TIER_NAMES;

const operatorRef = z
  .string()
  .optional()
  .describe("the operator (from `operators:`) that owns these agents; left out: each agent is its own");

const operatorSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, "expected lower-case letters, digits and dashes")
    .describe("the operator's name, as groups' `operator:` name it"),
  description: z.string().default(""),
});

const minerGroupSchema = z
  .strictObject({
    tier: z.enum(MINER_TIERS).describe("model quality tier: training budget of the miner's base model"),
    count: count("miners in this group"),
    strategy: minerStrategySpec,
    operator: operatorRef,
    weightNoise: z
      .number()
      .min(0)
      .default(0.05)
      .describe("std-dev of seeded Gaussian noise added to each weight, relative to the layer's std-dev"),
    stake: minerStakeSchema,
    joinEpoch: z
      .int()
      .min(0)
      .default(0)
      .describe(
        "epoch at whose start these miners register (0: at genesis); when the subnet is full, each replaces the non-immune UID with the lowest emission",
      ),
  })
  .describe("a group of miners sharing a tier and strategy");

const validatorGroupSchema = z.strictObject({
  count: count("validators in this group"),
  stake: z.number().positive().describe("tokens each validator stakes on itself at genesis"),
  strategy: validatorStrategySpec,
  operator: operatorRef,
  queriesPerEpoch: positiveCount("queries each validator sends to every miner per epoch").default(32),
  minersPerEpoch: z
    .union([z.literal("all"), positiveCount("miners each validator queries per epoch")])
    .default("all")
    .describe("miners each validator queries and weighs per epoch, drawn with its RNG; all by default"),
});

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe("path of the JSON Schema, for editors"),
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, "expected lower-case letters, digits and dashes")
      .describe("scenario name, used in the run folder's name"),
    description: z.string().default(""),
    seed: z
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(1)
      .describe("root seed: same scenario + seed → same result tables"),
    epochs: positiveCount("epochs to run").default(20),
    task: z
      .strictObject({
        kind: z
          .enum(TASK_KINDS)
          .default("digits")
          .describe(
            "the subnet's AI task: digits (MNIST classification), tabular-regression (seeded, known noise), forecasting (truth arrives one epoch later)",
          ),
      })
      .prefault({}),
    operators: z
      .array(operatorSchema)
      .optional()
      .describe(
        "actors that own several agents (miners and validators, several UIDs): they pool rewards and costs into one profit line (operators.csv, the report)",
      ),
    population: z.strictObject({
      miners: z.array(minerGroupSchema).min(1),
      validators: z.array(validatorGroupSchema).min(1),
    }),
    chain: z
      .strictObject({
        backend: z
          .enum(["anvil", "memory"])
          .default("anvil")
          .describe(
            "which implementation of the protocol the run drives: anvil (the Solidity contracts on a local Anvil; the source of truth) or memory (the same semantics in TypeScript, checked against the contracts by a differential test; no gas, no blocks in the tables, much faster)",
          ),
        emissionPerEpoch: z
          .number()
          .positive()
          .refine(u128Emission.check, u128Emission.message)
          .default(1000)
          .describe("tokens minted and paid each epoch"),
        revealDelayEpochs: z
          .int()
          .min(0)
          .max(MAX_REVEAL_DELAY_EPOCHS, REVEAL_DELAY_MESSAGE)
          .optional()
          .meta({ deprecated: true })
          .describe(
            "deprecated: write protocol.revealDelayEpochs (this spelling is moved there, with a warning)",
          ),
        emissionPath: z
          .enum(["direct", "contract"])
          .default("direct")
          .describe(
            "direct: the engine splits each epoch's emission exactly and pays it liquid; contract: Emission.distribute pays it with the subnet's split (validator take liquid, the rest compounded into stake) and a reward is the change of balance plus stake",
          ),
      })
      .prefault({}),
    costs: z
      .strictObject({
        perInference: z
          .number()
          .min(0)
          .default(0)
          .describe("tokens a miner spends per query it answers with its own model (compute)"),
        perGigaflop: z
          .number()
          .min(0)
          .default(0)
          .describe(
            "tokens per 10^9 floating-point operations of a miner's own model, added to perInference for each query it answers with it (2 per weight of its inputs-hidden-outputs MLP)",
          ),
        stakePerEpoch: z
          .number()
          .min(0)
          .max(1)
          .default(0)
          .describe("opportunity cost of locked stake per epoch, as a fraction of the stake"),
      })
      .prefault({})
      .describe("what agents spend, for attack profit after costs; 0 unless the scenario prices it"),
    market: marketSchema,
    dataMarket: dataMarketSchema.optional(),
    slashing: slashingSchema,
    emissionSplit: z
      .strictObject({
        owner: fraction.default(0).describe("the subnet owner's cut of each epoch's emission (not an agent)"),
        miners: fraction.default(0.5),
        validators: fraction.default(0.5),
      })
      .prefault({})
      .refine(
        (s) => Math.abs(s.owner + s.miners + s.validators - 1) < 1e-9,
        "owner + miners + validators must equal 1 (SubnetRegistry.createSubnet: split, in basis points summing to 10000)",
      ),
    protocol: protocolSchema.prefault({}),
    governance: governanceSchema.optional(),
    delegation: delegationSchema.optional(),
    participation: participationSchema.optional(),
    mechanism: z
      .strictObject({
        name: z
          .string()
          .default("yuma")
          .describe(
            "built-in mechanism: yuma | yuma-no-clip | yuma-no-bonds | stake-weighted-mean | allora-regret",
          ),
        module: z
          .string()
          .optional()
          .describe(
            "a TypeScript/JavaScript module (relative to this file) exporting a Mechanism factory; it RUNS AS CODE",
          ),
        params: z
          .record(z.string(), z.unknown())
          .default({})
          .describe(
            "the mechanism's hyperparameters (Yuma: the chain's names, e.g. kappa, yuma3, liquidAlpha)",
          ),
      })
      .prefault({}),
    invariants: z
      .array(invariantLineSchema)
      .optional()
      .describe(
        "economic invariants `crucible check` asserts, one line each: per run (adversaryProfit < 0), per epoch (after epoch 10: spearmanQualityReward > 0.8) or across seeds (p95(giniHonestMinerRewards) < 0.4, mean(adversaryRewardShare) < 0.05 with 95% confidence)",
      ),
    subnets: z
      .array(subnetEntrySchema)
      .min(2)
      .max(32)
      .optional()
      .describe(
        "a network of subnets in one run (`crucible run` runs each as its own scenario, then the dTAO economy joins them): each entry names a subnet and replaces the file's task, population, mechanism, protocol or emission split; left out: one subnet, as before",
      ),
    dtao: dtaoSchema
      .optional()
      .describe("the dynamic-TAO economy joining the subnets (used only with `subnets:`)"),
    inference: z
      .strictObject({
        backend: z
          .enum(INFERENCE_BACKEND_CHOICES)
          .default("auto")
          .describe(
            "tfjs backend: auto (wasm on every machine, so results do not depend on what loads; the manifest records what was asked for, the backend chosen and why), wasm, cpu, tensorflow (tfjs-node, only when asked for), or webgpu (Dawn; a GPU adapter, else Mesa's software renderer; in-process, base models train on wasm)",
          ),
        workers: z
          .union([z.literal("auto"), z.int().min(0).max(64)])
          .default("auto")
          .describe(
            "inference worker threads, each with its own tfjs backend and a share of the miners; 0 runs in the main thread; auto: the main thread below 256 miners, else min(max(2, cores − 1), miners / 128, 16) (results are the same for any count)",
          ),
        answerDigests: z
          .boolean()
          .default(false)
          .describe(
            "write answers.csv: per epoch and miner, a SHA-256 digest of the answers it submitted (to check a replay without storing answers; not part of resultsHash)",
          ),
      })
      .prefault({}),
  })
  .refine((s) => s.population.miners.some((g) => g.count > 0), {
    message: "at least one miner is required",
    path: ["population", "miners"],
  })
  .refine((s) => s.population.validators.some((g) => g.count > 0), {
    message: "at least one validator is required",
    path: ["population", "validators"],
  })
  .refine((s) => s.task.kind !== "forecasting" || s.epochs <= FORECASTING_HORIZON_EPOCHS, {
    message: `at most ${FORECASTING_HORIZON_EPOCHS} for the forecasting task (its series are generated for that many epochs)`,
    path: ["epochs"],
  })
  .refine((s) => s.dataMarket === undefined || s.task.kind === "digits", {
    message: "the data market trades digit images: task.kind must be digits",
    path: ["dataMarket"],
  })
  .refine(
    (s) =>
      s.dataMarket === undefined ||
      (s.dataMarket.providers.reduce((n, p) => n + p.shards, 0) +
        Math.ceil(s.dataMarket.baseImages / s.dataMarket.shardSize)) *
        s.dataMarket.shardSize <=
        DIGIT_TRAIN_IMAGES,
    {
      message: `the providers' shards and the base model's images must fit the ${DIGIT_TRAIN_IMAGES} training images (shards are disjoint)`,
      path: ["dataMarket", "providers"],
    },
  )
  .superRefine(checkOperators)
  .superRefine(checkGovernanceScenario)
  .superRefine(checkDelegationScenario)
  .superRefine(checkParticipationScenario)
  .superRefine(checkDeploymentBounds);

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
