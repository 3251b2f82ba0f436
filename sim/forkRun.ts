import { dirname } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { EngineSnapshot, ResumePoint } from "./engine/engineSnapshot.ts";
import { simulateRun } from "./engine/simulateRun.ts";
import { CrucibleError } from "./errors/CrucibleError.ts";
import { growSnapshot } from "./fork/growSnapshot.ts";
import { prepareFork } from "./fork/prepareFork.ts";
import type { PrepareRunOptions } from "./prepareRun.ts";
import { listCheckpoints } from "./run/checkpointFile.ts";
import { readStreamedTables } from "./run/readStreamedTables.ts";
import { createRunFolder } from "./run/runFolder.ts";
import { openTableStream } from "./run/tableStream.ts";
import {
  PROTOCOL_BACKENDS,
  type RunResult,
  type RunScenarioOptions,
  runInFolder,
  scenarioHash,
} from "./runScenario.ts";
import type { SetOverride } from "./scenario/setOverrides.ts";
import { latestCheckpoint, type prepareRecorded, readRunRecord } from "./stoppedRun.ts";

export interface ForkRunOptions extends Omit<RunScenarioOptions, keyof PrepareRunOptions> {
  /** The first epoch that runs with the change. */
  atEpoch: number;
  /** The change: scenario fields set by path (as `crucible run --set`). */
  set: readonly SetOverride[];
  /** The `--set` flags as written, for the fork's records. */
  setText?: readonly string[];
  /** A scenario patch file (`--scenario-patch`): fields to change and miner groups to add. */
  scenarioPatch?: string;
}

const usage = (message: string) => new CrucibleError("CRUCIBLE_USAGE", message);

/**
 * `crucible fork <runDir> --at-epoch N --set path=value`: a new run folder whose epochs before N are
 * its parent's (copied, not rerun) and whose epochs from N on run with the change, from the parent's
 * state after epoch N − 1: its checkpoint there, or the latest before it with the epochs between
 * replayed unchanged. The fork's progress.json and manifest name the parent, N and the change. A
 * change may set parameters (emission, protocol, market, ...), switch the mechanism (its state starts
 * afresh at N) and add miner groups (`--scenario-patch`) that register at N through the protocol's
 * registration, with streams forked from the root seed by their names; see `prepareFork`.
 */
export async function forkRun(parentDir: string, options: ForkRunOptions): Promise<RunResult> {
  const dir = parentDir.replace(/\/+$/, "");
  const record = readRunRecord(dir);
  const at = options.atEpoch;
  const {
    parent,
    fork: prepared,
    change,
    joiners,
  } = await prepareFork(dir, record, {
    at,
    set: options.set,
    patchFile: options.scenarioPatch,
  });
  const { scenario } = prepared;
  if (at > record.progress.epochsDone)
    throw usage(`--at-epoch ${at}: the parent finished only ${record.progress.epochsDone} epochs`);
  const checkpoint = latestCheckpoint(dir, at - 1);
  if (checkpoint === undefined) {
    const have = listCheckpoints(dir).map((c) => c.epoch);
    throw new CrucibleError(
      "CRUCIBLE_CHECKPOINT_INVALID",
      `${dir}: no checkpoint at or before epoch ${at - 1} (it has ${have.length === 0 ? "none" : `epochs ${have.join(", ")}`}); rerun the parent with --checkpoint-every 1`,
    );
  }
  if (checkpoint.header.scenarioHash !== scenarioHash(parent.scenario))
    throw new CrucibleError(
      "CRUCIBLE_CHECKPOINT_INVALID",
      `${dir}: the checkpoint of epoch ${checkpoint.header.epoch} was made from another scenario than scenario.resolved.json`,
    );
  let from: ResumePoint = {
    snapshot: checkpoint.snapshot,
    ...readStreamedTables(dir, checkpoint.header.offsets, parent.scenario.inference.answerDigests),
  };
  if (checkpoint.header.epoch < at - 1) from = await replay(parent, from, at - 1, options);
  from = {
    ...from,
    snapshot: growSnapshot(
      from.snapshot,
      prepared.population,
      change.mechanismSwitched ? prepared.mechanism : undefined,
    ),
    joiners,
  };
  const startedAt = new Date();
  const folder = await createRunFolder(
    options.outDir ?? dirname(dir),
    `${scenario.name}-fork${at}`,
    scenario.seed,
    startedAt,
  );
  // The parent's rows before `at`, under the fork's identity.
  const stream = openTableStream(folder.dir, {
    identity: {
      run_id: folder.finalDir.split("/").at(-1) ?? "",
      scenario: scenario.name,
      seed: scenario.seed,
    },
    answerDigests: scenario.inference.answerDigests,
  });
  stream.appendRows({
    ...from.tables,
    outcomes: from.outcomes,
    digests: scenario.inference.answerDigests ? from.digests : [],
  });
  const offsets = stream.offsets();
  stream.close();
  options.log?.(`fork: ${dir} from the state after epoch ${at - 1}, changed from epoch ${at} on`);
  return runInFolder(prepared, options, folder, startedAt, {
    resume: from,
    offsets,
    parent: {
      runDir: dir,
      atEpoch: at,
      set: [...(options.setText ?? options.set.map((s) => `${s.path}=${JSON.stringify(s.value)}`))],
      ...(options.scenarioPatch === undefined ? {} : { patch: options.scenarioPatch }),
    },
  });
}

/** Runs the parent's epochs after `from` up to `last`, unchanged, and returns its state after `last`. */
async function replay(
  parent: Awaited<ReturnType<typeof prepareRecorded>>,
  from: ResumePoint,
  last: number,
  options: ForkRunOptions,
): Promise<ResumePoint> {
  let snapshot: EngineSnapshot | undefined;
  const run = await simulateRun(parent, {
    startProtocol: options.startProtocol ?? PROTOCOL_BACKENDS[parent.scenario.chain.backend],
    backend: options.backend,
    log: options.log,
    resume: from,
    lastEpoch: last,
    onEpoch: async (end) => {
      // A copy: the engine goes on with the objects it holds.
      if (end.epoch === last) snapshot = deserialize(serialize(await end.snapshot())) as EngineSnapshot;
    },
  });
  if (snapshot === undefined)
    throw new CrucibleError("CRUCIBLE_RUN_FAILED", `replay did not reach epoch ${last}`);
  return {
    snapshot,
    tables: { epochs: run.tables.epochs, agentEpochs: run.tables.agentEpochs, timings: run.tables.timings },
    outcomes: run.outcomes,
    digests: run.digests ?? [],
  };
}
