import { dirname, join } from "node:path";
import { parseInvariant } from "../invariants/parseInvariant.ts";
import {
  type CaseInvariant,
  type FailingCase,
  type ObservedFailure,
  observeFailure,
  readFailingCase,
} from "./failingCase.ts";
import { runOneSeed, type SeedRun, type SeedRunSpec } from "./runSeeds.ts";

export interface ReplayResult {
  failingCase: FailingCase;
  run: SeedRun;
  /** reproduced: the same failure, bit for bit (same result tables' hash, same values, same epoch);
   * diverged: it fails, but differently; passes: the invariant holds now (fixed, or the run broke otherwise). */
  status: "reproduced" | "diverged" | "passes";
  observed: ObservedFailure | null;
  /** What differs from the recorded failure (field: recorded → now). */
  differences: string[];
}

/** `crucible replay <case>`: runs a case's shrunk scenario on its seed and compares the failure with
 * the one recorded when it was shrunk. */
export async function replayCase(
  casePath: string,
  options: { outDir?: string; runSeed?: (spec: SeedRunSpec) => Promise<SeedRun> } = {},
): Promise<ReplayResult> {
  const failingCase = await readFailingCase(casePath);
  const invariant: CaseInvariant = failingCase.builtin
    ? { builtin: failingCase.invariant }
    : { declared: parseInvariant(failingCase.invariant, `${casePath}: invariant`) };
  const run = await (options.runSeed ?? runOneSeed)({
    scenarioPath: join(dirname(casePath), failingCase.scenario),
    seed: failingCase.seed,
    outDir: options.outDir ?? "runs/replay",
  });
  const observed = observeFailure(run, invariant);
  if (observed === null) return { failingCase, run, status: "passes", observed, differences: [] };
  const differences = compareFailures(failingCase.expected, observed);
  return {
    failingCase,
    run,
    status: differences.length === 0 ? "reproduced" : "diverged",
    observed,
    differences,
  };
}

function compareFailures(expected: ObservedFailure, observed: ObservedFailure): string[] {
  const out: string[] = [];
  for (const key of ["epoch", "left", "right", "resultsHash", "message"] as const) {
    if (expected[key] !== observed[key]) out.push(`${key}: ${expected[key]} → ${observed[key]}`);
  }
  const a = JSON.stringify(expected.values ?? null);
  const b = JSON.stringify(observed.values ?? null);
  if (a !== b) out.push(`values: ${a} → ${b}`);
  return out;
}
