import { runOneSeed, type SeedRunSpec } from "./runSeeds.ts";

// One seed of a check in its own process (runSeedsInProcesses): receives the spec over IPC, runs it
// and sends back the SeedRun (metrics, or the built-in invariant that stopped it, or the error).
process.once("message", async (spec: SeedRunSpec) => {
  const run = await runOneSeed(spec);
  process.send?.(run, () => process.disconnect());
});
