import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { startMemorySession } from "../sim/protocol/memory/startMemorySession.ts";
import type { ProtocolDeployment } from "../sim/protocol/protocolDeployment.ts";
import type { ParameterChanges } from "../sim/protocol/protocolSession.ts";

const TOKEN = 10n ** 18n;
const EMISSION = 100n * TOKEN;
const MAX_TAKE_BPS = 6_000;
const RUNS = Number(process.env.CRUCIBLE_GOVERNANCE_INVARIANT_RUNS ?? 40);

/** A change within every setter's bounds (each field present or not). */
const withinBounds: fc.Arbitrary<ParameterChanges> = fc
  .record(
    {
      emissionSplit: fc
        .tuple(fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 7_000 }))
        .map(([ownerBps, minerBps]) => ({ ownerBps, minerBps, validatorBps: 10_000 - ownerBps - minerBps })),
      slashBps: fc.integer({ min: 0, max: 9_999 }),
      immunityPeriod: fc.bigInt({ min: 0n, max: 100n }),
      registrationBurn: fc
        .tuple(fc.bigInt({ min: 0n, max: 5n }), fc.bigInt({ min: 0n, max: 5n }))
        .map(([a, b]) => ({
          minBurn: a * TOKEN,
          maxBurn: (a + b) * TOKEN,
          burnIncreaseBps: 12_600,
          burnHalfLife: 10n,
        })),
      revealDelayEpochs: fc.integer({ min: 0, max: 100 }),
      takeCeilingBps: fc.integer({ min: 0, max: MAX_TAKE_BPS }),
      epochEmission: fc.bigInt({ min: 1n, max: 2n * EMISSION }),
    },
    { requiredKeys: [] },
  )
  .filter((c) => Object.keys(c).length > 0);

type Step =
  | { kind: "change"; changes: ParameterChanges }
  | { kind: "distribute"; incentive: number[]; dividends: number[] }
  | { kind: "take"; agent: number; bps: number }
  | { kind: "stake"; agent: number; tokens: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("change" as const), changes: withinBounds }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("distribute" as const),
      incentive: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 4, maxLength: 4 }),
      dividends: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 4, maxLength: 4 }),
    }),
  },
  fc.record({
    kind: fc.constant("take" as const),
    agent: fc.integer({ min: 0, max: 3 }),
    bps: fc.integer({ min: 0, max: 7_000 }),
  }),
  fc.record({
    kind: fc.constant("stake" as const),
    agent: fc.integer({ min: 0, max: 3 }),
    tokens: fc.integer({ min: 1, max: 50 }),
  }),
);

/**
 * The protocol's invariants across random parameter changes within bounds, made through governance
 * (propose, vote, queue after the vote, execute after the timelock) on the memory protocol, with
 * emission paid, takes set and stake added between them; a small supply cap makes the halvings bite.
 * After every step: every change executed; the books balance (balances + staked + unbonding + escrow
 * = supply ≤ cap); an epoch mints at most the governed rate; the governed parameters are the ones
 * proposed and within bounds; every take in force is at most the ceiling. The same sequences' Anvil
 * twin, call for call, is test/governanceDifferential.test.ts (random changes in and out of bounds).
 */
describe("protocol invariants hold across random governed parameter changes (memory)", () => {
  it("random within-bound changes through governance keep the books and the bounds", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1_000 }),
        fc.array(step, { minLength: 5, maxLength: 20 }),
        async (seed, steps) => {
          const d: ProtocolDeployment = {
            seed,
            agents: 4,
            emissionPerEpoch: EMISSION,
            maxTakeBps: MAX_TAKE_BPS,
            supplyCap: 3_000n * TOKEN,
            genesis: [200n * TOKEN, 200n * TOKEN, 200n * TOKEN, 200n * TOKEN],
            governance: {
              votingDelayBlocks: 1,
              votingPeriodBlocks: 2,
              proposalThresholdWei: 0n,
              quorumBps: 100,
              timelockDelayBlocks: 2,
              protocolSetters: true,
            },
          };
          const s = await startMemorySession(d);
          const agents = s.agentAddresses.map((address, i) => ({ agent: `agent-${i}`, address }));
          const tick = () => s.delegateVotes([]);
          await s.registerAll(agents);
          await s.stakeGenesis(agents.map((a, uid) => ({ ...a, uid, amount: 10n * TOKEN })));
          await s.delegateVotes(agents.map((a) => ({ ...a, delegatee: a.address })));
          let epoch = 0;
          for (const st of steps) {
            const before = await s.readGovernedParams();
            const supplyBefore = await s.readTotalSupply();
            if (st.kind === "change") {
              const r = await s.propose([{ proposer: agents[0], changes: st.changes, description: "c" }]);
              const n = r.proposals[0] as number;
              await tick();
              await s.castVotes(
                n,
                agents.map((a) => ({ ...a, support: 1 as const })),
              );
              for (let i = 0; i < 2; i++) await tick();
              expect((await s.queueProposals([n])).outcomes[0].status).toBe("success");
              await tick();
              expect((await s.executeProposals([n])).outcomes[0].status).toBe("success");
              const p = await s.readGovernedParams();
              const c = st.changes;
              if (c.emissionSplit) expect(p).toMatchObject(c.emissionSplit);
              if (c.slashBps !== undefined) expect(p.slashBps).toBe(c.slashBps);
              if (c.revealDelayEpochs !== undefined) expect(s.revealDelayEpochs).toBe(c.revealDelayEpochs);
              if (c.takeCeilingBps !== undefined) expect(p.takeCeilingBps).toBe(c.takeCeilingBps);
              if (c.epochEmission !== undefined) expect(p.epochEmission).toBe(c.epochEmission);
            } else if (st.kind === "distribute") {
              await s.distributeEmission(epoch++, st.incentive, st.dividends);
              // An epoch mints at most the governed rate (less after halvings or near the cap).
              expect((await s.readTotalSupply()) - supplyBefore <= before.epochEmission).toBe(true);
            } else if (st.kind === "take") {
              await s.moveStake([{ ...agents[st.agent], kind: "setTake", bps: st.bps }]);
            } else {
              await s.stakeGenesis([
                { ...agents[st.agent], uid: st.agent, amount: BigInt(st.tokens) * TOKEN },
              ]);
            }
            const p = await s.readGovernedParams();
            expect(p.ownerBps + p.minerBps + p.validatorBps).toBe(10_000);
            expect(p.slashBps).toBeLessThan(10_000);
            expect(p.minBurn <= p.maxBurn).toBe(true);
            expect(p.revealDelayEpochs).toBeLessThanOrEqual(100);
            expect(p.takeCeilingBps).toBeLessThanOrEqual(MAX_TAKE_BPS);
            expect(p.epochEmission > 0n && p.epochEmission <= 2n * EMISSION).toBe(true);
            for (const t of await s.readTakes(s.agentAddresses))
              expect(t).toBeLessThanOrEqual(p.takeCeilingBps);
            const books = await s.readSupplyBooks();
            expect(books.accountBalances + books.totalStaked + books.totalUnbonding + books.totalEscrow).toBe(
              books.totalSupply,
            );
            expect(books.totalSupply <= 3_000n * TOKEN).toBe(true);
            expect((await s.readStakes()).reduce((a, b) => a + b, 0n)).toBe(books.totalStaked);
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
