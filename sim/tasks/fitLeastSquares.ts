import { CrucibleError } from "../errors/CrucibleError.ts";

/** A linear model y ≈ x·coefficients + intercept, in float64. */
export interface LinearModel {
  coefficients: Float64Array;
  intercept: number;
}

/**
 * Ordinary least squares with an intercept (ridge penalty `ridge` on the coefficients only), by the
 * normal equations and a Cholesky solve in float64. `x` is row-major [n × d]. Deterministic; meant
 * for small d (tens of features).
 */
export function fitLeastSquares(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  d: number,
  ridge = 0,
): LinearModel {
  const n = y.length;
  if (x.length !== n * d)
    throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", `x has ${x.length} values, expected ${n} × ${d}`);
  if (n === 0) return { coefficients: new Float64Array(d), intercept: 0 };
  // Centre x and y so the intercept is not penalised: intercept = ȳ − x̄·β.
  const mean = new Float64Array(d);
  let meanY = 0;
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) mean[j] += x[r * d + j] / n;
    meanY += y[r] / n;
  }
  const a = new Float64Array(d * d);
  const b = new Float64Array(d);
  const row = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) row[j] = x[r * d + j] - mean[j];
    const yc = y[r] - meanY;
    for (let i = 0; i < d; i++) {
      b[i] += row[i] * yc;
      for (let j = 0; j <= i; j++) a[i * d + j] += row[i] * row[j];
    }
  }
  for (let i = 0; i < d; i++) {
    a[i * d + i] += ridge + 1e-12 * (1 + a[i * d + i]);
    for (let j = 0; j < i; j++) a[j * d + i] = a[i * d + j];
  }
  const coefficients = solveCholesky(a, b, d);
  let intercept = meanY;
  for (let j = 0; j < d; j++) intercept -= mean[j] * coefficients[j];
  return { coefficients, intercept };
}

/** Solves A·z = b for symmetric positive-definite A (d × d, row-major). */
function solveCholesky(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * d + j];
      for (let k = 0; k < j; k++) sum -= l[i * d + k] * l[j * d + k];
      l[i * d + j] = i === j ? Math.sqrt(Math.max(sum, 1e-300)) : sum / l[j * d + j];
    }
  }
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * d + k] * z[k];
    z[i] = sum / l[i * d + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    let sum = z[i];
    for (let k = i + 1; k < d; k++) sum -= l[k * d + i] * z[k];
    z[i] = sum / l[i * d + i];
  }
  return z;
}
