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
    revealDelayEpochs: z
      .int()
      .min(0)
      .max(100)
      .optional()
      .describe(
        "the new commit-reveal delay in epochs (GovernedRevealRegistry.setRevealDelay; at most 100, as createSubnet); a commit still waiting is revealed under the new delay, so a shorter one makes it late",
      ),
    maxValidatorTake: fraction
      .optional()
      .describe(
        "the new ceiling on validators' take (GovernedStaking.setTakeCeiling; at most the deployment's bound, 1): a take set above it is clamped from execution on, and a higher one reverts TakeTooHigh",
      ),
    emissionPerEpoch: z
      .number()
      .positive()
      .optional()
      .describe(
        "the supply policy: tokens an epoch mints before halvings (GovernedEmission.setEpochEmission; above 0 and at most twice chain.emissionPerEpoch; the cap and halvings stay)",
      ),
  })
  .refine(
    (c) => Object.values(c).some((v) => v !== undefined),
    "a proposal must change at least one parameter",
  )
  .describe("the parameters the proposal changes (each becomes one call the timelock makes)");

const agentId = z
  .string()
  .regex(/^(validator|miner)-\d+$/, "expected an agent id: validator-<i> or miner-<i>");

const proposalSchema = z.strictObject({
  epoch: z.int().min(0).describe("epoch in which the proposal is made (its governance phase)"),
  proposer: agentId.describe(
    "the agent that proposes it (validator-<i> or miner-<i>, as agents.csv names them)",
  ),
  description: z.string().default("").describe("what the proposal says (recorded with it)"),
  changes: changesSchema,
});

const proposerSchema = z
  .strictObject({
    agent: agentId.describe("the proposer (validator-<i> or miner-<i>)"),
    firstEpoch: z.int().min(0).default(1).describe("the first epoch it considers proposing in"),
    everyEpochs: z
      .int()
      .min(1)
      .default(3)
      .describe("how often it considers proposing (never while a proposal of its own is still open)"),
    step: fraction
      .positive()
      .default(0.1)
      .describe("share of the emission it proposes to move from the other side to its own"),
    maxShare: fraction.default(0.8).describe("it never proposes its side's share above this"),
    minGain: z
      .number()
      .min(0)
      .default(0)
      .describe(
        "tokens: it proposes only when its expected gain over horizonEpochs (the interest voters' estimate) exceeds this",
      ),
    description: z.string().default("").describe("what its proposals say"),
  })
  .describe(
    "an agent that proposes a larger share of the emission split for its own side (miners or validators) when it expects to gain from it, estimated as the interest voters estimate",
  );

const voteBuyerSchema = z
  .strictObject({
    agent: z
      .string()
      .regex(/^validator-\d+$/, "expected a validator id: validator-<i>")
      .describe(
        "the buyer: a validator whose strategy is vote-buyer (so its profit counts as an adversary's); it proposes the change and pays the bribes from its own balance",
      ),
    epoch: z.int().min(0).describe("epoch in which it proposes the change"),
    description: z.string().default("").describe("what its proposal says"),
    changes: changesSchema,
    budget: z
      .number()
      .min(0)
      .describe(
        "tokens it may escrow in bribes, minted to it at genesis (its war chest: never delegated, so they do not vote)",
      ),
    margin: z
      .number()
      .min(0)
      .max(10)
      .default(0.05)
      .describe(
        "each bribe is the holder's expected loss over horizonEpochs plus turnoutCost, times 1 + margin (plus one wei)",
      ),
  })
  .describe(
    "an adversary that buys votes for a change through VoteBribeEscrow: when the vote opens it offers each holder it needs (cheapest counted vote first) its expected loss times 1 + margin, escrowed on-chain; a holder that accepts votes for and claims after voting; the buyer takes back the rest after the vote. It offers nothing when the votes it needs cost more than its budget",
  );

