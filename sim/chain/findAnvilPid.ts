import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/**
 * The PID of the Anvil process this process started on `port`: a direct child of this process whose
 * command line holds `--port <port>`. Reads /proc on Linux and falls back to `ps` elsewhere;
 * `undefined` when neither finds it.
 */
export function findAnvilPid(port: number): number | undefined {
  const portArg = `--port ${port}`;
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (ppid !== process.pid) continue;
        const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ");
        if (cmdline.includes(portArg)) return Number(entry);
      } catch {
        // the process ended while we looked
      }
    }
  } catch {
    // no /proc: use ps below
  }
  try {
    const lines = execFileSync("ps", ["-A", "-o", "pid=,ppid=,args="], { encoding: "utf8" }).split("\n");
    for (const line of lines) {
      const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
      if (m && Number(m[2]) === process.pid && m[3].includes(portArg)) return Number(m[1]);
    }
  } catch {
    // no ps either
  }
  return undefined;
}
