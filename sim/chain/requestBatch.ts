import { CrucibleError } from "../errors/CrucibleError.ts";

export interface RpcRequest {
  readonly method: string;
  readonly params: readonly unknown[];
}

export type RpcResponse<T = unknown> =
  | { readonly ok: true; readonly result: T }
  | { readonly ok: false; readonly error: { code: number; message: string; data?: unknown } };

interface WireResponse {
  id: number;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/**
 * Anvil answers a JSON-RPC body over 2 MiB (2,097,152 bytes) with a bare "Invalid request" (measured
 * with Anvil 1.7.1). Batches are split so each body stays within half of that (MAX_BODY_BYTES); a
 * request bigger than that is sent alone, up to MAX_REQUEST_BYTES.
 */
export const ANVIL_BODY_LIMIT = 2_097_152;
export const MAX_BODY_BYTES = 1_048_576;
export const MAX_REQUEST_BYTES = ANVIL_BODY_LIMIT - 4_096;

export interface BatchOptions {
  /** Most requests per HTTP POST (default 1,000). */
  readonly maxRequests?: number;
  /** Most bytes per HTTP body (default MAX_BODY_BYTES); a bigger request goes alone. */
  readonly maxBytes?: number;
  /** Most bytes of one request (default MAX_REQUEST_BYTES); a bigger one throws. */
  readonly maxRequestBytes?: number;
  /** Send the POSTs concurrently (default false: one after another, in order). */
  readonly parallel?: boolean;
}

interface Body {
  readonly start: number;
  readonly count: number;
  readonly text: string;
}

/** JSON text of a request: its byte size decides the batches (ids are the index in its batch). */
const encode = (r: RpcRequest, id: number) =>
  JSON.stringify({ jsonrpc: "2.0", id, method: r.method, params: r.params });

/**
 * Splits `requests` into bodies of at most `maxRequests` requests and `maxBytes` bytes, in order; a
 * request over `maxBytes` gets a body of its own, and one over `maxRequestBytes` throws
 * CRUCIBLE_CHAIN_FAILED naming it and its size.
 */
export function splitBatches(
  requests: readonly RpcRequest[],
  maxRequests: number,
  maxBytes: number,
  maxRequestBytes = Math.max(maxBytes, MAX_REQUEST_BYTES),
): Body[] {
  const bodies: Body[] = [];
  let parts: string[] = [];
  let bytes = 2; // "[" and "]"
  let start = 0;
  const flush = () => {
    if (parts.length > 0) bodies.push({ start, count: parts.length, text: `[${parts.join(",")}]` });
    start += parts.length;
    parts = [];
    bytes = 2;
  };
  for (let i = 0; i < requests.length; i++) {
    let text = encode(requests[i], parts.length);
    let size = Buffer.byteLength(text);
    if (parts.length > 0 && (parts.length >= maxRequests || bytes + 1 + size > maxBytes)) {
      flush();
      text = encode(requests[i], 0);
      size = Buffer.byteLength(text);
    }
    if (size + 2 > maxRequestBytes) {
      throw new CrucibleError(
        "CRUCIBLE_CHAIN_FAILED",
        `JSON-RPC request ${i} (${requests[i].method}) is ${size} bytes, over the ${maxRequestBytes}-byte request limit`,
        { details: `Anvil refuses bodies over ${ANVIL_BODY_LIMIT} bytes` },
      );
    }
    bytes += size + (parts.length > 0 ? 1 : 0);
    parts.push(text);
    if (bytes > maxBytes) flush(); // a request over the batch budget travels alone
  }
  flush();
  return bodies;
}

async function post<T>(
  rpcUrl: string,
  requests: readonly RpcRequest[],
  body: Body,
): Promise<RpcResponse<T>[]> {
  let wire: WireResponse[];
  try {
    const res = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: body.text,
    });
    if (!res.ok) throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `HTTP ${res.status} ${res.statusText}`);
    wire = (await res.json()) as WireResponse[];
    if (!Array.isArray(wire))
      throw new CrucibleError(
        "CRUCIBLE_CHAIN_FAILED",
        `expected a batch response, got ${JSON.stringify(wire).slice(0, 200)}`,
      );
  } catch (cause) {
    throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `JSON-RPC batch to ${rpcUrl} failed`, {
      details: `${body.count} requests (${body.text.length} bytes) starting with ${requests[body.start].method}`,
      cause,
    });
  }
  const byId = new Map(wire.map((w) => [w.id, w]));
  const out: RpcResponse<T>[] = [];
  for (let i = 0; i < body.count; i++) {
    const w = byId.get(i);
    if (w === undefined) {
      throw new CrucibleError(
        "CRUCIBLE_CHAIN_FAILED",
        `JSON-RPC batch response lacks request ${requests[body.start + i].method}`,
      );
    }
    out.push(w.error ? { ok: false, error: w.error } : { ok: true, result: w.result as T });
  }
  return out;
}

/**
 * Sends JSON-RPC requests as batches (one HTTP POST each) of at most `maxRequests` requests and
 * `maxBytes` bytes, and returns one response per request, in input order. JSON-RPC errors are
 * returned, not thrown; a transport failure or a single request over `maxRequestBytes` throws
 * CRUCIBLE_CHAIN_FAILED. A number as `options` is `maxRequests`.
 */
export async function requestBatch<T = unknown>(
  rpcUrl: string,
  requests: readonly RpcRequest[],
  options: number | BatchOptions = {},
): Promise<RpcResponse<T>[]> {
  const o = typeof options === "number" ? { maxRequests: options } : options;
  const maxBytes = o.maxBytes ?? MAX_BODY_BYTES;
  const bodies = splitBatches(requests, o.maxRequests ?? 1000, maxBytes, o.maxRequestBytes);
  if (o.parallel) return (await Promise.all(bodies.map((b) => post<T>(rpcUrl, requests, b)))).flat();
  const out: RpcResponse<T>[] = [];
  for (const b of bodies) out.push(...(await post<T>(rpcUrl, requests, b)));
  return out;
}
