import type { LocalAccount } from "viem";
import { CrucibleError } from "../../errors/CrucibleError.ts";
import type { ProtocolSession } from "../../protocol/protocolSession.ts";
import { toEmissionShares } from "../../protocol/toEmissionShares.ts";
import { distributeCall, readRegistry } from "../index.ts";
import type { SessionDeps } from "./sessionDeps.ts";

/** The emission payout part of the session: the driver calls Emission.distribute for each epoch. */
export function emissionSession(
  d: SessionDeps & { driver: LocalAccount },
): Pick<ProtocolSession, "payEpoch" | "distributeEmission"> {
  const { chain, protocol, netuid } = d;
  const distribute = (epoch: number, incentive: bigint[], dividends: bigint[]) =>
    d.submit([distributeCall(d.driver, netuid, BigInt(epoch), incentive, dividends, "driver")]);
  return {
    /**
     * The engine's exact amounts, paid through Emission.distribute: they are the incentive vector
     * (dividends empty, so the whole epoch goes to that side). When they sum to the epoch's on-chain
     * emission each UID receives exactly its amount, liquid; otherwise (after a halving) the emission
     * is paid in their proportions.
     */
    async payEpoch(epoch, recipients, amounts) {
      const { hotkeys } = await readRegistry(chain, protocol, netuid);
      const uidOf = new Map(hotkeys.map((h, uid) => [h.toLowerCase(), uid]));
      const incentive = hotkeys.map(() => 0n);
      recipients.forEach((r, i) => {
        const uid = uidOf.get(r.toLowerCase());
        if (uid === undefined) throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `${r} holds no UID`);
        incentive[uid] += amounts[i];
      });
      return distribute(
        epoch,
        incentive,
        incentive.map(() => 0n),
      );
    },
    distributeEmission: (epoch, incentive, dividends) =>
      distribute(epoch, toEmissionShares(incentive), toEmissionShares(dividends)),
  };
}
