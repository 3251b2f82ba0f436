import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createManifest, gitState, MANIFEST_PACKAGES, versionOf } from "./createManifest.ts";

const input = {
  scenarioFile: "s.yaml",
  scenarioName: "s",
  seed: 1,
  startedAt: new Date(0),
  endedAt: new Date(1000),
  inference: { backend: "wasm", version: "4.22.0" },
  protocol: { backend: "memory", clientVersion: "x" },
  mechanism: { name: "yuma" },
  scenarioText: "name: s\n",
  resolvedScenario: { name: "s", seed: 1 },
  argv: ["run", "s.yaml", "--seed", "1"],
  resultsHash: "h",
  status: "complete" as const,
  wallTimeMs: {},
  counts: {},
};
const sha256 = (t: string) => createHash("sha256").update(t).digest("hex");

describe("the manifest can reproduce a run", () => {
  it("reads every runtime package's version, vega and vega-lite included (they export no package.json)", () => {
    for (const p of MANIFEST_PACKAGES) expect(versionOf(p), p).toMatch(/^\d+\.\d+\.\d+/);
    expect(versionOf("no-such-package-here")).toBe("unavailable");
  });

  it("records the scenario's and the resolved scenario's hashes, the command line, the lockfile", () => {
    const m = createManifest(input);
    expect(m.scenario.sha256).toBe(sha256("name: s\n"));
    expect(m.scenario.resolvedSha256).toBe(sha256(JSON.stringify({ name: "s", seed: 1 })));
    expect(m.argv).toEqual(["run", "s.yaml", "--seed", "1"]);
    expect(m.lockfileSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("records the project's git commit and dirty flag, and nothing outside its own checkout", () => {
    const head = execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).trim();
    expect(gitState()?.commit).toBe(head);
    expect(createManifest(input).git?.commit).toBe(head);
    // a folder inside no repository, and a subfolder of a repository that is not its top level
    expect(gitState(mkdtempSync(join(tmpdir(), "crucible-nogit-")))).toBeNull();
    expect(gitState(join(import.meta.dirname))).toBeNull();
  });
});
