import type { Address, LocalAccount } from "viem";
import {
  type ChainHandle,
  defaultSubnetParams,
  deployProtocol,
  deriveAccounts,
  FREE_REGISTRATION,
  fundAccounts,
  type PhaseCall,
  type Protocol,
  phaseCall,
  readBalances,
  readRegistry,
  readTotalSupply,
  type SubnetParams,
  startChain,
  submitPhase,
} from "../chain/index.ts";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { emissionSession } from "./emissionSession.ts";
import { marketAndSlashing } from "./marketSlashingSession.ts";
import type { PhaseResult, ProtocolSession } from "./protocolSession.ts";
import { registerCalls, registration } from "./registrationSession.ts";
import type { SessionDeps } from "./sessionDeps.ts";
import { weightsSession } from "./weightsSession.ts";

export { emissionSplitBps } from "./emissionSplitBps.ts";
export { topStakeUids } from "./weightsSession.ts";

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
  const deps: SessionDeps = { chain, protocol, netuid, accountOf, submit };

  return {
    ...marketAndSlashing({ ...deps, driver, users, agents: accounts }),
    ...registration({ ...deps, epochBlocks }),
    ...weightsSession({ ...deps, driver, maxValidators: subnet.maxValidators }),
    ...emissionSession({ ...deps, driver }),
    rpcUrl: chain.rpcUrl,
    clientVersion,
    netuid,
    revealDelayEpochs: subnet.revealDelayEpochs,
    emissionSplitBps: { owner: subnet.ownerBps, miners: subnet.minerBps, validators: subnet.validatorBps },
    agentAddresses: accounts.map((a) => a.address),
    addresses: { ...protocol.addresses },
    /** Registers `agents` in one block; agent i must get UID i (a fresh subnet). */
    async registerAll(agents) {
      const result = await submit(registerCalls(deps, agents));
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
        stakes.map((s) =>
          phaseCall(accountOf(s.address), "staking", "stake", [netuid, s.uid, s.amount], s.agent),
        ),
      ),
    readBalances: (addresses) => readBalances(chain, protocol, addresses),
    readTotalSupply: () => readTotalSupply(chain, protocol),
    stop: () => chain.stop(),
  };
}
