/** The top `k` UIDs by stake (stake > 0; ties: lower UID), in UID order: who gets a validator permit. */
export function topStakeUids(stakes: readonly bigint[], k: number): number[] {
  return stakes
    .map((s, uid) => ({ s, uid }))
    .filter((e) => e.s > 0n)
    .sort((a, b) => (a.s === b.s ? a.uid - b.uid : a.s > b.s ? -1 : 1))
    .slice(0, k)
    .map((e) => e.uid)
    .sort((a, b) => a - b);
}
