/**
 * Makes sure no Anvil outlives the process: while at least one chain runs, SIGINT/SIGTERM handlers
 * stop every running chain and then re-raise the signal (so the process still dies of it, non-zero),
 * and an `exit` hook kills any Anvil still alive (uncaught errors, `process.exit`). The handlers are
 * removed when the last chain stops.
 */
interface RunningChain {
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const running = new Set<RunningChain>();
const SIGNALS = ["SIGINT", "SIGTERM"] as const;
const SIGNAL_NUMBERS: Record<(typeof SIGNALS)[number], number> = { SIGINT: 2, SIGTERM: 15 };

function onExit(): void {
  for (const chain of running) {
    if (chain.pid === undefined) continue;
    try {
      process.kill(chain.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

async function onSignal(signal: (typeof SIGNALS)[number]): Promise<void> {
  const chains = [...running];
  uninstall();
  await Promise.allSettled(chains.map((c) => c.stop()));
  onExit(); // anything that failed to stop in time
  // Die of the same signal; if another listener keeps the process alive, still exit non-zero.
  setTimeout(() => process.exit(128 + SIGNAL_NUMBERS[signal]), 2000).unref();
  process.kill(process.pid, signal);
}

const handlers = Object.fromEntries(SIGNALS.map((s) => [s, () => void onSignal(s)])) as Record<
  (typeof SIGNALS)[number],
  () => void
>;

function install(): void {
  for (const s of SIGNALS) process.on(s, handlers[s]);
  process.on("exit", onExit);
}

function uninstall(): void {
  for (const s of SIGNALS) process.off(s, handlers[s]);
  process.off("exit", onExit);
}

/** Registers a running chain; returns the function that unregisters it (call it from stop()). */
export function trackRunningChain(chain: RunningChain): () => void {
  if (running.size === 0) install();
  running.add(chain);
  return () => {
    if (!running.delete(chain)) return;
    if (running.size === 0) uninstall();
  };
}

/** How many chains this process is running (for tests and diagnostics). */
export function runningChainCount(): number {
  return running.size;
}
