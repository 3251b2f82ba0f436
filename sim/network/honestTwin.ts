import type { NetworkEpochRow } from "../run/networkEpochRow.ts";

/** What the attackers did to one subnet: its TAO emission with them and in the honest twin. */
export interface TwinSubnet {
  subnet: string;
  /** TAO emitted into the subnet's pool over the run, with the attackers. */
  emissionTao: number;
  /** The same in the honest twin (the same network, seed and subnets' incentive, no attackers). */
  twinEmissionTao: number;
  /** emissionTao − twinEmissionTao: what the attack moved into (+) or out of (−) the subnet. */
  emissionGainTao: number;
  /** Mean emission share with the attackers and in the twin. */
  meanShare: number;
  twinMeanShare: number;
}

/** Per subnet, the run's emission against its honest twin's (network_epochs rows of each). */
export function compareTwin(
  names: readonly string[],
  rows: readonly NetworkEpochRow[],
  twin: readonly NetworkEpochRow[],
): TwinSubnet[] {
  const totals = (rs: readonly NetworkEpochRow[], netuid: number) => {
    const mine = rs.filter((r) => r.netuid === netuid);
    return {
      tao: mine.reduce((s, r) => s + r.emissionTao, 0),
      share: mine.length === 0 ? Number.NaN : mine.reduce((s, r) => s + r.emissionShare, 0) / mine.length,
    };
  };
  return names.map((subnet, i) => {
    const a = totals(rows, i + 1);
    const b = totals(twin, i + 1);
    return {
      subnet,
      emissionTao: a.tao,
      twinEmissionTao: b.tao,
      emissionGainTao: a.tao - b.tao,
      meanShare: a.share,
      twinMeanShare: b.share,
    };
  });
}
