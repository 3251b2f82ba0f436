import type { LocalAccount } from "viem";
import { amountsByUid } from "../../protocol/amountsByUid.ts";
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
      const incentive = amountsByUid(hotkeys, recipients, amounts);
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
