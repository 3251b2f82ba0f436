import { CrucibleError } from "../../errors/CrucibleError.ts";
import type { ProtocolDeployment } from "../protocolDeployment.ts";
import type { PhaseResult, ProtocolSession, SessionAgent } from "../protocolSession.ts";
import type { Address } from "../protocolTypes.ts";
import { memoryDataMarketStarter } from "./memoryDataMarketStarter.ts";
import { createMemoryProtocol, type MemoryProtocol } from "./memoryProtocol.ts";
import { loadMemoryProtocol, saveMemoryProtocol } from "./memoryProtocolState.ts";
import { memoryReads } from "./memoryReads.ts";
import { memoryStakeMoves } from "./memoryStakeMoves.ts";
import { memoryWrites } from "./memoryWrites.ts";

/** The memory protocol's name and version, for the manifest. */
export const MEMORY_CLIENT_VERSION = "crucible-memory/1";

/** The in-memory session: the port, plus the genesis shortcut the Anvil session offers tests. */
export interface MemorySession extends ProtocolSession {
  readonly backend: "memory";
  /** Registers `agents` in one block; agent i must get UID i (a fresh subnet). */
  registerAll(agents: readonly SessionAgent[]): Promise<PhaseResult>;
}

/**
 * The protocol in memory, with the contracts' semantics (contracts/src/*.sol are the source of
 * truth): the same accounts, the same block numbers as the Anvil session, the same outcomes and
 * custom error names, no gas. Nothing to start or stop: a run's protocol in microseconds a call.
 * `protocol` is the state to drive, by default a fresh one for `deployment` (a property test passes
 * one it inspects, or a deliberately broken variant, test/protocolPropertiesMemory.test.ts).
 */
export async function startMemorySession(
  deployment: ProtocolDeployment,
  protocol?: MemoryProtocol,
): Promise<MemorySession> {
  const m = protocol ?? createMemoryProtocol(deployment);
  const byAddress = new Map(m.agents.map((a) => [a.toLowerCase(), a]));
  const accountOf = (address: Address): Address => {
    const account = byAddress.get(address.toLowerCase());
    if (account === undefined) throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `no key for ${address}`);
    return account;
  };
  const writes = memoryWrites(m, accountOf);
  const p = m.registry.params;
  return {
    ...writes,
    ...memoryReads(m),
    ...memoryStakeMoves(m),
    backend: "memory",
    metersGas: false,
    rpcUrl: "memory:",
    clientVersion: MEMORY_CLIENT_VERSION,
    netuid: m.netuid,
    agentAddresses: m.agents,
    userAddresses: m.users,
    // Governance changes the registry's params in place: these follow them.
    get revealDelayEpochs() {
      return p.revealDelayEpochs;
    },
    get emissionSplitBps() {
      return { owner: p.ownerBps, miners: p.minerBps, validators: p.validatorBps };
    },
    get slashBps() {
      return p.slashBps;
    },
    epochBlocks: deployment.epochBlocks ?? 0,
    alignEpoch: async (epoch) => m.clock.alignEpoch(epoch),
    async registerAll(agents) {
      const result = await writes.registerAgents(agents);
      agents.forEach((a, uid) => {
        if (m.registry.hotkeys[uid]?.toLowerCase() !== a.address.toLowerCase()) {
          throw new CrucibleError(
            "CRUCIBLE_CHAIN_FAILED",
            `${a.agent} did not get UID ${uid} at registration`,
          );
        }
      });
      return { outcomes: result.outcomes, gasUsed: result.gasUsed, block: result.block };
    },
    saveState: async () => saveMemoryProtocol(m),
    loadState: async (state) => loadMemoryProtocol(m, state),
    fundAgents: async (grants) => {
      for (const g of grants) m.ledger.mint(accountOf(g.address), g.amount);
    },
    startDataMarket: memoryDataMarketStarter(m, deployment.seed),
    stop: async () => {},
  };
}
