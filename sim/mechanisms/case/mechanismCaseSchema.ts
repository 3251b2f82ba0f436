import { z } from "zod";
import { yumaHyperparametersSchema } from "../yuma/yumaHyperparameters.ts";

/**
 * A mechanism case for `crucible mechanism <case.json>`: a subnet's stake and a script of epochs,
 * each setting some validators' weights and resetting some bonds before the epoch runs.
 * Everything but `stake` and `epochs` has a default (the chain's, reference §1.9).
 */
const u16 = z.number().int().min(0).max(65535);

/** A weight row: `{ "<uid>": u16, ... }` (only the listed entries exist) or one u16 per UID. */
const weightRowSchema = z.union([z.record(z.string(), u16), z.array(u16)]);

export const caseEpochSchema = z.strictObject({
  /** Block at which the epoch runs (after this epoch's weight settings). */
  block: z.number().int().min(0),
  /** Rows set at `block`, keyed by validator UID; a row persists until the validator sets a new one. */
  setWeights: z.record(z.string(), weightRowSchema).optional(),
  /** UIDs whose bonds column is cleared before the epoch (`do_reset_bonds`). */
  resetBonds: z.array(z.number().int().min(0)).optional(),
});

export const MECHANISM_CASE_NAMES = ["yuma", "yuma-no-clip", "yuma-no-bonds", "stake-weighted-mean"] as const;

export const mechanismCaseSchema = z
  .strictObject({
    mechanism: z.enum(MECHANISM_CASE_NAMES).default("yuma"),
    hyperparameters: yumaHyperparametersSchema.optional(),
    /** Stake per UID; its length is the number of UIDs. */
    stake: z.array(z.number().min(0, "expected a non-negative stake")).min(1),
    /** Registration block per UID (default 0); a UID's last update starts at its registration. */
    registeredAtBlock: z.array(z.number().int().min(0)).optional(),
    /** The subnet owner's UID, if the case models one (always permitted, keeps its self-weight). */
    ownerUid: z.number().int().min(0).optional(),
    epochs: z.array(caseEpochSchema).min(1),
  })
  .superRefine((c, ctx) => {
    const n = c.stake.length;
    const uidError = (path: PropertyKey[]) =>
      ctx.addIssue({ code: "custom", path, message: `expected a UID from 0 to ${n - 1}` });
    if (c.registeredAtBlock && c.registeredAtBlock.length !== n) {
      ctx.addIssue({
        code: "custom",
        path: ["registeredAtBlock"],
        message: `expected ${n} entries (one per UID, as in stake), got ${c.registeredAtBlock.length}`,
      });
    }
    if (c.ownerUid !== undefined && c.ownerUid >= n) uidError(["ownerUid"]);
    const minAllowed = Math.min(c.hyperparameters?.minAllowedWeights ?? 1024, n);
    c.epochs.forEach((epoch, k) => {
      if (k > 0 && epoch.block <= c.epochs[k - 1].block) {
        ctx.addIssue({
          code: "custom",
          path: ["epochs", k, "block"],
          message: `expected a block after the previous epoch's (${c.epochs[k - 1].block})`,
        });
      }
      epoch.resetBonds?.forEach((uid, r) => {
        if (uid >= n) uidError(["epochs", k, "resetBonds", r]);
      });
      for (const [key, row] of Object.entries(epoch.setWeights ?? {})) {
        const path = ["epochs", k, "setWeights", key];
        if (!isUid(key, n)) {
          uidError(path);
          continue;
        }
        const targets = Array.isArray(row) ? null : Object.keys(row);
        if (Array.isArray(row) && row.length !== n) {
          ctx.addIssue({
            code: "custom",
            path,
            message: `expected ${n} weights (one per UID), got ${row.length}`,
          });
          continue;
        }
        for (const target of targets ?? []) if (!isUid(target, n)) uidError([...path, target]);
        const count = targets ? targets.length : n;
        const selfOnly = targets?.length === 1 && targets[0] === key;
        if (count < minAllowed && !selfOnly) {
          ctx.addIssue({
            code: "custom",
            path,
            message: `expected at least ${minAllowed} weights (minAllowedWeights, capped at the UID count), got ${count}; the chain rejects this set_weights`,
          });
        }
      }
    });
  });

export type MechanismCase = z.output<typeof mechanismCaseSchema>;
export type MechanismCaseInput = z.input<typeof mechanismCaseSchema>;

function isUid(key: string, n: number): boolean {
  return /^(0|[1-9]\d*)$/.test(key) && Number(key) < n;
}
