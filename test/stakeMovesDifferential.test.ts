import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { startAnvilSession } from "../sim/chain/session/startAnvilSession.ts";
import { startMemorySession } from "../sim/protocol/memory/startMemorySession.ts";
import type { ProtocolDeployment } from "../sim/protocol/protocolDeployment.ts";
import type { ProtocolSession, StakeMove } from "../sim/protocol/protocolSession.ts";

const TOKEN = 10n ** 18n;
/** Agents 0..3 register (hold UIDs 0..3); delegators 0..2 hold tokens only. */
const AGENTS = 4;
const DELEGATORS = 3;
/** Runs of the property (one Anvil each); more with CRUCIBLE_STAKE_MOVES_RUNS. */
const RUNS = Number(process.env.CRUCIBLE_STAKE_MOVES_RUNS ?? 3);

/** A staker: agents 0..3, then delegators 4..6. */
type Staker = number;
type Move =
  | { kind: "stake"; staker: Staker; uid: number; wrongHotkey: boolean; tokens: number }
  | { kind: "unstake"; staker: Staker; uid: number; tokens: number; share: number }
  | { kind: "withdraw"; staker: Staker; uid: number; last: boolean }
  | { kind: "setTake"; agent: number; bps: number };
type Action =
  | { kind: "moves"; moves: Move[] }
  | { kind: "pay"; incentive: number[]; dividends: number[] }
  | { kind: "slash"; uid: number }
  | { kind: "tick"; blocks: number };

const small = (max: number) => fc.integer({ min: 0, max });
const staker = small(AGENTS + DELEGATORS - 1);
const move: fc.Arbitrary<Move> = fc.oneof(
  fc.record({
    kind: fc.constant("stake" as const),
    staker,
    uid: small(AGENTS), // AGENTS itself: no such UID
    wrongHotkey: fc.constantFrom(false, false, false, true),
    tokens: fc.integer({ min: 0, max: 150 }),
  }),
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("unstake" as const),
      staker,
      uid: small(AGENTS - 1),
      tokens: fc.integer({ min: 0, max: 60 }),
      // Of the staker's position: 0 (a fixed amount instead), a part, all of it, more than it has.
      share: fc.constantFrom(0, 25, 50, 100, 100, 101),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("withdraw" as const),
      staker,
      uid: small(AGENTS - 1),
      last: fc.constantFrom(true, true, false),
    }),
  },
  fc.record({
    kind: fc.constant("setTake" as const),
    agent: small(AGENTS - 1),
    bps: fc.oneof(small(10_000), fc.integer({ min: 1_500, max: 2_500 })),
  }),
);
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("moves" as const),
      moves: fc.array(move, { minLength: 1, maxLength: 4 }),
    }),
  },
  fc.record({
    kind: fc.constant("pay" as const),
    incentive: fc.array(small(100), { minLength: AGENTS, maxLength: AGENTS }),
    dividends: fc.array(small(100), { minLength: AGENTS, maxLength: AGENTS }),
  }),
  fc.record({ kind: fc.constant("slash" as const), uid: small(AGENTS - 1) }),
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("tick" as const), blocks: fc.integer({ min: 1, max: 30 }) }),
  },
);

const deployment: fc.Arbitrary<ProtocolDeployment> = fc
  .record({
    seed: fc.integer({ min: 0, max: 1_000 }),
    genesis: fc.array(fc.integer({ min: 0, max: 200 }), { minLength: AGENTS, maxLength: AGENTS }),
    delegators: fc.array(fc.integer({ min: 0, max: 200 }), { minLength: DELEGATORS, maxLength: DELEGATORS }),
    cooldown: fc.constantFrom(0, 3, 10, 40),
    defaultTakeBps: fc.constantFrom(0, 1_800, 5_000),
    maxTakeBps: fc.constantFrom(10_000, 5_000),
    slashBps: fc.constantFrom(0, 1_000, 5_000, 9_999),
  })
  .map((d) => ({
    seed: d.seed,
    agents: AGENTS,
    emissionPerEpoch: 100n * TOKEN,
    genesis: d.genesis.map((t) => BigInt(t) * TOKEN),
    delegators: d.delegators.map((t) => BigInt(t) * TOKEN),
    unstakeCooldownBlocks: d.cooldown,
    defaultTakeBps: Math.min(d.defaultTakeBps, d.maxTakeBps),
    maxTakeBps: d.maxTakeBps,
    subnet: { slashBps: d.slashBps },
  }));

const strip = (r: {
  outcomes: { agent: string; functionName: string; status: string; error?: string }[];
  block: bigint;
}) => ({
  calls: r.outcomes.map((o) => `${o.agent} ${o.functionName} ${o.error ?? o.status}`),
  block: r.block,
});

