import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { makeDirs } from "../run/makeDirs.ts";

/** A failure a check found, kept so that the next check of the same file runs its seed first
 * (as Foundry's and fast-check's failure persistence do). */
export interface StoredFailure {
  file: string;
  seed: number;
  invariant: string;
  epoch?: number;
  /** The shrunk, replayable case (`crucible replay <case>`), when one was written. */
  casePath?: string;
}

const STORE = "failures.json";

export async function readFailures(stateDir: string): Promise<StoredFailure[]> {
  try {
    const parsed = JSON.parse(await readFile(join(stateDir, STORE), "utf8")) as {
      failures?: StoredFailure[];
    };
    return Array.isArray(parsed.failures) ? parsed.failures : [];
  } catch {
    return []; // no store yet (or an unreadable one: it is only a hint of what to run first)
  }
}

/** Replaces the stored failures of `file` with `failures` (a file that now passes keeps none). */
export async function writeFailures(
  stateDir: string,
  file: string,
  failures: readonly StoredFailure[],
): Promise<void> {
  const kept = (await readFailures(stateDir)).filter((f) => f.file !== file);
  await makeDirs(stateDir);
  await writeFile(
    join(stateDir, STORE),
    `${JSON.stringify({ failures: [...kept, ...failures] }, null, 2)}\n`,
  );
}
