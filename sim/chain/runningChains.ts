/**
 * How many chains this process runs now. Stopping them on exit, signals and fatal errors is the
 * lifecycle owner's job (sim/lifecycle/processLifecycle.ts); this only counts, for tests and
 * diagnostics.
 */
let running = 0;

/** Counts one running chain; returns the function that uncounts it (idempotent). */
export function trackRunningChain(): () => void {
  running++;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    running--;
  };
}

/** How many chains this process is running. */
export function runningChainCount(): number {
  return running;
}
