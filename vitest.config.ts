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
    setupFiles: ["test/setup/fastCheckSeed.ts"],
  },
});
