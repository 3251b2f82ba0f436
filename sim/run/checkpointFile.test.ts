import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listCheckpoints, readCheckpoint, writeCheckpoint } from "./checkpointFile.ts";

const meta = (epoch: number) => ({
  epoch,
  scenarioHash: "ab",
  backend: "memory",
  offsets: { "epochs.csv": 12 },
});

describe("checkpoint files", () => {
  it("keep typed arrays, bigints, maps, NaN and shared references exactly, and list by epoch", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crucible-ckpt-"));
    const weights = new Float64Array([0.5, Number.NaN, -0]);
    const state = {
      weights,
      again: { rows: weights },
      stake: 10n ** 30n,
      pools: new Map([["a", 1n]]),
      none: undefined,
    };
    await writeCheckpoint(dir, meta(11), state);
    await writeCheckpoint(dir, meta(3), { x: 1 });
    expect(listCheckpoints(dir).map((c) => c.epoch)).toEqual([3, 11]);
    const { header, state: read } = readCheckpoint(listCheckpoints(dir)[1].path);
    expect(header).toMatchObject({ format: "crucible-checkpoint", version: 2, ...meta(11) });
    const back = read as typeof state;
    expect(back).toEqual(state);
    expect(Object.is(back.weights[2], -0)).toBe(true);
    expect(back.again.rows).toBe(back.weights);
  });

  it("refuse a changed header or body, and another format version, naming the file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crucible-ckpt-"));
    const { path } = await writeCheckpoint(dir, meta(2), { x: 1 });
    const good = readFileSync(path, "latin1");
    for (const [bad, why] of [
      [good.replace('"epoch":2', '"epoch":3'), /corrupted/],
      [good.slice(0, -1) + String.fromCharCode(good.charCodeAt(good.length - 1) ^ 1), /corrupted/],
      [good.replace('"version":2', '"version":3'), /format version 3; this Crucible reads versions 1 and 2/],
      ["hello\n", /not a Crucible checkpoint/],
    ] as const) {
      writeFileSync(path, Buffer.from(bad, "latin1"));
      expect(() => readCheckpoint(path)).toThrow(why);
      expect(() => readCheckpoint(path)).toThrow(path);
    }
  });
});
