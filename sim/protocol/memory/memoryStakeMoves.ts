import { CrucibleError } from "../../errors/CrucibleError.ts";
import type { ProtocolSession } from "../protocolSession.ts";
import type { Address } from "../protocolTypes.ts";
import type { MemoryProtocol } from "./memoryProtocol.ts";
import { runMemoryPhase } from "./runMemoryPhase.ts";

export type MemoryStakeMoves = Pick<
  ProtocolSession,
  "delegatorAddresses" | "moveStake" | "readStakePositions" | "readTakes"
>;

/** Stake that moves over the memory protocol (Staking.stake, unstake, withdraw, setTake), from the
 * agents' and the delegators' accounts (any other address throws, as the Anvil session has no key). */
export function memoryStakeMoves(m: MemoryProtocol): MemoryStakeMoves {
  const { staking, clock } = m;
  const byAddress = new Map([...m.agents, ...m.delegators].map((a) => [a.toLowerCase(), a]));
  const stakerOf = (address: Address): Address => {
    const account = byAddress.get(address.toLowerCase());
    if (account === undefined) throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `no key for ${address}`);
    return account;
  };
  return {
    delegatorAddresses: m.delegators,
    async moveStake(moves) {
      const calls = moves.map((mv) => {
        const from = stakerOf(mv.address);
        const run = (block: bigint): string | undefined => {
          switch (mv.kind) {
            case "stake":
              return staking.stake(from, mv.uid, mv.hotkey, mv.amount);
            case "unstake":
              return staking.unstake(from, mv.hotkey, mv.amount, block);
            case "withdraw":
              return staking.withdraw(from, mv.hotkey, block);
            case "setTake":
              return staking.setTake(from, mv.bps, block);
          }
        };
        return { agent: mv.agent, functionName: mv.kind, run };
      });
      return runMemoryPhase(clock, calls, m.votes.beforeCall);
    },
    readStakePositions: async (positions) => positions.map((p) => staking.positionOf(p.staker, p.hotkey)),
    readTakes: async (hotkeys) => hotkeys.map((h) => staking.takeOf(h, clock.head())),
  };
}
