import type { Address, LocalAccount } from "viem";
import {
  type ChainHandle,
  commitHash,
  defaultSubnetParams,
  deployProtocol,
  deriveAccounts,
  FREE_REGISTRATION,
  fundAccounts,
  type PhaseCall,
  type Protocol,
  readBalances,
  readRegistry,
  readRevealedWeights,
  readStakes,
  readTotalSupply,
  type SubnetParams,
  startChain,
  submitPhase,
} from "../chain/index.ts";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { marketAndSlashing } from "./marketSlashingSession.ts";
import type { PhaseResult, ProtocolSession, WeightSubmission } from "./protocolSession.ts";
import { registration } from "./registrationSession.ts";

export interface StartProtocolSessionOptions {
  seed: number;
  /** Number of agents; agent i is meant to hold UID i. */
  agents: number;
  /** Tokens (wei) an epoch mints before any halving. */
  emissionPerEpoch: bigint;
  revealDelayEpochs: number;
  /** Tokens minted to each agent at genesis (by index), e.g. the validators' stake. */
  genesis: readonly bigint[];
  /** Subnet 0's hyperparameters over the session defaults (free registration, no owner cut,
   * 50/50 miners/validators, maxUids = agents, every UID may hold a permit). */
  subnet?: Partial<Omit<SubnetParams, "owner">>;
  /** Supply cap (default: 2^128 wei, no halving in practice). */
  supplyCap?: bigint;
  unstakeCooldownBlocks?: number;
  /** Task-market users (accounts outside the subnet): tokens each receives at genesis (default none). */
  users?: readonly bigint[];
  /** Validator take when a hotkey set none, basis points (default 1,800). */
  defaultTakeBps?: number;
  /** Blocks per epoch for `alignEpoch` (default 0: epochs not aligned to blocks). */
  epochBlocks?: number;
}

/** The session's subnet. */
export const SESSION_NETUID = 0;
const MAX_UINT256 = 2n ** 256n - 1n;
/** Shares scale for incentive/dividend vectors sent to Emission.distribute. */
const SHARE_SCALE = 1e18;

/**
 * What the session offers beyond `ProtocolSession` (a compatible extension): the engine may move to
 * these when it wants the protocol, not the engine, to split emission.
 */
export interface FullProtocolSession extends ProtocolSession {
  readonly netuid: number;
  /** Opens `epoch`; validator permits go to `permits` (default: the top maxValidators UIDs by
   * on-chain stake, stake > 0), set in the same block. */
  openEpoch(epoch: number, permits?: readonly number[]): Promise<PhaseResult>;
}

/** A scenario's `emissionSplit` (fractions; owner 0 when absent) as the subnet's `ownerBps` /
 * `minerBps` / `validatorBps`, for `StartProtocolSessionOptions.subnet`. */
export function emissionSplitBps(split: { owner?: number; miners: number; validators: number }): {
  ownerBps: number;
  minerBps: number;
  validatorBps: number;
} {
  const ownerBps = Math.round((split.owner ?? 0) * 10_000);
  const minerBps = Math.round(split.miners * 10_000);
  return { ownerBps, minerBps, validatorBps: 10_000 - ownerBps - minerBps };
}

/**
 * The engine's chain: a fresh Anvil, the protocol deployed from a driver account with one subnet,
 * and one account per agent derived from the run seed. Each engine phase becomes one `submitPhase`.
 */
