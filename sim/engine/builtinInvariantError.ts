import { CrucibleError } from "../errors/CrucibleError.ts";

/** The built-in invariants the engine checks after every epoch (checkBuiltinInvariants.ts). */
export const BUILTIN_INVARIANTS = [
  "supply-conservation",
  "paid-within-minted",
  "mint-within-schedule",
  "slash-authorised",
  "one-uid-per-hotkey",
  "only-revealed-weights",
] as const;
export type BuiltinInvariant = (typeof BUILTIN_INVARIANTS)[number];

/** A built-in invariant broke: which, at which epoch, and the values that broke it (decimal strings for wei). */
export class BuiltinInvariantError extends CrucibleError {
  constructor(
    readonly invariant: BuiltinInvariant,
    readonly epoch: number,
    readonly values: Record<string, string | number>,
    reason: string,
  ) {
    super(
      "CRUCIBLE_INVARIANT_BROKEN",
      `built-in invariant ${invariant} broken at epoch ${epoch}: ${reason}`,
      {
        details: Object.entries(values)
          .map(([k, v]) => `${k} = ${v}`)
          .join("\n"),
      },
    );
  }
}
