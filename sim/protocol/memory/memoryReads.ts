import { submissionHash } from "../crypto/commitHash.ts";
import type { ProtocolSession } from "../protocolSession.ts";
import type { MemoryProtocol } from "./memoryProtocol.ts";

export type MemoryReads = Pick<
  ProtocolSession,
  | "readUids"
  | "readStakes"
  | "readRegisteredAt"
  | "readRevealedWeights"
  | "isEpochSettled"
  | "readMarketSettlement"
  | "findMismatches"
  | "readBalances"
  | "readTotalSupply"
  | "readSupplyBooks"
>;

/** The port's reads over the memory protocol: copies, never views into its state. */
export function memoryReads(m: MemoryProtocol): MemoryReads {
  const { registry, staking, weights, emission, market, ledger } = m;
  return {
    readUids: async () => ({
      hotkeys: [...registry.hotkeys],
      registeredAt: [...registry.registeredAt],
      emission: [...registry.emission],
    }),
    readStakes: async () => registry.hotkeys.map((h) => staking.stakeOf(h)),
    readRegisteredAt: async () => [...registry.registeredAt],
    async readRevealedWeights(epoch, n) {
      // Weights.latestWeights densified as the Anvil session does: rows of `epoch` only, n×n, entries
      // past min(n, UIDs) dropped.
      const weightsOut = new Float64Array(n * n);
      const revealed = new Array<boolean>(n).fill(false);
      const m = Math.min(n, registry.count());
      for (let uid = 0; uid < m; uid++) {
        const row = weights.latestRow(uid);
        if (row === undefined || row.epoch !== epoch) continue;
        revealed[uid] = true;
        row.uids.forEach((j, k) => {
          if (j < m) weightsOut[uid * n + j] = row.weights[k];
        });
      }
      return { weights: weightsOut, revealed };
    },
    isEpochSettled: async (epoch) => emission.isSettled(epoch),
    readMarketSettlement: async (epoch, fromBlock) => market.settlement(epoch, fromBlock),
    findMismatches: async (epoch, reveals) =>
      reveals.filter((r) => {
        const hash = weights.commitmentHash(epoch, r.uid);
        return hash !== undefined && hash !== submissionHash(m.netuid, epoch, r.submission);
      }),
    readBalances: async (addresses) => addresses.map((a) => ledger.balanceOf(a)),
    readTotalSupply: async () => ledger.totalSupply(),
    async readSupplyBooks() {
      const accounts = [...m.agents, ...m.users, ...m.delegators, m.driver];
      return {
        totalSupply: ledger.totalSupply(),
        totalBurned: ledger.totalBurned,
        accountBalances: accounts.reduce((s, a) => s + ledger.balanceOf(a), 0n),
        totalStaked: staking.totalStaked,
        totalUnbonding: staking.totalUnbonding,
        totalEscrow: market.totalEscrow(),
      };
    },
  };
}
