import { mkdtemp, readdir, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildChartSpecs } from "../reports/buildChartSpecs.ts";
import { writeReport } from "../reports/writeReport.ts";
import { smallRunTables } from "./fixtures/reports/smallRunTables.ts";

describe("writeReport", () => {
  it("writes spec, SVG and PNG per chart and report.html into the run folder", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crucible-report-write-"));
    const result = await writeReport(dir, smallRunTables(), {
      title: "Write test",
      scenarioYaml: "name: write-test\n",
      manifest: { seed: 3 },
      wallTimeMs: 1000,
    });
    expect(result.html).toBe(join(dir, "report.html"));
    const { charts, omitted } = buildChartSpecs(smallRunTables());
    expect(result.charts.map((c) => c.name)).toEqual(charts.map((c) => c.name));
    expect(result.charts.length).toBe(7);
    for (const c of result.charts) {
      expect(c.spec).toBe(join(dir, "charts", `${c.name}.vl.json`));
      const spec = JSON.parse(await readFile(c.spec, "utf8"));
      expect(spec.$schema).toContain("vega-lite");
      expect(c.svg).toBe(join(dir, "charts", `${c.name}.svg`));
      expect((await readFile(String(c.svg), "utf8")).startsWith("<svg")).toBe(true);
      expect((await stat(String(c.png))).size).toBeGreaterThan(10_000);
    }
    const html = await readFile(result.html, "utf8");
    expect(html).toContain("name: write-test");
    // The honest run's missing adversary chart is explained where the charts are.
    expect(omitted.map((o) => o.name)).toEqual(["adversary-share"]);
    expect(html).toContain('data-omitted="adversary-share"');
    expect(result.headline.find((m) => m.key === "transactionsPerSecond")?.value).toBe(24);
    console.log(`report.html: ${(Buffer.byteLength(html) / 1024).toFixed(0)} KB`);
  });

  it("with renderImages false writes the specs and the page only (crucible run --no-charts)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crucible-report-nocharts-"));
    const result = await writeReport(dir, smallRunTables(), {
      title: "No charts",
      scenarioYaml: "name: no-charts\n",
      manifest: {},
      renderImages: false,
    });
    expect(result.charts.length).toBe(7);
    expect(result.charts.every((c) => c.svg === undefined && c.png === undefined)).toBe(true);
    expect((await readdir(join(dir, "charts"))).every((f) => f.endsWith(".vl.json"))).toBe(true);
    const html = await readFile(result.html, "utf8");
    expect(html).not.toContain("data:image/svg+xml");
    for (const c of result.charts) expect(html).toContain(c.name);
  });
});
