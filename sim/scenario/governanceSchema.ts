import { z } from "zod";

/** The scenario's `governance:` section (optional; scenarioSchema.ts). */

const fraction = z.number().min(0).max(1);

const changesSchema = z
  .strictObject({
    emissionSplit: z
      .strictObject({ owner: fraction, miners: fraction, validators: fraction })
      .optional()
      .describe(
        "the new emission split; GovernedSubnetRegistry.setEmissionSplit reverts InvalidParams at execution unless the three sum to 1",
      ),
    slashShare: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("the new slash share (setSlashBps reverts InvalidParams at execution unless below 1)"),
    immunityEpochs: z.number().min(0).optional().describe("the new immunity period, in epochs"),
    registration: z
      .strictObject({
        minBurn: z.number().min(0),
        maxBurn: z.number().min(0),
        increase: z.number().min(0).max(400_000).describe("price multiplier per registration"),
        halfLifeEpochs: z.number().min(0),
      })
      .optional()
      .describe(
        "the new registration burn curve (setRegistrationBurn reverts InvalidParams at execution when minBurn > maxBurn)",
      ),
  })
  .refine(
    (c) => Object.values(c).some((v) => v !== undefined),
    "a proposal must change at least one parameter",
  )
  .describe("the parameters the proposal changes (each becomes one call the timelock makes)");

const proposalSchema = z.strictObject({
  epoch: z.int().min(0).describe("epoch in which the proposal is made (its governance phase)"),
  proposer: z
    .string()
    .regex(/^(validator|miner)-\d+$/, "expected an agent id: validator-<i> or miner-<i>")
    .describe("the agent that proposes it (validator-<i> or miner-<i>, as agents.csv names them)"),
  description: z.string().default("").describe("what the proposal says (recorded with it)"),
  changes: changesSchema,
});

export const governanceSchema = z
  .strictObject({
    delegation: z
      .enum(["self", "none"])
      .default("self")
      .describe(
        "self: every agent delegates its votes to itself at genesis (ERC20Votes counts only delegated tokens); none: nobody does, so nobody votes",
      ),
    proposalThreshold: z
      .number()
      .min(0)
      .default(0)
      .describe("votes (tokens) a proposer must hold at the previous block; 0: anyone may propose"),
    votingDelayEpochs: z
      .int()
      .min(0)
      .default(0)
      .describe(
        "epochs (× tempo blocks) from a proposal to its snapshot, the block its votes are counted at",
      ),
    votingPeriodEpochs: z
      .int()
      .min(1)
      .default(2)
      .describe("epochs (× tempo blocks) the vote stays open after the snapshot"),
    quorum: fraction
      .default(0.04)
      .describe("for + abstain votes must reach this share of the total supply at the snapshot"),
    timelockDelayEpochs: z
      .int()
      .min(0)
      .default(1)
      .describe("epochs (× tempo blocks) between queueing a passed proposal and its earliest execution"),
    turnoutCost: z
      .number()
      .min(0)
      .default(0)
      .describe(
        "tokens: a holder votes only when its expected change of income over horizonEpochs exceeds this (the turnout model)",
      ),
    horizonEpochs: z
      .int()
      .min(1)
      .default(10)
      .describe("epochs over which a voter values a change of its income"),
    proposals: z
      .array(proposalSchema)
      .default([])
      .describe("proposals the scenario schedules (epoch, proposer, changes)"),
  })
  .describe(
    "token-holder governance: OpenZeppelin's Governor over the votes token, a TimelockController that alone changes the subnet's parameters; voters vote their interest (their recent income under the proposed split against the status quo)",
  );

export type GovernanceScenario = z.output<typeof governanceSchema>;

/** Scenario-wide checks of the governance section: each proposal within the run and by an agent the
 * population has. */
export function checkGovernanceScenario(
  s: {
    epochs: number;
    governance?: GovernanceScenario;
    population: { miners: { count: number }[]; validators: { count: number }[] };
  },
  ctx: z.RefinementCtx,
): void {
  if (s.governance === undefined) return;
  const counts = {
    validator: s.population.validators.reduce((n, g) => n + g.count, 0),
    miner: s.population.miners.reduce((n, g) => n + g.count, 0),
  };
  s.governance.proposals.forEach((p, i) => {
    const path = ["governance", "proposals", i];
    if (p.epoch >= s.epochs) {
      ctx.addIssue({
        code: "custom",
        path: [...path, "epoch"],
        message: `the run has epochs 0..${s.epochs - 1}`,
      });
    }
    const [role, index] = p.proposer.split("-") as ["validator" | "miner", string];
    if (Number(index) >= counts[role]) {
      ctx.addIssue({
        code: "custom",
        path: [...path, "proposer"],
        message: `no ${p.proposer}: the population has ${counts[role]} ${role}s`,
      });
    }
  });
}
