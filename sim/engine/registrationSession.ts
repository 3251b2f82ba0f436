import {
  headBlock,
  mineUntil,
  type PhaseCall,
  phaseCall,
  type RegistrySnapshot,
  readBalances,
  readRegistry,
} from "../chain/index.ts";
import { CrucibleError } from "../errors/CrucibleError.ts";
import type { PhaseResult, SessionAgent } from "./protocolSession.ts";
import type { SessionDeps } from "./sessionDeps.ts";

const MAX_UINT256 = 2n ** 256n - 1n;

export interface RegistrationResult extends PhaseResult {
  /** What each agent burned (wei), in input order: its balance before minus after; 0 on a revert. */
  burned: bigint[];
}

/** Registration, UIDs and the epoch clock, as the engine drives them (part of `ProtocolSession`). */
export interface Registration {
  /** Blocks per epoch (0: epochs are not aligned to blocks). */
  readonly epochBlocks: number;
  /**
   * Registers each agent in one block, in order, each burning the registration price of that moment
   * (the price grows with each registration in the block). When the subnet is full a registration
   * replaces the non-immune UID with the lowest emission. A reverted register (short of the price,
   * all UIDs immune) is an outcome, not an error.
   */
  registerAgents(agents: readonly SessionAgent[]): Promise<RegistrationResult>;
  /** Every UID of the subnet now: hotkey, registration block, last recorded emission. */
  readUids(): Promise<RegistrySnapshot>;
  /**
   * Mines empty blocks so that epoch `epoch` starts at block origin + epoch · epochBlocks, where the
   * first call fixes the origin (its next block). Fails when an epoch used more blocks than that.
   */
  alignEpoch(epoch: number): Promise<bigint>;
}

interface RegistrationDeps extends SessionDeps {
  epochBlocks: number;
}

/** Each agent registers on `netuid` from its own account, at whatever price the block asks. */
export function registerCalls(
  deps: Pick<SessionDeps, "netuid" | "accountOf">,
  agents: readonly SessionAgent[],
): PhaseCall[] {
  return agents.map((a) =>
    phaseCall(deps.accountOf(a.address), "registry", "register", [deps.netuid, MAX_UINT256], a.agent),
  );
}

export function registration(deps: RegistrationDeps): Registration {
  const { chain, protocol, netuid, epochBlocks } = deps;
  let origin: { epoch: number; block: bigint } | undefined;
  return {
    epochBlocks,
    async registerAgents(agents) {
      const addresses = agents.map((a) => a.address);
      const before = await readBalances(chain, protocol, addresses);
      const result = await deps.submit(registerCalls(deps, agents));
      const after = await readBalances(chain, protocol, addresses);
      return { ...result, burned: before.map((b, i) => b - after[i]) };
    },
    readUids: () => readRegistry(chain, protocol, netuid),
    async alignEpoch(epoch) {
      const next = (await headBlock(chain)) + 1n;
      if (epochBlocks <= 0) return next;
      if (origin === undefined) {
        origin = { epoch, block: next };
        return next;
      }
      const start = origin.block + BigInt((epoch - origin.epoch) * epochBlocks);
      if (!(await mineUntil(chain, start))) {
        throw new CrucibleError(
          "CRUCIBLE_CHAIN_FAILED",
          `epoch ${epoch} should start at block ${start} (tempo ${epochBlocks}), but the chain is at ${next - 1n}: an epoch used more than tempo blocks; raise protocol.tempo`,
        );
      }
      return start;
    },
  };
}
