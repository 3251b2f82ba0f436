import { z } from "zod";
import { MINER_TIER_NAMES } from "./minerTiers.ts";
import { minerStrategySpec } from "./strategySpecSchema.ts";

/** The scenario's `participation:` section (optional; scenarioSchema.ts): prospective miners that
 * register when entry is expected to pay, and miners that stop serving when it does not. Off unless
 * present. */

const validatorProspectSchema = z.strictObject({
  count: z.int().min(1).max(1_000).describe("prospective validators in this group"),
  stake: z.number().positive().describe("tokens each stakes on its UID when it registers"),
});

const prospectGroupSchema = z.strictObject({
  tier: z.enum(MINER_TIER_NAMES).describe("model quality tier of these prospects"),
  count: z.int().min(1).max(1_000).describe("prospective miners in this group"),
  strategy: minerStrategySpec,
});

export const participationSchema = z
  .strictObject({
    prospects: z
      .array(prospectGroupSchema)
      .default([])
      .describe(
        "prospective miners (miner-<i> after the population's miners, each with its model, weight noise 0.05 and genesis funds): each registers at the start of an epoch when its expected profit over horizonEpochs is positive",
      ),
    validatorProspects: z
      .array(validatorProspectSchema)
      .default([])
      .describe(
        "prospective honest validators (validator-<i> after the population's validators, funded with their stake and registration funds; 32 queries per epoch to every miner): each registers and stakes when the serving validators' recent reward per staked token × its stake, diluted by its stake joining theirs, less stake lock-up (costs.stakePerEpoch), over horizonEpochs, beats the burn",
      ),
    horizonEpochs: z
      .int()
      .min(1)
      .max(10_000)
      .default(10)
      .describe("epochs over which a prospect expects to earn back its registration burn"),
    windowEpochs: z
      .int()
      .min(1)
      .max(100)
      .default(3)
      .describe(
        "recent epochs over which a prospect averages the reward of comparable serving miners: its tier's, else the nearest tier below it that served in the window (none: it stays out)",
      ),
    maxEntriesPerEpoch: z
      .int()
      .min(0)
      .max(1_000)
      .default(1)
      .describe("prospects that may register at the start of one epoch (each pays a higher burn)"),
    exitAfterEpochs: z
      .int()
      .min(1)
      .max(1_000)
      .optional()
      .describe(
        "a miner or validator (incumbent or entrant, honest included) whose own profit (reward + fees − compute − stake cost) was negative this many epochs in a row stops serving (a validator: no queries, no weights, and unstakes its own stake at the next epoch's start, withdrawing it after protocol.unstakeCooldownEpochs); its UID is pruned when a registration needs a slot (no voluntary deregistration); left out: nobody leaves. Epochs that pay nothing yet count as losses (epoch 0; an entrant's first revealDelayEpochs epochs): keep it above those",
      ),
  })
  .describe(
    "open participation (issue 27): prospective miners register when expected profit net of the registration burn, compute and stake costs is positive, incumbents stop serving when they keep losing money; entries, exits and prunes go to participation.csv",
  );

export type ParticipationScenario = z.output<typeof participationSchema>;

/** Cross-field checks: miners without collateral (leaving does not unstake a miner's stake here). */
export function checkParticipationScenario(
  s: { participation?: ParticipationScenario; population: { miners: { stake: number }[] } },
  ctx: z.RefinementCtx,
): void {
  if (s.participation === undefined) return;
  s.population.miners.forEach((g, i) => {
    if (g.stake > 0)
      ctx.addIssue({
        code: "custom",
        message:
          "participation: miners that leave do not unstake collateral in this model; give miners no stake (0)",
        path: ["population", "miners", i, "stake"],
      });
  });
}
