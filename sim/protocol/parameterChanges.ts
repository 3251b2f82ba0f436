import type { ParameterChanges } from "./governanceTypes.ts";

/** One setter call of a proposal (GovernedSubnetRegistry's functions, without the netuid). */
export type ParameterCall =
  | { fn: "setEmissionSplit"; args: readonly [number, number, number] }
  | { fn: "setSlashBps"; args: readonly [number] }
  | { fn: "setImmunityPeriod"; args: readonly [bigint] }
  | { fn: "setRegistrationBurn"; args: readonly [bigint, bigint, number, bigint] };

/** A proposal's calls, in the order both implementations make them: split, slash share, immunity,
 * registration burn (one for each field present). */
export function parameterCalls(c: ParameterChanges): ParameterCall[] {
  const calls: ParameterCall[] = [];
  if (c.emissionSplit !== undefined) {
    const s = c.emissionSplit;
    calls.push({ fn: "setEmissionSplit", args: [s.ownerBps, s.minerBps, s.validatorBps] });
  }
  if (c.slashBps !== undefined) calls.push({ fn: "setSlashBps", args: [c.slashBps] });
  if (c.immunityPeriod !== undefined) calls.push({ fn: "setImmunityPeriod", args: [c.immunityPeriod] });
  if (c.registrationBurn !== undefined) {
    const b = c.registrationBurn;
    calls.push({
      fn: "setRegistrationBurn",
      args: [b.minBurn, b.maxBurn, b.burnIncreaseBps, b.burnHalfLife],
    });
  }
  return calls;
}
