import { CrucibleError } from "../errors/CrucibleError.ts";

/**
 * The weights of one 784-H-10 MLP (ReLU hidden layer, softmax output), as plain typed arrays so they
 * cross worker and disk boundaries without tfjs. Row-major: w1 is [inputSize × hidden], w2 is
 * [hidden × outputs], matching tfjs dense-layer kernels.
 */
export interface MlpWeights {
  inputSize: number;
  hidden: number;
  outputs: number;
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

/** The four arrays of an MLP in a fixed order (w1, b1, w2, b2). */
export function mlpParts(weights: MlpWeights): [Float32Array, Float32Array, Float32Array, Float32Array] {
  return [weights.w1, weights.b1, weights.w2, weights.b2];
}

/** Number of floats in an MLP of this shape. */
export function mlpSize(inputSize: number, hidden: number, outputs: number): number {
  return inputSize * hidden + hidden + hidden * outputs + outputs;
}

/** Views (not copies) of the four arrays inside one flat buffer laid out as w1, b1, w2, b2. */
export function unpackMlp(
  flat: Float32Array,
  inputSize: number,
  hidden: number,
  outputs: number,
): MlpWeights {
  if (flat.length !== mlpSize(inputSize, hidden, outputs)) {
    throw new CrucibleError(
      "CRUCIBLE_INFERENCE_FAILED",
      `expected ${mlpSize(inputSize, hidden, outputs)} floats, got ${flat.length}`,
    );
  }
  let offset = 0;
  const take = (n: number): Float32Array => {
    const part = flat.subarray(offset, offset + n);
    offset += n;
    return part;
  };
  const w1 = take(inputSize * hidden);
  const b1 = take(hidden);
  const w2 = take(hidden * outputs);
  const b2 = take(outputs);
  return { inputSize, hidden, outputs, w1, b1, w2, b2 };
}

/** One flat buffer laid out as w1, b1, w2, b2 (the cache file format). */
export function packMlp(weights: MlpWeights): Float32Array {
  const flat = new Float32Array(mlpSize(weights.inputSize, weights.hidden, weights.outputs));
  let offset = 0;
  for (const part of mlpParts(weights)) {
    flat.set(part, offset);
    offset += part.length;
  }
  return flat;
}
