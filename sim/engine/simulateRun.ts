import { performance } from "node:perf_hooks";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { initInferenceBackend } from "../inference/initInferenceBackend.ts";
import type { ProtocolSession } from "../protocol/protocolSession.ts";
import { toWei } from "../protocol/tokenUnits.ts";
import { createRng } from "../rng/createRng.ts";
import { type AnswerDigestRow, answerDigestRows } from "../run/answerDigests.ts";
import type { RunTables } from "../run/runTables.ts";
import type { OutcomeRow } from "../run/runTablesToCsv.ts";
import { createTask } from "../tasks/createTask.ts";
import { startTaskInference } from "../tasks/startTaskInference.ts";
import { agentRows } from "./agentRows.ts";
import { checkBuiltinInvariants, openBuiltinBooks } from "./checkBuiltinInvariants.ts";
import { chooseInferenceWorkers } from "./chooseInferenceWorkers.ts";
import { type DataMarketRun, startDataMarketRun } from "./dataMarket/startDataMarketRun.ts";
import { withHeldOutside } from "./dataMarket/withHeldOutside.ts";
import { createDelegationDriver } from "./delegationDriver.ts";
import { type EngineSnapshot, loadStrategies, saveStrategies } from "./engineSnapshot.ts";
import { createEpochRecorder } from "./epochRecorder.ts";
import { flopsPerQuery } from "./flopsPerQuery.ts";
import { createGovernanceDriver } from "./governanceDriver.ts";
import { feeAndSlashTotals, marketSlashingEpochs } from "./marketAndSlashingConfig.ts";
import { choiceRows, operatorRows } from "./operatorRows.ts";
import { createParticipationDriver } from "./participationDriver.ts";
import { createRegistrationDriver } from "./registrationDriver.ts";
import { agentsEmissionWei, genesisStakeWei, resolveDeployment } from "./resolveDeployment.ts";
import { runCores } from "./runCores.ts";
import { type EpochState, initialEpochState, runEpoch } from "./runEpoch.ts";
import type { SimulatedRun, SimulateOptions, SimulationInput } from "./simulateTypes.ts";

