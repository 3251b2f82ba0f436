import { CrucibleError } from "./errors/CrucibleError.ts";
import type { PrepareRunOptions } from "./prepareRun.ts";
import { cutStreamedFiles, readStreamedTables } from "./run/readStreamedTables.ts";
import { adoptRunFolder } from "./run/runFolder.ts";
import { type RunResult, type RunScenarioOptions, runInFolder, scenarioHash } from "./runScenario.ts";
import { latestCheckpoint, locateRunFolder, prepareRecorded, readRunRecord } from "./stoppedRun.ts";

/**
 * `crucible run --resume <runDir>`: continues a stopped run (`<name>.failed`, or the `.partial`
 * folder of a process that died) from its latest checkpoint, in the same folder: the streamed tables
 * are cut back to the checkpoint and the epochs after it run again, so the finished run's tables and
 * resultsHash are those of a run never stopped. Everything is checked before anything is changed: a
 * corrupted or foreign checkpoint is refused and the folder left as it was.
 */
export async function resumeRun(
  runDir: string,
  options: Omit<RunScenarioOptions, keyof PrepareRunOptions> = {},
): Promise<RunResult> {
  const dir = locateRunFolder(runDir);
  const record = readRunRecord(dir);
  const prepared = await prepareRecorded(dir, record);
  const { scenario } = prepared;
  const checkpoint = latestCheckpoint(dir);
  if (checkpoint === undefined) {
    // Stopped before its first checkpoint: run again from genesis, in the same folder.
    const folder = await adoptRunFolder(dir);
    options.log?.(
      `resume: ${dir} has no checkpoint (it stopped after ${record.progress.epochsDone} epochs): running it again from genesis`,
    );
    return runInFolder(prepared, options, folder, new Date());
  }
  const { header, snapshot } = checkpoint;
  if (header.scenarioHash !== scenarioHash(scenario) || header.backend !== scenario.chain.backend)
    throw new CrucibleError(
      "CRUCIBLE_CHECKPOINT_INVALID",
      `${dir}: the checkpoint of epoch ${header.epoch} was made from another scenario or backend than scenario.resolved.json`,
    );
  const rows = readStreamedTables(dir, header.offsets, scenario.inference.answerDigests);
  const folder = await adoptRunFolder(dir);
  cutStreamedFiles(folder.dir, header.offsets);
  options.log?.(`resume: ${dir} from the checkpoint after epoch ${header.epoch} of ${scenario.epochs}`);
  return runInFolder(prepared, options, folder, new Date(), {
    resume: { snapshot, ...rows },
    offsets: header.offsets,
  });
}
