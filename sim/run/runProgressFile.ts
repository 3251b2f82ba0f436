import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The file in a run folder that says how far the run got (rewritten whole after every epoch). */
export const PROGRESS_FILE = "progress.json";

/**
 * How far a run got: the epochs finished, whose rows are in the streamed tables up to `offsets`
 * (bytes of each file that hold exactly those epochs), and the latest checkpoint. A complete run
 * keeps it, with `epochsDone === epochs`.
 */
export interface RunProgressRecord {
  format: 1;
  scenario: string;
  seed: number;
  /** The scenario file the run was started from (as given). */
  scenarioFile: string;
  epochs: number;
  epochsDone: number;
  /** The last epoch with a checkpoint (checkpoints/epoch-<e>.ckpt), or null while none. */
  lastCheckpoint: number | null;
  /** Bytes of each streamed file that hold the finished epochs (a file may hold more: an epoch cut off). */
  offsets: Record<string, number>;
  /** Where the run came from, when it is a fork: the parent run folder and the first changed epoch. */
  parent?: { runDir: string; atEpoch: number; set: string[]; patch?: string };
}

/** Writes progress.json whole or not at all (a temporary file renamed over it). */
export function writeRunProgress(dir: string, record: RunProgressRecord): void {
  const temp = join(dir, `.${PROGRESS_FILE}.tmp`);
  writeFileSync(temp, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(temp, join(dir, PROGRESS_FILE));
}

/** The run's progress.json, or undefined when the folder has none (written before runs streamed). */
export function readRunProgress(dir: string): RunProgressRecord | undefined {
  const path = join(dir, PROGRESS_FILE);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as RunProgressRecord;
}
