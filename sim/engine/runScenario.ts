import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { headlineSummary } from "../../reports/computeHeadline.ts";
import { writeReport } from "../../reports/writeReport.ts";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { type AnswerDigestRow, answerDigestRows, answerDigestsCsv } from "../inference/answerDigests.ts";
import { initInferenceBackend } from "../inference/initInferenceBackend.ts";
import { createRng } from "../rng/createRng.ts";
import { createRunFolder, hashContents, type RunFolder } from "../run/runFolder.ts";
import type { RunTables } from "../run/runTables.ts";
import type { Scenario } from "../scenario/scenarioSchema.ts";
import { createTask } from "../tasks/createTask.ts";
import { startTaskInference } from "../tasks/startTaskInference.ts";
import { agentRows } from "./agentRows.ts";
import { createManifest } from "./createManifest.ts";
import { createEpochRecorder } from "./epochRecorder.ts";
import type { SupplyBooks } from "./marketSlashingSession.ts";
import {
  feeAndSlashTotals,
  genesisStakeWei,
  marketSlashingEpochs,
  marketSlashingSession,
} from "./marketSlashingSetup.ts";
import { type PreparedRun, type PrepareRunOptions, prepareRun } from "./prepareRun.ts";
import { agentsEmissionWei, protocolSessionOptions } from "./protocolDeployment.ts";
import type { ProtocolSession } from "./protocolSession.ts";
import { createRegistrationDriver } from "./registrationDriver.ts";
import { type EpochState, initialEpochState, runEpoch } from "./runEpoch.ts";
import { startProtocolSession } from "./startProtocolSession.ts";
import { toWei } from "./tokenUnits.ts";
import { type OutcomeRow, runTablesToCsv } from "./writeRunTables.ts";

/** What to run (`PrepareRunOptions`: the scenario file, seed, epochs, overrides such as
 * `{ mechanism: { name: "yuma-no-bonds" } }`) and how. */
export interface RunScenarioOptions extends PrepareRunOptions {
  /** Folder that receives the run folder (default `runs`). */
  outDir?: string;
  backend?: Scenario["inference"]["backend"];
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface RunResult {
  runDir: string;
  reportPath: string;
  resultsHash: string;
  tables: RunTables;
  /** Where every token was at the end of the run (wei): balances + stake + escrow = supply. */
  supplyBooks: SupplyBooks;
}

/**
 * Runs a scenario end to end: validate → population and models → Anvil + contracts → epochs → run
 * folder with tables, manifest, summary and report. The CLI's `crucible run` calls exactly this.
 */
export async function runScenario(options: RunScenarioOptions): Promise<RunResult> {
  return executeRun(await prepareRun(options), options);
}

/** Runs a scenario that `prepareRun` has already validated. */
export async function executeRun(
  prepared: PreparedRun,
  options: Omit<RunScenarioOptions, keyof PrepareRunOptions> = {},
): Promise<RunResult> {
  const log = options.log ?? (() => {});
  const { file, scenario, scenarioYaml, population, mechanism } = prepared;
  const backend = options.backend ?? scenario.inference.backend;
  const startedAt = new Date();
  const t0 = performance.now();
  const folder = await createRunFolder(options.outDir ?? "runs", scenario.name, scenario.seed, startedAt);
  const setupMs: Record<string, number> = {};
  const mark = (name: string, since: number) => {
    setupMs[name] = Math.round(performance.now() - since);
  };
  const stopMarking = markFailedOnSignal(folder);
  let session: ProtocolSession | undefined;
  let disposeInference = () => {};
  try {
    const rng = createRng(scenario.seed);
    let t = performance.now();
    const inferenceInfo = await initInferenceBackend(backend === "auto" ? undefined : backend);
    const task = await createTask(scenario.task.kind, rng);
    // The protocol as the scenario's `protocol` section deploys it; each agent is funded at genesis
    // with its registration funds plus the stake it puts up.
    const stakeWei = genesisStakeWei(population);
    const deployment = protocolSessionOptions(scenario, population, stakeWei);
    const { slashBps, users } = marketSlashingSession(scenario);
    const sessionPromise = startProtocolSession({
      ...deployment,
      subnet: { ...deployment.subnet, slashBps },
      users,
    });
    sessionPromise.catch(() => {}); // awaited below; avoid an unhandled rejection while models train
    // With workers, the miners are built (and their true quality measured) inside the workers.
    // webgpu: one device, driven from this thread.
    const workers =
      inferenceInfo.backend === "webgpu"
        ? 0
        : inferenceWorkers(scenario.inference.workers, population.miners.length);
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
    t = performance.now();
    const chain = await sessionPromise;
    session = chain;
    // Each agent's account, by slot; who holds which UID is read from the registry every epoch.
    const addressOf = chain.agentAddresses;
    const registrations = createRegistrationDriver(chain, population, mechanism, stakeWei);
    const setupOutcomes: OutcomeRow[] = [];
    for (const r of await registrations.registerGenesis()) {
      for (const o of r.outcomes) setupOutcomes.push({ ...o, epoch: -1, phase: "setup" });
    }
    mark("chain", t);
    const registered = setupOutcomes.filter((o) => o.functionName === "register" && o.status === "success");
    log(`chain: anvil at ${chain.rpcUrl}, ${registered.length} UIDs registered`);
    // Held-out measurement on the workers ran while the chain was set up; wait for what is left.
    t = performance.now();
    const trueQuality = await inference.trueQuality;
    mark("quality", t);

    const tables: RunTables = { epochs: [], agentEpochs: [], agents: [], timings: [] };
    const digests: AnswerDigestRow[] = [];
    const outcomes: OutcomeRow[] = [...setupOutcomes];
    let state: EpochState = initialEpochState(population, mechanism.initialState(population.n));
    const context = {
      population,
      session: chain,
      task,
      infer: adapter.infer,
      addressOf,
      mechanism,
      emissionWei: agentsEmissionWei(toWei(scenario.chain.emissionPerEpoch), scenario.emissionSplit),
      split: scenario.emissionSplit,
      emissionPath: scenario.chain.emissionPath,
      ...marketSlashingEpochs(scenario),
      rng: rng.fork("epochs"),
      now: () => performance.now(),
    };
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
      registrations.afterEpoch(uids, result.epochRow);
      state = result.state;
      tables.epochs.push(result.epochRow);
      tables.agentEpochs.push(...result.agentRows);
      tables.timings.push(...registering.timings, ...result.timings);
      outcomes.push(...registering.outcomes, ...result.outcomes);
      if (scenario.inference.answerDigests) {
        const { miners } = uids.population;
        digests.push(...answerDigestRows(epoch, miners, result.answered.answers));
      }
      log(
        `epoch ${epoch + 1}/${scenario.epochs}: ${result.epochRow.transactions} tx (${result.epochRow.reverted} reverted), ` +
          `${result.epochRow.reveals} reveals, emission ${result.epochRow.emission}`,
      );
    }
    mark("epochs", t);
    const stakes = await chain.readStakes();
    const supplyBooks = await chain.readSupplyBooks();
    const clientVersion = chain.clientVersion;
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
    );
    await chain.stop();
    session = undefined;

