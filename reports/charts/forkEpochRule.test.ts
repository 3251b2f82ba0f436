import type { TopLevelSpec } from "vega-lite";
import { compile } from "vega-lite";
import { describe, expect, it } from "vitest";
import { smallRunTables } from "../../test/fixtures/reports/smallRunTables.ts";
import { buildChartSpecs } from "../buildChartSpecs.ts";
import { renderSvg } from "../renderSvg.ts";
import { forkOrigin, markForkEpoch } from "./forkEpochRule.ts";

type View = Record<string, unknown> & { encoding?: { x?: { field?: string; datum?: number } } };
const children = (v: View, keys: string[]) => keys.flatMap((k) => (v[k] as View[] | undefined) ?? []);
const onEpoch = (v: View): boolean =>
  v.encoding?.x?.field === "epoch" || children(v, ["layer"]).some(onEpoch);

/** Panels of a spec on the epoch axis (a layered panel counts once), and the fork rules anywhere. */
function views(spec: unknown): { epochAxes: number; rules: number[] } {
  const panels = (v: View): number =>
    v.spec !== undefined
      ? panels(v.spec as View)
      : children(v, ["hconcat", "vconcat", "concat"]).length > 0
        ? children(v, ["hconcat", "vconcat", "concat"]).reduce((n, c) => n + panels(c), 0)
        : onEpoch(v)
          ? 1
          : 0;
  const rules = (v: View): number[] => [
    ...((v.mark as { type?: string } | undefined)?.type === "rule" && String(v.description).startsWith("fork")
      ? [v.encoding?.x?.datum as number]
      : []),
    ...children(v, ["hconcat", "vconcat", "concat", "layer"]).flatMap(rules),
    ...(v.spec === undefined ? [] : rules(v.spec as View)),
  ];
  return { epochAxes: panels(spec as View), rules: rules(spec as View) };
}

/** Compiles with vega-lite, collecting its warnings and errors. */
function compileWarnings(spec: TopLevelSpec): string[] {
  const warnings: string[] = [];
  const collect = (...args: readonly unknown[]) => {
    warnings.push(args.map(String).join(" "));
    return logger;
  };
  const logger = { level: () => 0, error: collect, warn: collect, info: () => logger, debug: () => logger };
  compile(spec, { logger: logger as never });
  return warnings;
}

describe("the fork epoch on every time axis", () => {
  it("reads a fork's origin from its manifest, and none from a run that is no fork", () => {
    expect(
      forkOrigin({ continuedFrom: { afterEpoch: 4, parent: { runDir: "runs/p", atEpoch: 5, set: [] } } }),
    ).toEqual({ runDir: "runs/p", atEpoch: 5 });
    expect(forkOrigin({ continuedFrom: { afterEpoch: 4 } })).toBeUndefined();
    expect(forkOrigin({})).toBeUndefined();
  });

  it("adds a rule at the fork epoch to each view on the epoch axis of every report chart, which still compiles and renders", async () => {
    const tables = smallRunTables();
    const { charts } = buildChartSpecs(tables);
    let marked = 0;
    for (const chart of charts) {
      const before = views(chart.spec);
      const spec = markForkEpoch(chart.spec, 2);
      const after = views(spec);
      expect(after.rules, chart.name).toHaveLength(before.epochAxes);
      expect(
        after.rules.every((x) => x === 2),
        chart.name,
      ).toBe(true);
      if (before.epochAxes === 0) expect(spec, chart.name).toEqual(chart.spec);
      else marked++;
      expect(compileWarnings(spec), chart.name).toEqual([]);
      expect(await renderSvg(spec), chart.name).toContain("<svg");
    }
    // Concentration, cumulative reward (a facet), supply (hconcat), gas, phase time at least.
    expect(marked).toBeGreaterThanOrEqual(5);
  });
});
