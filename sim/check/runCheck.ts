import { join, resolve } from "node:path";
import { evaluateAcrossRuns, evaluateOnRun, type InvariantOutcome } from "../invariants/evaluateInvariant.ts";
import type { Invariant } from "../invariants/invariantAst.ts";
import { type Baseline, compareToBaseline } from "./baseline.ts";
import { type CaseInvariant, observeFailure } from "./failingCase.ts";
import { readFailures, type StoredFailure, writeFailures } from "./failureStore.ts";
import { type CheckTarget, loadCheckTargets } from "./loadCheckTargets.ts";
import {
  type RunSeeds,
  runOneSeed,
  runSeedsSequentially,
  type SeedRun,
  type SeedRunSpec,
} from "./runSeeds.ts";
import { scalePopulation } from "./shrinkCandidates.ts";
import { shrinkFailure } from "./shrinkFailure.ts";

export interface CheckOptions {
  /** Seeds per scenario (default: the check file's, else 3). */
  seeds?: number;
  /** Epochs per run (overrides the check file's and the scenario's). */
  epochs?: number;
  /** Scenario fields merged into every scenario (e.g. { chain: { backend: "memory" } }). */
  overrides?: Record<string, unknown>;
  /** Where the runs go (default runs/check). */
  outDir?: string;
  /** Where failures persist between checks (default .crucible). */
  stateDir?: string;
  /** Every agent group's count times this (rounded, at least 1): a reduced-size check. */
  scale?: number;
  /** Shrink each failing invariant to a smaller replayable case (default true). */
  shrink?: boolean;
  /** Wall-clock budget per shrink (default 60 s). */
  shrinkBudgetMs?: number;
  /** Most runs one shrink tries (default 200). */
  shrinkAttempts?: number;
  /** Hold every target to this baseline (`--baseline`): a significant regression fails it. */
  baseline?: { file: string; data: Baseline; tolerance?: number };
  runSeeds?: RunSeeds;
  /** Runs one seed of a shrink attempt or a replay (default runOneSeed). */
  runSeed?: (spec: SeedRunSpec) => Promise<SeedRun>;
  log?: (line: string) => void;
}

/** One invariant's verdict over a target's seeds. */
export interface InvariantResult {
  source: string;
  kind: Invariant["kind"] | "builtin" | "baseline";
  status: "pass" | "fail" | "skip";
  /** Per seed (run and epoch invariants, built-ins) or one (across replicates). */
  outcomes: InvariantOutcome[];
  /** The first failing seed's outcome. */
  failure?: InvariantOutcome;
  /** The invariant's line in its file (1-based), for annotations. */
  line?: number;
  /** The shrunk case of the failure, for `crucible replay`. */
  shrunk?: {
    casePath: string;
    scenarioPath: string;
    epochs: number;
    agents: number;
    from: { epochs: number; agents: number };
  };
}

export interface TargetReport {
  name: string;
  file: string;
  scenarioPath: string;
  seeds: number[];
  runs: SeedRun[];
  results: InvariantResult[];
  passed: boolean;
}

export interface CheckReport {
  targets: TargetReport[];
  passed: boolean;
}

export const BUILTIN_SOURCE = "built-in protocol invariants";

/**
 * `crucible check`: every target (a check file, a scenario with invariants, a folder of them) runs on
 * its seeds — first any seed that failed last time — and every invariant is evaluated: per run and per
 * epoch on each seed, across replicates over all of them; the built-in invariants fail a run as it
 * happens; with a baseline, every metric with a direction is held to it. Each failing per-run,
 * per-epoch or built-in invariant is shrunk to a replayable case; failing seeds (and their cases) are
 * persisted for the next check.
 */
export async function runCheck(path: string, options: CheckOptions = {}): Promise<CheckReport> {
  const targets = (await loadCheckTargets(path, options.overrides)).map((t) => scaled(t, options.scale));
  const stateDir = options.stateDir ?? ".crucible";
  const stored = await readFailures(stateDir);
  const reports: TargetReport[] = [];
  for (const target of targets) {
    const seeds = seedsFor(target, options.seeds, stored);
    options.log?.(`${target.name}: ${seeds.length} seeds (${seeds.join(", ")})`);
    const runs = await (options.runSeeds ?? runSeedsSequentially)(
      seeds.map((seed) => ({
        scenarioPath: target.scenarioPath,
        seed,
        epochs: options.epochs ?? target.epochs,
        overrides: target.overrides,
        outDir: options.outDir ?? "runs/check",
      })),
    );
    const report = evaluateTarget(target, seeds, runs);
    const held = options.baseline
      ? compareToBaseline(report, options.baseline.data, options.baseline.file, {
          tolerance: options.baseline.tolerance,
        })
      : null;
    if (held !== null) {
      report.results.push(held);
      report.passed = report.passed && held.status !== "fail";
    }
    if (!report.passed && options.shrink !== false) await shrinkFailures(target, report, options, stateDir);
    reports.push(report);
    await writeFailures(stateDir, resolve(target.file), storedFailures(report));
  }
  return { targets: reports, passed: reports.every((r) => r.passed) };
}

