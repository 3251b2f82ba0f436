import type { Address, Hex, LocalAccount } from "viem";
import { CrucibleError } from "../../errors/CrucibleError.ts";
import {
  type ProtocolDeployment,
  SESSION_NETUID,
  sessionSubnetDefaults,
} from "../../protocol/protocolDeployment.ts";
import type { PhaseResult, ProtocolSession, SessionAgent } from "../../protocol/protocolSession.ts";
import {
  type ChainHandle,
  defaultSubnetParams,
  deployProtocol,
  deriveAccounts,
  dumpChainState,
  fundAccounts,
  loadChainState,
  type PhaseCall,
  type Protocol,
  phaseCall,
  readBalances,
  readRegistry,
  readTotalSupply,
  startChain,
  submitPhase,
} from "../index.ts";
import { anvilDataMarketStarter } from "./dataMarketSession.ts";
import { emissionSession } from "./emissionSession.ts";
import { governanceSession } from "./governanceSession.ts";
import { marketAndSlashing } from "./marketSlashingSession.ts";
import { registerCalls, registration } from "./registrationSession.ts";
import type { SessionDeps } from "./sessionDeps.ts";
import { stakeMovesSession } from "./stakeMovesSession.ts";
import { weightsSession } from "./weightsSession.ts";

/** The Anvil session: the port, plus the deployed contracts' addresses and a genesis shortcut that
 * tests use. */
export interface AnvilSession extends ProtocolSession {
  readonly backend: "anvil";
  readonly addresses: Record<string, Address>;
  /** Registers `agents` in one block; agent i must get UID i (a fresh subnet). */
  registerAll(agents: readonly SessionAgent[]): Promise<PhaseResult>;
}

/**
 * The engine's chain: a fresh Anvil, the protocol deployed from a driver account with one subnet,
 * and one account per agent derived from the run seed. Each engine phase becomes one `submitPhase`.
 */
export async function startAnvilSession(options: ProtocolDeployment): Promise<AnvilSession> {
  const chain = await startChain();
  try {
    const [driver] = deriveAccounts(options.seed, 1, { label: "driver" });
    const accounts = deriveAccounts(options.seed, options.agents);
    const userGenesis = options.users ?? [];
    const users = deriveAccounts(options.seed, userGenesis.length, { label: "user" });
    const delegatorGenesis = options.delegators ?? [];
    const delegators = deriveAccounts(options.seed, delegatorGenesis.length, { label: "delegator" });
    await fundAccounts(chain, [
      driver.address,
      ...accounts.map((a) => a.address),
      ...users.map((u) => u.address),
      ...delegators.map((u) => u.address),
    ]);
    const amounts = [
      ...accounts.map((_, i) => options.genesis[i] ?? 0n),
      ...userGenesis,
      ...delegatorGenesis,
    ];
    const subnet = defaultSubnetParams(driver.address, {
      ...sessionSubnetDefaults(options.agents),
      ...options.subnet,
    });
    const protocol = await deployProtocol(chain, {
      driver,
      emissionPerEpoch: options.emissionPerEpoch,
      supplyCap: options.supplyCap,
      unstakeCooldownBlocks: options.unstakeCooldownBlocks,
      defaultTakeBps: options.defaultTakeBps,
      maxTakeBps: options.maxTakeBps,
      subnets: [subnet],
      governance: options.governance,
      genesis: [...accounts, ...users, ...delegators].flatMap((a, i) =>
        amounts[i] > 0n ? [{ address: a.address, amount: amounts[i] }] : [],
      ),
    });
    const clientVersion = await chain.publicClient.request({ method: "web3_clientVersion" });
    const session = createSession(
      chain,
      protocol,
      driver,
      accounts,
      String(clientVersion),
      users,
      options.epochBlocks,
      delegators,
    );
    // Assign, never spread: the session's getters (the governed split and slash share) must stay
    // live.
    return Object.assign(session, {
      startDataMarket: anvilDataMarketStarter({
        chain,
        protocol,
        driver,
        agents: accounts,
        seed: options.seed,
      }),
    });
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
  delegators: readonly LocalAccount[] = [],
): AnvilSession {
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
  const { saveClock, loadClock, ...registering } = registration({ ...deps, epochBlocks });

  // The split and slash share as deployed, then as the last executed proposal set them.
  let split = { owner: subnet.ownerBps, miners: subnet.minerBps, validators: subnet.validatorBps };
  let slashBps = subnet.slashBps;
  let revealDelayEpochs = subnet.revealDelayEpochs;
  const governance = governanceSession({
    ...deps,
    driver,
    onExecuted(p) {
      split = { owner: p.ownerBps, miners: p.minerBps, validators: p.validatorBps };
      slashBps = p.slashBps;
      revealDelayEpochs = p.revealDelayEpochs;
    },
  });

  return {
    ...marketAndSlashing({ ...deps, driver, users, agents: accounts, delegators }),
    ...stakeMovesSession({ ...deps, agents: accounts, delegators }),
    ...governance,
    get slashBps() {
      return slashBps;
    },
    get emissionSplitBps() {
      return split;
    },
    get revealDelayEpochs() {
      return revealDelayEpochs;
    },
    ...registering,
    ...weightsSession({ ...deps, driver, maxValidators: subnet.maxValidators }),
    ...emissionSession({ ...deps, driver }),
    backend: "anvil",
    metersGas: true,
    rpcUrl: chain.rpcUrl,
    clientVersion,
    netuid,
    agentAddresses: accounts.map((a) => a.address),
    addresses: { ...protocol.addresses },
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
          phaseCall(
            accountOf(s.address),
            "staking",
            "stake",
            [netuid, s.uid, s.hotkey ?? s.address, s.amount],
            s.agent,
          ),
        ),
      ),
    readBalances: (addresses) => readBalances(chain, protocol, addresses),
    readTotalSupply: () => readTotalSupply(chain, protocol),
    // A checkpoint: the whole chain (anvil_dumpState: accounts, code, storage, block number) and the
    // epoch clock; loaded into a session deployed from the same deployment (same addresses).
    saveState: async () => ({
      kind: "anvil-protocol",
      chain: await dumpChainState(chain),
      origin: saveClock(),
    }),
    async loadState(state) {
      const s = state as { kind?: string; chain: Hex; origin: { epoch: number; block: bigint } | undefined };
      if (s?.kind !== "anvil-protocol")
        throw new CrucibleError(
          "CRUCIBLE_CHECKPOINT_INVALID",
          "the checkpoint's protocol state is not an Anvil chain's (was the run on another chain backend?)",
        );
      await loadChainState(chain, s.chain);
      loadClock(s.origin);
    },
    stop: () => chain.stop(),
  };
}
