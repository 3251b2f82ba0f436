/**
 * The weights a subnet's alpha holders are paid dividends by, with stake feedback: holders that are
 * not validators (stakers, attackers) by their alpha, as without it; the validators' part (their
 * alpha together) split among them by their Yuma dividends (`yuma`, by agent), so a validator with
 * more stake and bonds earns more. Where the validators' dividends are all 0 (before the first
 * reveal), by alpha. Integers: each share rounded to 1e-12.
 */
export function dividendWeights(
  holders: readonly number[],
  alpha: readonly bigint[],
  yuma: ReadonlyMap<number, number>,
): bigint[] {
  const total = holders.reduce((s, a) => s + (yuma.get(a) ?? 0), 0);
  if (!(total > 0)) return [...alpha];
  const validatorAlpha = holders.reduce((s, a, k) => (yuma.has(a) ? s + alpha[k] : s), 0n);
  const scale = 1_000_000_000_000;
  return holders.map((a, k) => {
    const d = yuma.get(a);
    return d === undefined
      ? alpha[k]
      : (validatorAlpha * BigInt(Math.round((d / total) * scale))) / BigInt(scale);
  });
}
