import { formatUnits, parseUnits } from "viem";

/** The token's decimals: amounts on-chain are in wei, amounts in scenarios and tables in tokens. */
const TOKEN_DECIMALS = 18;

/** Wei to whole tokens, as float for the tables and the mechanism. */
export const toTokens = (wei: bigint): number => Number(formatUnits(wei, TOKEN_DECIMALS));

/** Tokens (as a scenario states them) to wei. */
export const toWei = (tokens: number): bigint => parseUnits(String(tokens), TOKEN_DECIMALS);
