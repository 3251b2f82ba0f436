/**
 * The one owner of what must not outlive this process: Anvil chains, inference workers, the run
 * folder being written. Each is registered with `own()` while it lives; while anything is owned the
 * owner listens on every way the process can end and tears the resources down:
 *
 * - `exit` (normal end, `process.exit`): `killNow` each, synchronously;
 * - SIGINT, SIGTERM, SIGHUP: `stop` each (bounded), `killNow` what is left, then re-raise the signal
 *   so the process still dies of it (exit 128 + n if another listener keeps it alive);
 * - an uncaught exception or unhandled rejection: `killNow` each at once. The listeners are
 *   *prepended*, so they run before the ones tfjs-backend-wasm's Emscripten glue installs
 *   (`ex => { throw ex }`, which ends Node with code 7 without an `exit` event). When nobody else
 *   listens (or the CLI asked for it with `exitOnFatal`) the error is printed and the process exits 1.
 *
 * What cannot run JavaScript (SIGKILL, an abort) is covered elsewhere: Anvil runs under a watchdog
 * that kills it when this process's pipe closes (sim/chain/anvilWatchdog.mjs), worker threads die
 * with the process, and a stale `.partial` run folder is recognised by its dead owner pid.
 */
export interface OwnedResource {
  /** What it is, for diagnostics ("anvil on :8545"). */
  readonly name: string;
  /** Graceful teardown (a signal): may take a moment. */
  stop(reason: string): Promise<void>;
  /** Immediate teardown, synchronous (exit, fatal error): kill, do not wait. */
  killNow(reason: string): void;
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
type OwnedSignal = (typeof SIGNALS)[number];
const SIGNAL_NUMBERS: Record<OwnedSignal, number> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };
/** How long a signal waits for graceful stops before killing what is left. */
const STOP_GRACE_MS = 1_000;

const owned = new Set<OwnedResource>();
type FatalOrigin = "uncaught exception" | "unhandled rejection";
let printFatal: ((error: unknown, origin: FatalOrigin) => void) | undefined;
let installed = false;

/** Registers a resource; returns the function that releases it (call it once it is stopped). */
export function own(resource: OwnedResource): () => void {
  owned.add(resource);
  if (!installed) install();
  return () => {
    if (!owned.delete(resource)) return;
    if (owned.size === 0) uninstall();
  };
}

/** How many resources are owned now (for tests and diagnostics). */
export function ownedCount(): number {
  return owned.size;
}

/**
 * The CLI's choice: on an uncaught exception or unhandled rejection while something is owned, print
 * the error with `print` and exit 1, whoever else listens. Library callers keep Node's behaviour.
 */
export function exitOnFatal(print: (error: unknown, origin: FatalOrigin) => void): void {
  printFatal = print;
}

function killAll(reason: string): void {
  // Last registered first: the reverse of the order things were started in.
  for (const r of [...owned].reverse()) {
    owned.delete(r);
    try {
      r.killNow(reason);
    } catch {
      // keep killing the others
    }
  }
}

function onExit(code: number): void {
  killAll(`the process exited (code ${code}) while it ran`);
  uninstall();
}

let stoppingFor: OwnedSignal | undefined;

/**
 * The exit status this process is ending with because of a signal the owner is handling (128 + its
 * number), else undefined: a command that fails meanwhile (its chain was just stopped) should end
 * with this rather than report the failure as its own.
 */
export function signalExitCode(): number | undefined {
  return stoppingFor === undefined ? undefined : 128 + SIGNAL_NUMBERS[stoppingFor];
}

async function onSignal(signal: OwnedSignal): Promise<void> {
  stoppingFor = signal;
  const reason = `interrupted by ${signal}`;
  const resources = [...owned].reverse();
  uninstall();
  owned.clear();
  const grace = new Promise<void>((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
  await Promise.race([Promise.allSettled(resources.map((r) => r.stop(reason))), grace]);
  for (const r of resources) {
    try {
      r.killNow(reason); // whatever did not stop in time (a no-op for what did)
    } catch {
      // keep going
    }
  }
  // Die of the same signal; if another listener keeps the process alive, still exit non-zero.
  setTimeout(() => process.exit(128 + SIGNAL_NUMBERS[signal]), 2_000).unref();
  process.kill(process.pid, signal);
}

function onFatal(event: "uncaughtException" | "unhandledRejection", error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const origin: FatalOrigin = event === "uncaughtException" ? "uncaught exception" : "unhandled rejection";
  killAll(`${origin}: ${message}`);
  uninstall();
  const others = process.listenerCount(event);
  if (printFatal !== undefined || others === 0) {
    (printFatal ?? printStack)(error, origin);
    process.exit(1);
  }
  // Others listen (a test runner, tfjs's glue that rethrows): they decide; nothing is left running.
}

function printStack(error: unknown): void {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}

const signalHandlers = Object.fromEntries(SIGNALS.map((s) => [s, () => void onSignal(s)])) as Record<
  OwnedSignal,
  () => void
>;
const onUncaught = (error: unknown) => onFatal("uncaughtException", error);
const onRejection = (reason: unknown) => onFatal("unhandledRejection", reason);

function install(): void {
  installed = true;
  for (const s of SIGNALS) process.on(s, signalHandlers[s]);
  process.on("exit", onExit);
  process.prependListener("uncaughtException", onUncaught);
  process.prependListener("unhandledRejection", onRejection);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  for (const s of SIGNALS) process.off(s, signalHandlers[s]);
  process.off("exit", onExit);
  process.off("uncaughtException", onUncaught);
  process.off("unhandledRejection", onRejection);
}
