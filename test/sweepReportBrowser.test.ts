import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { buildSweepHtml } from "../sim/sweep/sweepReport/buildSweepHtml.ts";
import { chromiumPath } from "./fixtures/chromiumPath.ts";
import { syntheticSweep } from "./fixtures/sweep/syntheticSweep.ts";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--no-first-run",
];

describe("sweep.html in headless Chromium, offline", () => {
  it("draws every chart (bands, heatmaps, sensitivity) with no network and no errors", async () => {
    const { plan, rows } = syntheticSweep();
    const dir = await mkdtemp(join(tmpdir(), "crucible-sweep-browser-"));
    const file = join(dir, "sweep.html");
    await writeFile(file, buildSweepHtml(plan, rows));
    const browser = await chromium.launch({ executablePath: await chromiumPath(), args: ARGS });
    try {
      const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
      const blocked: string[] = [];
      const errors: string[] = [];
      await page.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith("file://")) return route.continue();
        blocked.push(url);
        return route.abort("blockedbyclient");
      });
      page.on("console", (msg) => {
        if (msg.type() === "error") errors.push(msg.text());
      });
      page.on("pageerror", (err) => errors.push(err.message));
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      await page.waitForSelector("body[data-charts]", { state: "attached", timeout: 30_000 });
      expect(await page.locator("body").getAttribute("data-charts")).toBe("rendered");
      const names = await page
        .locator("section.chart")
        .evaluateAll((s) => s.map((e) => e.id.replace(/^chart-/, "")));
      expect(names).toEqual([
        "sensitivity",
        "band-0-0",
        "band-0-1",
        "heatmap-0",
        "band-1-0",
        "band-1-1",
        "heatmap-1",
      ]);
      for (const name of names) {
        const marks = page.locator(
          `#chart-${name} .chart-view svg.marks path, #chart-${name} .chart-view svg.marks text`,
        );
        expect(await marks.count(), name).toBeGreaterThan(10);
      }
      // Heatmap cells: 3 × 3 rects, each labelled with its mean.
      expect(
        await page.locator("#chart-heatmap-0 .chart-view svg.marks g.mark-rect.role-mark path").count(),
      ).toBe(9);
      expect(await page.locator("table.runs tbody tr").count()).toBe(27);
      await page.screenshot({ path: join(dir, "sweep.png"), fullPage: true });
      console.log(`screenshot: ${join(dir, "sweep.png")}`);
      expect({ blocked, errors }).toEqual({ blocked: [], errors: [] });
    } finally {
      await browser.close();
    }
  }, 120_000);
});
