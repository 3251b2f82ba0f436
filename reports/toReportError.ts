import { CrucibleError } from "../sim/errors/CrucibleError.ts";

/** Turns any failure (a file that cannot be read or written, say) into CRUCIBLE_REPORT_FAILED with the
 * original as its cause; CrucibleErrors pass through. */
export function toReportError(error: unknown, doing: string): CrucibleError {
  if (error instanceof CrucibleError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CrucibleError("CRUCIBLE_REPORT_FAILED", `report failed while ${doing}: ${message}`, {
    cause: error,
  });
}
