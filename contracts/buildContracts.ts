/**
 * Compiles contracts/src/*.sol and writes contracts/generated/ (typed `as const` ABIs and bytecode).
 *   tsx contracts/buildContracts.ts          write the generated files
 *   tsx contracts/buildContracts.ts --check  exit 1 if any generated file is stale or missing
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileContracts } from "./compileContracts.ts";
import { findStaleGenerated } from "./findStaleGenerated.ts";
import { renderGenerated } from "./renderGenerated.ts";

const root = dirname(fileURLToPath(import.meta.url));
const srcDir = join(root, "src");
const outDir = join(root, "generated");
const check = process.argv.includes("--check");

const result = compileContracts(srcDir);
if (!result.ok) {
  for (const e of result.errors) process.stderr.write(`${e}\n`);
  process.stderr.write(`contracts: compilation failed with ${result.errors.length} error(s)\n`);
  process.exit(1);
}
for (const w of result.warnings) process.stderr.write(`${w}\n`);

const files = renderGenerated(result.contracts);

if (check) {
  const stale = findStaleGenerated(files, outDir, "contracts/generated");
  if (stale.length > 0) {
    process.stderr.write(
      `CRUCIBLE_CONTRACTS_STALE: generated contract modules do not match contracts/src; run npm run build:contracts\n${stale.map((s) => `  - ${s}\n`).join("")}`,
    );
    process.exit(1);
  }
  process.stdout.write(`contracts: ${result.contracts.length} generated modules up to date\n`);
} else {
  mkdirSync(outDir, { recursive: true });
  const existing = existsSync(outDir) ? readdirSync(outDir) : [];
  for (const name of existing) if (name.endsWith(".ts") && !files.has(name)) rmSync(join(outDir, name));
  for (const [name, text] of files) writeFileSync(join(outDir, name), text);
  process.stdout.write(
    `contracts: wrote ${files.size} files to contracts/generated (${result.contracts.map((c) => c.name).join(", ")})\n`,
  );
}
