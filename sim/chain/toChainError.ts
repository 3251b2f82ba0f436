import { CrucibleError } from "../errors/CrucibleError.ts";

/** Turns any failure (viem errors included) into CRUCIBLE_CHAIN_FAILED; CrucibleErrors pass through. */
export function toChainError(error: unknown, doing: string): CrucibleError {
  if (error instanceof CrucibleError) return error;
  const short =
    (error as { shortMessage?: string }).shortMessage ?? (error as Error).message ?? String(error);
  return new CrucibleError("CRUCIBLE_CHAIN_FAILED", `chain failed while ${doing}: ${short}`, {
    details: (error as { details?: string }).details,
    cause: error,
  });
}
