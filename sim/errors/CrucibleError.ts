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
  | "CRUCIBLE_REPORT_FAILED";

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
