import { existsSync, readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answerDigest } from "../sim/run/answerDigests.ts";
import { parseCsv } from "../sim/run/toCsv.ts";
import { runScenario } from "../sim/runScenario.ts";

const COPYCATS = join(import.meta.dirname, "..", "scenarios", "copycat-miners.yaml");

describe("answer digests (inference.answerDigests)", () => {
  it("digests the float32 bytes: equal answers are equal, one ulp apart is not", () => {
    const a = Float32Array.of(0.25, 0.75, 1e-7);
    const b = new Float32Array(8);
    b.set(a, 5);
    expect(answerDigest(b.subarray(5))).toBe(answerDigest(a));
    expect(answerDigest(a)).toMatch(/^[0-9a-f]{16}$/);
    const c = a.slice();
    new Uint32Array(c.buffer)[2] += 1;
    expect(answerDigest(c)).not.toBe(answerDigest(a));
  });

  it("writes answers.csv outside resultsHash, the same with and without workers; copycats' digests are copies", async () => {
    const out = await mkdtemp(join(tmpdir(), "crucible-digests-"));
    const run = (workers: number, answerDigests: boolean) =>
      runScenario({
        scenarioPath: COPYCATS,
        epochs: 3,
        outDir: out,
        overrides: { inference: { workers, answerDigests }, chain: { backend: "memory" } },
      });
    const plain = await run(0, false);
    const main = await run(0, true);
    const two = await run(2, true);
    expect(existsSync(join(plain.runDir, "answers.csv"))).toBe(false);
    expect(main.resultsHash).toBe(plain.resultsHash);
    const csv = readFileSync(join(main.runDir, "answers.csv"), "utf8");
    expect(readFileSync(join(two.runDir, "answers.csv"), "utf8")).toBe(csv);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(3 * 16);
    const strategy = new Map(main.tables.agents.map((a) => [a.agent, a.strategy]));
    for (const epoch of ["1", "2"]) {
      const ofEpoch = rows.filter((r) => r.epoch === epoch);
      const honest = new Set(ofEpoch.filter((r) => strategy.get(r.agent) === "honest").map((r) => r.digest));
      const copied = ofEpoch.filter((r) => strategy.get(r.agent) === "copycat");
      expect(copied).toHaveLength(4);
      // From epoch 1 on a copycat submits last epoch's top miner's answers: an honest miner's digest.
      for (const r of copied) expect(honest.has(r.digest)).toBe(true);
      // Honest miners' answers all differ (every miner has its own weights).
      expect(honest.size).toBe(12);
    }
  });
});
