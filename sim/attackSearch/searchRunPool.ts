import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import PQueue from "p-queue";
import { readRunFolder } from "../run/readRunFolder.ts";
import type { SetOverride } from "../scenario/setOverrides.ts";
import { type ProcessRun, runCrucibleProcess } from "../sweep/runCrucibleProcess.ts";
import type { RunOutcome } from "./objectiveValue.ts";

/** One `crucible run` a search asks for. */
export interface SearchRunSpec {
  scenarioPath: string;
  seed: number;
  epochs: number;
  sets: readonly SetOverride[];
}

/** What became of it (folder relative to the search folder). */
export interface SearchRun {
  key: string;
  seed: number;
  epochs: number;
  status: "complete" | "failed";
  runDir: string | null;
  error: string | null;
  seconds: number;
  resultsHash: string | null;
  outcome: RunOutcome | null;
}

/** A run's identity: the same scenario, seed, epochs and fields give the same key (and the same tables). */
export function runKey(spec: SearchRunSpec): string {
  const text = JSON.stringify([spec.scenarioPath, spec.seed, spec.epochs, spec.sets]);
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** The `crucible run` arguments of a spec (values as JSON, which YAML reads back). */
export function searchRunArguments(spec: SearchRunSpec, out: string): string[] {
  const args = ["run", spec.scenarioPath, "--seed", String(spec.seed), "--epochs", String(spec.epochs)];
  args.push("--out", out, "--quiet", "--no-charts");
  for (const { path, value } of spec.sets) args.push("--set", `${path}=${JSON.stringify(value)}`);
  return args;
}

/**
 * The search's pool: each run its own `crucible run` process (the sweep's), `workers` at once, each
 * told its share of the cores. A run asked for twice (an honest twin two candidates share, a
 * candidate drawn again) runs once. Only what the objective reads is kept in memory; the run folders
 * stay under `<search>/runs/<key>/` (their report.html removed unless `keepReports`).
 */
export class SearchRunPool {
  private readonly queue: PQueue;
  private readonly memo = new Map<string, Promise<SearchRun>>();
  /** Full-length runs spent so far (a run of e epochs counts e / fullEpochs). */
  spent = 0;
  runs = 0;
  /** Runs found complete in the folder (a resumed search) and read instead of run again. */
  reused = 0;

  constructor(
    private readonly dir: string,
    private readonly fullEpochs: number,
    workers: number,
    private readonly coresPerRun: number,
    private readonly options: { signal?: AbortSignal; keepReports?: boolean } = {},
  ) {
    this.queue = new PQueue({ concurrency: workers });
  }

  run(spec: SearchRunSpec): Promise<SearchRun> {
    const key = runKey(spec);
    let pending = this.memo.get(key);
    if (pending === undefined) {
      pending = this.queue.add(() => this.execute(key, spec)) as Promise<SearchRun>;
      this.memo.set(key, pending);
    }
    return pending;
  }

  private async execute(key: string, spec: SearchRunSpec): Promise<SearchRun> {
    const out = join(this.dir, "runs", key);
    const done = await completeRunDir(out);
    let child: ProcessRun;
    if (done !== null) {
      child = { status: "complete", runDir: done, error: null, seconds: 0 };
      this.reused++;
    } else {
      await rm(out, { recursive: true, force: true });
      child = await runCrucibleProcess(
        searchRunArguments(spec, out),
        out,
        this.options.signal,
        this.coresPerRun,
      );
    }
    this.spent += spec.epochs / this.fullEpochs;
    this.runs++;
    const base = {
      key,
      seed: spec.seed,
      epochs: spec.epochs,
      seconds: child.seconds,
      runDir: child.runDir === null ? null : relative(this.dir, child.runDir),
    };
    if (child.status !== "complete" || child.runDir === null)
      return { ...base, status: "failed", error: child.error, resultsHash: null, outcome: null };
    try {
      const folder = await readRunFolder(child.runDir);
      const summary = JSON.parse(await readFile(join(child.runDir, "summary.json"), "utf8")) as Record<
        string,
        number | null
      >;
      if (!this.options.keepReports) await rm(join(child.runDir, "report.html"), { force: true });
      return {
        ...base,
        status: "complete",
        error: null,
        resultsHash: typeof folder.manifest.resultsHash === "string" ? folder.manifest.resultsHash : null,
        outcome: { agents: folder.tables.agents, operators: folder.tables.operators, summary },
      };
    } catch (cause) {
      return { ...base, status: "failed", error: (cause as Error).message, resultsHash: null, outcome: null };
    }
  }
}

/**
 * A finished run folder left in `out` by an earlier attempt of the same search (same key: same
 * scenario, seed, epochs and fields, so the same tables), or null: how a resumed search skips the
 * runs it already has. `.partial` and `.failed` folders do not count.
 */
async function completeRunDir(out: string): Promise<string | null> {
  const names = await readdir(out).catch(() => [] as string[]);
  const name = names.find((n) => !n.startsWith(".") && !n.endsWith(".failed"));
  if (name === undefined) return null;
  const dir = join(out, name);
  return existsSync(join(dir, "summary.json")) && existsSync(join(dir, "manifest.json")) ? dir : null;
}
