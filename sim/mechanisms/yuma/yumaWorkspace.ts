/**
 * Scratch buffers reused from one epoch to the next. At 1,024 × 16,384 every (rows × n) matrix is
 * 128 MiB, and the first write to a fresh allocation costs the operating system a page fault per
 * 4 KiB, which dominated the epoch; zero-filling a reused buffer is ~10× cheaper. Results never
 * alias these buffers, so `runYumaEpoch` stays a pure function of its inputs.
 */
export class YumaWorkspace {
  private readonly floats = new Map<string, Float64Array>();
  private readonly bytes = new Map<string, Uint8Array>();

  /** A zero-filled Float64Array of `length`, reused under `key`. */
  float64(key: string, length: number): Float64Array {
    const cached = this.floats.get(key);
    if (cached && cached.length === length) return cached.fill(0);
    const fresh = new Float64Array(length);
    this.floats.set(key, fresh);
    return fresh;
  }

  /** A zero-filled Uint8Array of `length`, reused under `key`. */
  uint8(key: string, length: number): Uint8Array {
    const cached = this.bytes.get(key);
    if (cached && cached.length === length) return cached.fill(0);
    const fresh = new Uint8Array(length);
    this.bytes.set(key, fresh);
    return fresh;
  }
}

/** Allocates fresh buffers every time (the default when no workspace is passed). */
export const FRESH = {
  float64: (_key: string, length: number) => new Float64Array(length),
  uint8: (_key: string, length: number) => new Uint8Array(length),
};

export type Buffers = Pick<YumaWorkspace, "float64" | "uint8">;
