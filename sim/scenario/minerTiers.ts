/** The miners' model quality tiers a scenario may name (`population.miners[].tier`). */
export const MINER_TIER_NAMES = ["expert", "average", "poor", "random"] as const;