/** The seeds a target runs: the stored failing seeds first, then base, base+1, ... */
export function seedsFor(
  target: CheckTarget,
  count: number | undefined,
  stored: readonly StoredFailure[],
): number[] {
  const n = count ?? target.seeds ?? 3;
  const first = stored.filter((f) => f.file === resolve(target.file)).map((f) => f.seed);
  const regular = Array.from({ length: n }, (_, i) => target.baseSeed + i);
  return [...new Set([...first, ...regular])];
}

/** Evaluates a target's invariants over its runs. Pure. */
export function evaluateTarget(target: CheckTarget, seeds: number[], runs: readonly SeedRun[]): TargetReport {
  const results: InvariantResult[] = [builtinResult(runs)];
  const completed = runs.flatMap((r) => (r.metrics === undefined ? [] : [r.metrics]));
  for (const invariant of target.invariants) {
    const outcomes =
      invariant.kind === "replicates"
        ? completed.length === 0
          ? []
          : [evaluateAcrossRuns(invariant, completed)]
        : completed.map((m) => evaluateOnRun(invariant, m));
    const failure = outcomes.find((o) => o.status === "fail");
    const status =
      failure !== undefined ? "fail" : outcomes.some((o) => o.status === "pass") ? "pass" : "skip";
    const line = target.text.split("\n").findIndex((l) => l.includes(invariant.source)) + 1;
    results.push({
      source: invariant.source,
      kind: invariant.kind,
      status,
      outcomes,
      ...(failure ? { failure } : {}),
      ...(line > 0 ? { line } : {}),
    });
  }
  return {
    name: target.name,
    file: target.file,
    scenarioPath: target.scenarioPath,
    seeds,
    runs: [...runs],
    results,
    passed: results.every((r) => r.status !== "fail"),
  };
}

function builtinResult(runs: readonly SeedRun[]): InvariantResult {
  const outcomes: InvariantOutcome[] = runs.map((r) => {
    const base = { source: BUILTIN_SOURCE, kind: "run" as const, seed: r.seed, left: null, right: null };
    if (r.builtin !== undefined)
      return { ...base, status: "fail", epoch: r.builtin.epoch, message: r.builtin.message };
    if (r.error !== undefined) return { ...base, status: "fail", message: `the run failed: ${r.error}` };
    return { ...base, status: "pass", message: "held every epoch" };
  });
  const failure = outcomes.find((o) => o.status === "fail");
  return {
    source: BUILTIN_SOURCE,
    kind: "builtin",
    status: failure ? "fail" : "pass",
    outcomes,
    ...(failure ? { failure } : {}),
  };
}

function scaled(target: CheckTarget, scale: number | undefined): CheckTarget {
  if (scale === undefined || scale === 1) return target;
  const raw = scalePopulation(target.raw, scale);
  return { ...target, raw, overrides: { ...target.overrides, population: raw.population } };
}

/** Shrinks the first failing seed of every failed per-run, per-epoch or built-in invariant to a case
 * in <stateDir>/cases (an invariant across replicates has no single run to shrink). */
async function shrinkFailures(
  target: CheckTarget,
  report: TargetReport,
  options: CheckOptions,
  stateDir: string,
): Promise<void> {
  for (const [index, result] of report.results.entries()) {
    const seed = result.failure?.seed;
    if (result.kind === "replicates" || result.kind === "baseline" || seed === undefined) continue;
    const run = report.runs.find((r) => r.seed === seed);
    const invariant: CaseInvariant | null =
      result.kind === "builtin"
        ? run?.builtin === undefined
          ? null
          : { builtin: run.builtin.invariant }
        : { declared: target.invariants.find((i) => i.source === result.source) as Invariant };
    const failure = run === undefined || invariant === null ? null : observeFailure(run, invariant);
    if (failure === null || invariant === null) continue;
    options.log?.(`${target.name}: shrinking seed ${seed} (${result.source})`);
    const epochs = options.epochs ?? target.epochs ?? target.scenarioEpochs;
    const { path, failingCase } = await shrinkFailure(
      {
        name: `${target.name}-seed${seed}-${index === 0 ? "builtin" : `inv${index}`}`,
        file: target.file,
        scenarioPath: target.scenarioPath,
        raw: { ...target.raw, seed, epochs },
        seed,
        invariant,
        failure,
      },
      {
        casesDir: join(stateDir, "cases"),
        outDir: join(options.outDir ?? "runs/check", "shrink"),
        budgetMs: options.shrinkBudgetMs,
        maxAttempts: options.shrinkAttempts,
        runSeed: options.runSeed ?? runOneSeed,
        log: options.log,
      },
    );
    result.shrunk = {
      casePath: path,
      scenarioPath: join(stateDir, "cases", failingCase.scenario),
      epochs: failingCase.shrunk.epochs,
      agents: failingCase.shrunk.agents,
      from: { epochs: failingCase.from.epochs, agents: failingCase.from.agents },
    };
  }
}

function storedFailures(report: TargetReport): StoredFailure[] {
  return report.results.flatMap((r) =>
    r.outcomes
      .filter((o) => o.status === "fail" && o.seed !== undefined)
      .map((o) => ({
        file: resolve(report.file),
        seed: o.seed as number,
        invariant: r.source,
        ...(o.epoch === undefined ? {} : { epoch: o.epoch }),
        ...(r.shrunk !== undefined && r.failure?.seed === o.seed ? { casePath: r.shrunk.casePath } : {}),
      })),
  );
}
