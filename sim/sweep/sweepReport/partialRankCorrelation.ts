/** Ranks from 1, ties given their average rank. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k][1]] = rank;
    i = j + 1;
  }
  return out;
}

function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  // A residual that is numerically zero carries no information (e.g. zip: the parameters move together).
  const tiny = 1e-9 * n * n * n;
  if (sxx <= tiny || syy <= tiny) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Residuals of the least-squares fit of `y` on `columns` plus an intercept (normal equations). */
function residuals(y: readonly number[], columns: readonly (readonly number[])[]): number[] {
  const n = y.length;
  const design = Array.from({ length: n }, (_, i) => [1, ...columns.map((c) => c[i])]);
  const k = design[0].length;
  // A = XᵀX | Xᵀy, solved by Gauss-Jordan with partial pivoting; a dependent column gets weight 0.
  const a = Array.from({ length: k }, (_, r) => {
    const row = new Array<number>(k + 1).fill(0);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) row[c] += design[i][r] * design[i][c];
      row[k] += design[i][r] * y[i];
    }
    return row;
  });
  const beta = new Array<number>(k).fill(0);
  const pivotOf: number[] = [];
  for (let c = 0, r = 0; c < k && r < k; c++) {
    let p = r;
    for (let i = r + 1; i < k; i++) if (Math.abs(a[i][c]) > Math.abs(a[p][c])) p = i;
    if (Math.abs(a[p][c]) < 1e-9 * (1 + Math.abs(a[0][0]))) continue;
    [a[r], a[p]] = [a[p], a[r]];
    for (let i = 0; i < k; i++) {
      if (i === r) continue;
      const f = a[i][c] / a[r][c];
      for (let j = c; j <= k; j++) a[i][j] -= f * a[r][j];
    }
    pivotOf[r] = c;
    r++;
  }
  pivotOf.forEach((c, r) => {
    beta[c] = a[r][k] / a[r][c];
  });
  return y.map((v, i) => v - design[i].reduce((s, x, c) => s + x * beta[c], 0));
}

/**
 * Partial rank correlation coefficient of each input with the output: the correlation of the ranks
 * of input j and of the output, each with the linear effect of the other inputs' ranks removed.
 * A global sensitivity index for monotone effects (Marino et al. 2008). With one input it is
 * Spearman's rho. Null where it is undefined: an input that does not vary, or that the others
 * determine, or an output that does not vary.
 */
export function partialRankCorrelation(
  inputs: readonly (readonly number[])[],
  output: readonly number[],
): (number | null)[] {
  const rx = inputs.map((c) => ranks(c));
  const ry = ranks(output);
  return rx.map((column, j) => {
    const others = rx.filter((_, i) => i !== j);
    return pearson(residuals(column, others), residuals(ry, others));
  });
}
