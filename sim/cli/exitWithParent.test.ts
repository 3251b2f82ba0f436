import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { exitWithParent } from "./exitWithParent.ts";

const FIXTURES = join(import.meta.dirname, "..", "..", "test", "fixtures", "sweep");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("exitWithParent", () => {
  let child = 0;
  // Had the watch failed (the test then times out), leave no orphan behind.
  afterAll(() => {
    if (child > 0 && alive(child)) process.kill(child, "SIGKILL");
  });

  it("does nothing outside a sweep", () => {
    const stop = exitWithParent({});
    stop();
  });

  it("stops a sweep's run with SIGTERM once its sweep is killed with -9", async () => {
    const parent = execa(process.execPath, [join(FIXTURES, "orphanParent.mjs")], {
      reject: false,
      all: true,
    });
    let pid = 0;
    parent.all?.on("data", (chunk: Buffer) => {
      const m = /child (\d+)/.exec(String(chunk));
      if (m) pid = Number(m[1]);
    });
    while (pid === 0) await sleep(50);
    child = pid;
    expect(alive(pid)).toBe(true);
    parent.kill("SIGKILL");
    // The child holds the parent's stdout: the result comes once the child has gone too.
    const result = await parent;
    expect(result.signal).toBe("SIGKILL");
    expect(result.all).toContain("child got SIGTERM");
    while (alive(pid)) await sleep(50); // the exit itself may trail the last line
  }, 60_000);
});