const holdingsSchema = z
  .strictObject({
    tokens: z
      .number()
      .min(0)
      .describe("tokens handed out at genesis on top of every agent's funds and stake"),
    concentration: z
      .number()
      .min(0)
      .max(10)
      .default(1)
      .describe(
        "Zipf exponent s: the holder of rank r gets a share ∝ 1 / r^s (0: equal shares); ranks are a seeded shuffle of the holders",
      ),
    holders: z
      .enum(["all", "miners", "validators"])
      .default("all")
      .describe("which agents share the tokens (the vote buyer never does)"),
  })
  .describe("liquid tokens (votes) handed out at genesis with a chosen concentration");

export const governanceSchema = z
  .strictObject({
    countingMode: z
      .enum(["simple", "quadratic"])
      .default("simple")
      .describe(
        "how ballots count: simple (by votes, GovernorCountingSimple) or quadratic (by the square root of the voter's votes, GovernorCountingBallots; the quorum still counts votes)",
      ),
    voteBuyer: voteBuyerSchema.optional(),
    holdings: holdingsSchema.optional(),
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
    proposers: z
      .array(proposerSchema)
      .optional()
      .describe("agents that propose on their own the split changes they expect to profit from"),
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
    chain: { emissionPerEpoch: number };
    governance?: GovernanceScenario;
    population: {
      miners: { count: number }[];
      validators: { count: number; strategy: string | { name: string } }[];
    };
  },
  ctx: z.RefinementCtx,
): void {
  if (s.governance === undefined) return;
  const counts = {
    validator: s.population.validators.reduce((n, g) => n + g.count, 0),
    miner: s.population.miners.reduce((n, g) => n + g.count, 0),
  };
  // GovernedEmission's bound: at most twice the deployed rate (EmissionOutOfBounds).
  const checkEmission = (changes: { emissionPerEpoch?: number }, path: (string | number)[]) => {
    const rate = changes.emissionPerEpoch;
    if (rate !== undefined && rate > 2 * s.chain.emissionPerEpoch)
      ctx.addIssue({
        code: "custom",
        path: [...path, "changes", "emissionPerEpoch"],
        message: `at most twice chain.emissionPerEpoch (${2 * s.chain.emissionPerEpoch}), got ${rate}`,
      });
  };
  const buyer = s.governance.voteBuyer;
  if (buyer !== undefined) checkEmission(buyer.changes, ["governance", "voteBuyer"]);
  if (buyer !== undefined) {
    const path = ["governance", "voteBuyer"];
    if (buyer.epoch >= s.epochs)
      ctx.addIssue({
        code: "custom",
        path: [...path, "epoch"],
        message: `the run has epochs 0..${s.epochs - 1}`,
      });
    const index = Number(buyer.agent.split("-")[1]);
    const strategy = validatorStrategyAt(s.population.validators, index);
    if (strategy === undefined)
      ctx.addIssue({
        code: "custom",
        path: [...path, "agent"],
        message: `no ${buyer.agent}: the population has ${counts.validator} validators`,
      });
    else if (strategy !== "vote-buyer")
      ctx.addIssue({
        code: "custom",
        path: [...path, "agent"],
        message: `${buyer.agent} has strategy ${strategy}; the vote buyer must be a validator with strategy vote-buyer`,
      });
  }
  (s.governance.proposers ?? []).forEach((p, i) => {
    const path = ["governance", "proposers", i];
    const [role, index] = p.agent.split("-") as ["validator" | "miner", string];
    if (Number(index) >= counts[role])
      ctx.addIssue({
        code: "custom",
        path: [...path, "agent"],
        message: `no ${p.agent}: the population has ${counts[role]} ${role}s`,
      });
    if (p.firstEpoch >= s.epochs)
      ctx.addIssue({
        code: "custom",
        path: [...path, "firstEpoch"],
        message: `the run has epochs 0..${s.epochs - 1}`,
      });
  });
  s.governance.proposals.forEach((p, i) => {
    const path = ["governance", "proposals", i];
    checkEmission(p.changes, path);
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

/** The strategy name of validator `index` (groups in order), or undefined past the last. */
function validatorStrategyAt(
  groups: readonly { count: number; strategy: string | { name: string } }[],
  index: number,
): string | undefined {
  let first = 0;
  for (const g of groups) {
    if (index < first + g.count) return typeof g.strategy === "string" ? g.strategy : g.strategy.name;
    first += g.count;
  }
  return undefined;
}
