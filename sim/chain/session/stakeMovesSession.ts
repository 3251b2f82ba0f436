import type { Address, LocalAccount } from "viem";
import { CrucibleError } from "../../errors/CrucibleError.ts";
import type { ProtocolSession, StakeMove } from "../../protocol/protocolSession.ts";
import { type PhaseCall, phaseCall, protocolAbis } from "../index.ts";
import { toChainError } from "../toChainError.ts";
import type { SessionDeps } from "./sessionDeps.ts";

export type StakeMovesSession = Pick<
  ProtocolSession,
  "delegatorAddresses" | "moveStake" | "readStakePositions" | "readTakes"
>;

/** Stake that moves through Staking (stake, unstake, withdraw, setTake), each from its own account:
 * an agent's or a delegator's. */
export function stakeMovesSession(
  d: Pick<SessionDeps, "chain" | "protocol" | "netuid" | "submit"> & {
    agents: readonly LocalAccount[];
    delegators: readonly LocalAccount[];
  },
): StakeMovesSession {
  const { chain, protocol, netuid } = d;
  const client = chain.publicClient;
  const staking = protocol.addresses.staking;
  const byAddress = new Map([...d.agents, ...d.delegators].map((a) => [a.address.toLowerCase(), a]));
  const stakerOf = (address: Address) => {
    const account = byAddress.get(address.toLowerCase());
    if (!account) throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `no key for ${address}`);
    return account;
  };
  const callOf = (mv: StakeMove): PhaseCall => {
    const from = stakerOf(mv.address);
    switch (mv.kind) {
      case "stake":
        return phaseCall(from, "staking", "stake", [netuid, mv.uid, mv.hotkey, mv.amount], mv.agent);
      case "unstake":
        return phaseCall(from, "staking", "unstake", [netuid, mv.hotkey, mv.amount], mv.agent);
      case "withdraw":
        return phaseCall(from, "staking", "withdraw", [netuid, mv.hotkey], mv.agent);
      case "setTake":
        return phaseCall(from, "staking", "setTake", [netuid, mv.bps], mv.agent);
    }
  };
  const read = <T>(functionName: string, args: readonly unknown[]) =>
    client.readContract({
      address: staking,
      abi: protocolAbis.staking,
      functionName,
      args,
    } as Parameters<typeof client.readContract>[0]) as Promise<T>;
  return {
    delegatorAddresses: d.delegators.map((a) => a.address),
    moveStake: (moves) => d.submit(moves.map(callOf)),
    async readStakePositions(positions) {
      try {
        return await Promise.all(
          positions.map(async ({ staker, hotkey }) => {
            const [stake, shares, [unbonding, releaseBlock]] = await Promise.all([
              read<bigint>("stakeBy", [netuid, hotkey, staker]),
              read<bigint>("sharesOf", [netuid, hotkey, staker]),
              read<readonly [bigint, bigint]>("unbondingOf", [netuid, hotkey, staker]),
            ]);
            return { stake, shares, unbonding, releaseBlock };
          }),
        );
      } catch (error) {
        throw toChainError(error, "reading stake positions");
      }
    },
    async readTakes(hotkeys) {
      try {
        return await Promise.all(hotkeys.map((h) => read<number>("takeOf", [netuid, h])));
      } catch (error) {
        throw toChainError(error, "reading takes");
      }
    },
  };
}
