import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const BIOME = join(ROOT, "node_modules", ".bin", "biome");

/**
 * The folder boundaries in biome.json (noRestrictedImports per folder) fail on planted wrong-way
 * imports: the repository's own biome.json, copied into a scratch tree with one planted file per
 * rule, linted by the real Biome. A file that keeps its boundary passes.
 */
const planted: [string, string, RegExp][] = [
  [
    "sim/engine/plantedViem.ts",
    'import { keccak256 } from "viem";\nexport const k = keccak256;\n',
    /chain library/,
  ],
  [
    "sim/engine/plantedChain.ts",
    'import { startChain } from "../chain/index.ts";\nexport const s = startChain;\n',
    /one implementation of the protocol port/,
  ],
  [
    "sim/engine/plantedMemory.ts",
    'import { m } from "../protocol/memory/startMemorySession.ts";\nexport const x = m;\n',
    /sees the port only/,
  ],
  [
    "sim/engine/plantedReport.ts",
    'import { w } from "../../reports/writeReport.ts";\nexport const x = w;\n',
    /reports read run tables/,
  ],
  [
    "sim/engine/plantedCrypto.ts",
    'import { commitHash } from "../protocol/crypto/commitHash.ts";\nexport const h = commitHash;\n',
    /sees the port only/,
  ],
  [
    "sim/mechanisms/plantedTf.ts",
    'import * as tf from "@tensorflow/tfjs";\nexport const t = tf;\n',
    /tfjs belongs/,
  ],
  [
    "agents/plantedChain.ts",
    'import { c } from "../sim/chain/session/startAnvilSession.ts";\nexport const x = c;\n',
    /one implementation/,
  ],
  [
    "sim/scenario/plantedReport.ts",
    'import { r } from "../../reports/computeHeadline.ts";\nexport const x = r;\n',
    /reports read run tables/,
  ],
  [
    "reports/plantedEngine.ts",
    'import { e } from "../sim/engine/runEpoch.ts";\nexport const x = e;\n',
    /never the engine/,
  ],
  [
    "sim/protocol/plantedViem.ts",
    'import { keccak256 } from "viem";\nexport const k = keccak256;\n',
    /chain library/,
  ],
];
const allowed: [string, string][] = [
  ["sim/protocol/crypto/fine.ts", 'import { keccak256 } from "viem";\nexport const k = keccak256;\n'],
  [
    "sim/engine/fine.ts",
    'import type { ProtocolSession } from "../protocol/protocolSession.ts";\nexport type S = ProtocolSession;\n',
  ],
  ["sim/protocol/memory/fine.ts", 'import { keccak256 } from "viem";\nexport const k = keccak256;\n'],
];

/** Lints one scratch tree holding every planted and allowed file with the real biome.json; returns
 * Biome's diagnostics, one block per file and rule. */
function lintTree(): string {
  const dir = mkdtempSync(join(tmpdir(), "crucible-lint-"));
  try {
    const config = JSON.parse(readFileSync(join(ROOT, "biome.json"), "utf8"));
    config.$schema = undefined;
    config.vcs = { enabled: false };
    writeFileSync(join(dir, "biome.json"), JSON.stringify(config));
    for (const [path, text] of [...planted, ...allowed]) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const result = spawnSync(BIOME, ["lint", "--max-diagnostics=none", "."], { cwd: dir, encoding: "utf8" });
    expect(result.status).not.toBe(0);
    return `${result.stdout}${result.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("folder boundaries (biome noRestrictedImports)", () => {
  const output = lintTree();
  // Biome prints `path:line:col lint/style/noRestrictedImports ━━━` then the message.
  const blocks = output.split(/\n(?=\S+:\d+:\d+ lint\/)/);
  const diagnosticsOf = (path: string) =>
    blocks.filter((b) => b.startsWith(`${path}:`) && b.includes("lint/style/noRestrictedImports"));
  for (const [path, , message] of planted) {
    it(`fails on a wrong-way import in ${path}`, () => {
      const found = diagnosticsOf(path);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(message);
    });
  }
  for (const [path] of allowed) {
    it(`passes an import that keeps the boundary in ${path}`, () => {
      expect(diagnosticsOf(path)).toEqual([]);
    });
  }
});
