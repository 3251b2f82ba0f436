import { readdirSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const CLI = join(ROOT, "bin", "crucible.mjs");
const SWEEP = join(ROOT, "test", "fixtures", "sweep", "tiny-pair.yaml");

const cli = (args: string[]) => execa(process.execPath, [CLI, ...args], { reject: false, timeout: 60_000 });

describe("--queue refuses an unauthenticated Redis off this machine, before anything is written", () => {
  it("sweep, check and worker: exit 1, CRUCIBLE_USAGE, the host named, no folder written", async () => {
    const out = await mkdtemp(join(tmpdir(), "crucible-queue-refuse-"));
    const url = "redis://10.0.0.5:6379";
    for (const args of [
      ["sweep", SWEEP, "--out", out, "--queue", url],
      ["check", join(ROOT, "test", "fixtures", "check", "passing"), "--out", out, "--queue", url],
      ["worker", "--queue", url, "--results", out],
    ]) {
      const r = await cli(args);
      expect(r.exitCode, args[0]).toBe(1);
      expect(r.stderr, args[0]).toContain("refusing a Redis on 10.0.0.5 without a password");
      expect(r.stderr, args[0]).toContain("(CRUCIBLE_USAGE)");
    }
    expect(readdirSync(out)).toEqual([]);
  });

  it("sweep: --workers with --queue is a usage error (workers are `crucible worker` processes)", async () => {
    const r = await cli(["sweep", SWEEP, "--queue", "redis://127.0.0.1:1", "--workers", "2"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/--workers sizes the local pool; with --queue, start `crucible worker`/);
  });
});
