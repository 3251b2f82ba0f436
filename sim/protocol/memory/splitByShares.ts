/** EmissionSplit.Parts: the owner's cut, each UID's miner and validator part, and their exact sum. */
export interface SplitParts {
  owner: bigint;
  miner: bigint[];
  validator: bigint[];
  assigned: bigint;
}

/**
 * EmissionSplit.split: `total` owner / miners / validators by basis points, each side over UIDs in
 * proportion to the incentive (miners) and dividend (validators) shares. A side with no shares
 * passes its part to the other; every amount is floored, so `assigned` <= `total`.
 */
export function splitByShares(
  total: bigint,
  ownerBps: number,
  minerBps: number,
  incentive: readonly bigint[],
  dividends: readonly bigint[],
): SplitParts {
  const n = incentive.length;
  const owner = (total * BigInt(ownerBps)) / 10_000n;
  let minersPool = (total * BigInt(minerBps)) / 10_000n;
  let validatorsPool = total - owner - minersPool;
  let sumI = 0n;
  let sumD = 0n;
  for (let i = 0; i < n; i++) {
    sumI += incentive[i];
    sumD += dividends[i];
  }
  if (sumI === 0n) {
    validatorsPool += minersPool;
    minersPool = 0n;
  }
  if (sumD === 0n) {
    minersPool += validatorsPool;
    validatorsPool = 0n;
  }
  const miner = new Array<bigint>(n).fill(0n);
  const validator = new Array<bigint>(n).fill(0n);
  let assigned = owner;
  for (let i = 0; i < n; i++) {
    if (sumI > 0n && incentive[i] > 0n) {
      miner[i] = (minersPool * incentive[i]) / sumI;
      assigned += miner[i];
    }
    if (sumD > 0n && dividends[i] > 0n) {
      validator[i] = (validatorsPool * dividends[i]) / sumD;
      assigned += validator[i];
    }
  }
  return { owner, miner, validator, assigned };
}
