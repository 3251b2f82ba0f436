import { describe, expect, it } from "vitest";
import { createRng } from "../sim/rng/createRng.ts";
import { digitAccuracy } from "../sim/tasks/digitsTask.ts";
import { meanSquaredError, scoreFromMse } from "../sim/tasks/scoreValueAnswers.ts";
import { honestMiner } from "./honestMiner.ts";
import { stoppedMiner } from "./stoppedMiner.ts";

const context = (own: Float32Array, nQueries: number, outputs: number) => ({
  epoch: 3,
  rng: createRng(1),
  own,
  nQueries,
  outputs,
  kind: "probabilities" as const,
  minerIndex: 0,
  minerUids: [2],
  all: own,
  previous: undefined,
  publicState: { incentive: null, consensus: null },
});

describe("a miner that stopped serving", () => {
  it("answers nothing, which every task scores 0, and keeps its strategy's name and compute flag", () => {
    const was = honestMiner();
    const stopped = stoppedMiner(was);
    expect(stopped.name).toBe(was.name);
    expect(stopped.computes).toBe(was.computes);
    // Two digit queries, both labelled 0: a uniform answer would be "right" (argmax 0); a missing one is not.
    const own = new Float32Array(20).fill(0.1);
    const labels = new Float32Array([0, 0]);
    expect(digitAccuracy(own, labels)).toBe(1);
    const answer = stopped.answer(context(own, 2, 10));
    expect(answer.every((x) => Number.isNaN(x))).toBe(true);
    expect(digitAccuracy(answer, labels)).toBe(0);
    // Values tasks: a non-finite error scores 0.
    expect(scoreFromMse(meanSquaredError(new Float32Array(2).fill(Number.NaN), [1, 2]), 0.5)).toBe(0);
  });
});
