import type { AttackerHoldings } from "./attackerBudget.ts";
import type { Importance } from "./parameterImportance.ts";
import type { SearchObjective } from "./searchSchema.ts";
import type { Point } from "./searchSpace.ts";
import type { Rung } from "./successiveHalving.ts";

/** The proof that the best attack's scenario file, run on its own, gives the search's value. */
export interface SearchProof {
  command: string;
  seed: number;
  scenarioFile: string;
  search: { runDir: string | null; resultsHash: string | null; value: number };
  rerun: { runDir: string | null; resultsHash: string | null; value: number | null; error: string | null };
  /** Same results hash (byte-identical tables) and the same objective value. */
  reproduced: boolean;
}

/** search.json: what was searched, how, and what it found. */
export interface SearchSummary {
  name: string;
  description: string;
  searchFile: string;
  scenario: string;
  attacker: string;
  objective: SearchObjective;
  budget: { tokens?: number; stakeShare?: number; uids?: number };
  method: "cross-entropy" | "random";
  seed: number;
  epochs: number;
  evaluationSeeds: number[];
  freshSeeds: number[];
  population: number;
  rungs: Rung[];
  generations: number;
  /** The run budget and what was spent, in full-length runs; and the processes actually run. */
  budgetRuns: number;
  spentRuns: number;
  runs: number;
  /** Runs a resumed search read from its folder instead of running them again. */
  reusedRuns: number;
  failedRuns: number;
  seconds: number;
  best: {
    candidate: number;
    generation: number;
    point: Point;
    holdings: AttackerHoldings;
    /** Mean over the evaluation seeds at full length (the value the search ranked by). */
    objective: number;
    perSeed: { seed: number; value: number }[];
  } | null;
  /** The best attack on seeds it was not tuned on: mean and 95 % percentile-bootstrap interval. */
  fresh: { values: { seed: number; value: number }[]; mean: number; low: number; high: number } | null;
  proof: SearchProof | null;
  importance: Importance[];
  /** The optimizer's sampling distribution after each generation. */
  distributions: Record<string, unknown>[];
}

/** The objective's name for tables and charts. */
export function objectiveLabel(o: SearchObjective, attacker: string): string {
  switch (o.kind) {
    case "profit":
      return `${attacker}'s profit (tokens)`;
    case "gain":
      return `${attacker}'s gain over its honest twin (tokens)`;
    case "honestLoss":
      return "honest miners' loss against the honest twin (%)";
    case "metric":
      return o.goal === "max" ? o.metric : `−${o.metric}`;
    case "invariant":
      return `violation margin of "${o.invariant}"`;
  }
}
