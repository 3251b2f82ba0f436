import { describe, expect, it } from "vitest";
import type { NetworkEpochRow } from "../../sim/run/networkEpochRow.ts";
import { networkChartSpecs } from "./networkChartSpecs.ts";

const row = (
  epoch: number,
  netuid: number,
  share: number,
  stakeIn: number,
  stakeOut: number,
): NetworkEpochRow => ({
  epoch,
  netuid,
  price: 1,
  ema: 1,
  emissionShare: share,
  emissionTao: 180 * share,
  taoReserve: 1000,
  alphaReserve: 1000,
  stakeInTao: stakeIn,
  stakeOutTao: stakeOut,
  stakers: 1,
  minerAlpha: 0,
  minerTao: 0,
  dividendAlpha: 0,
  minerSoldTao: 0,
  expectedYield: 0,
});

describe("networkChartSpecs", () => {
  it("charts each subnet by name: emission share and price per epoch, stake in up and out down", () => {
    const rows = [row(0, 1, 0.25, 10, 0), row(0, 2, 0.75, 0, 4)];
    const [share, price, flows] = networkChartSpecs(rows, ["a", "b"]);
    expect([share.name, price.name, flows.name]).toEqual([
      "network-emission-share",
      "network-price",
      "network-stake-flows",
    ]);
    const values = (s: typeof share) =>
      (s.spec as { data: { values: Record<string, unknown>[] } }).data.values;
    expect(values(share)).toEqual([
      { epoch: 0, subnet: "a", value: 0.25 },
      { epoch: 0, subnet: "b", value: 0.75 },
    ]);
    expect(values(flows).map((v) => [v.subnet, v.direction, v.tao])).toEqual([
      ["a", "in", 10],
      ["a", "out", -0],
      ["b", "in", 0],
      ["b", "out", -4],
    ]);
  });
});
