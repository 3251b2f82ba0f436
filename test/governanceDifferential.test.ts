import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { startAnvilSession } from "../sim/chain/session/startAnvilSession.ts";
import { startMemorySession } from "../sim/protocol/memory/startMemorySession.ts";
import type { ProtocolDeployment } from "../sim/protocol/protocolDeployment.ts";
import type {
  BribeCall,
  ParameterChanges,
  ProtocolSession,
  VoteSupport,
} from "../sim/protocol/protocolSession.ts";

const TOKEN = 10n ** 18n;
/** Agents 0..4 register at the start; agent 5 registers when a `register` action comes. */
const AGENTS = 6;
/** Runs of the property (one Anvil each); more with CRUCIBLE_GOVERNANCE_RUNS. */
const RUNS = Number(process.env.CRUCIBLE_GOVERNANCE_RUNS ?? 3);

type Action =
  | { kind: "delegate"; pairs: [number, number][] }
  | { kind: "propose"; proposer: number; changes: ParameterChanges }
  | { kind: "vote"; proposal: number; ballots: [number, VoteSupport][] }
  | { kind: "queue"; proposals: number[] }
  | { kind: "execute"; proposals: number[] }
  | { kind: "stake"; agent: number; tokens: number }
  | { kind: "pay"; agent: number; tokens: number }
  | { kind: "register" }
  | { kind: "lifecycle"; proposer: number; changes: ParameterChanges; supports: VoteSupport[] }
  | { kind: "tick"; blocks: number }
  | { kind: "bribe"; calls: BribeDraft[] }
  | { kind: "take"; agent: number; bps: number }
  | { kind: "distribute"; incentive: number[]; dividends: number[] };

/** The deployment's take bound: the governed ceiling may not exceed it (TakeCeilingTooHigh). */
const MAX_TAKE_BPS = 6_000;
const EMISSION = 100n * TOKEN;

/** A bribe-escrow call by agent index (proposals and offers by number; unknown offers revert). */
type BribeDraft =
  | { kind: "approve"; from: number; tokens: number }
  | {
      kind: "offer";
      from: number;
      proposal: number;
      support: number;
      holders: number[];
      tokens: number[];
      approve: boolean;
    }
  | { kind: "claim" | "refund"; from: number; offer: number };

const small = (max: number) => fc.integer({ min: 0, max });
const changes: fc.Arbitrary<ParameterChanges> = fc
  .record(
    {
      emissionSplit: fc
        .record({
          ownerBps: small(3_000),
          minerBps: small(7_000),
          validatorBps: small(10_000),
          exact: fc.constantFrom(true, true, true, false),
        })
        .map(({ exact, ...x }) =>
          exact && x.ownerBps + x.minerBps <= 10_000
            ? { ...x, validatorBps: 10_000 - x.ownerBps - x.minerBps }
            : x,
        ),
      slashBps: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 9_999 }) }, fc.constant(10_000)),
      immunityPeriod: fc.bigInt({ min: 0n, max: 100n }),
      registrationBurn: fc
        .record({
          minBurn: fc.bigInt({ min: 0n, max: 5n }).map((x) => x * TOKEN),
          extra: fc.bigInt({ min: -2n, max: 5n }).map((x) => x * TOKEN),
          burnIncreaseBps: fc.integer({ min: 0, max: 20_000 }),
          burnHalfLife: fc.bigInt({ min: 0n, max: 50n }),
        })
        // Mostly within bounds; maxBurn below minBurn now and then (InvalidParams at execution).
        .map(({ extra, ...b }) => ({ ...b, maxBurn: b.minBurn + extra < 0n ? 0n : b.minBurn + extra })),
      // The protocol setters (deployments with protocolSetters; dropped from the others' proposals):
      // mostly within bounds, now and then past them.
      revealDelayEpochs: fc.oneof({ weight: 6, arbitrary: small(3) }, fc.constant(101)),
      takeCeilingBps: fc.oneof(
        { weight: 6, arbitrary: small(MAX_TAKE_BPS) },
        fc.integer({ min: MAX_TAKE_BPS + 1, max: 10_000 }),
      ),
      epochEmission: fc.oneof(
        { weight: 6, arbitrary: fc.bigInt({ min: 1n, max: 2n * EMISSION }) },
        fc.constantFrom(0n, 2n * EMISSION + 1n),
      ),
    },
    { requiredKeys: [] },
  )
  .filter((c) => Object.keys(c).length > 0);

