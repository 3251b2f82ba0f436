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
const code = await main(process.argv.slice(2));
// A failed command ends now: work the failure left behind (a model still training, a timer) must
// not keep the process alive; the lifecycle owner's exit hook has already stopped Anvil.
if (code !== 0) process.exit(code);
process.exitCode = code;
