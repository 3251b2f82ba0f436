import { type Address, getAddress, type Hex } from "viem";
import { CrucibleError } from "../errors/CrucibleError.ts";

/**
 * Hand decoding of the large arrays the epoch reads return (10,000 entries at scale), where viem's
 * decoder costs more than the eth_call: it checksums every address anew once more than 8,192 are in
 * play (its cache's size) and walks each element generically. Offsets are checked against the data.
 */

const fail = (what: string) => {
  throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `malformed ABI return data: ${what}`);
};

/** The number in 32-byte word `index` of `body` (hex without 0x), as a safe integer. */
function wordAt(body: string, index: number): number {
  if ((index + 1) * 64 > body.length) fail(`word ${index} past the end (${body.length / 2} bytes)`);
  const v = Number.parseInt(body.slice(index * 64, index * 64 + 64), 16);
  if (!Number.isSafeInteger(v)) fail(`word ${index} is not an offset or length`);
  return v;
}

/** The 32-byte words of the static-element array whose offset is head word `head` of `data`. */
export function arrayWords(data: Hex, head: number): string[] {
  const body = data.slice(2);
  const at = wordAt(body, head) / 32;
  if (!Number.isInteger(at)) fail(`array ${head} is not word-aligned`);
  const length = wordAt(body, at);
  if ((at + 1 + length) * 64 > body.length) fail(`array ${head} of ${length} runs past the end`);
  const out = new Array<string>(length);
  for (let i = 0; i < length; i++) out[i] = body.slice((at + 1 + i) * 64, (at + 2 + i) * 64);
  return out;
}

/** A uint array (head word `head`) as bigints. */
export function uintArray(data: Hex, head: number): bigint[] {
  return arrayWords(data, head).map((w) => BigInt(`0x${w}`));
}

const checksummed = new Map<string, Address>();

/** An address array (head word `head`), checksummed as viem returns them (cached per address). */
export function addressArray(data: Hex, head: number): Address[] {
  return arrayWords(data, head).map((w) => {
    const lower = w.slice(24);
    let a = checksummed.get(lower);
    if (a === undefined) {
      a = getAddress(`0x${lower}`);
      checksummed.set(lower, a);
    }
    return a;
  });
}

/** A bytes[] (head word `head`) as hex strings. */
export function bytesArray(data: Hex, head: number): Hex[] {
  const body = data.slice(2);
  const at = wordAt(body, head) / 32;
  if (!Number.isInteger(at)) fail(`array ${head} is not word-aligned`);
  const length = wordAt(body, at);
  const base = at + 1; // element offsets count from here
  const out = new Array<Hex>(length);
  for (let i = 0; i < length; i++) {
    const el = base + wordAt(body, base + i) / 32;
    if (!Number.isInteger(el)) fail(`bytes ${i} of array ${head} is not word-aligned`);
    const size = wordAt(body, el);
    const start = (el + 1) * 64;
    if (start + size * 2 > body.length) fail(`bytes ${i} of array ${head} runs past the end`);
    out[i] = `0x${body.slice(start, start + size * 2)}`;
  }
  return out;
}
