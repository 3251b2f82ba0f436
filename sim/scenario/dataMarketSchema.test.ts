import { describe, expect, it } from "vitest";
import { parseScenario } from "./loadScenario.ts";

const base = (dataMarket: string, task = "digits") => `
name: dm
task: { kind: ${task} }
population:
  miners: [{ tier: poor, count: 2 }]
  validators: [{ count: 1, stake: 100 }]
dataMarket:
${dataMarket}
`;

const message = (text: string) => {
  try {
    parseScenario(text, "dm.yaml");
  } catch (error) {
    return `${(error as Error).message} ${JSON.stringify((error as { details?: unknown }).details ?? "")}`;
  }
  return "accepted";
};

describe("the dataMarket section", () => {
  it("is optional, and resolves its defaults", () => {
    const s = parseScenario(
      base("  providers: [{ name: a, shards: 2, price: 5, quality: clean }]"),
      "dm.yaml",
    );
    expect(s.dataMarket).toMatchObject({ shardSize: 200, feeBps: 250, rounds: 3, trainEvery: 5 });
    expect(s.dataMarket?.providers[0]).toMatchObject({ listed: true, quality: "clean" });
    const none = parseScenario(
      base("  providers: [{ name: a, shards: 1, price: 1, quality: clean }]").replace(
        /dataMarket:[\s\S]*/,
        "",
      ),
      "dm.yaml",
    );
    expect(none.dataMarket).toBeUndefined();
  });

  it("names the file and field of bad input", () => {
    expect(
      message(base("  providers: [{ name: a, shards: 30, price: 5, quality: clean }]\n  shardSize: 2000")),
    ).toMatch(/dm\.yaml.*dataMarket\.providers.*6000 training images/s);
    expect(
      message(base("  providers: [{ name: a, shards: 1, price: 5, quality: clean }]", "forecasting")),
    ).toMatch(/dm\.yaml.*dataMarket.*task\.kind must be digits/s);
    expect(
      message(
        base(
          "  providers: [{ name: a, shards: 1, price: 5, quality: { kind: poisoned, source: 12, target: 1 } }]",
        ),
      ),
    ).toMatch(/dm\.yaml.*dataMarket\.providers\[0\]\.quality/s);
    expect(
      message(base("  providers: [{ name: a, shards: 1, price: 5, quality: clean }]\n  feeBps: 6000")),
    ).toMatch(/dm\.yaml.*dataMarket\.feeBps/s);
  });
});
