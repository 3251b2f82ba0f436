import type { z } from "zod";
import { toWei } from "../protocol/tokenUnits.ts";

/**
 * The bounds the contracts (and the deployment that feeds them, resolveDeployment) put on a scenario,
 * checked while the scenario is validated so a bad value names its field before anything starts.
 * Field-level bounds live beside their fields; the ones that span fields are `checkDeploymentBounds`.
 */

export const U16_MAX = 65_535;
export const U128_MAX_WEI = 2n ** 128n - 1n;
export const U256_MAX_WEI = 2n ** 256n - 1n;
/** The token's cap when a scenario sets none (deployProtocol's DEFAULT_SUPPLY_CAP): 2^128 wei. */
export const DEFAULT_SUPPLY_CAP_WEI = 2n ** 128n;
/** Block durations are u64 in the contracts (immunityPeriod, burnHalfLife, the unstake cooldown). */
const U64_LIMIT = 2 ** 64;

/** A count for a message: plain up to a billion, then in exponent form (3.403e+20). */
const show = (x: number): string => (Math.abs(x) < 1e9 ? String(x) : x.toExponential(3));
const showTokens = (wei: bigint): string => show(Number(wei) / 1e18);

/** A token amount whose wei fits `max` (refinement for a `z.number()` of tokens). */
export const fitsWei = (max: bigint, type: string) => ({
  check: (tokens: number) => !Number.isFinite(tokens) || toWei(tokens) <= max,
  message: `too large: the contracts hold it as a ${type} of wei, at most ≈ ${showTokens(max)} tokens`,
});

/** True when `fraction` is a whole number of basis points (the contracts' unit for shares). */
export const isWholeBps = (fraction: number): boolean =>
  Math.abs(fraction * 10_000 - Math.round(fraction * 10_000)) < 1e-6;

interface BoundsInput {
  population: {
    miners: readonly { count: number; stake: number }[];
    validators: readonly { count: number; stake: number }[];
  };
  chain: { emissionPath: "direct" | "contract" };
  market: { users: number; balance: number };
  emissionSplit: { owner: number; miners: number; validators: number };
  protocol: {
    tempo: number;
    supplyCap: number | null;
    maxUids: number | "population";
    immunityEpochs: number;
    unstakeCooldownEpochs: number;
    registration: { halfLifeEpochs: number; maxBurn: number; funds?: number };
  };
}

/** The cross-field bounds: u16 UIDs, u64 block counts, whole basis points, genesis under the cap. */
export function checkDeploymentBounds(s: BoundsInput, ctx: z.RefinementCtx): void {
  const fail = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: "custom", path, message });
  const p = s.protocol;

  // SubnetRegistry: UIDs are uint16, and maxUids: population gives every agent one.
  const agents = [...s.population.validators, ...s.population.miners].reduce((n, g) => n + g.count, 0);
  if (p.maxUids === "population" && agents > U16_MAX) {
    // Name the count the file gave (the largest group), not the default it meets.
    const groups = [
      ...s.population.miners.map((g, i) => ({ path: ["population", "miners", i, "count"], count: g.count })),
      ...s.population.validators.map((g, i) => ({
        path: ["population", "validators", i, "count"],
        count: g.count,
      })),
    ];
    const largest = groups.reduce((a, b) => (b.count > a.count ? b : a));
    fail(
      largest.path,
      `${agents} agents, each given a UID (protocol.maxUids: population), but UIDs are u16 (at most ${U16_MAX}); shrink the population or set protocol.maxUids to at most ${U16_MAX}`,
    );
  }

  // SubnetParams.immunityPeriod / burnHalfLife and Staking's cooldownBlocks are uint64 blocks.
  const blocks: [(string | number)[], number][] = [
    [["protocol", "immunityEpochs"], p.immunityEpochs],
    [["protocol", "unstakeCooldownEpochs"], p.unstakeCooldownEpochs],
    [["protocol", "registration", "halfLifeEpochs"], p.registration.halfLifeEpochs],
  ];
  for (const [path, epochs] of blocks) {
    if (Math.round(epochs * p.tempo) >= U64_LIMIT) {
      fail(
        path,
        `${show(epochs)} epochs × tempo ${p.tempo} = ${show(epochs * p.tempo)} blocks, more than the contracts' u64 holds (below 2^64 ≈ 1.845e+19)`,
      );
    }
  }

  // SubnetRegistry.createSubnet: the split in basis points sums to 10,000. The owner's cut is paid in
  // basis points on both emission paths; the contract path pays miners and validators in them too.
  const split = s.emissionSplit;
  const exact: (keyof typeof split)[] =
    s.chain.emissionPath === "contract" ? ["owner", "miners", "validators"] : ["owner"];
  for (const key of exact) {
    if (!isWholeBps(split[key])) {
      const why =
        key === "owner"
          ? "the owner's cut is paid in basis points"
          : "chain.emissionPath: contract pays the subnet's split, in basis points";
      fail(["emissionSplit", key], `${split[key]} is not a whole number of basis points (0.0001): ${why}`);
    }
  }

  // CrucibleToken: genesis (each agent's registration funds plus its stake, each user's balance) is
  // minted at construction and must fit under the cap (CapExceeded).
  const funds = toWei(p.registration.funds ?? p.registration.maxBurn);
  let genesis = BigInt(agents) * funds + BigInt(s.market.users) * toWei(s.market.balance);
  for (const g of [...s.population.validators, ...s.population.miners]) {
    genesis += BigInt(g.count) * toWei(g.stake);
  }
  const cap = p.supplyCap === null ? DEFAULT_SUPPLY_CAP_WEI : toWei(p.supplyCap);
  if (genesis > cap) {
    fail(
      ["protocol", "supplyCap"],
      `genesis mints ${showTokens(genesis)} tokens (the registration funds and stake of ${agents} agents, the balance of ${s.market.users} users), more than the supply cap ${
        p.supplyCap === null ? `(none set: 2^128 wei ≈ ${showTokens(cap)} tokens)` : showTokens(cap)
      }`,
    );
  }
}
