import { describe, expect, it } from "vitest";
import { attackerBuys, attackerSells, type NetworkAttacker } from "./marketAttackers.ts";

const balances = { tao: [0n, 500n, 300n], root: [0n, 0n, 0n], alpha: [[0n, 40n, 70n]] };
const manipulator: NetworkAttacker = {
  kind: "manipulator",
  agent: 1,
  subnet: 0,
  tao: 500n,
  startEpoch: 2,
  holdEpochs: 3,
};
const wash: NetworkAttacker = { kind: "wash", agent: 2, subnet: 0, tao: 300n, startEpoch: 1, holdEpochs: 1 };

describe("market attackers", () => {
  it("a manipulator buys with all its TAO at its start epoch and sells all its alpha after holding", () => {
    const buysAt = (e: number) =>
      attackerBuys([manipulator], e, balances).map((c) => [c.kind, "tao" in c ? c.tao : 0n]);
    expect([1, 2, 3].map(buysAt)).toEqual([[], [["stake", 500n]], []]);
    const sellsAt = (e: number) => attackerSells([manipulator], e, balances).length;
    expect([2, 3, 4, 5].map(sellsAt)).toEqual([0, 0, 1, 0]);
    expect(attackerSells([manipulator], 4, balances)).toEqual([
      { kind: "unstake", agent: 1, netuid: 1, alpha: 40n },
    ]);
  });

  it("a wash trader buys before and sells after every epoch from its start", () => {
    expect([0, 1, 5].map((e) => attackerBuys([wash], e, balances).length)).toEqual([0, 1, 1]);
    expect([0, 1, 5].map((e) => attackerSells([wash], e, balances).length)).toEqual([0, 1, 1]);
  });
});
