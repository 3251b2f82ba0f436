import { describe, expect, it } from "vitest";
import { buildChartSpecs } from "../reports/buildChartSpecs.ts";
import { computeHeadline } from "../reports/computeHeadline.ts";
import { buildReportHtml } from "../reports/html/buildReportHtml.ts";
import { readVegaBundles } from "../reports/html/readVegaBundles.ts";
import { inlineScriptSource, serializeForScript } from "../reports/html/serializeForScript.ts";
import { smallRunTables } from "./fixtures/reports/smallRunTables.ts";

const HOSTILE = "</script><script>alert(1)</script><!--";

function buildPage(): string {
  const tables = smallRunTables();
  tables.agents[0].agent = `miner ${HOSTILE}`;
  return buildReportHtml({
    title: `Run ${HOSTILE}`,
    headline: computeHeadline(tables),
    charts: buildChartSpecs(tables).charts.map((c) => ({
      ...c,
      svg: `<svg xmlns="http://www.w3.org/2000/svg"/>`,
    })),
    scenarioYaml: `name: test\nnote: "${HOSTILE}"\n`,
    description: `Does the reward follow quality? ${HOSTILE}`,
    manifest: { seed: 1, note: HOSTILE },
  });
}

describe("report.html", () => {
  const html = buildPage();
  const bundles = readVegaBundles();

  it("leads with the answer: the scenario's question, then the findings, before the headline cards", () => {
    const question = html.indexOf('<p class="question">Does the reward follow quality?');
    const findings = html.indexOf('<li class="finding');
    const cards = html.indexOf('<ul class="headline">');
    expect(question).toBeGreaterThan(0);
    expect(findings).toBeGreaterThan(question);
    expect(cards).toBeGreaterThan(findings);
    // the fixture is an honest run whose reward ranks miners exactly by quality
    expect(html).toContain(
      '<li class="finding good" data-from="spearmanAccuracyReward"><strong>Does the reward follow quality?</strong> Yes: Spearman(true quality, reward) is 1.00.</li>',
    );
  });

  it("loads nothing from the network", () => {
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]*\s(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
  });

  it("inlines vega, vega-lite and vega-embed from node_modules", () => {
    expect(bundles.vega.file).toBe("build/vega.min.js");
    for (const b of [bundles.vega, bundles.vegaLite, bundles.vegaEmbed]) {
      expect(b.source.length).toBeGreaterThan(50_000);
      expect(html).toContain(inlineScriptSource(b.source));
      expect(html).toContain(`data-inlined="${b.name}@${b.version}/${b.file}"`);
    }
  });

  it("holds a container for every chart and the specs", () => {
    for (const c of buildChartSpecs(smallRunTables()).charts) {
      expect(html).toContain(`id="chart-${c.name}"`);
      expect(html).toContain(`"name":"${c.name}"`);
    }
    expect(html).toContain('src="data:image/svg+xml;base64,');
  });

  it("escapes text so hostile names cannot close a script or inject markup", () => {
    // The only closing script tags are the page's own: the spec JSON, 3 libraries, the page script.
    expect(html.match(/<\/script/gi)).toHaveLength(5);
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("Run &lt;/script&gt;");
    expect(html).toContain("note: &quot;&lt;/script&gt;");
  });

  it("serialises values that JSON.parse gives back unchanged", () => {
    const value = { s: `${HOSTILE} & \u2028 \u2029 >`, n: [1, 2.5] };
    const text = serializeForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it("rejects chart names that are not safe ids", () => {
    const [chart] = buildChartSpecs(smallRunTables()).charts;
    expect(() =>
      buildReportHtml({
        title: "t",
        headline: [],
        charts: [{ ...chart, name: 'x" onload="' }],
        scenarioYaml: "",
        manifest: {},
      }),
    ).toThrow(/chart name/);
  });
});
