import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { packageRoot } from "../package/packageRoot.ts";

const ROOT = packageRoot();

/** Every runtime package whose version can change a run's numbers or its report. */
export const MANIFEST_PACKAGES = [
  "viem",
  "@tensorflow/tfjs",
  "@tensorflow/tfjs-backend-wasm",
  "@tensorflow/tfjs-backend-webgpu",
  "solc",
  "@openzeppelin/contracts",
  "@foundry-rs/anvil",
  "pure-rand",
  "mnist",
  "simple-statistics",
  "yaml",
  "zod",
  "vega",
  "vega-lite",
  "vega-embed",
] as const;

/**
 * A package's installed version, read from its own package.json: found by walking up from the file
 * the package resolves to (vega and vega-lite export no `./package.json`, so `require.resolve` of it
 * fails), or straight from node_modules for packages with no importable entry.
 */
export function versionOf(pkg: string): string {
  const candidates: string[] = [join(ROOT, "node_modules", pkg, "package.json")];
  try {
    let dir = dirname(fileURLToPath(import.meta.resolve(pkg)));
    for (let i = 0; i < 6; i++, dir = dirname(dir)) candidates.push(join(dir, "package.json"));
  } catch {
    // no importable entry: node_modules only
  }
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    const json = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (json.name === pkg && json.version) return json.version;
  }
  return "unavailable";
}

const sha256 = (text: string | Buffer): string => createHash("sha256").update(text).digest("hex");

/** The project's git commit and whether tracked files differ from it; null outside its own checkout. */
export function gitState(cwd: string = ROOT): { commit: string; dirty: boolean } | null {
  try {
    const git = (...args: string[]) =>
      execFileSync("git", args, {
        cwd,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
        timeout: 5000,
      });
    // Installed as a package inside someone else's repository, the commit would be theirs: only the
    // project's own checkout counts.
    if (resolve(git("rev-parse", "--show-toplevel").trim()) !== resolve(cwd)) return null;
    const commit = git("rev-parse", "HEAD").trim();
    const dirty = git("status", "--porcelain", "--untracked-files=no").trim() !== "";
    return { commit, dirty };
  } catch {
    return null;
  }
}

function lockfileHash(): string | null {
  const file = join(ROOT, "package-lock.json");
  return existsSync(file) ? sha256(readFileSync(file)) : null;
}

export interface ManifestInput {
  scenarioFile: string;
  scenarioName: string;
  seed: number;
  startedAt: Date;
  endedAt: Date;
  /** What inference.backend asked for (`requested`), the backend chosen and why (`reason`), its
   * version, and the worker threads. */
  inference: {
    requested?: string;
    backend: string;
    reason?: string;
    version: string;
    tfjsVersion?: string;
    workers?: number;
  };
  /** The protocol implementation the run drove (`chain.backend`) and its version. */
  protocol: { backend: string; clientVersion: string };
  /** The mechanism actually used, as resolved (name or module, and its parameters). */
  mechanism: unknown;
  /** Deprecation notes about the scenario. */
  warnings?: readonly string[];
  /** The scenario file as written, and the resolved scenario (overrides and defaults applied), hashed. */
  scenarioText?: string;
  resolvedScenario?: unknown;
  /** The command line that started the run (default: this process's arguments). */
  argv?: readonly string[];
  resultsHash: string;
  status: "complete" | "failed";
  wallTimeMs: Record<string, number>;
  counts: Record<string, number>;
}

/** The run manifest: what ran, on what, with which versions, how long each phase took. */
export function createManifest(input: ManifestInput) {
  const crucible = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    version: string;
  };
  return {
    tool: "crucible",
    version: crucible.version,
    status: input.status,
    scenario: {
      file: input.scenarioFile,
      name: input.scenarioName,
      sha256: input.scenarioText === undefined ? null : sha256(input.scenarioText),
      resolvedSha256:
        input.resolvedScenario === undefined ? null : sha256(JSON.stringify(input.resolvedScenario)),
    },
    argv: [...(input.argv ?? process.argv.slice(2))],
    git: gitState(),
    lockfileSha256: lockfileHash(),
    seed: input.seed,
    startedAt: input.startedAt.toISOString(),
    endedAt: input.endedAt.toISOString(),
    resultsHash: input.resultsHash,
    inference: input.inference,
    chain: { backend: input.protocol.backend, client: input.protocol.clientVersion },
    mechanism: input.mechanism,
    warnings: input.warnings ?? [],
    counts: input.counts,
    wallTimeMs: input.wallTimeMs,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    packages: Object.fromEntries(MANIFEST_PACKAGES.map((p) => [p, versionOf(p)])),
  };
}
