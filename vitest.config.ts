import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "sim/**/*.test.ts",
      "agents/**/*.test.ts",
      "reports/**/*.test.ts",
      "contracts/**/*.test.ts",
      "test/**/*.test.ts",
    ],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // One test file per core, not vitest's default of cores − 1: most files wait on Anvil, a child
    // process, Chromium or a worker thread, so on the 2-core machine two files at a time took the
    // suite from 454 s to 307 s of wall time (two runs one after the other; docs/performance.md).
    // Each file still runs in its own process: the webgpu tests switch tfjs's backend, which must
    // not leak into other files.
    maxWorkers: availableParallelism(),
    setupFiles: ["test/setup/fastCheckSeed.ts"],
  },
});
