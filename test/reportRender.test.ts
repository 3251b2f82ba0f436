import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { buildChartSpecs } from "../reports/buildChartSpecs.ts";
import { renderPng } from "../reports/renderPng.ts";
import { renderSvg } from "../reports/renderSvg.ts";
import { smallRunTables } from "./fixtures/reports/smallRunTables.ts";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Counts pixels that are not (near) white in a PNG. */
function inkedPixels(png: Buffer): number {
  const { pixels } = new Resvg(
    `<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/png;base64,${png.toString("base64")}"/></svg>`,
  ).render();
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 200 && pixels[i + 3] > 0) n++;
  return n;
}

describe("rendering", () => {
  const { charts } = buildChartSpecs(smallRunTables({ adversary: true }));

  it("renders each spec to an SVG with its axis titles", async () => {
    const axisTitles: Record<string, string[]> = {
      "reward-vs-accuracy": [
        "True quality: held-out accuracy or score (%)",
        "Total reward (tokens)",
        "Model tier",
      ],
      "cumulative-reward": ["Epoch", "Cumulative reward (tokens)", "Miners", "Validators"],
      "phase-time": ["Epoch", "Wall time (ms)", "Phase", "inference"],
      lorenz: ["Share of agents, lowest paid first", "Share of the total reward", "perfect equality"],
      concentration: ["Gini (0 = equal, 1 = one takes all)", "Fewest agents holding &gt; 50 %", "Stake"],
      "adversary-share": ["Adversaries' share", "Share of the work", "Share of stake"],
      "supply-emission": ["Tokens", "Supply", "Paid to", "Validators"],
      "gas-transactions": ["Transactions", "Gas", "Reverted"],
    };
    for (const c of charts) {
      const svg = await renderSvg(c.spec);
      expect(svg.startsWith("<svg")).toBe(true);
      expect(Object.keys(axisTitles)).toContain(c.name);
      for (const t of axisTitles[c.name]) expect(svg, `${c.name}: ${t}`).toContain(`>${t}</text>`);
    }
  });

  it("renders a valid PNG of non-trivial size at 2x", async () => {
    const svg = await renderSvg(charts[0].spec);
    const png = renderPng(svg);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.length).toBeGreaterThan(10_000);
    const svgWidth = Number(/width="(\d+(?:\.\d+)?)"/.exec(svg)?.[1]);
    expect(png.readUInt32BE(16)).toBe(Math.round(svgWidth * 2)); // IHDR width
  });

  it("draws text with a system font (resvg finds one)", () => {
    const text = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40">
      <text x="10" y="28" font-family="sans-serif" font-size="20">Reward (tokens)</text></svg>`;
    expect(inkedPixels(renderPng(text, { scale: 1 }))).toBeGreaterThan(100);
    const empty = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"></svg>`;
    expect(inkedPixels(renderPng(empty, { scale: 1 }))).toBe(0);
  });
});
