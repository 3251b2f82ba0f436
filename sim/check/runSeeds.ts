import { BuiltinInvariantError } from "../engine/builtinInvariantError.ts";
import type { RunMetrics } from "../invariants/evaluateInvariant.ts";
import type { StartProtocol } from "../protocol/protocolDeployment.ts";
import { runScenario } from "../runScenario.ts";
import { invariantMetrics } from "./invariantMetrics.ts";

/** One scenario run as a check needs it. */
export interface SeedRunSpec {
  scenarioPath: string;
  seed: number;
  epochs?: number;
  overrides?: Record<string, unknown>;
  outDir: string;
}

/** What one seed's run gave: its metrics, or the built-in invariant that stopped it, or an error. */
export interface SeedRun {
  seed: number;
  runDir?: string;
  resultsHash?: string;
  metrics?: RunMetrics;
  builtin?: { invariant: string; epoch: number; values: Record<string, string | number>; message: string };
  error?: string;
}

/** Runs several seeds. The default runs them one after another in this process; the sweep pool
 * (issue 18) can stand in here to run them in parallel, one process each. */
export type RunSeeds = (specs: readonly SeedRunSpec[]) => Promise<SeedRun[]>;

export const runSeedsSequentially: RunSeeds = async (specs) => {
  const runs: SeedRun[] = [];
  for (const spec of specs) runs.push(await runOneSeed(spec));
  return runs;
};

/** One run through `runScenario`: a failed built-in invariant or any run error is a result, not a throw.
 * `startProtocol` is runScenario's seam for tests that plant a protocol bug. */
export async function runOneSeed(
  spec: SeedRunSpec,
  options: { startProtocol?: StartProtocol } = {},
): Promise<SeedRun> {
  try {
    const run = await runScenario({
      scenarioPath: spec.scenarioPath,
      seed: spec.seed,
      epochs: spec.epochs,
      overrides: spec.overrides,
      outDir: spec.outDir,
      startProtocol: options.startProtocol,
    });
    return {
      seed: spec.seed,
      runDir: run.runDir,
      resultsHash: run.resultsHash,
      metrics: invariantMetrics(spec.seed, run.tables),
    };
  } catch (error) {
    if (error instanceof BuiltinInvariantError) {
      return {
        seed: spec.seed,
        builtin: {
          invariant: error.invariant,
          epoch: error.epoch,
          values: error.values,
          message: error.message,
        },
      };
    }
    return { seed: spec.seed, error: (error as Error).message };
  }
}
