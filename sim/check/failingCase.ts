import { readFile } from "node:fs/promises";
import { BUILTIN_INVARIANTS } from "../engine/builtinInvariantError.ts";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { evaluateOnRun } from "../invariants/evaluateInvariant.ts";
import type { Invariant } from "../invariants/invariantAst.ts";
import type { SeedRun } from "./runSeeds.ts";

/** How an invariant broke on one run: what `crucible replay` must see again, bit for bit. */
export interface ObservedFailure {
  epoch?: number;
  /** Declared invariants: the two sides' values where it broke. */
  left?: number | null;
  right?: number | null;
  /** Built-in invariants: the values the engine reported (wei as decimal strings). */
  values?: Record<string, string | number>;
  message: string;
  /** SHA-256 of the run's result tables (declared invariants: the run completed). */
  resultsHash?: string;
}

/** Which invariant a case is about: a declared one (parsed) or a built-in one (by name). */
export type CaseInvariant = { builtin: string } | { declared: Invariant };

/** A shrunk, replayable failure (`<stateDir>/cases/<name>-seed<seed>.case.json`). */
export interface FailingCase {
  crucibleCase: 1;
  /** The shrunk scenario file, relative to the case file. */
  scenario: string;
  seed: number;
  /** The invariant as written, or the built-in invariant's name. */
  invariant: string;
  builtin: boolean;
  from: { file: string; scenario: string; epochs: number; agents: number };
  shrunk: { epochs: number; agents: number; steps: string[]; attempts: number; budgetSpent: boolean };
  expected: ObservedFailure;
}

/** How `invariant` breaks on `run`, or null when it does not (or the run failed otherwise). */
export function observeFailure(run: SeedRun, invariant: CaseInvariant): ObservedFailure | null {
  if ("builtin" in invariant) {
    const b = run.builtin;
    if (b === undefined || b.invariant !== invariant.builtin) return null;
    return { epoch: b.epoch, values: b.values, message: b.message };
  }
  if (run.metrics === undefined) return null;
  const outcome = evaluateOnRun(invariant.declared, run.metrics);
  if (outcome.status !== "fail") return null;
  return {
    ...(outcome.epoch === undefined ? {} : { epoch: outcome.epoch }),
    left: outcome.left,
    right: outcome.right,
    message: outcome.message,
    ...(run.resultsHash === undefined ? {} : { resultsHash: run.resultsHash }),
  };
}

/** Reads a case file; a missing file or field is bad input naming the file and field. */
export async function readFailingCase(path: string): Promise<FailingCase> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (cause) {
    throw new CrucibleError("CRUCIBLE_SCENARIO_NOT_FOUND", `${path}: not a readable case file`, { cause });
  }
  const c = parsed as Partial<FailingCase>;
  for (const field of ["scenario", "seed", "invariant", "builtin", "expected"] as const) {
    if (c[field] === undefined) {
      throw new CrucibleError(
        "CRUCIBLE_SCENARIO_INVALID",
        `${path}: ${field}: missing (not a crucible case)`,
      );
    }
  }
  if (c.builtin === true && !(BUILTIN_INVARIANTS as readonly string[]).includes(c.invariant as string)) {
    throw new CrucibleError(
      "CRUCIBLE_SCENARIO_INVALID",
      `${path}: invariant: ${c.invariant} is no built-in invariant (${BUILTIN_INVARIANTS.join(", ")})`,
    );
  }
  return c as FailingCase;
}
