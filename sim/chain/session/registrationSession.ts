import { CrucibleError } from "../../errors/CrucibleError.ts";
import type { ProtocolSession, SessionAgent } from "../../protocol/protocolSession.ts";
import { headBlock, mineUntil, type PhaseCall, phaseCall, readBalances, readRegistry } from "../index.ts";
import type { SessionDeps } from "./sessionDeps.ts";

const MAX_UINT256 = 2n ** 256n - 1n;

/** Registration, UIDs and the epoch clock (part of `ProtocolSession`). */
export type Registration = Pick<
  ProtocolSession,
  "epochBlocks" | "registerAgents" | "readUids" | "alignEpoch"
> & {
  /** The epoch clock's origin (a checkpoint), and the same put back. */
  saveClock(): { epoch: number; block: bigint } | undefined;
  loadClock(origin: { epoch: number; block: bigint } | undefined): void;
};

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
    saveClock: () => (origin === undefined ? undefined : { ...origin }),
    loadClock(saved) {
      origin = saved === undefined ? undefined : { ...saved };
    },
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
