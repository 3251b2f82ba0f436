import fc from "fast-check";
import { type Hex, parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  commitHash,
  type PhaseCall,
  type Protocol,
  phaseCall,
  protocolAbis,
  readLedger,
  revertChain,
  snapshotChain,
} from "../sim/chain/index.ts";
import { checkProtocolInvariants } from "./fixtures/chain/checkProtocolInvariants.ts";
import {
  type Action,
  ActionInterpreter,
  actionArb,
  type BlockView,
  type Committed,
  type Expect,
} from "./fixtures/chain/protocolActions.ts";
import { type ProtocolFixture, startProtocolFixture } from "./fixtures/chain/protocolFixture.ts";

/**
 * Sequences checked: CRUCIBLE_PROPERTY_RUNS overrides (default 1,000: ~15 s on an idle 2-core box);
 * CRUCIBLE_PROPERTY_NIGHTLY=1 runs the nightly size (3,000 sequences) and then requires at least
 * 10,000 random calls to have been sent; the calls sent are printed. The seed is fast-check's global
 * one (test/setup/fastCheckSeed.ts: FC_SEED when set, an integer or `random`, else a fixed seed).
 * The invariants are shown to fail on planted bugs in test/protocolInvariantPlants.test.ts.
 */
const NIGHTLY = process.env.CRUCIBLE_PROPERTY_NIGHTLY === "1";
const SEQUENCES = Number(process.env.CRUCIBLE_PROPERTY_RUNS ?? (NIGHTLY ? 3_000 : 1_000));
let callsSent = 0;
/** Independent deployments on one Anvil: WORLDS sequences share each block and each snapshot. */
const WORLDS = 10;
const AGENTS = 10;
let f: ProtocolFixture;
let base: Hex;
let interpreters: ActionInterpreter[];

/** The base state's commits (epoch 1 of both subnets), which sequences may reveal. */
const SEEDED = new Map<string, Committed>(
  [
    [0, 0],
    [1, 0],
    [2, 0],
    [3, 0],
    [0, 1],
    [1, 1],
  ].map(([who, netuid]) => [
    `${who}:${netuid}`,
    {
      epoch: 1n,
      uids: [0, 1],
      weights: [100 + who, 200],
      salt: `0x${(900 + who).toString(16).padStart(64, "0")}` as Hex,
    },
  ]),
);

beforeAll(async () => {
  f = await startProtocolFixture({
    seed: 21,
    agents: AGENTS,
    worlds: WORLDS,
    deploy: { unstakeCooldownBlocks: 2, maxTakeBps: 10_000 },
    subnets: [
      // Burned registration with a live price curve; fills up and prunes; reveals in the commit epoch.
      {
        maxUids: 8,
        maxValidators: 4,
        immunityPeriod: 2n,
        burnHalfLife: 4n,
        initialBurn: parseEther("1"),
        minBurn: parseEther("0.1"),
        maxBurn: parseEther("5"),
        revealDelayEpochs: 0,
      },
      // Small, free and long-immune, so it fills and refuses; reveals one epoch later.
      { maxUids: 4, immunityPeriod: 50n, minBurn: 0n, maxBurn: 0n, initialBurn: 0n, revealDelayEpochs: 1 },
    ],
  });
  const a = f.agents;
  const on = (p: Protocol, call: PhaseCall): PhaseCall => ({ ...call, target: p.addresses[call.contract] });
  const phase = async (build: (p: Protocol) => PhaseCall[]) => {
    const r = await f.submit(f.worlds.flatMap((p) => build(p).map((c) => on(p, c))));
    expect(r.outcomes.filter((o) => o.status !== "success")).toEqual([]);
  };
  const drive = (fn: "setPermits" | "openEpoch", args: readonly unknown[]) =>
    phaseCall(f.driver, "weights", fn as "openEpoch", args as never);
  await phase(() => [
    ...[0, 1, 2, 3].map((i) => phaseCall(a[i], "registry", "register", [0, 2n ** 255n])),
    ...[0, 1].map((i) => phaseCall(a[i], "registry", "register", [1, 0n])),
  ]);
  await phase(() => [
    ...[0, 1, 2, 3].map((i) => phaseCall(a[i], "staking", "stake", [0, i, a[i].address, parseEther("100")])),
    phaseCall(a[0], "staking", "stake", [1, 0, a[0].address, parseEther("50")]),
    drive("setPermits", [0, [0, 1, 2, 3]]),
    drive("setPermits", [1, [0, 1]]),
    drive("openEpoch", [0, 1n]),
    drive("openEpoch", [1, 1n]),
  ]);
  await phase(() =>
    [...SEEDED].map(([key, c]) => {
      const [who, netuid] = key.split(":").map(Number);
      const hash = commitHash({ netuid, hotkey: a[who].address, ...c });
      return phaseCall(a[who], "weights", "commit", [netuid, hash]);
    }),
  );
  // A pending unstake that matures before any sequence starts (cooldown 2 blocks).
  await phase(() => [phaseCall(a[0], "staking", "unstake", [0, a[0].address, parseEther("10")])]);
  await phase(() => [drive("openEpoch", [1, 2n])]);
  interpreters = f.worlds.map((p) => new ActionInterpreter(f, p, SEEDED));
  base = await snapshotChain(f.chain);
});
afterAll(async () => f?.stop());

