import { CrucibleError } from "../errors/CrucibleError.ts";
import type { MechanismOutput } from "../mechanisms/mechanism.ts";
import { type EmissionSplit, emissionSplitBps } from "../protocol/emissionSplitBps.ts";
import type { ProtocolSession } from "../protocol/protocolSession.ts";
import type { EpochContext } from "./epochContext.ts";
import type { EpochRecorder } from "./epochRecorder.ts";
import { splitEmission } from "./splitEmission.ts";

/**
 * Step 7, emission: minted and paid on-chain, directly (the engine's exact split of the agents'
 * emission) or through Emission.distribute (the subnet's split, validator take liquid, the rest
 * compounded into stake). Returns what each UID received, read back from the chain: its change of
 * balance (plus stake on the contract path), task fees released in the same payout included.
 */
export async function payEmission(
  ctx: Pick<EpochContext, "session" | "addressOf" | "emissionWei" | "split" | "emissionPath">,
  epoch: number,
  output: Pick<MechanismOutput, "incentive" | "dividends">,
  recorder: EpochRecorder,
): Promise<bigint[]> {
  const { session, addressOf } = ctx;
  if (ctx.emissionPath === "contract") {
    checkContractSplit(session, ctx.split);
    const [balances, stakes] = await Promise.all([session.readBalances(addressOf), session.readStakes()]);
    recorder.record("emission", await session.distributeEmission(epoch, output.incentive, output.dividends));
    const [balancesAfter, stakesAfter] = await Promise.all([
      session.readBalances(addressOf),
      session.readStakes(),
    ]);
    return balancesAfter.map((b, uid) => b - balances[uid] + (stakesAfter[uid] ?? 0n) - (stakes[uid] ?? 0n));
  }
  const amounts = splitEmission(ctx.emissionWei, output.incentive, output.dividends, ctx.split);
  const before = await session.readBalances(addressOf);
  const payees = amounts.flatMap((a, uid) => (a > 0n ? [uid] : []));
  if (payees.length > 0) {
    const recipients = payees.map((uid) => addressOf[uid]);
    const amountsPaid = payees.map((uid) => amounts[uid]);
    recorder.record("emission", await session.payEpoch(epoch, recipients, amountsPaid));
  }
  const after = await session.readBalances(addressOf);
  return after.map((b, i) => b - before[i]);
}

/** The contract path pays with the subnet's split: refuse to run when it is not the scenario's. */
export function checkContractSplit(
  session: Pick<ProtocolSession, "emissionSplitBps">,
  split: EmissionSplit,
): void {
  const bps = session.emissionSplitBps;
  const want = emissionSplitBps(split);
  if (bps.owner !== want.ownerBps || bps.miners !== want.minerBps || bps.validators !== want.validatorBps) {
    throw new CrucibleError(
      "CRUCIBLE_CHAIN_FAILED",
      `emissionPath contract: the subnet splits owner/miners/validators ${bps.owner}/${bps.miners}/${bps.validators} bps, ` +
        `the scenario ${want.ownerBps}/${want.minerBps}/${want.validatorBps}; start the session with subnet: emissionSplitBps(scenario.emissionSplit)`,
    );
  }
}
