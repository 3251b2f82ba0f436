/** A scenario's `emissionSplit` (fractions; owner 0 when absent). */
export interface EmissionSplit {
  owner?: number;
  miners: number;
  validators: number;
}

/** A scenario's `emissionSplit` as the subnet's `ownerBps` / `minerBps` / `validatorBps` (validators
 * take what is left of 10,000), for `StartProtocolSessionOptions.subnet`. */
export function emissionSplitBps(split: EmissionSplit): {
  ownerBps: number;
  minerBps: number;
  validatorBps: number;
} {
  const ownerBps = Math.round((split.owner ?? 0) * 10_000);
  const minerBps = Math.round(split.miners * 10_000);
  return { ownerBps, minerBps, validatorBps: 10_000 - ownerBps - minerBps };
}
