/** How often a sweep's run checks that the sweep that started it is still alive. */
const CHECK_EVERY_MS = 500;

/**
 * A run started by `crucible sweep` is told the sweep's pid (`CRUCIBLE_PARENT_PID`). If the sweep
 * dies without stopping it (kill -9), the run stops itself with SIGTERM (its folder is marked
 * failed, its Anvil stopped), so no orphan keeps using the machine after the sweep is gone. The
 * check is unref'd: it never keeps the process alive. Returns a function that ends the watch.
 */
export function exitWithParent(env: NodeJS.ProcessEnv = process.env): () => void {
  const pid = Number(env.CRUCIBLE_PARENT_PID);
  if (!Number.isInteger(pid) || pid <= 0) return () => {};
  const timer = setInterval(() => {
    if (process.ppid === pid) return;
    // Re-parented: the sweep is gone (or was never our parent); confirm it is not alive.
    try {
      process.kill(pid, 0);
    } catch {
      clearInterval(timer);
      process.kill(process.pid, "SIGTERM");
    }
  }, CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
