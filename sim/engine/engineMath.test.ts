import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreAnswers } from "./scoreAnswers.ts";
import { splitEmission } from "./splitEmission.ts";

describe("splitEmission", () => {
  it("splits by share and pays the exact total (hand-computed)", () => {
    const out = splitEmission(1000n, [0, 0, 0.25, 0.75], [1, 0, 0, 0], { miners: 0.5, validators: 0.5 });
    expect(out).toEqual([500n, 0n, 125n, 375n]);
  });

  it("gives the remainder to the largest fractional parts, ties to the lower UID", () => {
    expect(splitEmission(10n, [1, 1, 1], [0, 0, 0], { miners: 0.5, validators: 0.5 })).toEqual([4n, 3n, 3n]);
  });

  it("pays nothing when there are no shares", () => {
    expect(splitEmission(10n, [0, 0], [0, 0], { miners: 0.5, validators: 0.5 })).toEqual([0n, 0n]);
  });

  it("always sums to the emission and never pays a UID with no share", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 24n }),
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
          {
            minLength: 1,
            maxLength: 40,
          },
        ),
        (emission, pairs) => {
          const inc = pairs.map((p) => p[0]);
          const div = pairs.map((p) => p[1]);
          const out = splitEmission(emission, inc, div, { miners: 0.41, validators: 0.59 });
          const anyShare = inc.some((x) => x > 0) || div.some((x) => x > 0);
          const total = out.reduce((a, b) => a + b, 0n);
          expect(total).toBe(anyShare ? emission : 0n);
          out.forEach((a, i) => {
            expect(a >= 0n).toBe(true);
            if (a > 0n) expect(inc[i] + div[i]).toBeGreaterThan(0);
          });
        },
      ),
    );
  });
});

describe("scoreAnswers", () => {
  it("scores each validator's slice of queries with the task's score, and the loss over all queries", () => {
    // 2 classes, 3 queries: validator 0 owns query 0, validator 1 owns queries 1-2.
    const right = Float32Array.from([0.9, 0.1, 0.2, 0.8, 0.3, 0.7]); // predicts 0,1,1
    const wrong = Float32Array.from([0.1, 0.9, 0.8, 0.2, 0.3, 0.7]); // predicts 1,0,1
    const accuracy = (a: Float32Array, t: Float32Array) => {
      let correct = 0;
      for (let r = 0; r < t.length; r++) if ((a[2 * r + 1] > a[2 * r] ? 1 : 0) === t[r]) correct++;
      return correct / t.length;
    };
    const task = { score: accuracy, loss: (a: Float32Array, t: Float32Array) => 1 - accuracy(a, t) };
    const { scores, losses } = scoreAnswers([right, wrong], Float32Array.from([0, 1, 1]), [1, 2], 2, task);
    expect(Array.from(scores[0])).toEqual([1, 0]);
    expect(Array.from(scores[1])).toEqual([1, 0.5]);
    expect(losses[0]).toBe(0);
    expect(losses[1]).toBeCloseTo(2 / 3, 12);
  });
});