const bribeDraft: fc.Arbitrary<BribeDraft> = fc.oneof(
  fc.record({
    kind: fc.constant("approve" as const),
    from: small(4),
    tokens: fc.integer({ min: 0, max: 120 }),
  }),
  {
    weight: 2,
    arbitrary: fc
      .record({
        kind: fc.constant("offer" as const),
        from: small(4),
        proposal: small(5),
        support: fc.constantFrom(0, 1, 1, 1, 2, 3),
        pairs: fc.array(fc.tuple(small(4), fc.integer({ min: 0, max: 40 })), { maxLength: 3 }),
        // Mostly one amount per holder, approved first; now and then neither.
        mismatch: fc.constantFrom(false, false, false, true),
        approve: fc.constantFrom(true, true, false),
      })
      .map(({ pairs, mismatch, ...o }) => ({
        ...o,
        holders: pairs.map(([h]) => h),
        tokens: pairs.map(([, t]) => t).slice(mismatch ? 1 : 0),
      })),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom("claim" as const, "refund" as const),
      from: small(4),
      offer: small(3),
    }),
  },
);

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant("delegate" as const),
    pairs: fc.array(fc.tuple(small(4), small(4)), { maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant("propose" as const), proposer: small(4), changes }),
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("vote" as const),
      proposal: small(5),
      ballots: fc.array(fc.tuple(small(4), fc.constantFrom<VoteSupport>(0, 1, 1, 2)), {
        minLength: 1,
        maxLength: 4,
      }),
    }),
  },
  fc.record({
    kind: fc.constant("queue" as const),
    proposals: fc.array(small(5), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({
    kind: fc.constant("execute" as const),
    proposals: fc.array(small(5), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({
    kind: fc.constant("stake" as const),
    agent: small(4),
    tokens: fc.integer({ min: 1, max: 80 }),
  }),
  fc.record({ kind: fc.constant("pay" as const), agent: small(4), tokens: fc.integer({ min: 1, max: 200 }) }),
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("tick" as const), blocks: fc.integer({ min: 1, max: 4 }) }),
  },
  fc.record({ kind: fc.constant("register" as const) }),
  fc.record({ kind: fc.constant("take" as const), agent: small(4), bps: small(MAX_TAKE_BPS + 500) }),
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("distribute" as const),
      incentive: fc.array(small(9), { minLength: 6, maxLength: 6 }),
      dividends: fc.array(small(9), { minLength: 6, maxLength: 6 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("bribe" as const),
      calls: fc.array(bribeDraft, { minLength: 1, maxLength: 4 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("lifecycle" as const),
      proposer: small(4),
      changes,
      supports: fc.array(fc.constantFrom<VoteSupport>(0, 1, 1, 1, 2), { minLength: 5, maxLength: 5 }),
    }),
  },
);

const deployment: fc.Arbitrary<ProtocolDeployment> = fc
  .record({
    seed: fc.integer({ min: 0, max: 1_000 }),
    genesis: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: AGENTS, maxLength: AGENTS }),
    votingDelayBlocks: small(3),
    votingPeriodBlocks: fc.integer({ min: 1, max: 6 }),
    threshold: fc.constantFrom(0, 0, 50, 400),
    quorumBps: fc.oneof(small(10_000), fc.constant(0)),
    timelockDelayBlocks: small(4),
    // CrucibleGovernor; CrucibleBallotGovernor (simple or quadratic counting) with a bribe escrow;
    // quadratic counting without one.
    ballots: fc.constantFrom("none", "bribes", "bribes-quadratic", "quadratic"),
    // GovernedRevealRegistry, GovernedStaking and GovernedEmission (reveal delay, take ceiling, rate).
    protocolSetters: fc.constantFrom(true, true, false),
  })
  .map((d) => ({
    seed: d.seed,
    agents: AGENTS,
    emissionPerEpoch: EMISSION,
    maxTakeBps: MAX_TAKE_BPS,
    genesis: d.genesis.map((t) => BigInt(t) * TOKEN),
    governance: {
      ...(d.protocolSetters ? { protocolSetters: true } : {}),
      votingDelayBlocks: d.votingDelayBlocks,
      votingPeriodBlocks: d.votingPeriodBlocks,
      proposalThresholdWei: BigInt(d.threshold) * TOKEN,
      quorumBps: d.quorumBps,
      timelockDelayBlocks: d.timelockDelayBlocks,
      ...(d.ballots.endsWith("quadratic") ? { counting: "quadratic" as const } : {}),
      ...(d.ballots.startsWith("bribes") ? { bribes: true } : {}),
    },
  }));

/** One action on one session; what it returned, without gas. */
async function step(
  s: ProtocolSession,
  a: Action,
  memo: { proposals: number; epoch: number; offers: number },
): Promise<unknown> {
  const agents = s.agentAddresses.map((address, i) => ({ agent: `agent-${i}`, address }));
  const strip = (r: {
    outcomes: { agent: string; functionName: string; status: string; error?: string }[];
    block: bigint;
  }) => ({
    calls: r.outcomes.map((o) => `${o.agent} ${o.functionName} ${o.error ?? o.status}`),
    block: r.block,
  });
  const known = (n: number) => (memo.proposals === 0 ? [] : [n % memo.proposals]);
  // Without protocolSetters a proposal cannot name the protocol setters (the session refuses it).
  const settable = (c: ParameterChanges): ParameterChanges | null => {
    if (s.governance?.protocolSetters === true) return c;
    const { revealDelayEpochs: _r, takeCeilingBps: _t, epochEmission: _e, ...rest } = c;
    return Object.keys(rest).length === 0 ? null : rest;
  };
  switch (a.kind) {
    case "delegate":
      return strip(
        await s.delegateVotes(a.pairs.map(([h, d]) => ({ ...agents[h], delegatee: agents[d].address }))),
      );
    case "propose": {
      const changes = settable(a.changes);
      if (changes === null) return null;
      const r = await s.propose([{ proposer: agents[a.proposer], changes, description: "p" }]);
      memo.proposals += r.proposals.filter((p) => p !== null).length;
      return { ...strip(r), proposals: r.proposals };
    }
    case "vote": {
      const [n] = known(a.proposal);
      if (n === undefined) return null;
      return strip(
        await s.castVotes(
          n,
          a.ballots.map(([i, support]) => ({ ...agents[i], support })),
        ),
      );
    }
    case "queue":
    case "execute": {
      const ns = a.proposals.flatMap(known);
      if (ns.length === 0) return null;
      return strip(await (a.kind === "queue" ? s.queueProposals(ns) : s.executeProposals(ns)));
    }
    case "stake":
      return strip(
        await s.stakeGenesis([{ ...agents[a.agent], uid: a.agent, amount: BigInt(a.tokens) * TOKEN }]),
      );
    case "pay":
      return strip(await s.payEpoch(memo.epoch++, [agents[a.agent].address], [BigInt(a.tokens) * TOKEN]));
    case "lifecycle": {
      // A whole proposal: propose, wait out the delay, everyone votes, wait out the period, queue,
      // wait out the timelock, execute (each step a block; any of them may revert).
      const g = s.governance!;
      const seen: unknown[] = [];
      const ticks = async (n: number) => {
        for (let i = 0; i < n; i++) await s.delegateVotes([]);
      };
      const changes = settable(a.changes);
      if (changes === null) return seen;
      const r = await s.propose([{ proposer: agents[a.proposer], changes, description: "l" }]);
      seen.push({ ...strip(r), proposals: r.proposals });
      const n = r.proposals[0];
      if (n === null) return seen;
      memo.proposals += 1;
      // With a bribe escrow, the proposer bribes every other agent to vote for (one token each).
      const bribing = g.bribes === true;
      const others = agents.slice(0, 5).filter((_, i) => i !== a.proposer);
      let offer: number | undefined;
      if (bribing) {
        const r2 = await s.submitBribes([
          { kind: "approve", from: agents[a.proposer], amount: BigInt(others.length) * TOKEN },
          {
            kind: "offer",
            from: agents[a.proposer],
            proposal: n,
            support: 1,
            holders: others.map((o) => o.address),
            amounts: others.map(() => TOKEN),
          },
        ]);
        seen.push(strip(r2));
        if (r2.outcomes[1].status === "success") offer = memo.offers++;
      }
      await ticks(Math.max(0, g.votingDelayBlocks - (bribing ? 1 : 0)));
      seen.push(
        strip(
          await s.castVotes(
            n,
            a.supports.map((support, i) => ({ ...agents[i], support })),
          ),
        ),
      );
      if (offer !== undefined)
        seen.push(
          strip(
            await s.submitBribes(agents.slice(0, 5).map((from) => ({ kind: "claim" as const, from, offer }))),
          ),
        );
      await ticks(g.votingPeriodBlocks);
      if (offer !== undefined)
        seen.push(strip(await s.submitBribes([{ kind: "refund", from: agents[a.proposer], offer }])));
      seen.push(strip(await s.queueProposals([n])));
      await ticks(Math.max(0, g.timelockDelayBlocks - 1));
      seen.push(strip(await s.executeProposals([n])));
      return seen;
    }
    case "register":
      return strip(await s.registerAgents([agents[5]]));
    case "take":
      return strip(await s.moveStake([{ ...agents[a.agent], kind: "setTake", bps: a.bps }]));
    case "distribute": {
      const n = (await s.readStakes()).length;
      return strip(
        await s.distributeEmission(memo.epoch++, a.incentive.slice(0, n), a.dividends.slice(0, n)),
      );
    }
    case "bribe": {
      if (s.governance?.bribes !== true) return null;
      const calls = a.calls.flatMap((c): BribeCall[] => {
        const from = agents[c.from];
        if (c.kind === "approve") return [{ kind: "approve", from, amount: BigInt(c.tokens) * TOKEN }];
        if (c.kind !== "offer") return [{ kind: c.kind, from, offer: c.offer }];
        const [n] = known(c.proposal);
        if (n === undefined) return [];
        const total = c.tokens.reduce((t, x) => t + BigInt(x) * TOKEN, 0n);
        return [
          ...(c.approve ? [{ kind: "approve" as const, from, amount: total }] : []),
          {
            kind: "offer",
            from,
            proposal: n,
            support: c.support as VoteSupport,
            holders: c.holders.map((h) => agents[h].address),
            amounts: c.tokens.map((t) => BigInt(t) * TOKEN),
          },
        ];
      });
      if (calls.length === 0) return null;
      const r = await s.submitBribes(calls);
      // The escrow numbers offers in the order they succeed.
      memo.offers += r.outcomes.filter((o) => o.functionName === "offer" && o.status === "success").length;
      return strip(r);
    }
    case "tick": {
      let last = null;
      for (let i = 0; i < a.blocks; i++) last = strip(await s.delegateVotes([]));
      return last;
    }
  }
}

async function observe(s: ProtocolSession, proposals: number) {
  const views = [];
  for (let n = 0; n < proposals; n++) {
    views.push({ ...(await s.readProposal(n)), ballots: await s.readSnapshotVotes(n, s.agentAddresses) });
  }
  return {
    views,
    votes: await s.readVotes(s.agentAddresses),
    balances: await s.readBalances(s.agentAddresses),
    supply: await s.readTotalSupply(),
    params: await s.readGovernedParams(),
    split: s.emissionSplitBps,
    slashBps: s.slashBps,
    revealDelayEpochs: s.revealDelayEpochs,
    takes: await s.readTakes(s.agentAddresses),
    stakes: await s.readStakes(),
    bribes: s.governance?.bribes === true ? await s.readBribeBooks() : null,
  };
}

/** Outcomes by function and error, printed with GOVERNANCE_STATS=1 (how much each path is exercised). */
const stats = new Map<string, number>();
afterAll(() => {
  if (process.env.GOVERNANCE_STATS)
    console.log(
      [...stats]
        .sort()
        .map(([k, v]) => `${k}: ${v}`)
        .join("\n"),
    );
});

/**
 * Governance on the memory protocol against the contracts, call for call: random governance
 * settings (delay, period, threshold, quorum, timelock delay, with or without the protocol setters),
 * random delegation, proposals (in and out of the setters' bounds: split, slash share, immunity, burn,
 * reveal delay, take ceiling, epoch emission), takes set and emission distributed under them, votes, queueing, execution, stake and payouts that move votes between
 * snapshots, empty blocks, and a vote buyer's bribe-escrow calls (with CrucibleBallotGovernor, simple or
 * quadratic counting). After every step: each call's status, error and block, and every
 * proposal's state, votes, quorum and eta, every agent's votes and balance, the supply and the
 * governed parameters must be equal.
 */
describe("governance in memory matches the contracts on Anvil, call for call", () => {
  it(
    "random governance sequences give the same outcomes and reads",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          deployment,
          fc.array(action, { minLength: 15, maxLength: 30 }),
          async (d, actions) => {
            const anvil = await startAnvilSession(d);
            try {
              const memory = await startMemorySession(d);
              const agents = anvil.agentAddresses
                .slice(0, 5)
                .map((address, i) => ({ agent: `agent-${i}`, address }));
              for (const s of [anvil, memory]) {
                await s.registerAll(agents);
                await s.delegateVotes(agents.map((a) => ({ ...a, delegatee: a.address })));
              }
              const memoA = { proposals: 0, epoch: 0, offers: 0 };
              const memoM = { proposals: 0, epoch: 0, offers: 0 };
              for (const [i, a] of actions.entries()) {
                const expected = await step(anvil, a, memoA);
                const actual = await step(memory, a, memoM);
                expect(actual, `step ${i}: ${a.kind}`).toEqual(expected);
                const results = Array.isArray(expected) ? expected : [expected];
                for (const c of results.flatMap((r) => (r as { calls?: string[] } | null)?.calls ?? [])) {
                  const k = c.split(" ").slice(1).join(" ");
                  stats.set(k, (stats.get(k) ?? 0) + 1);
                }
                expect(await observe(memory, memoM.proposals), `after step ${i}: ${a.kind}`).toEqual(
                  await observe(anvil, memoA.proposals),
                );
              }
            } finally {
              await anvil.stop();
            }
          },
        ),
        { numRuns: RUNS, endOnFailure: true },
      );
    },
    Math.max(120_000, RUNS * 40_000),
  );
});
