import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

/** The file in a `.partial` run folder that names its owner: `<pid> <host>`. */
export const OWNER_FILE = ".owner";

/** A `.partial` run folder whose owner died, and what became of it. */
export interface StalePartial {
  readonly dir: string;
  /** The `.failed` folder it was renamed to (undefined if that name was taken: left as it was). */
  readonly failedDir: string | undefined;
  readonly pid: number | undefined;
}

/** A `.partial` folder without an owner file (written before owners were recorded) this old is stale. */
const UNOWNED_STALE_MS = 60 * 60 * 1000;

/**
 * Marks failed every `.<name>.partial` folder in `outRoot` whose owning process is gone: owned by
 * this host and a pid that no longer runs, or without an owner file and untouched for an hour. Each
 * is renamed to `<name>.failed` with an `error.txt` that says so; folders of live processes and of
 * other hosts are left alone.
 */
export function sweepStalePartials(outRoot: string, now = Date.now()): StalePartial[] {
  let entries: string[];
  try {
    entries = readdirSync(outRoot);
  } catch {
    return [];
  }
  const found: StalePartial[] = [];
  for (const entry of entries) {
    const m = /^\.(.+)\.partial$/.exec(entry);
    if (!m) continue;
    const dir = join(outRoot, entry);
    const owner = readOwner(dir);
    if (owner === "alive" || owner === "unknown") continue;
    if (owner === "none" && !olderThan(dir, now - UNOWNED_STALE_MS)) continue;
    const pid = typeof owner === "number" ? owner : undefined;
    const failedDir = join(outRoot, `${m[1]}.failed`);
    try {
      writeFileSync(
        join(dir, "error.txt"),
        `abandoned: the process that wrote this run folder${pid === undefined ? "" : ` (pid ${pid})`} ended without finishing it\n`,
        { flag: "wx" },
      );
    } catch {
      // an error.txt is there already, or the folder is not writable: rename it anyway
    }
    try {
      renameSync(dir, failedDir);
      found.push({ dir, failedDir, pid });
    } catch {
      found.push({ dir, failedDir: undefined, pid });
    }
  }
  return found;
}

/** The dead owner's pid, "alive", "unknown" (another host, unreadable), or "none" (no owner file). */
function readOwner(dir: string): number | "alive" | "unknown" | "none" {
  let text: string;
  try {
    text = readFileSync(join(dir, OWNER_FILE), "utf8");
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? "none" : "unknown";
  }
  const [pidText, host] = text.trim().split(" ");
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || host !== hostname()) return "unknown";
  return isRunning(pid) ? "alive" : pid;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function olderThan(dir: string, time: number): boolean {
  try {
    return statSync(dir).mtimeMs < time;
  } catch {
    return false;
  }
}
