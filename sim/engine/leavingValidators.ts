import type { ProtocolSession } from "../protocol/protocolSession.ts";
import type { Address, StakeMove } from "../protocol/protocolTypes.ts";

/**
 * Validators that left under open participation take their own stake out: at the start of the
 * epoch after they stopped, an unstake of everything they hold on their own UID; with a cooldown,
 * a withdraw `cooldownEpochs + 1` epochs later (one that reverts is tried again the next epoch).
 */
export function createLeavingValidators(options: {
  addressOf: readonly Address[];
  cooldownEpochs: number;
  agentOf: (slot: number) => string;
}) {
  const { addressOf, cooldownEpochs } = options;
  const leaving = new Map<number, { unstakeAt: number; withdrawAt: number; unstaked: boolean }>();
  return {
    /** `slot` stopped after epoch `epoch`. */
    leave(slot: number, epoch: number): void {
      leaving.set(slot, { unstakeAt: epoch + 1, withdrawAt: epoch + 2 + cooldownEpochs, unstaked: false });
    },
    /** The moves due at the start of `epoch` (after its registrations). */
    async moves(epoch: number, session: Pick<ProtocolSession, "readStakePositions">): Promise<StakeMove[]> {
      const due = [...leaving].filter(
        ([, l]) =>
          (!l.unstaked && epoch >= l.unstakeAt) ||
          (l.unstaked && cooldownEpochs > 0 && epoch >= l.withdrawAt),
      );
      if (due.length === 0) return [];
      const positions = await session.readStakePositions(
        due.map(([slot]) => ({ staker: addressOf[slot], hotkey: addressOf[slot] })),
      );
      return due.flatMap(([slot, l], i): StakeMove[] => {
        const who = { agent: options.agentOf(slot), address: addressOf[slot] };
        if (!l.unstaked) {
          l.unstaked = true;
          if (cooldownEpochs === 0) leaving.delete(slot);
          const amount = positions[i].stake;
          return amount > 0n ? [{ ...who, kind: "unstake", hotkey: who.address, amount }] : [];
        }
        return [{ ...who, kind: "withdraw", hotkey: who.address }];
      });
    },
    /** What the moves did: a validator whose withdraw succeeded is done; one that reverted tries again. */
    settle(moves: readonly StakeMove[], outcomes: readonly { status: string }[]): void {
      moves.forEach((move, i) => {
        if (move.kind !== "withdraw") return;
        const slot = addressOf.indexOf(move.address);
        const l = leaving.get(slot);
        if (l === undefined) return;
        if (outcomes[i]?.status === "success") leaving.delete(slot);
        else l.withdrawAt += 1;
      });
    },
  };
}
