// Builds the installable package's dist/: compiles the TypeScript (tsconfig.build.json, `.ts`
// import extensions rewritten to `.js`, declarations beside), then copies the plain-JS modules tsc
// does not emit (the signer worker and its `.d.mts`). Run by `npm run build` and `npm pack`.
import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "./packageRoot.ts";

const root = packageRoot();
const dist = join(root, "dist");
rmSync(dist, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
  {
    cwd: root,
    stdio: "inherit",
  },
);
const copied: string[] = [];
for (const entry of readdirSync(join(root, "sim"), { recursive: true, encoding: "utf8" })) {
  if (!/\.(mjs|d\.mts)$/.test(entry)) continue;
  cpSync(join(root, "sim", entry), join(dist, "sim", entry));
  copied.push(`sim/${entry}`);
}
console.log(`dist/ built; copied ${copied.join(", ")}`);
