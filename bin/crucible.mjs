#!/usr/bin/env node
// Launcher. The installed package ships compiled JavaScript only (dist/, built by `npm pack`) and
// runs it; a clone has the TypeScript sources and runs them through tsx, so it never needs a build
// step and never runs a stale dist/. CRUCIBLE_COMPILED=1 runs dist/ from a clone (after `npm run build`).
import { existsSync } from "node:fs";

const sources = new URL("../sim/cli/main.ts", import.meta.url);
let main;
if (existsSync(sources) && process.env.CRUCIBLE_COMPILED !== "1") {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import(sources.href));
} else {
  ({ main } = await import(new URL("../dist/sim/cli/main.js", import.meta.url).href));
}
process.exitCode = await main(process.argv.slice(2));
