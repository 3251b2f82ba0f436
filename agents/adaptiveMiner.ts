import { z } from "zod";
import type { MinerStrategy, StrategyDecision } from "../sim/population/agentTypes.ts";
import { copycatMiner } from "./copycatMiner.ts";
import { defineStrategy } from "./defineStrategy.ts";
import { createExp3 } from "./exp3.ts";
import { honestMinerStrategy } from "./honestMiner.ts";
import { plagiarist } from "./plagiarist.ts";
import { randomMiner } from "./randomMiner.ts";
import { staleMiner } from "./staleMiner.ts";

const ARMS = {
  honest: () => honestMinerStrategy(),
  copycat: () => copycatMiner.create({}),
  random: () => randomMiner.create({}),
  stale: () => staleMiner.create({}),
  plagiarist: () => plagiarist.create({}),
} as const;

export const adaptiveMinerParams = z.strictObject({
  arms: z
    .array(z.enum(Object.keys(ARMS) as [keyof typeof ARMS, ...(keyof typeof ARMS)[]]))
    .min(1)
    .default(["honest", "copycat", "random", "stale"])
    .describe("the miner strategies it chooses among each epoch"),
  gamma: z.number().gt(0).max(1).default(0.2).describe("EXP3 exploration rate"),
  computePenalty: z
    .number()
    .min(0)
    .max(1)
    .default(0.1)
    .describe("payoff it subtracts when the chosen strategy runs its own model (compute cost, 0..1)"),
});

/**
 * An adaptive attacker: each epoch an EXP3 bandit, drawing on its own RNG stream (`bandit`), picks
 * which strategy answers. Its payoff is its incentive last epoch relative to the top miner's (0..1),
 * less `computePenalty` when the strategy computed, credited to the choice that earned it: the one
 * made the epoch before. Its choices are kept in `decisions` (choices.csv). It keeps its model
 * loaded whatever it chooses, so it pays compute every epoch (`computes`).
 */
export const adaptiveMiner = defineStrategy(adaptiveMinerParams, (p): MinerStrategy => {
  const arms = p.arms.map((name) => ({ name, strategy: ARMS[name]() }));
  const bandit = createExp3(arms.length, p.gamma);
  const decisions: StrategyDecision[] = [];
  let last: { arm: number; probability: number } | null = null;
  return {
    name: "adaptive",
    decisions,
    answer: (ctx) => {
      const { publicState, minerUids, minerIndex, epoch } = ctx;
      let observed = Number.NaN;
      const incentive = publicState.incentive;
      if (last !== null && incentive !== null) {
        const top = Math.max(0, ...minerUids.map((u) => incentive[u] ?? 0));
        const mine = incentive[minerUids[minerIndex]] ?? 0;
        const computed = arms[last.arm].strategy.computes !== false;
        observed = Math.max(0, (top > 0 ? mine / top : 0) - (computed ? p.computePenalty : 0));
        bandit.update(last.arm, observed, last.probability);
      }
      const banditRng = ctx.rng.fork("bandit");
      const arm = bandit.draw(banditRng);
      last = { arm, probability: bandit.probabilities()[arm] };
      decisions.push({ epoch, choice: arms[arm].name, observed });
      return arms[arm].strategy.answer(ctx);
    },
    saveState: () => ({
      bandit: bandit.saveState(),
      decisions: decisions.map((d) => ({ ...d })),
      last: last === null ? null : { ...last },
      arms: arms.map((a) => a.strategy.saveState?.()),
    }),
    loadState(state) {
      const s = state as {
        bandit: number[];
        decisions: StrategyDecision[];
        last: { arm: number; probability: number } | null;
        arms: unknown[];
      };
      bandit.loadState(s.bandit);
      decisions.splice(0, decisions.length, ...s.decisions.map((d) => ({ ...d })));
      last = s.last === null ? null : { ...s.last };
      arms.forEach((a, i) => {
        a.strategy.loadState?.(s.arms[i]);
      });
    },
  };
});
