import { checkAnswerShape } from "./answerShape.ts";

/** A one-hot probability row: all mass on `index`. */
export function oneHot(index: number, classes: number): Float32Array {
  const row = new Float32Array(classes);
  row[index] = 1;
  return row;
}

/** The same answer row for every query (e.g. `oneHot(7, 10)`, or `[0]` for a constant forecast). */
export function constantAnswer(nQueries: number, row: ArrayLike<number>): Float32Array {
  checkAnswerShape(nQueries, row.length);
  const out = new Float32Array(nQueries * row.length);
  for (let q = 0; q < nQueries; q++) out.set(row as ArrayLike<number>, q * row.length);
  return out;
}