export async function startProtocolSession(
  options: StartProtocolSessionOptions,
): Promise<FullProtocolSession> {
  const chain = await startChain();
  try {
    const [driver] = deriveAccounts(options.seed, 1, { label: "driver" });
    const accounts = deriveAccounts(options.seed, options.agents);
    const userGenesis = options.users ?? [];
    const users = deriveAccounts(options.seed, userGenesis.length, { label: "user" });
    await fundAccounts(chain, [
      driver.address,
      ...accounts.map((a) => a.address),
      ...users.map((u) => u.address),
    ]);
    const n = Math.max(options.agents, 1);
    const subnet = defaultSubnetParams(driver.address, {
      ...FREE_REGISTRATION,
      maxUids: n,
      maxValidators: n,
      revealDelayEpochs: options.revealDelayEpochs,
      ownerBps: 0,
      minerBps: 5_000,
      validatorBps: 5_000,
      immunityPeriod: 0n,
      ...options.subnet,
    });
    const protocol = await deployProtocol(chain, {
      driver,
      emissionPerEpoch: options.emissionPerEpoch,
      supplyCap: options.supplyCap,
      unstakeCooldownBlocks: options.unstakeCooldownBlocks,
      defaultTakeBps: options.defaultTakeBps,
      subnets: [subnet],
      genesis: [...accounts, ...users].flatMap((a, i) => {
        const amount = i < accounts.length ? options.genesis[i] : userGenesis[i - accounts.length];
        return amount > 0n ? [{ address: a.address, amount }] : [];
      }),
    });
    const clientVersion = await chain.publicClient.request({ method: "web3_clientVersion" });
    return createSession(
      chain,
      protocol,
      driver,
      accounts,
      String(clientVersion),
      users,
      options.epochBlocks,
    );
  } catch (error) {
    await chain.stop();
    throw error;
  }
}

/** The top `k` UIDs by stake (stake > 0; ties: lower UID). */
export function topStakeUids(stakes: readonly bigint[], k: number): number[] {
  return stakes
    .map((s, uid) => ({ s, uid }))
    .filter((e) => e.s > 0n)
    .sort((a, b) => (a.s === b.s ? a.uid - b.uid : a.s > b.s ? -1 : 1))
    .slice(0, k)
    .map((e) => e.uid)
    .sort((a, b) => a - b);
}

function toShares(xs: ArrayLike<number>): bigint[] {
  return Array.from(xs, (x) => (Number.isFinite(x) && x > 0 ? BigInt(Math.round(x * SHARE_SCALE)) : 0n));
}

