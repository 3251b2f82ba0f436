import { toWei } from "../protocol/tokenUnits.ts";
import { createRng } from "../rng/createRng.ts";
import type { GovernanceScenario } from "../scenario/governanceSchema.ts";
import type { Population } from "./buildPopulation.ts";

/**
 * What governance adds to each agent's genesis allocation (wei, by slot): the `holdings` tokens
 * shared by a Zipf law (the holder of rank r gets ∝ 1 / r^concentration; ranks a shuffle of the
 * holders with the run's "governance-holdings" stream), and the vote buyer's budget, its war chest.
 * The buyer never shares in the holdings. Pure.
 */
export function governanceGenesisWei(g: GovernanceScenario, population: Population, seed: number): bigint[] {
  const extra = new Array<bigint>(population.n).fill(0n);
  const buyer =
    g.voteBuyer === undefined ? undefined : population.validators.find((v) => v.agent === g.voteBuyer?.agent);
  if (g.holdings !== undefined && g.holdings.tokens > 0) {
    const { tokens, concentration, holders } = g.holdings;
    const pool = [
      ...(holders === "miners" ? [] : population.validators),
      ...(holders === "validators" ? [] : population.miners),
    ].filter((a) => a.slot !== buyer?.slot);
    const ranked = createRng(seed)
      .fork("governance-holdings")
      .shuffle(pool.map((a) => a.slot));
    const weights = ranked.map((_, r) => (r + 1) ** -concentration);
    const total = weights.reduce((s, w) => s + w, 0);
    ranked.forEach((slot, r) => {
      extra[slot] += toWei((tokens * weights[r]) / total);
    });
  }
  if (buyer !== undefined && g.voteBuyer !== undefined) extra[buyer.slot] += toWei(g.voteBuyer.budget);
  return extra;
}
