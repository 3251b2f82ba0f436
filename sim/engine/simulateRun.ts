import { performance } from "node:perf_hooks";
import { type InferenceBackendInfo, initInferenceBackend } from "../inference/initInferenceBackend.ts";
import type { Mechanism } from "../mechanisms/mechanism.ts";
import type { StartProtocol } from "../protocol/protocolDeployment.ts";
import type { ProtocolSession, SupplyBooks } from "../protocol/protocolSession.ts";
import { toWei } from "../protocol/tokenUnits.ts";
import { createRng } from "../rng/createRng.ts";
import { type AnswerDigestRow, answerDigestRows } from "../run/answerDigests.ts";
import type { RunTables } from "../run/runTables.ts";
import type { OutcomeRow } from "../run/runTablesToCsv.ts";
import type { Scenario } from "../scenario/scenarioSchema.ts";
import { createTask } from "../tasks/createTask.ts";
import { startTaskInference } from "../tasks/startTaskInference.ts";
import { agentRows } from "./agentRows.ts";
import type { Population } from "./buildPopulation.ts";
import { checkBuiltinInvariants, openBuiltinBooks } from "./checkBuiltinInvariants.ts";
import { chooseInferenceWorkers } from "./chooseInferenceWorkers.ts";
import { createEpochRecorder } from "./epochRecorder.ts";
import { flopsPerQuery } from "./flopsPerQuery.ts";
import { createGovernanceDriver } from "./governanceDriver.ts";
import { feeAndSlashTotals, marketSlashingEpochs } from "./marketAndSlashingConfig.ts";
import { choiceRows, operatorRows } from "./operatorRows.ts";
import { createRegistrationDriver } from "./registrationDriver.ts";
import { agentsEmissionWei, genesisStakeWei, resolveDeployment } from "./resolveDeployment.ts";
import { runCores } from "./runCores.ts";
import { type EpochState, initialEpochState, runEpoch } from "./runEpoch.ts";

/** A validated run: the resolved scenario, its population and its mechanism (see `prepareRun`). */
export interface SimulationInput {
  scenario: Scenario;
  population: Population;
  mechanism: Mechanism<unknown>;
}

export interface SimulateOptions {
  /** Starts the protocol the run drives (the Anvil contracts or the in-memory protocol). */
  startProtocol: StartProtocol;
  backend?: Scenario["inference"]["backend"];
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /** Where the run stands, at each phase's start and end and after every epoch (default: none). */
  progress?: (p: RunProgress) => void;
}

/** A run's phases in order (`report` is sent by runScenario); `done` of `total` counts epochs for `epochs`, else 0 or 1. */
export interface RunProgress {
  phase: "models" | "registration" | "epochs" | "report";
  done: number;
  total: number;
}

/** What a simulated run produced, before anything is written. */
export interface SimulatedRun {
  tables: RunTables;
  /** Every transaction's outcome (setup included), for transactions.csv. */
  outcomes: OutcomeRow[];
  /** Per-answer digests (only with `inference.answerDigests`). */
  digests: AnswerDigestRow[] | null;
  /** Where every token was at the end of the run (wei): balances + stake + escrow = supply. */
  supplyBooks: SupplyBooks;
  inference: InferenceBackendInfo & { workers: number };
  protocol: { backend: ProtocolSession["backend"]; clientVersion: string };
  /** Wall time of the setup phases (models, chain, quality) and the epochs, in ms. */
  setupMs: Record<string, number>;
}

/**
 * The engine, end to end: population and models → protocol (started in parallel) → registrations →
 * epochs → final rows. Talks to the protocol only through the `ProtocolSession` port; writes nothing.
 * The protocol is stopped on every path, including one that fails before the session arrives.
 */
