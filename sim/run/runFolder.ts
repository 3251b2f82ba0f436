import { createHash } from "node:crypto";
import { existsSync, renameSync, writeFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CrucibleError } from "../errors/CrucibleError.ts";

/**
 * A run folder is written under a temporary name (`.<name>.partial`) and renamed when complete, so
 * a crashed run never looks finished. A failed run is renamed to `<name>.failed` and keeps what it
 * had written, with the error in `error.txt`.
 */
export interface RunFolder {
  /** Where files are being written now. */
  readonly dir: string;
  /** Final name of the folder once complete. */
  readonly finalDir: string;
  write(relativePath: string, content: string | Uint8Array): Promise<string>;
  complete(): Promise<string>;
  fail(error: unknown): Promise<string>;
  /** Synchronous `fail`, for signal handlers. */
  failSync(error: unknown): string;
}

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
  const { dir, finalDir } = await claimRunFolder(outRoot, `${name}-${seed}-${stamp}`);
  const failedDir = `${finalDir}.failed`;
  let closed = false;
  const errorText = (error: unknown) =>
    error instanceof Error ? `${error.message}\n\n${error.stack ?? ""}` : String(error);
  return {
    dir,
    finalDir,
    async write(relativePath, content) {
      const path = join(dir, relativePath);
      await mkdir(join(path, ".."), { recursive: true });
      await writeFile(path, content);
      return path;
    },
    async complete() {
      closed = true;
      await rename(dir, finalDir);
      return finalDir;
    },
    async fail(error) {
      if (closed) return failedDir;
      closed = true;
      await writeFile(join(dir, "error.txt"), errorText(error));
      await rename(dir, failedDir);
      return failedDir;
    },
    failSync(error) {
      if (closed) return failedDir;
      closed = true;
      writeFileSync(join(dir, "error.txt"), errorText(error));
      renameSync(dir, failedDir);
      return failedDir;
    },
  };
}

/**
 * Creates `.<base>.partial` with a plain (not recursive) mkdir, which fails if another process made
 * it first; then `-2`, `-3`, … until a name is free in every form (partial, complete, failed). Two
 * runs of one scenario and seed started in the same second get two folders.
 */
async function claimRunFolder(outRoot: string, base: string): Promise<{ dir: string; finalDir: string }> {
  await mkdir(outRoot, { recursive: true }).catch((cause: unknown) => {
    throw new CrucibleError("CRUCIBLE_RUN_FAILED", `cannot create the run folder in ${outRoot}`, { cause });
  });
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    const finalDir = join(outRoot, name);
    if (existsSync(finalDir) || existsSync(`${finalDir}.failed`)) continue;
    const dir = join(outRoot, `.${name}.partial`);
    try {
      await mkdir(dir);
      return { dir, finalDir };
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === "EEXIST") continue;
      throw new CrucibleError("CRUCIBLE_RUN_FAILED", `cannot create the run folder ${dir}`, { cause });
    }
  }
}

/** sha256 over named contents in the given order: the run's results hash. */
export function hashContents(entries: readonly [string, string][]): string {
  const h = createHash("sha256");
  for (const [name, content] of entries) h.update(`${name}\n${content.length}\n${content}`);
  return h.digest("hex");
}
