/**
 * The registration price curve exactly as SubnetRegistry computes it (bigint mirror of
 * contracts/src/RegistrationPrice.sol), so agents can predict what a registration burns.
 */
const ONE = 10n ** 18n;
const LN2 = 693147180559945309n;

/** e^(-x) for 0 <= x < 1e18 in 1e18 fixed point (alternating Taylor series, as on-chain). */
export function expNegFixed(x: bigint): bigint {
  let sum = ONE;
  let term = ONE;
  let negative = true;
  for (let i = 1n; i < 40n; i++) {
    term = (term * x) / (ONE * i);
    if (term === 0n) break;
    sum = negative ? sum - term : sum + term;
    negative = !negative;
  }
  return sum;
}

/** `price · 2^(-elapsed/halfLife)` in the contract's integer arithmetic. */
export function decayPrice(price: bigint, elapsed: bigint, halfLife: bigint): bigint {
  if (halfLife === 0n || elapsed === 0n || price === 0n) return price;
  const halvings = elapsed / halfLife;
  if (halvings >= 256n) return 0n;
  const halved = price >> halvings;
  const rest = elapsed % halfLife;
  if (rest === 0n) return halved;
  return (halved * expNegFixed((LN2 * rest) / halfLife)) / ONE;
}

export interface BurnCurve {
  readonly burnHalfLife: bigint;
  readonly burnIncreaseBps: number;
  readonly minBurn: bigint;
  readonly maxBurn: bigint;
}

const clamp = (v: bigint, lo: bigint, hi: bigint) => (v < lo ? lo : v > hi ? hi : v);

/** What a registration at `block` burns, given the price and block of the previous one. */
export function registrationPriceAt(
  curve: BurnCurve,
  lastPrice: bigint,
  lastBlock: bigint,
  block: bigint,
): bigint {
  return clamp(decayPrice(lastPrice, block - lastBlock, curve.burnHalfLife), curve.minBurn, curve.maxBurn);
}

/** The stored price after a registration that burned `paid`. */
export function priceAfterRegistration(curve: BurnCurve, paid: bigint): bigint {
  return clamp((paid * BigInt(curve.burnIncreaseBps)) / 10_000n, curve.minBurn, curve.maxBurn);
}
