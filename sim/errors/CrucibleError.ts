/**
 * One error family (viem/vitest style): a short message, optional details, a cause chain and a
 * stable code that scripts and CI can match on.
 */
export type CrucibleErrorCode =
  | "CRUCIBLE_SCENARIO_INVALID"
  | "CRUCIBLE_SCENARIO_NOT_FOUND"
  | "CRUCIBLE_ANVIL_START_FAILED"
  | "CRUCIBLE_CHAIN_FAILED"
  | "CRUCIBLE_CONTRACTS_STALE"
  | "CRUCIBLE_INFERENCE_FAILED"
  | "CRUCIBLE_MECHANISM_INVALID"
  | "CRUCIBLE_RUN_FAILED"
  | "CRUCIBLE_REPORT_FAILED"
  /** A deployment given by hand (not from a scenario, whose schema bounds it) that the contracts would reject. */
  | "CRUCIBLE_DEPLOYMENT_INVALID"
  /** A caller broke a function's contract: unequal lengths, a value out of its type's range (a bug, not bad input). */
  | "CRUCIBLE_INVALID_ARGUMENT"
  /** A built-in protocol invariant (supply conservation, paid ≤ minted, ...) broke during a run. */
  | "CRUCIBLE_INVARIANT_BROKEN"
  /** `crucible check`: an invariant failed (the run itself completed). */
  | "CRUCIBLE_CHECK_FAILED"
  /** The command line itself is wrong: unknown command or flag, a missing argument, a file that exists. */
  | "CRUCIBLE_USAGE"
  /** `crucible compare --fail-on`: B is significantly worse than A on a named metric. */
  | "CRUCIBLE_COMPARE_WORSE"
  /** `crucible replay`: the case ran differently from when it was recorded (another hash or value). */
  | "CRUCIBLE_REPLAY_DIVERGED"
  /** A run checkpoint that cannot be used: corrupted (its content hash differs), of another format
   * version, or of another scenario or backend. Nothing is overwritten. */
  | "CRUCIBLE_CHECKPOINT_INVALID";

export class CrucibleError extends Error {
  override readonly name = "CrucibleError";
  readonly code: CrucibleErrorCode;
  readonly details?: string;

  constructor(code: CrucibleErrorCode, message: string, options: { details?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }
}
