import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { stringify } from "yaml";
import { type CaseInvariant, type FailingCase, type ObservedFailure, observeFailure } from "./failingCase.ts";
import { runOneSeed, type SeedRun, type SeedRunSpec } from "./runSeeds.ts";
import { agentCount, type RawScenario, shrinkCandidates } from "./shrinkCandidates.ts";

export interface ShrinkOptions {
  /** Where the case and its shrunk scenario are written. */
  casesDir: string;
  /** Where the attempts' run folders go (each removed once judged). */
  outDir: string;
  /** Wall-clock budget for the attempts (default 60 s): it bounds how far the shrink goes, never a
   * result; the case written is always one that failed. */
  budgetMs?: number;
  /** Most runs tried (default 200). */
  maxAttempts?: number;
  runSeed?: (spec: SeedRunSpec) => Promise<SeedRun>;
  log?: (line: string) => void;
}

export interface ShrinkInput {
  /** A name for the case files, unique per failure (e.g. `<target>-seed42-inv1`). */
  name: string;
  /** The check file (or scenario) the failure came from, and its scenario file. */
  file: string;
  scenarioPath: string;
  /** The scenario as it ran: the file with the check's overrides, seed and epochs applied. */
  raw: RawScenario;
  seed: number;
  invariant: CaseInvariant;
  /** How it failed in the check. */
  failure: ObservedFailure;
}

/**
 * Shrinks a failing run the way property-based testers do: tries smaller scenarios (shrinkCandidates)
 * on the same seed and keeps the first that still breaks the same invariant, until none does or the
 * budget is spent; then writes the shrunk scenario and a case file that `crucible replay` runs.
 * Returns the case file's path and the case.
 */
export async function shrinkFailure(
  input: ShrinkInput,
  options: ShrinkOptions,
): Promise<{ path: string; failingCase: FailingCase }> {
  const runSeed = options.runSeed ?? runOneSeed;
  const budget = options.budgetMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 200;
  const started = performance.now();
  const base = input.name;
  await mkdir(options.casesDir, { recursive: true });
  const attemptFile = join(options.casesDir, `.${base}.attempt.yaml`);
  let current = input.raw;
  let failure = input.failure;
  const steps: string[] = [];
  let attempts = 0;
  let budgetSpent = false;
  let progress = true;
  while (progress) {
    progress = false;
    for (const candidate of shrinkCandidates(current, failure.epoch)) {
      if (attempts >= maxAttempts || performance.now() - started > budget) {
        budgetSpent = true;
        break;
      }
      attempts++;
      await writeFile(attemptFile, stringify(candidate.raw));
      const run = await runSeed({ scenarioPath: attemptFile, seed: input.seed, outDir: options.outDir });
      if (run.runDir !== undefined) await rm(run.runDir, { recursive: true, force: true });
      const observed = observeFailure(run, input.invariant);
      if (observed === null) continue;
      options.log?.(`  shrink: ${candidate.step} still fails`);
      current = candidate.raw;
      failure = observed;
      steps.push(candidate.step);
      progress = true;
      break;
    }
    if (budgetSpent) break;
  }
  await rm(attemptFile, { force: true });
  const scenarioFile = `${base}.scenario.yaml`;
  const header = [
    `# Shrunk by crucible check from ${input.file} (seed ${input.seed}): ${describe(input.invariant)} fails.`,
    `# Replay: crucible replay ${join(options.casesDir, `${base}.case.json`)}`,
  ].join("\n");
  await writeFile(join(options.casesDir, scenarioFile), `${header}\n${stringify(current)}`);
  const failingCase: FailingCase = {
    crucibleCase: 1,
    scenario: scenarioFile,
    seed: input.seed,
    invariant: describe(input.invariant),
    builtin: "builtin" in input.invariant,
    from: {
      file: input.file,
      scenario: input.scenarioPath,
      epochs: epochsOf(input.raw),
      agents: agentCount(input.raw),
    },
    shrunk: { epochs: epochsOf(current), agents: agentCount(current), steps, attempts, budgetSpent },
    expected: failure,
  };
  const path = join(options.casesDir, `${base}.case.json`);
  await writeFile(path, `${JSON.stringify(failingCase, null, 2)}\n`);
  return { path, failingCase };
}

const describe = (i: CaseInvariant) => ("builtin" in i ? i.builtin : i.declared.source);
const epochsOf = (raw: RawScenario) => (typeof raw.epochs === "number" ? raw.epochs : 20);
