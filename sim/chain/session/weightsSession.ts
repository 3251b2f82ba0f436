import type { LocalAccount } from "viem";
import type { ProtocolSession } from "../../protocol/protocolSession.ts";
import { topStakeUids } from "../../protocol/topStakeUids.ts";
import { phaseCall, readRegistry, readRevealedWeights, readStakes, revealCall } from "../index.ts";
import { type SessionDeps, submissionHash } from "./sessionDeps.ts";

/** Epochs, permits and weights (part of `ProtocolSession`). */
export type WeightsSession = Pick<
  ProtocolSession,
  "openEpoch" | "commitWeights" | "revealWeights" | "readStakes" | "readRegisteredAt" | "readRevealedWeights"
>;

/** The `WeightsSession` part of the session: the driver opens epochs and sets permits; validators
 * commit and reveal from their own accounts. */
export function weightsSession(
  d: SessionDeps & { driver: LocalAccount; maxValidators: number },
): WeightsSession {
  const { chain, protocol, netuid, driver } = d;
  return {
    async openEpoch(epoch, permits) {
      const permitted = permits ?? topStakeUids(await readStakes(chain, protocol, netuid), d.maxValidators);
      return d.submit([
        phaseCall(driver, "weights", "setPermits", [netuid, permitted], "driver"),
        phaseCall(driver, "weights", "openEpoch", [netuid, BigInt(epoch)], "driver"),
      ]);
    },
    commitWeights: (epoch, submissions) =>
      d.submit(
        submissions.map((s) =>
          phaseCall(
            d.accountOf(s.address),
            "weights",
            "commit",
            [netuid, submissionHash(netuid, epoch, s)],
            s.agent,
          ),
        ),
      ),
    revealWeights: (epoch, submissions) =>
      d.submit(submissions.map((s) => revealCall(d.accountOf(s.address), netuid, BigInt(epoch), s, s.agent))),
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
  };
}