function createSession(
  chain: ChainHandle,
  protocol: Protocol,
  driver: LocalAccount,
  accounts: readonly LocalAccount[],
  clientVersion: string,
  users: readonly LocalAccount[] = [],
  epochBlocks = 0,
): FullProtocolSession {
  const netuid = SESSION_NETUID;
  const subnet = protocol.params.subnets[netuid];
  const byAddress = new Map(accounts.map((a) => [a.address.toLowerCase(), a]));
  const accountOf = (address: Address) => {
    const account = byAddress.get(address.toLowerCase());
    if (!account) throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `no key for ${address}`);
    return account;
  };
  const submit = async (calls: readonly PhaseCall[]): Promise<PhaseResult> => {
    const r = await submitPhase(chain, protocol, calls);
    return { outcomes: r.outcomes.map((o) => ({ ...o })), gasUsed: r.gasUsed, block: r.blockNumber };
  };
  const hashOf = (epoch: number, s: WeightSubmission) =>
    commitHash({
      netuid,
      epoch: BigInt(epoch),
      hotkey: s.address,
      uids: s.uids,
      weights: s.weights,
      salt: s.salt,
    });
  const driverCall = <C extends PhaseCall>(call: Omit<C, "agent" | "account">) =>
    ({ agent: "driver", account: driver, ...call }) as PhaseCall;
  const distribute = (epoch: number, incentive: bigint[], dividends: bigint[]) =>
    submit([
      driverCall({
        contract: "emission",
        functionName: "distribute",
        args: [netuid, BigInt(epoch), incentive, dividends],
      }),
    ]);

  return {
    ...marketAndSlashing({ chain, protocol, netuid, driver, users, agents: accounts, accountOf, submit }),
    ...registration({ chain, protocol, netuid, epochBlocks, accountOf, submit }),
    rpcUrl: chain.rpcUrl,
    clientVersion,
    netuid,
    revealDelayEpochs: subnet.revealDelayEpochs,
    emissionSplitBps: { owner: subnet.ownerBps, miners: subnet.minerBps, validators: subnet.validatorBps },
    agentAddresses: accounts.map((a) => a.address),
    addresses: { ...protocol.addresses },
    async registerAll(agents) {
      const result = await submit(
        agents.map((a) => ({
          agent: a.agent,
          account: accountOf(a.address),
          contract: "registry",
          functionName: "register",
          args: [netuid, MAX_UINT256],
        })),
      );
      const registry = await readRegistry(chain, protocol, netuid);
      agents.forEach((a, uid) => {
        if (registry.hotkeys[uid]?.toLowerCase() !== a.address.toLowerCase()) {
          throw new CrucibleError(
            "CRUCIBLE_CHAIN_FAILED",
            `${a.agent} did not get UID ${uid} at registration`,
          );
        }
      });
      return result;
    },
    stakeGenesis: (stakes) =>
      submit(
        stakes.map((s) => ({
          agent: s.agent,
          account: accountOf(s.address),
          contract: "staking",
          functionName: "stake",
          args: [netuid, s.uid, s.amount],
        })),
      ),
    async openEpoch(epoch, permits) {
      const permitted =
        permits ?? topStakeUids(await readStakes(chain, protocol, netuid), subnet.maxValidators);
      return submit([
        driverCall({ contract: "weights", functionName: "setPermits", args: [netuid, permitted] }),
        driverCall({ contract: "weights", functionName: "openEpoch", args: [netuid, BigInt(epoch)] }),
      ]);
    },
    commitWeights: (epoch, submissions) =>
      submit(
        submissions.map((s) => ({
          agent: s.agent,
          account: accountOf(s.address),
          contract: "weights",
          functionName: "commit",
          args: [netuid, hashOf(epoch, s)],
        })),
      ),
    revealWeights: (epoch, submissions) =>
      submit(
        submissions.map((s) => ({
          agent: s.agent,
          account: accountOf(s.address),
          contract: "weights",
          functionName: "reveal",
          args: [netuid, BigInt(epoch), s.uids, s.weights, s.salt],
        })),
      ),
    readStakes: () => readStakes(chain, protocol, netuid),
    readRegisteredAt: async () => (await readRegistry(chain, protocol, netuid)).registeredAt,
    async readRevealedWeights(epoch, n) {
      const r = await readRevealedWeights(chain, protocol, epoch, netuid);
      // Only revealed rows hold weights: writing every entry of n×n would map ~800 MB per epoch at
      // 10,000 UIDs (seconds), so the other rows stay the fresh array's zero pages.
      const weights = new Float64Array(n * n);
      const m = Math.min(n, r.n);
      for (let i = 0; i < m; i++) {
        if (r.revealed[i]) weights.set(r.weights.subarray(i * r.n, i * r.n + m), i * n);
      }
      return { weights, revealed: Array.from({ length: n }, (_, i) => r.revealed[i] ?? false) };
    },
    /**
     * The engine's exact amounts, paid through Emission.distribute: they are the incentive vector
     * (dividends empty, so the whole epoch goes to that side). When they sum to the epoch's on-chain
     * emission each UID receives exactly its amount, liquid; otherwise (after a halving) the emission
     * is paid in their proportions.
     */
    async payEpoch(epoch, recipients, amounts) {
      const { hotkeys } = await readRegistry(chain, protocol, netuid);
      const uidOf = new Map(hotkeys.map((h, uid) => [h.toLowerCase(), uid]));
      const incentive = hotkeys.map(() => 0n);
      recipients.forEach((r, i) => {
        const uid = uidOf.get(r.toLowerCase());
        if (uid === undefined) throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `${r} holds no UID`);
        incentive[uid] += amounts[i];
      });
      return distribute(
        epoch,
        incentive,
        incentive.map(() => 0n),
      );
    },
    distributeEmission: (epoch, incentive, dividends) =>
      distribute(epoch, toShares(incentive), toShares(dividends)),
    readBalances: (addresses) => readBalances(chain, protocol, addresses),
    readTotalSupply: () => readTotalSupply(chain, protocol),
    stop: () => chain.stop(),
  };
}
