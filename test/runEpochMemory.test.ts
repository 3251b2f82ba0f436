import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EpochContext, type EpochResult, initialEpochState, runEpoch } from "../sim/engine/runEpoch.ts";
import { prepareRun } from "../sim/prepareRun.ts";
import { emissionSplitBps } from "../sim/protocol/emissionSplitBps.ts";
import { type MemorySession, startMemorySession } from "../sim/protocol/memory/startMemorySession.ts";
import { toWei } from "../sim/protocol/tokenUnits.ts";
import { createRng } from "../sim/rng/createRng.ts";
import { createTask } from "../sim/tasks/createTask.ts";
import { registerPopulation } from "./fixtures/registerPopulation.ts";

const QUICKSTART = join(import.meta.dirname, "..", "scenarios", "quickstart.yaml");
/** Many epochs: on the memory protocol the epoch loop costs the inference and the mechanism only. */
const EPOCHS = 40;
const EMISSION = toWei(1000);
const SPLIT = { miners: 0.41, validators: 0.59 };

/**
 * The engine's epochs (`runEpoch`: tasks, scoring, commit-reveal, Yuma, emission) on the in-memory
 * protocol, paying through Emission.distribute's semantics: the setup of
 * runScenarioEmissionPath.test.ts with startMemorySession instead of Anvil and seeded answers instead
 * of tfjs models, for ten times as many epochs (no Anvil, no tfjs: the whole test runs in well under
 * a couple of seconds, most of it loading the task data).
 */
describe("runEpoch on the memory protocol", () => {
  const results: EpochResult[] = [];
  let session: MemorySession;
  const genesisStake = 7_000; // quickstart's validators: 4,000 + 3 × 1,000

  beforeAll(async () => {
    const { scenario, population, mechanism } = await prepareRun({
      scenarioPath: QUICKSTART,
      epochs: EPOCHS,
    });
    const rng = createRng(scenario.seed);
    const task = await createTask(scenario.task.kind, rng);
    // Miners answer from a seeded stream, not tfjs models: the epochs cost the protocol, the scoring
    // and the mechanism only (answers' quality is not what this test is about).
    const answers = createRng(7);
    const infer = (_queries: Float32Array, nQueries: number) =>
      Float32Array.from({ length: population.miners.length * nQueries * task.outputs }, () =>
        answers.float(),
      );
    const stakeOf = (uid: number) =>
      uid < population.validators.length ? toWei(population.validators[uid].stake) : 0n;
    session = await startMemorySession({
      seed: scenario.seed,
      agents: population.n,
      emissionPerEpoch: EMISSION,
      genesis: Array.from({ length: population.n }, (_, uid) => stakeOf(uid)),
      subnet: { ...emissionSplitBps(SPLIT), revealDelayEpochs: 0 },
    });
    await registerPopulation(session, population, stakeOf);
    const ctx: EpochContext = {
      population,
      session,
      task,
      infer,
      addressOf: session.agentAddresses,
      mechanism,
      emissionWei: EMISSION,
      split: SPLIT,
      emissionPath: "contract",
      rng: rng.fork("epochs"),
      now: () => performance.now(),
    };
    let state = initialEpochState(population, mechanism.initialState(population.n));
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      const result = await runEpoch(ctx, epoch, state);
      results.push(result);
      state = result.state;
    }
  }, 120_000);
  afterAll(async () => {
    await session?.stop();
  });

  it("pays every epoch after the first through the contract path, to within rounding dust, split as deployed", () => {
    expect(results).toHaveLength(EPOCHS);
    expect(results[0].epochRow.emissionWei).toBe("0"); // Yuma's permits lag one epoch
    for (const r of results.slice(1)) {
      const short = EMISSION - BigInt(r.epochRow.emissionWei);
      expect(short >= 0n && short < BigInt(r.agentRows.length)).toBe(true);
      const side = (role: string) =>
        r.agentRows.filter((a) => a.role === role).reduce((s, a) => s + a.reward, 0);
      expect(side("miner")).toBeCloseTo(410, 3);
      expect(side("validator")).toBeCloseTo(590, 3);
      expect(r.epochRow.reveals).toBeGreaterThan(0);
      expect(r.outcomes.filter((o) => o.phase === "emission").map((o) => [o.functionName, o.status])).toEqual(
        [["distribute", "success"]],
      );
      expect(r.outcomes.every((o) => o.gasUsed === 0n)).toBe(true);
    }
  });

  it("compounds validator dividends into stake, and keeps the books: balances + stake = supply", async () => {
    const stake = results
      .at(-1)
      ?.agentRows.filter((a) => a.role === "validator")
      .reduce((s, a) => s + a.stake, 0);
    expect(stake).toBeGreaterThan(genesisStake);
    const books = await session.readSupplyBooks();
    expect(books.accountBalances + books.totalStaked + books.totalEscrow).toBe(books.totalSupply);
    expect(books.totalSupply).toBe(await session.readTotalSupply());
    // Blocks as on Anvil: deployment in block 1, registration 2, stakes 3, then the epochs' phases.
    expect(results[0].epochRow.block).toBeGreaterThan(3);
    expect(results.at(-1)?.epochRow.block).toBeGreaterThan(results[0].epochRow.block);
  });
});
