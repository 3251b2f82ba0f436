// The process between Crucible and its Anvil: `node anvilWatchdog.mjs <anvil binary> <args...>`.
// Plain JS so that it runs under plain node, in its own process. It starts Anvil as its child (stdout
// and stderr passed straight through), writes Anvil's pid on fd 3, and kills Anvil (SIGKILL) as soon
// as its stdin reaches end of file: the parent holds the only write end of that pipe, so the pipe
// closes however the parent ends, SIGKILL included. A signal to the watchdog, or the parent closing
// the pipe (a normal stop), ends Anvil the same way; when Anvil exits by itself, so does the watchdog.
import { spawn } from "node:child_process";
import { writeSync } from "node:fs";

const [binary, ...args] = process.argv.slice(2);
const anvil = spawn(binary, args, { stdio: ["ignore", "inherit", "inherit"] });

function killAnvil() {
  try {
    anvil.kill("SIGKILL");
  } catch {
    // already gone
  }
}

// Kill Anvil, then wait for its exit (so it is reaped, not left a zombie), then end.
function end() {
  killAnvil();
  setTimeout(() => process.exit(0), 2_000).unref();
}

anvil.on("error", (error) => {
  process.stderr.write(`anvil watchdog: cannot start ${binary}: ${error.message}\n`);
  process.exit(127);
});
anvil.on("exit", (code) => process.exit(code ?? 0));
if (anvil.pid !== undefined) {
  try {
    writeSync(3, `${anvil.pid}\n`);
  } catch {
    // no fd 3: the pid is only a convenience for the parent
  }
}
process.stdin.on("end", end);
process.stdin.on("close", end);
process.stdin.on("error", end);
process.stdin.resume();
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, end);
