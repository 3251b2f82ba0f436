import type { ParameterChanges } from "./governanceTypes.ts";

/** One setter call of a proposal: the registry's functions (netuid first, left out here), and the
 * protocol-wide ones of GovernedStaking and GovernedEmission (no netuid). */
export type ParameterCall =
  | { target: "registry"; fn: "setEmissionSplit"; args: readonly [number, number, number] }
  | { target: "registry"; fn: "setSlashBps"; args: readonly [number] }
  | { target: "registry"; fn: "setImmunityPeriod"; args: readonly [bigint] }
  | { target: "registry"; fn: "setRegistrationBurn"; args: readonly [bigint, bigint, number, bigint] }
  | { target: "registry"; fn: "setRevealDelay"; args: readonly [number] }
  | { target: "staking"; fn: "setTakeCeiling"; args: readonly [number] }
  | { target: "emission"; fn: "setEpochEmission"; args: readonly [bigint] };

/** A proposal's calls, in the order both implementations make them: split, slash share, immunity,
 * registration burn, reveal delay, take ceiling, epoch emission (one for each field present). */
export function parameterCalls(c: ParameterChanges): ParameterCall[] {
  const calls: ParameterCall[] = [];
  if (c.emissionSplit !== undefined) {
    const s = c.emissionSplit;
    calls.push({
      target: "registry",
      fn: "setEmissionSplit",
      args: [s.ownerBps, s.minerBps, s.validatorBps],
    });
  }
  if (c.slashBps !== undefined) calls.push({ target: "registry", fn: "setSlashBps", args: [c.slashBps] });
  if (c.immunityPeriod !== undefined)
    calls.push({ target: "registry", fn: "setImmunityPeriod", args: [c.immunityPeriod] });
  if (c.registrationBurn !== undefined) {
    const b = c.registrationBurn;
    calls.push({
      target: "registry",
      fn: "setRegistrationBurn",
      args: [b.minBurn, b.maxBurn, b.burnIncreaseBps, b.burnHalfLife],
    });
  }
  if (c.revealDelayEpochs !== undefined)
    calls.push({ target: "registry", fn: "setRevealDelay", args: [c.revealDelayEpochs] });
  if (c.takeCeilingBps !== undefined)
    calls.push({ target: "staking", fn: "setTakeCeiling", args: [c.takeCeilingBps] });
  if (c.epochEmission !== undefined)
    calls.push({ target: "emission", fn: "setEpochEmission", args: [c.epochEmission] });
  return calls;
}
