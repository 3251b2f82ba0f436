import { CrucibleError } from "../errors/CrucibleError.ts";
import type { GovernanceDeployment } from "./governanceTypes.ts";

const U32 = 2 ** 32 - 1;
const U48 = 2 ** 48 - 1;

/** What the Governor's and the timelock's constructors accept (CRUCIBLE_DEPLOYMENT_INVALID naming
 * the field): a voting period of at least one block (GovernorInvalidVotingPeriod), a u48 delay, a
 * quorum of at most 10,000 bps (GovernorInvalidQuorumFraction). */
export function checkGovernance(g: GovernanceDeployment, label = "governance"): void {
  const fail = (field: string, why: string) => {
    throw new CrucibleError("CRUCIBLE_DEPLOYMENT_INVALID", `${label}.${field}: ${why}`);
  };
  const int = (field: keyof GovernanceDeployment, min: number, max: number) => {
    const v = g[field] as number;
    if (!Number.isInteger(v) || v < min || v > max) fail(field, `expected an integer in ${min}..${max}`);
  };
  int("votingDelayBlocks", 0, U48);
  int("votingPeriodBlocks", 1, U32);
  int("quorumBps", 0, 10_000);
  int("timelockDelayBlocks", 0, U48);
  if (g.proposalThresholdWei < 0n) fail("proposalThresholdWei", "must be non-negative");
}
