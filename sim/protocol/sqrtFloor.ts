/** OpenZeppelin's Math.sqrt: the floor of the square root of a non-negative integer (quadratic
 * counting, GovernorCountingBallots). */
export function sqrtFloor(x: bigint): bigint {
  if (x < 2n) return x;
  let r = BigInt(Math.floor(Math.sqrt(Number(x))));
  while (r * r > x) r -= 1n;
  while ((r + 1n) * (r + 1n) <= x) r += 1n;
  return r;
}
