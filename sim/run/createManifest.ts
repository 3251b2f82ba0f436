import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

function versionOf(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), "utf8")) as { version: string })
      .version;
  } catch {
    return "unavailable";
  }
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
  resultsHash: string;
  status: "complete" | "failed";
  wallTimeMs: Record<string, number>;
  counts: Record<string, number>;
}

/** The run manifest: what ran, on what, with which versions, how long each phase took. */
export function createManifest(input: ManifestInput) {
  const crucible = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return {
    tool: "crucible",
    version: crucible.version,
    status: input.status,
    scenario: { file: input.scenarioFile, name: input.scenarioName },
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
    packages: Object.fromEntries(
      ["viem", "@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm", "solc", "vega", "vega-lite", "zod"].map(
        (p) => [p, versionOf(p)],
      ),
    ),
  };
}
