import { describe, expect, it } from "vitest";
import type { RunTables } from "../../sim/run/runTables.ts";
import { smallRunTables } from "../../test/fixtures/reports/smallRunTables.ts";
import { buildCompareManyHtml } from "../html/buildCompareManyHtml.ts";
import { type ComparedRun, compareRuns } from "./compareRuns.ts";

function run(side: string, seed: number, tables: RunTables): ComparedRun {
  return {
    dir: `/runs/${side}-${seed}`,
    label: `${side} seed ${seed}`,
    scenario: "small",
    seed,
    tables,
    wallTimeMs: 2000,
  };
}

/** Three seeds per side: a verdict needs several runs per side. */
const sideOf = (name: string, tables: () => RunTables) => ({
  name,
  runs: [1, 2, 3].map((seed) => run(name, seed, tables())),
});

describe("compare with more than two sides", () => {
  it("shows every side against A, each with its own difference and verdict", () => {
    const a = sideOf("A", () => smallRunTables());
    const b = sideOf("B", () => smallRunTables({ adversary: true }));
    const c = sideOf("C", () => smallRunTables());
    const comparisons = [compareRuns(a, b), compareRuns(a, c)];
    const html = buildCompareManyHtml({
      title: "three <sides>",
      comparisons,
      charts: [],
      scenarios: ["A", "B", "C"].map((name) => ({ name, yaml: `name: ${name}\n` })),
    });
    expect(html).toContain("<title>three &lt;sides&gt;</title>");
    expect(html).toContain('<th class="num">B − A</th>');
    expect(html).toContain('<th class="num">C − A</th>');
    // One row per metric, with A's value and two cells of value + difference + relative for B and C.
    const share = /<tr data-key="adversaryRewardShare">(.*?)<\/tr>/.exec(html)?.[1] ?? "";
    expect(share.match(/<td/g)).toHaveLength(1 + 1 + 3 * 2);
    const verdicts = [...share.matchAll(/data-verdict="([^"]+)"/g)].map((m) => m[1]);
    expect(verdicts).toEqual(["worse", "same"]);
    expect([...html.matchAll(/<h3>([A-C])<\/h3>/g)].map((m) => m[1])).toEqual(["A", "B", "C"]);
    expect(html.match(/<tr data-key=/g)).toHaveLength(comparisons[0].metrics.length);
  });
});