async function readViews(): Promise<BlockView[]> {
  const client = f.chain.publicClient;
  return Promise.all(
    f.worlds.map(async (p) => {
      const { registry, weights } = p.addresses;
      const [c0, c1, e0, e1] = await Promise.all([
        client.readContract({
          address: registry,
          abi: protocolAbis.registry,
          functionName: "count",
          args: [0],
        }),
        client.readContract({
          address: registry,
          abi: protocolAbis.registry,
          functionName: "count",
          args: [1],
        }),
        client.readContract({
          address: weights,
          abi: protocolAbis.weights,
          functionName: "currentEpoch",
          args: [0],
        }),
        client.readContract({
          address: weights,
          abi: protocolAbis.weights,
          functionName: "currentEpoch",
          args: [1],
        }),
      ]);
      const hotkeys = await Promise.all(
        [0, 1].map((netuid) =>
          client.readContract({
            address: registry,
            abi: protocolAbis.registry,
            functionName: "hotkeys",
            args: [netuid],
          }),
        ),
      );
      return { counts: [c0, c1], epochs: [e0, e1], hotkeys };
    }),
  );
}

const counts = new Map<string, number>();
const show = (x: unknown) => JSON.stringify(x, (_, v) => (typeof v === "bigint" ? String(v) : v));

/**
 * Runs WORLDS sequences at once from the base state, sequence w on deployment w, their blocks
 * merged (block b of every sequence in one Anvil block), and returns every violation.
 */
async function runSequences(sequences: Action[][][]): Promise<string[]> {
  await revertChain(f.chain, base);
  base = await snapshotChain(f.chain);
  for (const it of interpreters) it.reset();
  const before = await Promise.all(f.worlds.map((p) => readLedger(f.chain, p)));
  const bad: string[] = [];
  const burns = f.worlds.map(() => 0n);
  let fromBlock = 0n;
  let toBlock = 0n;
  const depth = Math.max(...sequences.map((s) => s.length));
  for (let b = 0; b < depth; b++) {
    const views = await readViews();
    const built: { call: PhaseCall; expect: Expect; action: Action; world: number }[] = [];
    for (const [w, seq] of sequences.entries()) {
      for (const action of seq[b] ?? []) {
        built.push({ ...(await interpreters[w].toCall(action, views[w])), action, world: w });
      }
    }
    const result = await f.submit(built.map((x) => x.call));
    callsSent += built.length;
    if (fromBlock === 0n) fromBlock = result.blockNumber;
    toBlock = result.blockNumber;
    result.outcomes.forEach((o, i) => {
      const { action, expect: wanted, world } = built[i];
      const key = `${action.k}:${o.error ?? o.status}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (wanted === "revert" && o.status === "success")
        bad.push(`world ${world}: ${show(action)} succeeded`);
      if (typeof wanted === "object" && !wanted.errors.includes(o.error ?? o.status))
        bad.push(
          `world ${world}: ${show(action)} gave ${o.error ?? o.status}, not ${wanted.errors.join("|")}`,
        );
      if (action.k === "burn" && o.status === "success") burns[world] += action.amount;
    });
  }
  const checks = await Promise.all(
    f.worlds.map((p, w) =>
      checkProtocolInvariants(f, p, { fromBlock, toBlock, voluntaryBurns: burns[w], before: before[w] }),
    ),
  );
  checks.forEach((c, w) => {
    for (const line of c) bad.push(`world ${w}: ${line} after ${show(sequences[w])}`);
  });
  return bad;
}

describe("protocol properties on a real Anvil (fast-check)", () => {
  it(`holds the books, one UID per account, rejects outsiders and false reveals (${SEQUENCES} sequences)`, async () => {
    const sequence = fc.array(fc.array(actionArb(AGENTS), { minLength: 1, maxLength: 8 }), {
      minLength: 1,
      maxLength: 3,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(sequence, { minLength: WORLDS, maxLength: WORLDS }), async (sequences) => {
        const bad = await runSequences(sequences);
        if (bad.length > 0) throw new Error(bad.slice(0, 5).join("\n"));
      }),
      { numRuns: Math.ceil(SEQUENCES / WORLDS), endOnFailure: true },
    );
    const summary = [...counts.entries()].sort((x, y) => y[1] - x[1]);
    console.log(`outcomes (${callsSent} calls): ${summary.map(([k, c]) => `${k}=${c}`).join(", ")}`);
    if (NIGHTLY) expect(callsSent).toBeGreaterThanOrEqual(10_000);
    // The sequences reached the interesting paths, not only reverts (checked at full size).
    if (SEQUENCES < 500) return;
    for (const k of [
      "register:success",
      "register:AllUidsImmune",
      "stake:success",
      "unstake:success",
      "withdraw:success",
      "commit:success",
      "reveal:success",
      "reveal:RevealMismatch",
      "distribute:success",
      "fail:success",
      "post:success",
      "prove:success",
      "ownerSlash:success",
    ]) {
      expect(counts.get(k) ?? 0, k).toBeGreaterThan(0);
    }
  });
});
