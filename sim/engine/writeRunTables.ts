import type { Phase, RunTables } from "../run/runTables.ts";
import { toCsv } from "../run/toCsv.ts";
import type { CallRecord } from "./protocolSession.ts";

export type OutcomeRow = CallRecord & { epoch: number; phase: Phase | "setup" };

/**
 * The run's tables as CSV text, by file name. The first four are the results: deterministic for a
 * scenario and seed, and hashed into the manifest. `timings.csv` holds wall-clock times and is not.
 */
export function runTablesToCsv(tables: RunTables, outcomes: readonly OutcomeRow[]) {
  const results: [string, string][] = [
    [
      "epochs.csv",
      toCsv(tables.epochs, [
        "epoch",
        "block",
        "emissionWei",
        "emission",
        "supply",
        "inferences",
        "transactions",
        "reverted",
        "gasUsed",
        "reveals",
      ]),
    ],
    [
      "agent_epochs.csv",
      toCsv(tables.agentEpochs, [
        "epoch",
        "uid",
        "agent",
        "role",
        "score",
        "incentive",
        "dividends",
        "reward",
        "cumulativeReward",
        "stake",
      ]),
    ],
    [
      "agents.csv",
      toCsv(tables.agents, [
        "uid",
        "agent",
        "role",
        "strategy",
        "address",
        "tier",
        "trueQuality",
        "stake",
        "totalReward",
        "cost",
      ]),
    ],
    [
      "transactions.csv",
      toCsv(
        outcomes.map((o) => ({ ...o, gasUsed: o.gasUsed.toString(), error: o.error ?? "" })),
        ["epoch", "phase", "agent", "functionName", "status", "error", "gasUsed"],
      ),
    ],
  ];
  const timings: [string, string] = ["timings.csv", toCsv(tables.timings, ["epoch", "phase", "ms"])];
  return { results, timings };
}