    const csv = runTablesToCsv(tables, outcomes);
    const resultsHash = hashContents(csv.results);
    for (const [name, text] of [...csv.results, csv.timings]) await folder.write(name, text);
    if (scenario.inference.answerDigests) await folder.write("answers.csv", answerDigestsCsv(digests));
    await folder.write("scenario.resolved.json", `${JSON.stringify(scenario, null, 2)}\n`);
    await folder.write("scenario.yaml", scenarioYaml);
    // Throughput is per second of the run before the report; the manifest keeps both parts so that
    // `crucible report` recomputes the same rates (total − report).
    const runMs = Math.round(performance.now() - t0);
    const manifest = createManifest({
      scenarioFile: file,
      scenarioName: scenario.name,
      seed: scenario.seed,
      startedAt,
      endedAt: new Date(),
      inference: { ...inferenceInfo, workers },
      anvilVersion: clientVersion,
      resultsHash,
      status: "complete",
      wallTimeMs: { ...setupMs, total: runMs },
      counts: {
        validators: population.validators.length,
        miners: population.miners.length,
        epochs: scenario.epochs,
      },
    });
    const report = await writeReport(folder.dir, tables, {
      title: `${scenario.name} (seed ${scenario.seed})`,
      scenarioYaml,
      manifest,
      wallTimeMs: runMs,
    });
    const reportMs = Math.round(performance.now() - t0) - runMs;
    manifest.wallTimeMs = { ...setupMs, report: reportMs, total: runMs + reportMs };
    await folder.write("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`);
    await folder.write("summary.json", `${JSON.stringify(headlineSummary(report.headline), null, 2)}\n`);
    const runDir = await folder.complete();
    return { runDir, reportPath: join(runDir, "report.html"), resultsHash, tables, supplyBooks };
  } catch (error) {
    const failedDir = await folder.fail(error).catch(() => folder.dir);
    if (error instanceof CrucibleError) throw error;
    throw new CrucibleError(
      "CRUCIBLE_RUN_FAILED",
      `run failed: ${(error as Error).message} (partial results in ${failedDir})`,
      {
        cause: error,
      },
    );
  } finally {
    stopMarking();
    disposeInference();
    await session?.stop();
  }
}

/** Worker threads for inference: as the scenario says, or (auto) two from 256 miners up. */
export function inferenceWorkers(setting: number | "auto", miners: number): number {
  if (setting !== "auto") return Math.min(setting, miners);
  return miners >= 256 ? 2 : 0;
}

/**
 * On Ctrl-C or SIGTERM, marks the run folder failed (synchronously, before the process dies) and lets
 * the signal take its course: the chain's own handler stops Anvil and re-raises it.
 */
function markFailedOnSignal(folder: RunFolder): () => void {
  const signals = ["SIGINT", "SIGTERM"] as const;
  const handler = (signal: NodeJS.Signals) => {
    stop();
    folder.failSync(new CrucibleError("CRUCIBLE_RUN_FAILED", `interrupted by ${signal}`));
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const stop = () => {
    for (const s of signals) process.off(s, handler);
  };
  for (const s of signals) process.on(s, handler);
  return stop;
}
