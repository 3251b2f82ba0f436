import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRunFolder } from "./runFolder.ts";

describe("createRunFolder", () => {
  it("gives runs of one scenario and seed started in the same second folders of their own", async () => {
    const out = await mkdtemp(join(tmpdir(), "crucible-run-folder-"));
    const at = new Date("2026-01-02T03:04:05.678Z");
    // Which concurrent call gets which name is up to the file system: order them by name.
    const folders = (await Promise.all([1, 2, 3].map(() => createRunFolder(out, "quickstart", 7, at)))).sort(
      (a, b) => a.finalDir.localeCompare(b.finalDir),
    );
    expect(new Set(folders.map((f) => f.dir)).size).toBe(3);
    expect(folders.map((f) => basename(f.finalDir)).sort()).toEqual([
      "quickstart-7-20260102T030405Z",
      "quickstart-7-20260102T030405Z-2",
      "quickstart-7-20260102T030405Z-3",
    ]);
    await folders[0].complete();
    await folders[1].fail(new Error("boom"));
    // A later run in the same second does not reuse a finished or failed name either.
    const fourth = await createRunFolder(out, "quickstart", 7, at);
    expect(basename(fourth.finalDir)).toBe("quickstart-7-20260102T030405Z-4");
    expect((await readdir(out)).sort()).toEqual([
      ".quickstart-7-20260102T030405Z-3.partial",
      ".quickstart-7-20260102T030405Z-4.partial",
      "quickstart-7-20260102T030405Z",
      "quickstart-7-20260102T030405Z-2.failed",
    ]);
  });
});
