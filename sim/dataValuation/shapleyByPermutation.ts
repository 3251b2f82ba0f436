import type { Rng } from "../rng/createRng.ts";

/**
 * Monte-Carlo Shapley values of `players` for a utility over coalitions (Castro et al.; the data
 * valuation of Ghorbani & Zou): the mean marginal contribution of each player over `permutations`
 * random orders. `utility` is called once per distinct coalition (memoised by the sorted member
 * list), so with few players the estimate costs at most 2^n evaluations; with n! permutations
 * enumerated it is exact. Returns the values and the number of coalitions evaluated.
 */
export async function shapleyByPermutation(
  players: number,
  utility: (coalition: readonly number[]) => Promise<number>,
  permutations: number,
  rng: Rng,
): Promise<{ values: number[]; evaluations: number }> {
  const memo = new Map<string, Promise<number>>();
  const value = (members: number[]) => {
    const sorted = [...members].sort((a, b) => a - b);
    const key = sorted.join(",");
    let v = memo.get(key);
    if (v === undefined) {
      v = utility(sorted);
      memo.set(key, v);
    }
    return v;
  };
  const values = new Array<number>(players).fill(0);
  const ids = Array.from({ length: players }, (_, i) => i);
  for (let p = 0; p < permutations; p++) {
    const order = rng.shuffle(ids);
    const coalition: number[] = [];
    let before = await value(coalition);
    for (const i of order) {
      coalition.push(i);
      const after = await value(coalition);
      values[i] += after - before;
      before = after;
    }
  }
  return { values: values.map((v) => (permutations > 0 ? v / permutations : 0)), evaluations: memo.size };
}