/** One action on one session; what it returned, without gas. */
async function step(
  s: ProtocolSession,
  a: Action,
  memo: { epoch: number; lastUnstake: Map<number, number> },
): Promise<unknown> {
  const stakers = [...s.agentAddresses, ...s.delegatorAddresses].map((address, i) => ({
    agent: i < AGENTS ? `agent-${i}` : `delegator-${i - AGENTS}`,
    address,
  }));
  const hotkey = (uid: number) => s.agentAddresses[uid] ?? s.agentAddresses[0];
  switch (a.kind) {
    case "moves": {
      const moves: StakeMove[] = [];
      for (const mv of a.moves) {
        switch (mv.kind) {
          case "stake":
            moves.push({
              ...stakers[mv.staker],
              kind: "stake",
              uid: mv.uid,
              hotkey: hotkey(mv.wrongHotkey ? (mv.uid + 1) % AGENTS : mv.uid),
              amount: (BigInt(mv.tokens) * TOKEN) / 3n,
            });
            break;
          case "unstake": {
            // Mostly from a pool the staker is in (the uid-th of its pools): a share of what it could
            // unstake now (all of it: rounding at the edge of the pool; 101 %: InsufficientStake), or
            // a fixed amount from any pool.
            const positions = await s.readStakePositions(
              s.agentAddresses.map((h) => ({ staker: stakers[mv.staker].address, hotkey: h })),
            );
            const held = positions.flatMap((p, uid) => (p.stake > 0n ? [uid] : []));
            const uid = held.length > 0 && mv.share !== 0 ? held[mv.uid % held.length] : mv.uid;
            const amount =
              mv.share === 0
                ? (BigInt(mv.tokens) * TOKEN) / 7n
                : (positions[uid].stake * BigInt(mv.share)) / 100n;
            moves.push({ ...stakers[mv.staker], kind: "unstake", hotkey: hotkey(uid), amount });
            memo.lastUnstake.set(mv.staker, uid);
            break;
          }
          case "withdraw": {
            const uid = mv.last ? (memo.lastUnstake.get(mv.staker) ?? mv.uid) : mv.uid;
            moves.push({ ...stakers[mv.staker], kind: "withdraw", hotkey: hotkey(uid) });
            break;
          }
          case "setTake":
            moves.push({ ...stakers[mv.agent], kind: "setTake", bps: mv.bps });
            break;
        }
      }
      return strip(await s.moveStake(moves));
    }
    case "pay":
      return strip(await s.distributeEmission(memo.epoch++, a.incentive, a.dividends));
    case "slash": {
      await s.openEpoch(memo.epoch);
      return strip(await s.slash(memo.epoch, [], [{ uid: a.uid, hotkey: hotkey(a.uid) }]));
    }
    case "tick": {
      let last = null;
      for (let i = 0; i < a.blocks; i++) last = strip(await s.moveStake([]));
      return last;
    }
  }
}

async function observe(s: ProtocolSession) {
  const stakers = [...s.agentAddresses, ...s.delegatorAddresses];
  const hotkeys = s.agentAddresses;
  return {
    positions: await s.readStakePositions(
      stakers.flatMap((staker) => hotkeys.map((hotkey) => ({ staker, hotkey }))),
    ),
    takes: await s.readTakes(hotkeys),
    stakes: await s.readStakes(),
    balances: await s.readBalances(stakers),
    books: await s.readSupplyBooks(),
  };
}

/** Outcomes by function and error, printed with STAKE_MOVES_STATS=1 (how much each path is exercised). */
const stats = new Map<string, number>();
afterAll(() => {
  if (process.env.STAKE_MOVES_STATS)
    console.log(
      [...stats]
        .sort()
        .map(([k, v]) => `${k}: ${v}`)
        .join("\n"),
    );
});

/**
 * Stake that moves on the memory protocol against the contracts, call for call: random deployments
 * (cooldown, default and maximum take, slash share), agents and delegators that stake, unstake (some
 * of it, all of it, more than they have), withdraw (early, late, with nothing), set takes (cuts,
 * raises within and past the step, above the maximum), emission paid with random dividends (the
 * take in force reaches the pools), owner slashes (reaching the unbonding part) and empty blocks.
 * After every step: each call's status, error and block, and every position, take, pool stake,
 * balance and the supply books must be equal.
 */
describe("stake moves in memory match the contracts on Anvil, call for call", () => {
  it(
    "random stake/unstake/withdraw/setTake sequences give the same outcomes and reads",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          deployment,
          fc.array(action, { minLength: 15, maxLength: 30 }),
          async (d, actions) => {
            const anvil = await startAnvilSession(d);
            try {
              const memory = await startMemorySession(d);
              const agents = anvil.agentAddresses.map((address, i) => ({ agent: `agent-${i}`, address }));
              for (const s of [anvil, memory]) {
                await s.registerAll(agents);
                // Each agent stakes a third of its genesis on itself (a pool with stakers).
                await s.stakeGenesis(
                  agents
                    .map((a, uid) => ({ ...a, uid, amount: d.genesis[uid] / 3n }))
                    .filter((g) => g.amount > 0n),
                );
              }
              expect(await observe(memory)).toEqual(await observe(anvil));
              const memoA = { epoch: 0, lastUnstake: new Map<number, number>() };
              const memoM = { epoch: 0, lastUnstake: new Map<number, number>() };
              for (const [i, a] of actions.entries()) {
                const expected = await step(anvil, a, memoA);
                const actual = await step(memory, a, memoM);
                expect(actual, `step ${i}: ${a.kind}`).toEqual(expected);
                for (const c of (expected as { calls?: string[] } | null)?.calls ?? []) {
                  const k = c.split(" ").slice(1).join(" ");
                  stats.set(k, (stats.get(k) ?? 0) + 1);
                }
                expect(await observe(memory), `after step ${i}: ${a.kind}`).toEqual(await observe(anvil));
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
