import { z } from "zod";

/** The scenario's `delegation:` section (optional; scenarioSchema.ts): delegators that stake on
 * validators and move their stake, and the validators' take policies. Off unless present. */

const delegatorGroupSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, "expected lower-case letters, digits and dashes")
    .describe("the group's name; its delegators are <name>-0, <name>-1, ..."),
  count: z.int().min(1).max(1_000).describe("delegators in this group"),
  strategy: z
    .enum(["loyal", "yield-chaser"])
    .describe(
      "loyal: stakes once and never moves; yield-chaser: moves all its stake to the validator with the best recent yield (net of take) when it beats its own by the threshold, at most once per cooldown",
    ),
  tokens: z.number().positive().describe("tokens each delegator receives at genesis and stakes at once"),
  validator: z
    .string()
    .regex(/^validator-\d+$/, "expected a validator's name, validator-<i>")
    .optional()
    .describe("the validator each delegator stakes on at genesis; left out: one drawn with its own RNG"),
  threshold: z
    .number()
    .min(0)
    .default(0.1)
    .describe("yield-chaser: moves only when the best yield beats its own by this fraction (0.1: 10 %)"),
  windowEpochs: z
    .int()
    .min(1)
    .max(100)
    .default(3)
    .describe("yield-chaser: epochs of yield it averages before comparing validators"),
  cooldownEpochs: z
    .int()
    .min(0)
    .max(1_000)
    .default(3)
    .describe("yield-chaser: epochs it waits after a move (restaked) before it considers another"),
});

const takePolicySchema = z.strictObject({
  validator: z.string().regex(/^validator-\d+$/, "expected a validator's name, validator-<i>"),
  policy: z
    .enum(["fixed", "competitive"])
    .describe(
      "fixed: steps its take toward `take` (a raise at most 0.05 an epoch, as Staking allows) and keeps it; competitive: starts there and cuts by `step` each epoch its delegated stake fell, down to `min`",
    ),
  take: z.number().min(0).max(1).describe("the take (share of dividends kept before the pool)"),
  step: z.number().min(0).max(1).default(0.02).describe("competitive: cut per epoch of lost delegation"),
  min: z.number().min(0).max(1).default(0).describe("competitive: the lowest take it cuts to"),
});

export const delegationSchema = z
  .strictObject({
    delegators: z.array(delegatorGroupSchema).min(1).describe("groups of delegators"),
    takes: z
      .array(takePolicySchema)
      .default([])
      .describe("validators' take policies; a validator left out keeps protocol.validatorTake"),
    validatorExit: z
      .strictObject({
        afterEpochs: z
          .int()
          .min(1)
          .max(1_000)
          .describe("consecutive epochs of negative profit after which a validator leaves"),
      })
      .optional()
      .describe(
        "validators that leave when running stays unprofitable: a validator whose own profit (what its own stake and liquid balance gained, less costs.stakePerEpoch × its own stake) was negative for afterEpochs epochs in a row unstakes all its own stake (once) and withdraws it after the cooldown; left out: validators never leave",
      ),
  })
  .describe(
    "delegators (accounts outside the subnet) that stake on validators and move their stake through Staking's unstake/withdraw (protocol.unstakeCooldownEpochs applies), and validators that set their take; needs chain.emissionPath: contract (dividends compound into the pools)",
  );

export type DelegationScenario = z.output<typeof delegationSchema>;

/** Cross-field checks of the section: names unique, validators that exist, the contract path. */
export function checkDelegationScenario(
  s: {
    delegation?: DelegationScenario;
    population: { validators: { count: number }[] };
    chain: { emissionPath: string };
  },
  ctx: z.RefinementCtx,
): void {
  const d = s.delegation;
  if (d === undefined) return;
  if (s.chain.emissionPath !== "contract")
    ctx.addIssue({
      code: "custom",
      message:
        "delegation needs chain.emissionPath: contract (on the direct path no dividend reaches a pool)",
      path: ["chain", "emissionPath"],
    });
  const validators = s.population.validators.reduce((n, g) => n + g.count, 0);
  const known = (name: string) => Number(name.slice("validator-".length)) < validators;
  const seen = new Set<string>();
  d.delegators.forEach((g, i) => {
    if (seen.has(g.name))
      ctx.addIssue({
        code: "custom",
        message: `duplicate group name ${g.name}`,
        path: ["delegation", "delegators", i, "name"],
      });
    seen.add(g.name);
    if (g.validator !== undefined && !known(g.validator))
      ctx.addIssue({
        code: "custom",
        message: `no ${g.validator}: the population has ${validators} validators`,
        path: ["delegation", "delegators", i, "validator"],
      });
  });
  const policies = new Set<string>();
  d.takes.forEach((t, i) => {
    if (!known(t.validator))
      ctx.addIssue({
        code: "custom",
        message: `no ${t.validator}: the population has ${validators} validators`,
        path: ["delegation", "takes", i, "validator"],
      });
    if (policies.has(t.validator))
      ctx.addIssue({
        code: "custom",
        message: `${t.validator} has two take policies`,
        path: ["delegation", "takes", i, "validator"],
      });
    policies.add(t.validator);
    if (t.min > t.take)
      ctx.addIssue({
        code: "custom",
        message: "min must not exceed take",
        path: ["delegation", "takes", i, "min"],
      });
  });
}
