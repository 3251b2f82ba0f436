import { describe, expect, it } from "vitest";
import type { GovernanceRow } from "../../sim/run/runTables.ts";
import { governanceHtml } from "./governanceHtml.ts";

const row = (
  r: Partial<GovernanceRow> & Pick<GovernanceRow, "epoch" | "proposal" | "action">,
): GovernanceRow => ({
  agent: "",
  support: "",
  votes: 0,
  status: "success",
  error: "",
  detail: "",
  ...r,
});

describe("governanceHtml", () => {
  const base = [
    row({ epoch: 3, proposal: 0, action: "propose", agent: "validator-0", detail: "split 0/0.2/0.8" }),
    row({ epoch: 4, proposal: 0, action: "vote", agent: "miner-1", support: "for", votes: 10 }),
    row({ epoch: 4, proposal: 0, action: "vote", agent: "miner-2", support: "against", votes: 4 }),
  ];

  it("has no bribes column without a vote buyer", () => {
    const html = governanceHtml(base);
    expect(html).not.toContain("bribes paid");
    expect(html).toContain("<td>10.0 (1)</td><td>4.0 (1)</td><td>open at the end of the run</td>");
  });

  it("sums the bribes the holders claimed, per proposal", () => {
    const html = governanceHtml([
      ...base,
      row({ epoch: 4, proposal: 0, action: "offer", agent: "validator-0", detail: "holders=2" }),
      row({ epoch: 4, proposal: 0, action: "claim", agent: "miner-1", detail: "12.5" }),
      row({ epoch: 4, proposal: 0, action: "claim", agent: "miner-3", detail: "2", status: "reverted" }),
    ]);
    expect(html).toContain("<th>bribes paid (holders)</th>");
    expect(html).toContain("<td>4.0 (1)</td><td>12.5 (1)</td>");
  });
});
