import { createHash } from "node:crypto";
import { existsSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { makeDirs } from "./makeDirs.ts";
import { OWNER_FILE, type StalePartial, sweepStalePartials } from "./stalePartials.ts";

/**
 * A run folder is written under a temporary name (`.<name>.partial`) and renamed when complete, so
 * a crashed run never looks finished. A failed run is renamed to `<name>.failed` and keeps what it
 * had written, with the error in `error.txt`.
 *
 * The name is reserved atomically: the `.partial` folder is created without `recursive`, so of two
 * runs that pick the same name (same scenario and seed in the same second) one gets `EEXIST` and takes
 * the next suffix (`-2`, `-3`, ...); a name whose finished or failed folder exists is skipped too. The
 * `.partial` folder holds its owner (pid and host) until it is renamed, so a folder left by a process
 * that died is recognised and marked failed by the next run in the same place.
 */
export interface RunFolder {
  /** Where files are being written now. */
  readonly dir: string;
  /** Final name of the folder once complete. */
  readonly finalDir: string;
  /** `.partial` folders of dead processes found (and marked failed) when this one was created. */
  readonly stale: readonly StalePartial[];
  write(relativePath: string, content: string | Uint8Array): Promise<string>;
  complete(): Promise<string>;
  fail(error: unknown): Promise<string>;
  /** Synchronous `fail`, for exit hooks and signal handlers. */
  failSync(error: unknown): string;
}

/** Suffixes tried before giving up on a name (a folder with 1,000 runs of one second is broken). */
const MAX_SUFFIX = 1_000;
const ERROR_TEMP = ".error.txt.tmp";

export async function createRunFolder(
  outRoot: string,
  name: string,
  seed: number,
  startedAt: Date,
): Promise<RunFolder> {
  const stamp = startedAt
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const cannot = (cause: unknown) =>
    new CrucibleError("CRUCIBLE_RUN_FAILED", `cannot create the run folder in ${outRoot}`, { cause });
  await makeDirs(outRoot).catch((cause: unknown) => {
    throw cannot(cause);
  });
  const stale = sweepStalePartials(outRoot);
  const { dir, finalDir } = await reserve(outRoot, `${name}-${seed}-${stamp}`).catch((cause: unknown) => {
    throw cause instanceof CrucibleError ? cause : cannot(cause);
  });
  return folderAt(dir, finalDir, stale);
}

/**
 * Takes a stopped run's folder back to continue it (`crucible run --resume`): `<name>.failed` is
 * renamed to `.<name>.partial` again (reserved first, so two resumes cannot both take it), owned by
 * this process, its error.txt removed. Everything it holds stays.
 */
export async function adoptRunFolder(failedDir: string): Promise<RunFolder> {
  const m = /^(.*)\.failed$/.exec(failedDir.replace(/\/+$/, ""));
  if (m === null)
    throw new CrucibleError("CRUCIBLE_USAGE", `${failedDir}: not a stopped run folder (<name>.failed)`);
  const finalDir = m[1];
  const dir = join(dirname(finalDir), `.${basename(finalDir)}.partial`);
  if (existsSync(finalDir))
    throw new CrucibleError(
      "CRUCIBLE_USAGE",
      `${failedDir}: ${finalDir} exists already (the run was finished)`,
    );
  try {
    await mkdir(dir); // not recursive: EEXIST while another process resumes it
  } catch (cause) {
    throw new CrucibleError(
      "CRUCIBLE_USAGE",
      `${failedDir}: another process is resuming it (${dir} exists)`,
      {
        cause,
      },
    );
  }
  await rename(failedDir, dir); // onto the empty folder reserved above
  await rm(join(dir, "error.txt"), { force: true });
  writeFileSync(join(dir, OWNER_FILE), `${process.pid} ${hostname()}\n`);
  return folderAt(dir, finalDir, []);
}

function folderAt(dir: string, finalDir: string, stale: StalePartial[]): RunFolder {
  const failedDir = `${finalDir}.failed`;
  let closed = false;
  const errorText = (error: unknown) =>
    error instanceof Error ? `${error.message}\n\n${error.stack ?? ""}` : String(error);
  return {
    dir,
    finalDir,
    stale,
    async write(relativePath, content) {
      const path = join(dir, relativePath);
      await makeDirs(dirname(path));
      await writeFile(path, content);
      return path;
    },
    async complete() {
      closed = true;
      await rm(join(dir, OWNER_FILE), { force: true });
      await rename(dir, finalDir);
      return finalDir;
    },
    async fail(error) {
      if (closed) return failedDir;
      closed = true;
      // error.txt is written whole or not at all (a full disk must not leave an empty one).
      const temp = join(dir, ERROR_TEMP);
      try {
        await writeFile(temp, errorText(error));
        await rename(temp, join(dir, "error.txt"));
      } catch {
        await rm(temp, { force: true }).catch(() => {});
        await rm(join(dir, "error.txt"), { force: true }).catch(() => {});
      }
      await rm(join(dir, OWNER_FILE), { force: true }).catch(() => {});
      await rename(dir, failedDir);
      return failedDir;
    },
    failSync(error) {
      if (closed) return failedDir;
      closed = true;
      const temp = join(dir, ERROR_TEMP);
      try {
        writeFileSync(temp, errorText(error));
        renameSync(temp, join(dir, "error.txt"));
      } catch {
        rmSync(temp, { force: true });
        rmSync(join(dir, "error.txt"), { force: true });
      }
      rmSync(join(dir, OWNER_FILE), { force: true });
      renameSync(dir, failedDir);
      return failedDir;
    },
  };
}

/** Creates `.<base>[-k].partial` for the first k whose partial, final and failed names are all free. */
async function reserve(outRoot: string, base: string): Promise<{ dir: string; finalDir: string }> {
  for (let k = 1; k <= MAX_SUFFIX; k++) {
    const name = k === 1 ? base : `${base}-${k}`;
    const dir = join(outRoot, `.${name}.partial`);
    try {
      await mkdir(dir); // not recursive: EEXIST when another run holds this name
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") continue;
      throw error;
    }
    const finalDir = join(outRoot, name);
    // A run that held this name has finished (its partial was renamed away): try the next one.
    if (existsSync(finalDir) || existsSync(`${finalDir}.failed`)) {
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    writeFileSync(join(dir, OWNER_FILE), `${process.pid} ${hostname()}\n`);
    return { dir, finalDir };
  }
  throw new CrucibleError(
    "CRUCIBLE_RUN_FAILED",
    `cannot create the run folder in ${outRoot}: ${MAX_SUFFIX} runs named ${base} already exist`,
  );
}

/** sha256 over named contents in the given order: the run's results hash. */
export function hashContents(entries: readonly [string, string][]): string {
  const h = createHash("sha256");
  for (const [name, content] of entries) h.update(`${name}\n${content.length}\n${content}`);
  return h.digest("hex");
}
