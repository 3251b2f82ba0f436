#!/usr/bin/env node
// Thin launcher: registers tsx so the TypeScript sources run as they are, then hands over to the CLI.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../sim/cli/main.ts");
const code = await main(process.argv.slice(2));
// A failed command ends now: work the failure left behind (a model still training, a timer) must
// not keep the process alive; the lifecycle owner's exit hook has already stopped Anvil.
if (code !== 0) process.exit(code);
process.exitCode = code;
