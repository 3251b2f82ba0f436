import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const WATCHDOG = fileURLToPath(new URL("./anvilWatchdog.mjs", import.meta.url));
const LOG_LINES = 20;

/** An Anvil process under its watchdog (see anvilWatchdog.mjs). */
export interface AnvilProcess {
  /** Anvil's pid (undefined if the watchdog could not report it). */
  readonly pid: number | undefined;
  /** The watchdog's pid. */
  readonly watchdogPid: number | undefined;
  /** The last lines Anvil (or its watchdog) printed. */
  logs(): string;
  /** Closes the watchdog's pipe (which kills Anvil) and waits for it; kills both after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILLs Anvil and the watchdog now, synchronously (exit hooks, fatal errors). */
  killNow(): void;
}

/**
 * Starts `binary args` under the watchdog and resolves once Anvil prints "Listening on". The watchdog
 * runs in its own process group (not on Windows), so a Ctrl-C in a terminal reaches only this process,
 * whose lifecycle owner stops Anvil in order; if this process dies any other way (SIGKILL included),
 * the watchdog sees its stdin close and kills Anvil. Rejects, with the last output, when Anvil exits
 * or is not listening within `startTimeoutMs`.
 */
export async function spawnAnvil(
  binary: string,
  args: string[],
  startTimeoutMs: number,
): Promise<AnvilProcess> {
  const child = spawn(process.execPath, [WATCHDOG, binary, ...args], {
    stdio: ["pipe", "pipe", "pipe", "pipe"],
    detached: process.platform !== "win32",
    windowsHide: true,
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (lines.length > LOG_LINES) lines.splice(0, lines.length - LOG_LINES);
  };
  child.stderr?.on("data", keep);
  child.stdin?.on("error", () => {}); // EPIPE once the watchdog is gone
  let exited = false;
  let exitedCleanly = false;
  const exit = new Promise<void>((resolve) => {
    child.once("exit", (code) => {
      exited = true;
      exitedCleanly = code !== null;
      resolve();
    });
    child.once("error", () => {
      exited = true;
      resolve();
    });
  });
  const pidPromise = new Promise<number | undefined>((resolve) => {
    let text = "";
    const pipe = child.stdio[3];
    pipe?.on("data", (d: Buffer) => {
      text += d.toString("utf8");
      const m = /^(\d+)\n/.exec(text);
      if (m) resolve(Number(m[1]));
    });
    pipe?.on("close", () => resolve(undefined));
    pipe?.on("error", () => resolve(undefined));
    void exit.then(() => resolve(undefined));
  });
  let anvilPid: number | undefined;
  const killNow = () => {
    // The watchdog kills Anvil itself unless it was killed; a signal-killed watchdog leaves it to us.
    if (anvilPid !== undefined && !(exited && exitedCleanly)) tryKill(anvilPid);
    if (!exited && child.pid !== undefined) tryKill(child.pid);
  };

  let timer: NodeJS.Timeout | undefined;
  const listening = new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      keep(chunk);
      if (out.length < 65_536) {
        out += chunk.toString("utf8");
        if (out.includes("Listening on")) resolve();
      }
    });
    void exit.then(() => reject(new Error("Anvil exited")));
    timer = setTimeout(() => reject(new Error("Anvil failed to start in time")), startTimeoutMs);
  });
  try {
    await listening;
    anvilPid = await pidPromise;
  } catch (error) {
    anvilPid = await pidPromise;
    killNow();
    await exit;
    throw Object.assign(error as Error, { logs: lines.join(" | ") });
  } finally {
    clearTimeout(timer);
  }

  return {
    pid: anvilPid,
    watchdogPid: child.pid,
    logs: () => lines.join(" | "),
    killNow,
    async stop(graceMs = 1_500) {
      if (!exited) child.stdin?.end();
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([exit, new Promise<void>((r) => (grace = setTimeout(r, graceMs)))]);
      clearTimeout(grace);
      killNow();
    },
  };
}

function tryKill(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}
