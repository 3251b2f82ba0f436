/**
 * Turns the mechanism's shares into integer token amounts that sum exactly to the epoch's emission:
 * each UID's share is `minerFraction · incentive + validatorFraction · dividends` (a side with no
 * shares passes its part to the other), floored, and the remainder goes one unit at a time to the
 * largest fractional parts (ties: lower UID). Returns all zeros when nothing can be paid.
 */
export function splitEmission(
  emission: bigint,
  incentive: ArrayLike<number>,
  dividends: ArrayLike<number>,
  split: { miners: number; validators: number },
): bigint[] {
  const n = incentive.length;
  const sumI = sum(incentive);
  const sumD = sum(dividends);
  const fI = sumI > 0 ? (sumD > 0 ? split.miners : 1) : 0;
  const fD = sumD > 0 ? (sumI > 0 ? split.validators : 1) : 0;
  const shares = Array.from(
    { length: n },
    (_, i) => (fI > 0 ? (fI * incentive[i]) / sumI : 0) + (fD > 0 ? (fD * dividends[i]) / sumD : 0),
  );
  const total = sum(shares);
  if (total <= 0 || emission <= 0n) return shares.map(() => 0n);
  // Work in fixed point (1e18 units of share) so the split is exact and platform independent.
  const scale = 10n ** 18n;
  const exact = shares.map((s) => (BigInt(Math.round((s / total) * 1e15)) * scale) / 1000n);
  const exactTotal = exact.reduce((a, b) => a + b, 0n);
  const amounts = exact.map((e) => (e * emission) / exactTotal);
  const remainders = exact.map((e, i) => ({ i, r: (e * emission) % exactTotal }));
  let left = emission - amounts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (let k = 0; left > 0n; k++, left--) amounts[remainders[k % n].i] += 1n;
  return amounts;
}

function sum(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s;
}
