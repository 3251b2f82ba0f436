import { CrucibleError } from "../errors/CrucibleError.ts";
import type { PreparedRun } from "../prepareRun.ts";
import type { RunProgressRecord } from "../run/runProgressFile.ts";
import { applyScenarioPatch, readScenarioPatch } from "../scenario/scenarioPatch.ts";
import type { SetOverride } from "../scenario/setOverrides.ts";
import { prepareRecorded } from "../stoppedRun.ts";
import { checkForkChange, type ForkChange } from "./checkForkChange.ts";

export interface PreparedFork {
  parent: PreparedRun;
  fork: PreparedRun;
  change: ForkChange;
  /** Slots of the agents the fork adds (past the parent's). */
  joiners: number[];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The parent's scenario and the fork's (the parent's with the patch file and `--set` applied),
 * validated, with what the change means for the engine. Miner groups a patch adds join at the fork
 * epoch unless they name a later `joinEpoch`. With `protocol.maxUids: population`, the subnet keeps
 * the parent's size (the chain was deployed with it): set `protocol.maxUids` to make room. All of
 * it before any slow work; a change a fork cannot make is refused naming its field.
 */
export async function prepareFork(
  dir: string,
  record: { progress: RunProgressRecord; scenarioText: string },
  options: { at: number; set: readonly SetOverride[]; patchFile?: string },
): Promise<PreparedFork> {
  const parent = await prepareRecorded(dir, record);
  const at = options.at;
  const epochs = parent.scenario.epochs;
  if (!Number.isInteger(at) || at < 1 || at >= epochs)
    throw new CrucibleError(
      "CRUCIBLE_USAGE",
      `--at-epoch ${at}: expected an epoch from 1 to ${epochs - 1} (at 0, run the scenario with --set)`,
    );
  const pinned = parent.scenario.protocol.maxUids;
  const changed =
    options.patchFile === undefined
      ? undefined
      : {
          text: JSON.stringify(
            applyScenarioPatch(
              JSON.parse(record.scenarioText),
              joinAtFork(readScenarioPatch(options.patchFile), at),
            ),
          ),
          file: options.patchFile,
        };
  const fork = await prepareRecorded(dir, record, options.set, changed);
  const change = checkForkChange(parent.scenario, fork.scenario, at);
  // The chain was deployed with the parent's size: new miners meet a full subnet unless the change
  // sets protocol.maxUids (on the memory protocol; the parameters are rebuilt from the scenario).
  if (
    pinned === "population" &&
    fork.scenario.protocol.maxUids === "population" &&
    fork.population.n > parent.population.n
  )
    fork.scenario.protocol.maxUids = parent.population.n;
  const joiners = fork.population.miners.filter((m) => m.slot >= parent.population.n).map((m) => m.slot);
  if (joiners.length > 0 && fork.scenario.chain.backend !== "memory")
    throw new CrucibleError(
      "CRUCIBLE_USAGE",
      `crucible fork: population.miners[${change.addedMinerGroups[0]}]: adding agents at a fork needs chain.backend memory (the ${fork.scenario.chain.backend} session cannot fund them yet)`,
    );
  return { parent, fork, change, joiners };
}

/** The patch with every miner group it adds joining at `at` unless it names its own joinEpoch. */
function joinAtFork(patch: Record<string, unknown>, at: number): Record<string, unknown> {
  const population = patch.population;
  if (!isPlainObject(population) || !Array.isArray(population.miners)) return patch;
  const miners = population.miners.map((g) =>
    isPlainObject(g) && g.joinEpoch === undefined ? { ...g, joinEpoch: at } : g,
  );
  return { ...patch, population: { ...population, miners } };
}
