import { CrucibleError } from "../errors/CrucibleError.ts";
import type { MechanismOutput } from "./mechanism.ts";

/** How far a share vector's sum may stray from 1 (float rounding over up to millions of UIDs). */
export const SHARE_SUM_TOLERANCE = 1e-6;

/** The per-UID fields every mechanism returns. */
const FIELDS = ["incentive", "dividends", "consensus", "validatorTrust"] as const;
/** Of those, the ones the engine pays by: each a share vector (in [0, 1], summing to 1 or to 0). */
const SHARES = new Set<string>(["incentive", "dividends"]);

const fail = (source: string, field: string, why: string) =>
  new CrucibleError("CRUCIBLE_MECHANISM_INVALID", `${source}: output.${field}: ${why}`, {
    details:
      "A mechanism returns, per field, one Float64Array of n finite non-negative numbers; incentive and " +
      "dividends are shares (each in [0, 1], summing to 1, or all 0 when nothing is ranked); emissionShare's " +
      "server and validator together sum to 1 or 0 (sim/mechanisms/mechanism.ts).",
  });

/**
 * Checks a mechanism's epoch output as a whole before the engine pays by it: every field a
 * Float64Array of length `n` whose elements are finite and non-negative (NaN refused) with a finite
 * sum; `incentive` and `dividends` (and `emissionShare`, when given) shares in [0, 1] whose sum is
 * 1 (within SHARE_SUM_TOLERANCE) or 0. Throws CRUCIBLE_MECHANISM_INVALID naming `source` (the
 * mechanism), the field and the first offending index and value. Returns the output unchanged.
 */
export function checkMechanismOutput(output: unknown, n: number, source: string): MechanismOutput {
  if (typeof output !== "object" || output === null) {
    throw fail(source, "(all)", `expected an object with ${FIELDS.join(", ")}, got ${String(output)}`);
  }
  const o = output as Record<string, unknown>;
  for (const field of FIELDS) {
    const sum = checkVector(o[field], n, source, field);
    if (SHARES.has(field)) checkShareSum(sum, source, field);
  }
  if (o.emissionShare !== undefined) {
    const e = o.emissionShare as { server?: unknown; validator?: unknown } | null;
    const server = checkVector(e?.server, n, source, "emissionShare.server");
    const validator = checkVector(e?.validator, n, source, "emissionShare.validator");
    checkShareSum(server + validator, source, "emissionShare (server + validator)");
  }
  return output as MechanismOutput;
}

/** Checks one vector element by element and returns its sum (finite, checked). */
function checkVector(v: unknown, n: number, source: string, field: string): number {
  if (!(v instanceof Float64Array)) {
    const what = v === undefined ? "missing" : ((v as object)?.constructor?.name ?? typeof v);
    throw fail(source, field, `expected a Float64Array of ${n} numbers, got ${what}`);
  }
  if (v.length !== n) throw fail(source, field, `expected ${n} entries (one per UID), got ${v.length}`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (!Number.isFinite(x) || x < 0) {
      throw fail(source, `${field}[${i}]`, `${x} is not a finite non-negative number`);
    }
    if (SHARES.has(field) && x > 1 + SHARE_SUM_TOLERANCE) {
      throw fail(source, `${field}[${i}]`, `${x} is not a share in [0, 1]`);
    }
    sum += x;
  }
  if (!Number.isFinite(sum)) throw fail(source, field, `the entries sum to ${sum}`);
  return sum;
}

function checkShareSum(sum: number, source: string, field: string): void {
  if (sum !== 0 && Math.abs(sum - 1) > SHARE_SUM_TOLERANCE) {
    throw fail(source, field, `shares sum to ${sum}, expected 1 (or 0 when nothing is ranked)`);
  }
}
