import type { GovernanceDeployment } from "./governanceTypes.ts";
import type { ProtocolSession } from "./protocolSession.ts";
import type { SubnetParams } from "./subnetParams.ts";

/**
 * Everything either protocol implementation needs to start a run's chain: accounts derive from
 * `seed`, agent i is meant to hold UID i, genesis mints `genesis[i]` to agent i and `users[j]` to
 * user j. `resolveDeployment(scenario)` (sim/scenario) builds it from a scenario; tests build it by
 * hand with the session defaults.
 */
export interface ProtocolDeployment {
  seed: number;
  /** Number of agents; agent i is meant to hold UID i. */
  agents: number;
  /** Tokens (wei) an epoch mints before any halving. */
  emissionPerEpoch: bigint;
  /** Tokens minted to each agent at genesis (by index), e.g. its registration funds and stake. */
  genesis: readonly bigint[];
  /** Subnet 0's hyperparameters over the session defaults (`SESSION_SUBNET_DEFAULTS`). */
  subnet?: Partial<Omit<SubnetParams, "owner">>;
  /** Supply cap (default: 2^128 wei, no halving in practice). */
  supplyCap?: bigint;
  unstakeCooldownBlocks?: number;
  /** Task-market users (accounts outside the subnet): tokens each receives at genesis (default none). */
  users?: readonly bigint[];
  /** Validator take when a hotkey set none, basis points (default 1,800). */
  defaultTakeBps?: number;
  /** The most a validator may set its take to, basis points (default 10,000). */
  maxTakeBps?: number;
  /** Delegator accounts (outside the subnet, label "delegator"): tokens each receives at genesis
   * (default none). They stake, unstake and withdraw through `ProtocolSession.moveStake`. */
  delegators?: readonly bigint[];
  /** Blocks per epoch for `alignEpoch` (default 0: epochs not aligned to blocks). */
  epochBlocks?: number;
  /** Token-holder governance (Governor, votes token, timelock owning the subnet's tunable
   * parameters); none by default. */
  governance?: GovernanceDeployment;
}

/** Starts a protocol for a deployment: the Anvil contracts or the in-memory protocol. */
export type StartProtocol = (deployment: ProtocolDeployment) => Promise<ProtocolSession>;

/** The session's subnet. */
export const SESSION_NETUID = 0;

/**
 * Subnet 0's parameters where a deployment leaves them out: free registration, no owner cut, 50/50
 * miners/validators, no immunity, maxUids = maxValidators = the agent count.
 */
export function sessionSubnetDefaults(agents: number): Partial<Omit<SubnetParams, "owner">> {
  const n = Math.max(agents, 1);
  return {
    minBurn: 0n,
    maxBurn: 0n,
    initialBurn: 0n,
    maxUids: n,
    maxValidators: n,
    ownerBps: 0,
    minerBps: 5_000,
    validatorBps: 5_000,
    immunityPeriod: 0n,
  };
}