export async function simulateRun(input: SimulationInput, options: SimulateOptions): Promise<SimulatedRun> {
  const log = options.log ?? (() => {});
  const progress = options.progress ?? (() => {});
  const { scenario, population, mechanism } = input;
  const backend = options.backend ?? scenario.inference.backend;
  const setupMs: Record<string, number> = {};
  const mark = (name: string, since: number) => {
    setupMs[name] = Math.round(performance.now() - since);
  };
  let session: ProtocolSession | undefined;
  let sessionPromise: Promise<ProtocolSession> | undefined;
  let disposeInference = () => {};
  try {
    const rng = createRng(scenario.seed);
    progress({ phase: "models", done: 0, total: 1 });
    let t = performance.now();
    const inferenceInfo = await initInferenceBackend(backend);
    const task = await createTask(scenario.task.kind, rng);
    // The protocol starts while the models train; each agent is funded at genesis with its
    // registration funds plus the stake it puts up.
    const stakeWei = genesisStakeWei(population);
    sessionPromise = options.startProtocol(resolveDeployment(scenario, population));
    sessionPromise.catch(() => {}); // awaited below; avoid an unhandled rejection while models train
    // With workers, the miners are built (and their true quality measured) inside the workers.
    // webgpu: one device, driven from this thread.
    const workers =
      inferenceInfo.backend === "webgpu"
        ? 0
        : chooseInferenceWorkers({
            setting: scenario.inference.workers,
            miners: population.miners.length,
            cores: runCores(),
          });
    const inference = await startTaskInference(
      task,
      population.miners.map((m) => ({ id: m.agent, tier: m.tier, weightNoise: m.weightNoise })),
      { backend: inferenceInfo.backend, workers },
    );
    const adapter = inference.adapter;
    disposeInference = () => adapter.dispose();
    log(
      `inference: ${inferenceInfo.backend}${workers > 0 ? ` on ${workers} workers` : ""}, ` +
        `${adapter.miners} ${task.kind} miner models ready`,
    );
    mark("models", t);
    progress({ phase: "registration", done: 0, total: 1 });
    t = performance.now();
    const chain = await sessionPromise;
    session = chain;
    // Each agent's account, by slot; who holds which UID is read from the registry every epoch.
    const addressOf = chain.agentAddresses;
    const registrations = createRegistrationDriver(chain, population, mechanism, stakeWei);
    const outcomes: OutcomeRow[] = [];
    for (const r of await registrations.registerGenesis()) {
      for (const o of r.outcomes) outcomes.push({ ...o, epoch: -1, phase: "setup" });
    }
    const governance =
      scenario.governance === undefined
        ? undefined
        : createGovernanceDriver(scenario.governance, chain, population, scenario.protocol.tempo);
    const delegated = await governance?.delegateGenesis();
    for (const o of delegated?.outcomes ?? []) outcomes.push({ ...o, epoch: -1, phase: "setup" });
    mark("chain", t);
    const registered = outcomes.filter((o) => o.functionName === "register" && o.status === "success");
    log(`chain: ${chain.backend} at ${chain.rpcUrl}, ${registered.length} UIDs registered`);
    // Held-out measurement on the workers ran while the chain was set up; wait for what is left.
    t = performance.now();
    const trueQuality = await inference.trueQuality;
    mark("quality", t);
    progress({ phase: "epochs", done: 0, total: scenario.epochs });

    const tables: RunTables = { epochs: [], agentEpochs: [], agents: [], timings: [] };
    const digests: AnswerDigestRow[] = [];
    let state: EpochState = initialEpochState(population, mechanism.initialState(population.n));
    const context = {
      population,
      session: chain,
      task,
      // Off this thread when the adapter can (workers): signals are obeyed while miners compute.
      infer: ("inferAsync" in adapter ? adapter.inferAsync : undefined) ?? adapter.infer,
      addressOf,
      mechanism,
      emissionWei: agentsEmissionWei(toWei(scenario.chain.emissionPerEpoch), scenario.emissionSplit),
      split: scenario.emissionSplit,
      emissionPath: scenario.chain.emissionPath,
      ...marketSlashingEpochs(scenario),
      ...(governance === undefined ? {} : { governance }),
      rng: rng.fork("epochs"),
      now: () => performance.now(),
    };
    const maxMintWei = toWei(scenario.chain.emissionPerEpoch);
    let books = await openBuiltinBooks(chain);
    t = performance.now();
    for (let epoch = 0; epoch < scenario.epochs; epoch++) {
      // The epoch's UIDs (the register phase): its first block reached, miners joining now
      // registered (pruning the weakest when full), the UIDs read back.
      const registering = createEpochRecorder(epoch, context.now);
      const joined = await registering.timed("register", () => registrations.beforeEpoch(epoch, state));
      for (const r of joined.registration) registering.record("register", r);
      const uids = joined.view;
      const result = await runEpoch(
        { ...context, population: uids.population, addressOf: uids.addressOf },
        epoch,
        joined.state,
      );
      const registerTotals = registering.totals();
      result.epochRow.transactions += registerTotals.transactions;
      result.epochRow.reverted += registerTotals.reverted;
      result.epochRow.gasUsed += Number(registerTotals.gasUsed);
      // The built-in invariants: the run fails at the epoch where one breaks.
      books = await checkBuiltinInvariants(chain, books, {
        epoch,
        rewardWei: result.rewardWei,
        slashedWei: result.slashedWei.reduce((s, x) => s + x, 0n),
        slashingEnabled:
          context.slashing !== undefined &&
          (context.slashing.proveMismatches || context.slashing.flagMiners.length > 0),
        maxMintWei,
        n: uids.population.n,
        weightsBefore: joined.state.weights,
        weightsUsed: result.state.weights,
        revealEpoch: result.revealEpoch,
      });
      registrations.afterEpoch(uids, result.epochRow);
      if (result.governed !== null) {
        // A passed proposal changed the split: the next epochs pay with it (both emission paths).
        const p = result.governed;
        context.split = {
          owner: p.ownerBps / 10_000,
          miners: p.minerBps / 10_000,
          validators: p.validatorBps / 10_000,
        };
        context.emissionWei = agentsEmissionWei(toWei(scenario.chain.emissionPerEpoch), context.split);
      }
      state = result.state;
      tables.epochs.push(result.epochRow);
      tables.agentEpochs.push(...result.agentRows);
      tables.timings.push(...registering.timings, ...result.timings);
      outcomes.push(...registering.outcomes, ...result.outcomes);
      if (scenario.inference.answerDigests) {
        digests.push(...answerDigestRows(epoch, uids.population.miners, result.answered.answers));
      }
      progress({ phase: "epochs", done: epoch + 1, total: scenario.epochs });
      log(
        `epoch ${epoch} (${epoch + 1} of ${scenario.epochs}): ${result.epochRow.transactions} tx (${result.epochRow.reverted} reverted), ` +
          `${result.epochRow.reveals} reveals, emission ${result.epochRow.emission}`,
      );
    }
    mark("epochs", t);
    if (!chain.metersGas) forgetGas(tables, outcomes);
    const stakes = await chain.readStakes();
    const supplyBooks = await chain.readSupplyBooks();
    const quality = trueQuality.map((q) => task.quality.toScore(q));
    tables.agents = agentRows(
      population,
      quality,
      addressOf,
      { view: registrations.currentView(), stakes },
      state.cumulative,
      registrations.ledger,
      scenario.costs,
      feeAndSlashTotals(tables.agentEpochs),
      (tier) => flopsPerQuery(task, tier),
    );
    if (scenario.operators !== undefined) {
      tables.operators = operatorRows(
        scenario.operators.map((o) => o.name),
        population,
        tables.agents,
      );
    }
    if (governance !== undefined && governance.rows.length > 0) tables.governance = governance.rows;
    const choices = choiceRows(population);
    if (choices.length > 0) tables.choices = choices;
    return {
      tables,
      outcomes,
      digests: scenario.inference.answerDigests ? digests : null,
      supplyBooks,
      inference: { ...inferenceInfo, workers },
      protocol: { backend: chain.backend, clientVersion: chain.clientVersion },
      setupMs,
    };
  } finally {
    disposeInference();
    if (session !== undefined) await session.stop();
    // Failed before the protocol arrived (e.g. while the models trained): stop it when it does.
    else await sessionPromise?.then((s) => s.stop()).catch(() => {});
  }
}

/** A protocol without gas (the memory protocol): its gas columns are empty (NaN, null), not 0. */
function forgetGas(tables: RunTables, outcomes: OutcomeRow[]): void {
  for (const e of tables.epochs) e.gasUsed = Number.NaN;
  for (const o of outcomes) o.gasUsed = null;
}
