import { CrucibleError } from "../errors/CrucibleError.ts";
import type { Address } from "./protocolTypes.ts";

/**
 * `payEpoch`'s amounts as the incentive vector Emission.distribute takes: each recipient's amount at
 * the UID its address holds (`hotkeys[uid]`), summed; 0 elsewhere. Throws for an address holding no UID.
 */
export function amountsByUid(
  hotkeys: readonly Address[],
  recipients: readonly Address[],
  amounts: readonly bigint[],
): bigint[] {
  const uidOf = new Map(hotkeys.map((h, uid) => [h.toLowerCase(), uid]));
  const byUid = hotkeys.map(() => 0n);
  recipients.forEach((r, i) => {
    const uid = uidOf.get(r.toLowerCase());
    if (uid === undefined) throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `${r} holds no UID`);
    byUid[uid] += amounts[i];
  });
  return byUid;
}
