import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { type RunFolderContents, readRunFolder } from "./readRunFolder.ts";

/**
 * One side of a comparison: a run folder, or a folder of run folders (e.g. the same scenario over
 * several seeds), read in name order. Folders still being written (`.name.partial`) and failed runs
 * (`name.failed`) are skipped.
 */
export async function readRunSet(dir: string): Promise<RunFolderContents[]> {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new CrucibleError("CRUCIBLE_REPORT_FAILED", `${dir}: run folder not found`);
  // A network run (issue 21) holds its subnets' run folders: they are not seeds of one run.
  if (existsSync(join(dir, "network.json")))
    throw new CrucibleError(
      "CRUCIBLE_REPORT_FAILED",
      `${join(dir, "network.json")}: subnets: a network run; compare it with another network run (as side A), or one of its subnets' folders (${readdirSync(
        dir,
        { withFileTypes: true },
      )
        .filter((e) => e.isDirectory())
        .map((e) => join(dir, e.name))
        .join(", ")}) or its network.html`,
    );
  if (existsSync(join(dir, "manifest.json")) || existsSync(join(dir, "epochs.csv")))
    return [await readRunFolder(dir)];
  const runs = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith(".") && !e.name.endsWith(".failed"))
    .map((e) => join(dir, e.name))
    .filter((d) => existsSync(join(d, "manifest.json")))
    .sort();
  if (runs.length === 0)
    throw new CrucibleError(
      "CRUCIBLE_REPORT_FAILED",
      `${dir}: not a run folder (no manifest.json) and holds no run folders`,
    );
  const contents: RunFolderContents[] = [];
  for (const run of runs) contents.push(await readRunFolder(run));
  return contents;
}
