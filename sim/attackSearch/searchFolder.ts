import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { makeDirs } from "../run/makeDirs.ts";
import type { LoadedSearch } from "./loadSearch.ts";

/** What resuming a search needs: the search file (absolute: its scenario is relative to it), method, text. */
export interface SearchSource {
  file: string;
  method: "cross-entropy" | "random";
  text: string;
  /** The run budget (`--runs`, else the file's). */
  runs?: number;
}

/**
 * Creates `<out>/.<name>-<seed>-<method>-<time>.partial/` with `runs/`, the search file as given
 * (`search.yaml`) and `source.json` (for `--resume`). Renamed without the dot and `.partial` when done.
 */
export async function createSearchFolder(
  outRoot: string,
  loaded: LoadedSearch,
  method: SearchSource["method"],
  runs: number,
): Promise<string> {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(".", "");
  const dir = join(outRoot, `.${loaded.search.name}-${loaded.search.seed}-${method}-${stamp}.partial`);
  await makeDirs(outRoot);
  await mkdir(dir).catch((cause: unknown) => {
    throw new CrucibleError("CRUCIBLE_RUN_FAILED", `cannot create the search folder ${dir}`, { cause });
  });
  await mkdir(join(dir, "runs"));
  await writeFile(join(dir, "search.yaml"), loaded.text);
  const source: SearchSource = { file: resolve(loaded.searchFile), method, text: loaded.text, runs };
  await writeFile(join(dir, "source.json"), `${JSON.stringify(source, null, 2)}\n`);
  return dir;
}

/** Reads an unfinished search folder's source.json (`crucible attack-search --resume <dir>`). */
export async function readSearchSource(dir: string): Promise<SearchSource> {
  if (!basename(dir).endsWith(".partial"))
    throw new CrucibleError(
      "CRUCIBLE_USAGE",
      `--resume ${dir}: not an unfinished search folder (.<name>-<seed>-<method>-<time>.partial)`,
    );
  try {
    return JSON.parse(await readFile(join(dir, "source.json"), "utf8")) as SearchSource;
  } catch (cause) {
    throw new CrucibleError(
      "CRUCIBLE_SCENARIO_NOT_FOUND",
      `${dir}: not a search folder (no readable source.json)`,
      {
        cause,
      },
    );
  }
}
