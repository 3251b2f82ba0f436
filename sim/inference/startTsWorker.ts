import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

let tsxApiUrl: string | undefined;

/** file:// URL of tsx's ESM register API (its CJS build resolves its own paths wrongly in a worker). */
function tsxApi(): string {
  if (tsxApiUrl === undefined) {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve("tsx/package.json"));
    tsxApiUrl = pathToFileURL(path.join(dir, "dist", "esm", "api", "index.mjs")).href;
  }
  return tsxApiUrl;
}

/**
 * Starts a worker thread on a TypeScript entry. Node 20 does not apply `--import tsx` hooks to a
 * worker's own entry module (ERR_UNKNOWN_FILE_EXTENSION), so a tiny eval'd bootstrap registers tsx
 * inside the worker and then imports the entry. Works under tsx and vitest alike, from any cwd.
 * A `.js` entry (compiled) starts directly.
 */
export function startTsWorker(entry: URL, options: Omit<WorkerOptions, "eval"> = {}): Worker {
  // Compiled (the installed package's dist/): the entry is plain JavaScript, no tsx needed.
  if (entry.pathname.endsWith(".js")) return new Worker(entry, { execArgv: [], ...options });
  const code = `import(${JSON.stringify(tsxApi())})
  .then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })
  .catch((error) => { process.nextTick(() => { throw error; }); });`;
  return new Worker(code, { execArgv: [], ...options, eval: true });
}
