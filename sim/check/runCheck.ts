import { resolve } from "node:path";
import { evaluateAcrossRuns, evaluateOnRun, type InvariantOutcome } from "../invariants/evaluateInvariant.ts";
import type { Invariant } from "../invariants/invariantAst.ts";
import { readFailures, type StoredFailure, writeFailures } from "./failureStore.ts";
import { type CheckTarget, loadCheckTargets } from "./loadCheckTargets.ts";
import { type RunSeeds, runSeedsSequentially, type SeedRun } from "./runSeeds.ts";

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
  runSeeds?: RunSeeds;
  log?: (line: string) => void;
}

/** One invariant's verdict over a target's seeds. */
export interface InvariantResult {
  source: string;
  kind: Invariant["kind"] | "builtin";
  status: "pass" | "fail" | "skip";
  /** Per seed (run and epoch invariants, built-ins) or one (across replicates). */
  outcomes: InvariantOutcome[];
  /** The first failing seed's outcome. */
  failure?: InvariantOutcome;
  /** The invariant's line in its file (1-based), for annotations. */
  line?: number;
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
 * happens. Failing seeds are persisted for the next check.
 */
export async function runCheck(path: string, options: CheckOptions = {}): Promise<CheckReport> {
  const targets = await loadCheckTargets(path, options.overrides);
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
    reports.push(report);
    await writeFailures(stateDir, resolve(target.file), storedFailures(report));
  }
  return { targets: reports, passed: reports.every((r) => r.passed) };
}

/** The seeds a target runs: the stored failing seeds first, then base, base+1, ... */
function seedsFor(
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

function storedFailures(report: TargetReport): StoredFailure[] {
  return report.results.flatMap((r) =>
    r.outcomes
      .filter((o) => o.status === "fail" && o.seed !== undefined)
      .map((o) => ({
        file: resolve(report.file),
        seed: o.seed as number,
        invariant: r.source,
        ...(o.epoch === undefined ? {} : { epoch: o.epoch }),
      })),
  );
}
