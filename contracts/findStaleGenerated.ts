import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Compares freshly rendered generated files with those in `outDir` and describes each one that is
 * missing, differs, or has no source contract any more. Empty when everything is up to date.
 */
export function findStaleGenerated(
  files: ReadonlyMap<string, string>,
  outDir: string,
  shownDir = outDir,
): string[] {
  const stale: string[] = [];
  for (const [name, text] of files) {
    const path = join(outDir, name);
    if (!existsSync(path)) stale.push(`${shownDir}/${name} is missing`);
    else if (readFileSync(path, "utf8") !== text) stale.push(`${shownDir}/${name} is stale`);
  }
  const existing = existsSync(outDir) ? readdirSync(outDir).filter((f) => f.endsWith(".ts")) : [];
  for (const name of existing) {
    if (!files.has(name)) stale.push(`${shownDir}/${name} has no source contract`);
  }
  return stale;
}
