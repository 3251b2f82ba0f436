import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..");
const CLI = join(ROOT, "bin", "crucible.mjs");
const EXAMPLE = join(ROOT, "sim", "mechanisms", "examples", "yuma3-basic.json");

describe("crucible mechanism <case.json>", () => {
  for (const arithmetic of ["float64", "fixed"]) {
    it(`prints one JSON result per epoch (${arithmetic}), emission summing to at most the epoch's`, async () => {
      const { stdout } = await run(process.execPath, [CLI, "mechanism", EXAMPLE, "--arithmetic", arithmetic]);
      const out = JSON.parse(stdout) as {
        epochs: { emission: string[]; incentive: number[]; bonds: number[][] }[];
      };
      expect(out.epochs).toHaveLength(3);
      for (const e of out.epochs) {
        const paid = e.emission.reduce((s, x) => s + BigInt(x), 0n);
        expect(paid <= 1_000_000_000n).toBe(true);
        expect(paid > 900_000_000n).toBe(true);
        expect(e.bonds).toHaveLength(5);
      }
      // Epoch 2: validators 0 and 1 put all weight on UID 3, which takes all incentive.
      expect(out.epochs[1].incentive).toEqual([0, 0, 0, 1, 0]);
    });
  }

  it("rejects an invalid case naming the file and field, exit 1", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crucible-case-"));
    const file = join(dir, "bad.json");
    await writeFile(
      file,
      JSON.stringify({ stake: [1, 1], epochs: [{ block: 1, setWeights: { "0": { "7": 1 } } }] }),
    );
    const err = await run(process.execPath, [CLI, "mechanism", file]).then(
      () => {
        throw new Error("expected exit 1");
      },
      (e: { code: number; stderr: string }) => e,
    );
    expect(err.code).toBe(1);
    expect(err.stderr).toContain(`error: ${file}: epochs[0].setWeights`);
  });
});
