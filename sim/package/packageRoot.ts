import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/**
 * The folder holding Crucible's package.json: the repository when running from the sources (tsx),
 * the installed package when running compiled from dist/. Found by walking up from this module, so
 * it holds wherever the code was emitted.
 */
export function packageRoot(): string {
  if (root === undefined) {
    let dir = dirname(fileURLToPath(import.meta.url));
    while (!existsSync(join(dir, "package.json"))) {
      const parent = dirname(dir);
      if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
      dir = parent;
    }
    root = dir;
  }
  return root;
}

/** True when this code runs compiled (dist/*.js) rather than from the TypeScript sources. */
export const RUNNING_COMPILED = import.meta.url.endsWith(".js");

/**
 * URL of a sibling module given by its source name (`./worker.ts`), as it exists at run time:
 * the `.ts` file under tsx, the emitted `.js` file when compiled.
 */
export function siblingModule(sourceName: string, base: string): URL {
  const name = RUNNING_COMPILED ? sourceName.replace(/\.ts$/, ".js") : sourceName;
  return new URL(name, base);
}
