import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeCachedModel } from "../models/modelCache.ts";
import { makeDirs } from "./makeDirs.ts";

describe("makeDirs", () => {
  it("creates every missing level and accepts an existing folder", async () => {
    const root = mkdtempSync(join(tmpdir(), "crucible-dirs-"));
    const deep = join(root, "a", "b", "c");
    await makeDirs(deep);
    await makeDirs(deep);
    expect(existsSync(deep)).toBe(true);
  });

  it("refuses a path through a file", async () => {
    const root = mkdtempSync(join(tmpdir(), "crucible-dirs-"));
    writeFileSync(join(root, "file"), "");
    await expect(makeDirs(join(root, "file"))).rejects.toMatchObject({ code: "EEXIST" });
    await expect(makeDirs(join(root, "file", "x"))).rejects.toMatchObject({ code: "ENOTDIR" });
  });

  // Node's mkdir({ recursive: true }) never returns for these (the parent exists, the child is refused).
  it.runIf(process.platform === "linux")("ends with ENOENT under /proc instead of looping", async () => {
    await expect(makeDirs("/proc/crucible-no-such/runs")).rejects.toMatchObject({ code: "ENOENT" });
  });

  it.runIf(process.platform === "linux")("so a model cache under /proc is a CrucibleError", async () => {
    const weights = {
      inputSize: 1,
      hidden: 1,
      outputs: 1,
      w1: new Float32Array(1),
      b1: new Float32Array(1),
      w2: new Float32Array(1),
      b2: new Float32Array(1),
    };
    const key = {
      task: "t",
      architecture: { inputSize: 1, hidden: 1, outputs: 1, activation: "relu" },
      budget: {},
      seed: 1,
      split: "s",
      backend: "cpu",
      codeVersion: 1,
    };
    await expect(
      writeCachedModel("/proc/crucible-no-such/models", weights as never, { key: key as never, trainMs: 0 }),
    ).rejects.toMatchObject({
      code: "CRUCIBLE_INFERENCE_FAILED",
      message: expect.stringMatching(/cannot create the model cache/),
    });
  });
});
