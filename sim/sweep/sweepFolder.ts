import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { makeDirs } from "../run/makeDirs.ts";
import type { SweepPlanFile } from "./planSweep.ts";

/** What became of one run: written by the sweep (not the run) once its process has ended. */
export interface RunResult {
  id: string;
  index: number;
  status: "complete" | "failed";
  /** The run folder, relative to the sweep folder (null when the run wrote none). */
  runDir: string | null;
  /** The last lines the run printed on stderr, when it failed. */
  error: string | null;
  seconds: number;
  /** The run's summary.json: every headline metric (null when it failed). */
  metrics: Record<string, number | null> | null;
}

/**
 * A sweep folder: `.<name>.partial` while any run is unfinished, renamed to `<name>` when every run
 * has a result, so it never looks complete when it is not. `plan.json` holds every planned run;
 * `results/<id>.json` one file per finished run, written atomically (temporary file, rename).
 */
export class SweepFolder {
  private constructor(public dir: string) {}

  static async create(outRoot: string, plan: SweepPlanFile, sweepText: string): Promise<SweepFolder> {
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/Z$/, "Z").replace(".", "");
    const dir = join(outRoot, `.${plan.name}-${plan.rootSeed}-${stamp}.partial`);
    await makeDirs(outRoot);
    await mkdir(dir).catch((cause: unknown) => {
      throw new CrucibleError("CRUCIBLE_RUN_FAILED", `cannot create the sweep folder ${dir}`, { cause });
    });
    await mkdir(join(dir, "results"));
    await mkdir(join(dir, "runs"));
    await writeFile(join(dir, "sweep.yaml"), sweepText);
    await writeFile(join(dir, "plan.json"), `${JSON.stringify(plan, null, 2)}\n`);
    return new SweepFolder(dir);
  }

  static async open(dir: string): Promise<{ folder: SweepFolder; plan: SweepPlanFile }> {
    let plan: SweepPlanFile;
    try {
      plan = JSON.parse(await readFile(join(dir, "plan.json"), "utf8")) as SweepPlanFile;
    } catch (cause) {
      throw new CrucibleError(
        "CRUCIBLE_SCENARIO_NOT_FOUND",
        `${dir}: not a sweep folder (no readable plan.json)`,
        {
          cause,
        },
      );
    }
    return { folder: new SweepFolder(dir), plan };
  }

  get complete(): boolean {
    return !basename(this.dir).endsWith(".partial");
  }

  runOut(id: string): string {
    return join(this.dir, "runs", id);
  }

  /** Clears what an interrupted attempt of a run left behind. */
  async resetRun(id: string): Promise<void> {
    await rm(this.runOut(id), { recursive: true, force: true });
    await mkdir(this.runOut(id), { recursive: true });
  }

  async writeResult(result: RunResult): Promise<void> {
    const path = join(this.dir, "results", `${result.id}.json`);
    await writeFile(`${path}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
    await rename(`${path}.tmp`, path);
  }

  async readResults(): Promise<Map<string, RunResult>> {
    const out = new Map<string, RunResult>();
    for (const name of await readdir(join(this.dir, "results"))) {
      if (!name.endsWith(".json")) continue;
      const result = JSON.parse(await readFile(join(this.dir, "results", name), "utf8")) as RunResult;
      out.set(result.id, result);
    }
    return out;
  }

  async write(name: string, content: string | Uint8Array): Promise<string> {
    const path = join(this.dir, name);
    await writeFile(`${path}.tmp`, content);
    await rename(`${path}.tmp`, path);
    return path;
  }

  /** Renames `.<name>.partial` to `<name>`. */
  async markComplete(): Promise<void> {
    if (this.complete) return;
    const final = join(
      dirname(this.dir),
      basename(this.dir)
        .replace(/^\./, "")
        .replace(/\.partial$/, ""),
    );
    await rename(this.dir, final);
    this.dir = final;
  }
}
