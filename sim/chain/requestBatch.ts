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
 * Sends JSON-RPC requests as batches of at most `chunkSize` (one HTTP POST each, chunks in order) and
 * returns one response per request, in input order. JSON-RPC errors are returned, not thrown; a
 * transport failure throws CRUCIBLE_CHAIN_FAILED.
 */
export async function requestBatch<T = unknown>(
  rpcUrl: string,
  requests: readonly RpcRequest[],
  chunkSize = 1000,
): Promise<RpcResponse<T>[]> {
  const out: RpcResponse<T>[] = [];
  for (let start = 0; start < requests.length; start += chunkSize) {
    const chunk = requests.slice(start, start + chunkSize);
    const body = JSON.stringify(
      chunk.map((r, i) => ({ jsonrpc: "2.0", id: i, method: r.method, params: r.params })),
    );
    let wire: WireResponse[];
    try {
      const res = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
      wire = (await res.json()) as WireResponse[];
      if (!Array.isArray(wire))
        throw new Error(`expected a batch response, got ${JSON.stringify(wire).slice(0, 200)}`);
    } catch (cause) {
      throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `JSON-RPC batch to ${rpcUrl} failed`, {
        details: `${chunk.length} requests starting with ${chunk[0].method}`,
        cause,
      });
    }
    const byId = new Map(wire.map((w) => [w.id, w]));
    for (let i = 0; i < chunk.length; i++) {
      const w = byId.get(i);
      if (w === undefined) {
        throw new CrucibleError(
          "CRUCIBLE_CHAIN_FAILED",
          `JSON-RPC batch response lacks request ${chunk[i].method}`,
        );
      }
      out.push(w.error ? { ok: false, error: w.error } : { ok: true, result: w.result as T });
    }
  }
  return out;
}
