import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseUnits } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnvilSession, startAnvilSession } from "../sim/chain/session/startAnvilSession.ts";
import { type EpochContext, type EpochResult, initialEpochState, runEpoch } from "../sim/engine/runEpoch.ts";
import { createInferenceAdapter } from "../sim/inference/createInferenceAdapter.ts";
import { initInferenceBackend } from "../sim/inference/initInferenceBackend.ts";
import { prepareRun } from "../sim/prepareRun.ts";
import { emissionSplitBps } from "../sim/protocol/emissionSplitBps.ts";
import { createRng } from "../sim/rng/createRng.ts";
import { createTask } from "../sim/tasks/createTask.ts";
import { registerPopulation } from "./fixtures/registerPopulation.ts";

const QUICKSTART = join(import.meta.dirname, "..", "scenarios", "quickstart.yaml");
const EPOCHS = 4;
const EMISSION = parseUnits("1000", 18);

/** The engine's epochs as `runScenario` drives them (real tfjs, Anvil, contracts, Yuma), on one path. */
async function runEpochs(path: "direct" | "contract", split: { miners: number; validators: number }) {
  const { scenario, population, mechanism } = await prepareRun({ scenarioPath: QUICKSTART, epochs: EPOCHS });
  const rng = createRng(scenario.seed);
  const backend = await initInferenceBackend("cpu");
  const task = await createTask(scenario.task.kind, rng);
  const models = await task.buildMiners(
    population.miners.map((m) => ({ id: m.agent, tier: m.tier, weightNoise: m.weightNoise })),
  );
  const adapter = await createInferenceAdapter(
    models.map((m) => m.weights),
    { backend: backend.backend, output: task.output },
  );
  const stakeOf = (uid: number) =>
    uid < population.validators.length ? parseUnits(String(population.validators[uid].stake), 18) : 0n;
  const session = await startAnvilSession({
    seed: scenario.seed,
    agents: population.n,
    emissionPerEpoch: EMISSION,
    genesis: Array.from({ length: population.n }, (_, uid) => stakeOf(uid)),
    subnet: { ...emissionSplitBps(split), revealDelayEpochs: 0 },
  });
  try {
    await registerPopulation(session, population, stakeOf);
    const ctx: EpochContext = {
      population,
      session,
      task,
      infer: adapter.infer,
      addressOf: session.agentAddresses,
      mechanism,
      emissionWei: EMISSION,
      split,
      emissionPath: path,
      rng: rng.fork("epochs"),
      now: () => performance.now(),
    };
    let state = initialEpochState(population, mechanism.initialState(population.n));
    const results: EpochResult[] = [];
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      const result = await runEpoch(ctx, epoch, state);
      results.push(result);
      state = result.state;
    }
    return { results, session, adapter };
  } catch (error) {
    await session.stop();
    throw error;
  }
}

describe("emission paths: direct (engine split) and contract (Emission.distribute)", () => {
  const SPLIT = { miners: 0.41, validators: 0.59 };
  let direct: EpochResult[];
  let contract: EpochResult[];
  const cleanup: (() => Promise<void> | void)[] = [];
  let contractSession: AnvilSession;

  beforeAll(async () => {
    const d = await runEpochs("direct", SPLIT);
    cleanup.push(
      () => d.session.stop(),
      () => d.adapter.dispose(),
    );
    const c = await runEpochs("contract", SPLIT);
    cleanup.push(
      () => c.session.stop(),
      () => c.adapter.dispose(),
    );
    direct = d.results;
    contract = c.results;
    contractSession = c.session;
  }, 120_000);
  afterAll(async () => {
    for (const f of cleanup) await f();
  });

  it("pays each epoch's emission in full on the direct path, and to within rounding dust on the contract path", () => {
    for (const results of [direct, contract]) {
      // Yuma's validator permits lag one epoch: nothing is paid in epoch 0.
      expect(results[0].epochRow.emissionWei).toBe("0");
    }
    for (const r of direct.slice(1)) {
      const paid = r.agentRows.reduce((s, a) => s + a.reward, 0);
      expect(r.epochRow.emissionWei).toBe(EMISSION.toString());
      expect(paid).toBeCloseTo(1000, 6);
    }
    for (const r of contract.slice(1)) {
      // Emission.distribute floors each UID's part (mulDiv): at most one wei short per payee.
      const short = EMISSION - BigInt(r.epochRow.emissionWei);
      expect(short >= 0n && short < BigInt(r.agentRows.length)).toBe(true);
      expect(r.agentRows.reduce((s, a) => s + a.reward, 0)).toBeCloseTo(1000, 6);
      expect(r.outcomes.filter((o) => o.phase === "emission").map((o) => [o.functionName, o.status])).toEqual(
        [["distribute", "success"]],
      );
    }
  });

  it("splits miners/validators as the scenario says on both paths, and compounds validator dividends into stake on the contract path", () => {
    for (const results of [direct, contract]) {
      for (const r of results.slice(1)) {
        const side = (role: string) =>
          r.agentRows.filter((a) => a.role === role).reduce((s, a) => s + a.reward, 0);
        expect(side("miner")).toBeCloseTo(410, 3);
        expect(side("validator")).toBeCloseTo(590, 3);
      }
    }
    const stake = (results: EpochResult[]) =>
      results
        .at(-1)
        ?.agentRows.filter((a) => a.role === "validator")
        .reduce((s, a) => s + a.stake, 0);
    const genesis = direct[0].agentRows
      .filter((a) => a.role === "validator")
      .reduce((s, a) => s + a.stake, 0);
    expect(stake(direct)).toBeCloseTo(genesis, 6);
    expect(stake(contract) as number).toBeGreaterThan(genesis);
    expect(contractSession.emissionSplitBps).toEqual({ owner: 0, miners: 4100, validators: 5900 });
  });
});
