import { describe, expect, it } from "vitest";
import { computeOneOutLosses } from "./computeOneOutLosses.ts";
import { computeRegretWeights } from "./computeRegretWeights.ts";

const P = 3;
const C = 0.75;
const EPS = 1e-4;

/** The one-out loss from its definition: weights recomputed over the members without j, regrets + D_j. */
function direct(regrets: number[], shifts: number[], members: number[], losses: number[], j: number) {
  const rest = Uint8Array.from(members, (m, l) => (m && l !== j ? 1 : 0));
  const w = computeRegretWeights(
    Float64Array.from(regrets, (r) => r + shifts[j]),
    rest,
    P,
    C,
    EPS,
  );
  let sum = 0;
  let weighted = 0;
  rest.forEach((m, l) => {
    if (m) {
      sum += w[l];
      weighted += w[l] * losses[l];
    }
  });
  return weighted / sum;
}

describe("computeOneOutLosses", () => {
  it("equals the weighted loss of the members without j, weights recomputed from R + D_j", () => {
    // UID 4 is not a member; UID 0 has the best regret (the second best takes over without it);
    // a large negative shift for UID 3 puts every remaining regret below c − 8.25/p (shifted up).
    const regrets = [0.35, 0.3, -0.4, -2.4, 9];
    const shifts = [0.02, -0.01, 0.05, -3, 0];
    const members = [1, 1, 1, 1, 0];
    const losses = [0.9, 1.1, 3, 100, 0.1];
    const out = computeOneOutLosses(
      Float64Array.from(regrets),
      Float64Array.from(shifts),
      Uint8Array.from(members),
      Float64Array.from(losses),
      P,
      C,
      EPS,
      -1,
    );
    for (let j = 0; j < 4; j++) expect(out[j]).toBeCloseTo(direct(regrets, shifts, members, losses, j), 12);
    expect(out[4]).toBeNaN();
    // Without the terrible worker (UID 3) the spread of regrets shrinks, the mediocre one loses
    // weight: the one-out network is better than the full one although UID 3's own weight is ~0.
    const full = computeRegretWeights(Float64Array.from(regrets), Uint8Array.from(members), P, C, EPS);
    const fullLoss =
      [0, 1, 2, 3].reduce((a, l) => a + full[l] * losses[l], 0) /
      [0, 1, 2, 3].reduce((a, l) => a + full[l], 0);
    expect(full[3] / full[0]).toBeLessThan(1e-3);
    expect(out[3]).toBeLessThan(fullLoss * 0.95);
  });

  it("a lone member gets the fallback", () => {
    const out = computeOneOutLosses(
      Float64Array.from([0.1, 0]),
      new Float64Array(2),
      Uint8Array.from([1, 0]),
      Float64Array.from([1, 2]),
      P,
      C,
      EPS,
      7,
    );
    expect(Array.from(out)).toEqual([7, Number.NaN]);
  });
});
