import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeNetworkCompare } from "../reports/compare/writeNetworkCompare.ts";
import { runNetworkScenario } from "../sim/runNetworkScenario.ts";

const out = mkdtempSync(join(tmpdir(), "crucible-network-compare-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const scenarioPath = join(import.meta.dirname, "..", "scenarios", "network", "three-subnets.yaml");
const run = (stakeFeedback: boolean) =>
  runNetworkScenario({
    scenarioPath,
    epochs: 2,
    outDir: out,
    charts: false,
    overrides: { chain: { backend: "memory" }, dtao: { stakeFeedback } },
  });

describe("crucible compare of network runs (three-subnets, 2 epochs, memory)", () => {
  it("compares subnet by subnet, each subnet's run against the same subnet's in A", async () => {
    const [a, b] = [await run(false), await run(true)];
    const compared = await writeNetworkCompare([a.runDir, b.runDir], { outDir: join(out, "cmp") });
    expect(compared.subnets.map((s) => s.name)).toEqual(["experts", "mixed", "weak"]);
    for (const s of compared.subnets) {
      expect(s.result.outDir).toBe(join(out, "cmp", s.name));
      expect(existsSync(s.result.html)).toBe(true);
      const [c] = s.result.comparisons;
      // The sides are that subnet's runs of A and B.
      expect(c.a.runs[0].dir).toBe(join(a.runDir, a.subnets.find((x) => x.name === s.name)?.folder ?? ""));
      expect(c.b.runs[0].dir).toBe(join(b.runDir, b.subnets.find((x) => x.name === s.name)?.folder ?? ""));
    }
  });

  it("refuses networks of different subnets, naming the file and field", async () => {
    const a = join(out, "net-a");
    const b = join(out, "net-b");
    for (const [dir, names] of [
      [a, ["x", "y"]],
      [b, ["x", "z"]],
    ] as const) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
      writeFileSync(
        join(dir, "network.json"),
        JSON.stringify({ subnets: names.map((n) => ({ name: n, folder: n })) }),
      );
    }
    await expect(writeNetworkCompare([a, b])).rejects.toThrow(
      `${join(b, "network.json")}: subnets: expected x, y (as ${a}), got x, z`,
    );
  });
});
