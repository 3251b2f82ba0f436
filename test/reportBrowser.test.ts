import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildChartSpecs } from "../reports/buildChartSpecs.ts";
import { type CompareResult, writeCompare } from "../reports/compare/writeCompare.ts";
import { writeReport } from "../reports/writeReport.ts";
import { type RunResult, runScenario } from "../sim/runScenario.ts";
import { chromiumPath } from "./fixtures/chromiumPath.ts";
import { smallRunTables } from "./fixtures/reports/smallRunTables.ts";
import { writeAttackedCopy } from "./fixtures/reports/writeAttackedCopy.ts";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

interface OpenedPage {
  page: Page;
  /** Requests that tried to leave file:// (all blocked), console errors and page errors. */
  problems: () => { blocked: string[]; consoleErrors: string[]; pageErrors: string[] };
  close: () => Promise<void>;
}

describe("report.html and compare.html in headless Chromium, offline", () => {
  let browser: Browser;
  let dir: string;
  let run: RunResult;
  let compare: CompareResult;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: await chromiumPath(), args: ARGS });
    dir = await mkdtemp(join(tmpdir(), "crucible-report-browser-"));
    run = await runScenario({
      scenarioPath: join(import.meta.dirname, "..", "scenarios", "quickstart.yaml"),
      epochs: 3,
      outDir: join(dir, "runs"),
    });
    const attacked = await writeAttackedCopy(run.runDir, join(dir, "attacked"));
    compare = await writeCompare(run.runDir, attacked, { outDir: join(dir, "compare") });
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens a file with every non-file:// request blocked, and waits until every chart has settled. */
  async function open(file: string): Promise<OpenedPage> {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const blocked: string[] = [];
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file://")) return route.continue();
      blocked.push(url);
      return route.abort("blockedbyclient");
    });
    page.on("console", (msg) => {
      if (msg.type() === "error") consoleErrors.push(msg.text());
    });
    page.on("pageerror", (err) => pageErrors.push(err.message));
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    // The page script sets body[data-charts] to "rendered" or "failed" once every embed settles.
    await page.waitForSelector("body[data-charts]", { state: "attached", timeout: 30_000 });
    return { page, problems: () => ({ blocked, consoleErrors, pageErrors }), close: () => context.close() };
  }

  /** Every chart section holds a live vega view with marks, and the fallback image is gone. */
  async function expectChartsRendered(page: Page, names: readonly string[]) {
    expect(await page.locator("body").getAttribute("data-charts")).toBe("rendered");
    expect(await page.locator("section.chart").count()).toBe(names.length);
    for (const name of names) {
      const section = page.locator(`#chart-${name}`);
      expect(await section.locator(".chart-fallback").count(), name).toBe(0);
      expect(
        await section.locator(".chart-view svg.marks, .chart-view canvas").count(),
        name,
      ).toBeGreaterThan(0);
      const marks = section.locator(".chart-view svg.marks path, .chart-view svg.marks text");
      expect(await marks.count(), name).toBeGreaterThan(10);
    }
  }

  async function screenshot(page: Page, name: string) {
    const path = join(dir, name);
    await page.screenshot({ path, fullPage: true });
    console.log(`screenshot: ${path}`);
  }

  it("renders every chart of a report, escaping hostile text, with no network and no errors", async () => {
    const tables = smallRunTables({ adversary: true });
    const result = await writeReport(join(dir, "fixture"), tables, {
      title: "Browser test </script> run",
      scenarioYaml: "name: browser-test\nnote: '</script><b>not bold</b>'\n",
      manifest: { seed: 7 },
      wallTimeMs: 1234,
    });
    const { page, problems, close } = await open(result.html);
    await expectChartsRendered(
      page,
      buildChartSpecs(tables).charts.map((c) => c.name),
    );
    // The title and YAML were escaped, not parsed as markup.
    expect(await page.title()).toBe("Browser test </script> run");
    expect(await page.locator("pre.scenario b").count()).toBe(0);
    expect(await page.locator("pre.scenario").textContent()).toContain("</script><b>not bold</b>");
    await screenshot(page, "report-fixture.png");
    await close();
    expect(problems()).toEqual({ blocked: [], consoleErrors: [], pageErrors: [] });
  });

  it("renders a real run's report, with the note standing in for the adversary chart", async () => {
    const { page, problems, close } = await open(run.reportPath);
    await expectChartsRendered(
      page,
      buildChartSpecs(run.tables).charts.map((c) => c.name),
    );
    expect(await page.locator('[data-omitted="adversary-share"]').textContent()).toContain("every agent");
    expect(await page.locator("ul.headline li.metric").count()).toBeGreaterThanOrEqual(12);
    await screenshot(page, "report-run.png");
    await close();
    expect(problems()).toEqual({ blocked: [], consoleErrors: [], pageErrors: [] });
  });

  it("renders compare.html: the metrics table and every chart", async () => {
    const { page, problems, close } = await open(compare.html);
    const names = await page
      .locator("section.chart")
      .evaluateAll((s) => s.map((e) => e.id.replace(/^chart-/, "")));
    expect(names).toContain("adversary-share");
    expect(names.length).toBeGreaterThanOrEqual(7);
    await expectChartsRendered(page, names);
    expect(await page.locator("table.compare tbody tr[data-key]").count()).toBe(
      compare.comparison.metrics.length,
    );
    // One run per side: no verdict, no colour, and the reason on each difference.
    expect(await page.locator("td.worse, td.better").count()).toBe(0);
    expect(await page.locator('td[data-verdict="better"], td[data-verdict="worse"]').count()).toBe(0);
    expect(
      await page.locator('td[data-verdict="none"][title="one run per side: no verdict"]').count(),
    ).toBeGreaterThan(0);
    expect(await page.locator("#honest-loss").textContent()).toContain("honest in B earned");
    await screenshot(page, "compare.png");
    await close();
    expect(problems()).toEqual({ blocked: [], consoleErrors: [], pageErrors: [] });
  });
});
