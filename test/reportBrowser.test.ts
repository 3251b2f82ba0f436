import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smallRunTables } from "../reports/fixtures/smallRunTables.ts";
import { writeReport } from "../reports/writeReport.ts";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

describe("report.html in headless Chromium, offline", () => {
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: run \`apt-get install -y chromium\` (CI installs it)`);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("renders every chart with no network, no console errors and no page errors", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crucible-report-browser-"));
    const result = await writeReport(dir, smallRunTables({ adversary: true }), {
      title: "Browser test </script> run",
      scenarioYaml: "name: browser-test\nnote: '</script><b>not bold</b>'\n",
      manifest: { seed: 7 },
      wallTimeMs: 1234,
    });

    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const blocked: string[] = [];
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file://")) return route.continue();
      blocked.push(url);
      return route.abort("blockedbyclient");
    });
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") consoleErrors.push(msg.text());
    });
    page.on("pageerror", (err) => pageErrors.push(err.message));

    await page.goto(pathToFileURL(result.html).href, { waitUntil: "load" });
    // The page script sets body[data-charts] to "rendered" or "failed" once every embed settles.
    await page.waitForSelector("body[data-charts]", { state: "attached", timeout: 20_000 });
    expect(await page.locator("body").getAttribute("data-charts")).toBe("rendered");

    for (const chart of result.charts) {
      const section = page.locator(`#chart-${chart.name}`);
      // vega-embed replaced the fallback image with a live vega view holding marks.
      expect(await section.locator(".chart-fallback").count()).toBe(0);
      const marks = section.locator(".chart-view svg.marks, .chart-view canvas");
      expect(await marks.count()).toBeGreaterThan(0);
      expect(
        await section.locator(".chart-view svg.marks path, .chart-view svg.marks text").count(),
      ).toBeGreaterThan(10);
    }
    // The title and YAML were escaped, not parsed as markup.
    expect(await page.title()).toBe("Browser test </script> run");
    expect(await page.locator("pre.scenario b").count()).toBe(0);
    expect(await page.locator("pre.scenario").textContent()).toContain("</script><b>not bold</b>");

    const screenshot = join(dir, "report.png");
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`report screenshot: ${screenshot}`);
    await context.close();

    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
