import { describe, expect, it } from "vitest";
import type { NetworkEpochRow } from "../run/networkEpochRow.ts";
import { compareTwin } from "./honestTwin.ts";

const row = (epoch: number, netuid: number, emissionTao: number, emissionShare: number) =>
  ({ epoch, netuid, emissionTao, emissionShare }) as NetworkEpochRow;

describe("compareTwin", () => {
  it("sums each subnet's emission with the attackers and in the twin", () => {
    const rows = [row(0, 1, 40, 0.25), row(0, 2, 60, 0.75), row(1, 1, 30, 0.25), row(1, 2, 70, 0.75)];
    const twin = [row(0, 1, 50, 0.5), row(0, 2, 50, 0.5), row(1, 1, 50, 0.5), row(1, 2, 50, 0.5)];
    expect(compareTwin(["a", "b"], rows, twin)).toEqual([
      {
        subnet: "a",
        emissionTao: 70,
        twinEmissionTao: 100,
        emissionGainTao: -30,
        meanShare: 0.25,
        twinMeanShare: 0.5,
      },
      {
        subnet: "b",
        emissionTao: 130,
        twinEmissionTao: 100,
        emissionGainTao: 30,
        meanShare: 0.75,
        twinMeanShare: 0.5,
      },
    ]);
  });
});
