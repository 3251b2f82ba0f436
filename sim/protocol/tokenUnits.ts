import { CrucibleError } from "../errors/CrucibleError.ts";

/** The token's decimals: amounts on-chain are in wei, amounts in scenarios and tables in tokens. */
const TOKEN_DECIMALS = 18;
const WEI_PER_TOKEN = 10n ** BigInt(TOKEN_DECIMALS);

/** Wei to whole tokens, as float for the tables and the mechanism: the exact decimal, then the
 * nearest double (what viem's `Number(formatUnits(wei, 18))` gives). */
export function toTokens(wei: bigint): number {
  const negative = wei < 0n;
  const abs = negative ? -wei : wei;
  const fraction = (abs % WEI_PER_TOKEN).toString().padStart(TOKEN_DECIMALS, "0").replace(/0+$/, "");
  const text = `${negative ? "-" : ""}${abs / WEI_PER_TOKEN}${fraction ? `.${fraction}` : ""}`;
  return Number(text);
}

/**
 * Tokens (as a scenario states them) to wei: the number's shortest decimal form, exact to 18
 * decimals and rounded half up beyond them (as viem's `parseUnits(String(tokens), 18)`), with the
 * exponent forms `String` uses for very small and very large numbers expanded first.
 */
export function toWei(tokens: number): bigint {
  if (!Number.isFinite(tokens))
    throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", `toWei: ${tokens} is not a finite number of tokens`);
  const [mantissa, exponentText] = String(Math.abs(tokens)).split("e");
  const exponent = Number(exponentText ?? 0);
  const [whole, fraction = ""] = mantissa.split(".");
  // digits × 10^(exponent − fraction.length), as an integer of wei after scaling by 10^18.
  const digits = BigInt(whole + fraction);
  const shift = exponent - fraction.length + TOKEN_DECIMALS;
  let wei: bigint;
  if (shift >= 0) wei = digits * 10n ** BigInt(shift);
  else {
    const divisor = 10n ** BigInt(-shift);
    wei = digits / divisor;
    if ((digits % divisor) * 2n >= divisor) wei += 1n;
  }
  return tokens < 0 ? -wei : wei;
}