export type {
  EpochEnd,
  RunProgress,
  SimulatedRun,
  SimulateOptions,
  SimulationInput,
} from "./simulateTypes.ts";

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
  let market: DataMarketRun | undefined;
  try {
    const rng = createRng(scenario.seed);
    progress({ phase: "models", done: 0, total: 1 });
    let t = performance.now();
    const inferenceInfo = await initInferenceBackend(backend);
    const task = await createTask(scenario.task.kind, rng);
    // The protocol starts while the models train; each agent is funded at genesis with its
    // registration funds plus the stake it puts up.
    const stakeWei = genesisStakeWei(population);
    const deployment = resolveDeployment(scenario, population);
    sessionPromise = options.startProtocol(deployment);
    sessionPromise.catch(() => {}); // awaited below; avoid an unhandled rejection while models train
    // With workers, the miners are built (and their true quality measured) inside the workers.
    // webgpu: one device, driven from this thread.
    // A data market retrains the miners between epochs: their models live in this thread.
    const workers =
      inferenceInfo.backend === "webgpu" || scenario.dataMarket !== undefined
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
    const gasOf = (gas: bigint) => (chain.metersGas ? gas : null);
    const resume = options.resume;
    if (resume === undefined) {
      for (const r of await registrations.registerGenesis()) {
        for (const o of r.outcomes)
          outcomes.push({ ...o, gasUsed: gasOf(o.gasUsed), epoch: -1, phase: "setup" });
      }
      const registered = outcomes.filter((o) => o.functionName === "register" && o.status === "success");
      log(`chain: ${chain.backend} at ${chain.rpcUrl}, ${registered.length} UIDs registered`);
      await options.onGenesis?.(outcomes);
    } else {
      if (chain.loadState === undefined)
        throw new CrucibleError(
          "CRUCIBLE_CHECKPOINT_INVALID",
          `the ${chain.backend} protocol cannot load a checkpoint`,
        );
      // Their state is not in a checkpoint yet: refuse rather than continue from a wrong state.
      for (const [section, what] of [
        ["dataMarket", "a data market"],
        ["governance", "governance"],
        ["delegation", "delegation"],
        ["participation", "open participation"],
      ] as const)
        if (scenario[section] !== undefined)
          throw new CrucibleError(
            "CRUCIBLE_CHECKPOINT_INVALID",
            `a run with ${what} cannot be resumed or forked yet (its state is not checkpointed)`,
          );
      await chain.loadState(resume.snapshot.protocol);
      registrations.loadState(resume.snapshot.registration);
      loadStrategies(population, resume.snapshot.strategies);
      if (resume.joiners !== undefined && resume.joiners.length > 0) {
        if (chain.fundAgents === undefined)
          throw new CrucibleError(
            "CRUCIBLE_USAGE",
            `crucible fork: the ${chain.backend} protocol cannot add agents at a fork yet (use chain.backend: memory)`,
          );
        await chain.fundAgents(
          resume.joiners.map((slot) => ({ address: addressOf[slot], amount: deployment.genesis[slot] })),
        );
      }
      outcomes.push(...resume.outcomes);
      log(`chain: ${chain.backend} at ${chain.rpcUrl}, restored after epoch ${resume.snapshot.epoch}`);
    }
    const governance =
      scenario.governance === undefined
        ? undefined
        : createGovernanceDriver(scenario.governance, chain, population, scenario.protocol.tempo);
    const delegated = await governance?.delegateGenesis();
    const delegation =
      scenario.delegation === undefined
        ? undefined
        : createDelegationDriver(
            scenario.delegation,
            chain,
            population.validators.length,
            scenario.protocol.unstakeCooldownEpochs,
            rng.fork("delegators"),
            scenario.costs.stakePerEpoch,
          );
    for (const o of delegated?.outcomes ?? []) outcomes.push({ ...o, epoch: -1, phase: "setup" });
    const participation =
      scenario.participation === undefined
        ? undefined
        : createParticipationDriver({
            config: scenario.participation,
            population,
            ledger: registrations.ledger,
            costs: scenario.costs,
            flopsPerQuery: (tier) => flopsPerQuery(task, tier),
            curve: scenario.protocol.registration,
            maxUids: scenario.protocol.maxUids === "population" ? population.n : scenario.protocol.maxUids,
            rng: rng.fork("participation"),
            addressOf: chain.agentAddresses,
            cooldownEpochs: scenario.protocol.unstakeCooldownEpochs,
          });
    mark("chain", t);
    if (scenario.dataMarket !== undefined) {
      t = performance.now();
      market = await startDataMarketRun({
        config: scenario.dataMarket,
        session: chain,
        rng,
        miners: population.miners,
      });
      mark("dataMarket", t);
    }
    // Held-out measurement on the workers ran while the chain was set up; wait for what is left.
    t = performance.now();
    const trueQuality = await inference.trueQuality;
    mark("quality", t);
    const firstEpoch = resume === undefined ? 0 : resume.snapshot.epoch + 1;
    progress({ phase: "epochs", done: firstEpoch, total: scenario.epochs });

    const tables: RunTables = {
      epochs: [...(resume?.tables.epochs ?? [])],
      agentEpochs: [...(resume?.tables.agentEpochs ?? [])],
      agents: [],
      timings: [...(resume?.tables.timings ?? [])],
    };
    const digests: AnswerDigestRow[] = [...(resume?.digests ?? [])];
    let state: EpochState =
      resume?.snapshot.state ?? initialEpochState(population, mechanism.initialState(population.n));
    const context = {
      population,
      session: chain,
      task,
      // Off this thread when the adapter can (workers): signals are obeyed while miners compute.
      infer: market?.infer ?? ("inferAsync" in adapter ? adapter.inferAsync : undefined) ?? adapter.infer,
      addressOf,
      mechanism,
      emissionWei: agentsEmissionWei(toWei(scenario.chain.emissionPerEpoch), scenario.emissionSplit),
      split: scenario.emissionSplit,
      emissionPath: scenario.chain.emissionPath,
      ...marketSlashingEpochs(scenario),
      ...(governance === undefined ? {} : { governance }),
      ...(options.yumaStake === undefined ? {} : { yumaStake: options.yumaStake }),
      ...(delegation === undefined ? {} : { delegation }),
      rng: rng.fork("epochs"),
      now: () => performance.now(),
    };
    // The epoch's emission before halvings: the scenario's, until a proposal changes it.
    let maxMintWei = toWei(scenario.chain.emissionPerEpoch);
    // Tokens with the data market's providers and contract are outside the protocol's books.
    // So are the vote buyer's bribes while the escrow holds them.
    const heldOutside = [
      ...(market === undefined ? [] : [market.heldOutside]),
      ...(scenario.governance?.voteBuyer === undefined
        ? []
        : [async () => (await chain.readBribeBooks()).balance]),
    ];
    const booksSession =
      heldOutside.length === 0
        ? chain
        : withHeldOutside(chain, async () => {
            let held = 0n;
            for (const f of heldOutside) held += await f();
            return held;
          });
    // A fork's new agents were funded after the checkpoint's books: the books open again after it.
    let books =
      resume !== undefined && (resume.joiners ?? []).length === 0
        ? resume.snapshot.books
        : await openBuiltinBooks(booksSession);
    const saveState = chain.saveState?.bind(chain);
    const snapshot = async (epoch: number): Promise<EngineSnapshot> => {
      if (saveState === undefined)
        throw new CrucibleError("CRUCIBLE_RUN_FAILED", `the ${chain.backend} protocol cannot save its state`);
      return {
        epoch,
        state,
        protocol: await saveState(),
        registration: registrations.saveState(),
        books,
        strategies: saveStrategies(population),
      };
    };
    t = performance.now();
    const endEpoch = Math.min(scenario.epochs, (options.lastEpoch ?? Number.POSITIVE_INFINITY) + 1);
    for (let epoch = firstEpoch; epoch < endEpoch; epoch++) {
      // The epoch's UIDs (the register phase): its first block reached, miners joining now
      // registered (pruning the weakest when full), the UIDs read back.
      const registering = createEpochRecorder(epoch, context.now);
      const entrants = participation?.entrants(epoch) ?? [];
      const joined = await registering.timed("register", () =>
        registrations.beforeEpoch(epoch, state, entrants),
      );
      participation?.afterRegistration(epoch, joined.view);
      // Validators that left unstake (and later withdraw) in the register phase.
      const exitMoves = (await participation?.exitMoves(epoch, chain)) ?? [];
      if (exitMoves.length > 0) {
        const moved = await registering.timed("register", () => chain.moveStake(exitMoves));
        registering.record("register", moved);
        participation?.afterExitMoves(exitMoves, moved.outcomes);
      }
      for (const r of joined.registration) registering.record("register", r);
      const uids = joined.view;
      await market?.beforeEpoch(epoch, state.cumulative);
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
      books = await checkBuiltinInvariants(booksSession, books, {
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
      registrations.afterEpoch(uids, result.epochRow, participation?.stopped);
      participation?.afterEpoch(epoch, uids, result.agentRows, result.epochRow);
      if (result.governed !== null) {
        // A passed proposal changed the split: the next epochs pay with it (both emission paths).
        const p = result.governed;
        context.split = {
          owner: p.ownerBps / 10_000,
          miners: p.minerBps / 10_000,
          validators: p.validatorBps / 10_000,
        };
        maxMintWei = p.epochEmission;
        context.emissionWei = agentsEmissionWei(maxMintWei, context.split);
      }
      state = result.state;
      // A protocol without gas (the memory protocol): its gas columns are empty (NaN, null), not 0.
      if (!chain.metersGas) result.epochRow.gasUsed = Number.NaN;
      const epochOutcomes: OutcomeRow[] = [...registering.outcomes, ...result.outcomes].map((o) => ({
        ...o,
        gasUsed: gasOf(o.gasUsed),
      }));
      const epochTimings = [...registering.timings, ...result.timings];
      const epochDigests = scenario.inference.answerDigests
        ? answerDigestRows(epoch, uids.population.miners, result.answered.answers)
        : [];
      tables.epochs.push(result.epochRow);
      tables.agentEpochs.push(...result.agentRows);
      tables.timings.push(...epochTimings);
      outcomes.push(...epochOutcomes);
      digests.push(...epochDigests);
      await options.onEpoch?.({
        epoch,
        epochRow: result.epochRow,
        agentRows: result.agentRows,
        timings: epochTimings,
        outcomes: epochOutcomes,
        digests: epochDigests,
        snapshot: () => snapshot(epoch),
        canSnapshot: saveState !== undefined,
      });
      progress({ phase: "epochs", done: epoch + 1, total: scenario.epochs });
      log(
        `epoch ${epoch} (${epoch + 1} of ${scenario.epochs}): ${result.epochRow.transactions} tx (${result.epochRow.reverted} reverted), ` +
          `${result.epochRow.reveals} reveals, emission ${result.epochRow.emission}`,
      );
    }
    mark("epochs", t);
    const stakes = await chain.readStakes();
    const supplyBooks = await booksSession.readSupplyBooks();
    const quality = (market?.trueQuality() ?? trueQuality).map((q) => task.quality.toScore(q));
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
    // The vote buyer's bribes are part of its cost (attack profit after costs).
    const bribes = governance?.bribeCosts() ?? new Map<string, number>();
    if (bribes.size > 0)
      tables.agents = tables.agents.map((a) => ({ ...a, cost: a.cost + (bribes.get(a.agent) ?? 0) }));
    if (scenario.operators !== undefined) {
      tables.operators = operatorRows(
        scenario.operators.map((o) => o.name),
        population,
        tables.agents,
      );
    }
    if (market !== undefined) {
      const rewards = new Map(tables.agents.map((a) => [a.agent, a.totalReward]));
      Object.assign(tables, await market.tables((agent) => rewards.get(agent) ?? 0));
    }
    if (governance !== undefined && governance.rows.length > 0) tables.governance = governance.rows;
    if (delegation !== undefined) Object.assign(tables, delegation.rows);
    if (participation !== undefined) tables.participation = participation.rows();
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
    market?.dispose();
    if (session !== undefined) await session.stop();
    // Failed before the protocol arrived (e.g. while the models trained): stop it when it does.
    else await sessionPromise?.then((s) => s.stop()).catch(() => {});
  }
}
