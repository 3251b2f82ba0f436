import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import solc from "solc";

/** One compiled contract: what the generated module exports. */
export interface CompiledContract {
  readonly name: string;
  readonly sourceFile: string;
  readonly abi: readonly unknown[];
  /** Creation bytecode, 0x-prefixed. */
  readonly bytecode: string;
}

export type CompileResult =
  | {
      readonly ok: true;
      readonly contracts: readonly CompiledContract[];
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly errors: readonly string[] };

interface SolcMessage {
  severity: "error" | "warning" | "info";
  formattedMessage: string;
  sourceLocation?: { file: string };
}

interface SolcOutput {
  errors?: SolcMessage[];
  contracts?: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>>;
}

const require = createRequire(import.meta.url);

/** Resolves `@openzeppelin/...` (and any other package import) from node_modules. */
function findImport(path: string): { contents: string } | { error: string } {
  try {
    const [scope, pkg, ...rest] = path.split("/");
    const packageName = scope.startsWith("@") ? `${scope}/${pkg}` : scope;
    const inner = scope.startsWith("@") ? rest : [pkg, ...rest];
    const root = dirname(require.resolve(`${packageName}/package.json`));
    const file = join(root, ...inner);
    if (!existsSync(file)) return { error: `not found: ${path}` };
    return { contents: readFileSync(file, "utf8") };
  } catch (error) {
    return { error: `cannot resolve ${path}: ${(error as Error).message}` };
  }
}

/**
 * Compiles every `*.sol` in `srcDir` with solc-js (optimizer on, no metadata hash, pinned EVM
 * version) and returns the contracts defined there, sorted by name. Output depends only on the
 * sources and the compiler version.
 */
export function compileContracts(srcDir: string): CompileResult {
  const files = readdirSync(srcDir)
    .filter((f) => f.endsWith(".sol"))
    .sort();
  const sources: Record<string, { content: string }> = {};
  for (const f of files) sources[`src/${f}`] = { content: readFileSync(join(srcDir, f), "utf8") };

  const input = {
    language: "Solidity",
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: "cancun",
      metadata: { bytecodeHash: "none", appendCBOR: false },
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport })) as SolcOutput;
  const messages = output.errors ?? [];
  const errors = messages.filter((m) => m.severity === "error").map((m) => m.formattedMessage);
  if (errors.length > 0) return { ok: false, errors };

  const contracts: CompiledContract[] = [];
  for (const sourceFile of Object.keys(sources)) {
    for (const [name, artifact] of Object.entries(output.contracts?.[sourceFile] ?? {})) {
      if (artifact.evm.bytecode.object === "") continue; // interfaces and abstract contracts
      if (artifact.abi.length === 0) continue; // libraries of internal functions (inlined)
      contracts.push({ name, sourceFile, abi: artifact.abi, bytecode: `0x${artifact.evm.bytecode.object}` });
    }
  }
  contracts.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Warnings about our sources only: a library's (OpenZeppelin's Checkpoints names a function `at`,
  // a future keyword) is not ours to fix.
  const warnings = messages
    .filter((m) => m.severity === "warning" && !m.sourceLocation?.file.startsWith("@"))
    .map((m) => m.formattedMessage);
  return { ok: true, contracts, warnings };
}
