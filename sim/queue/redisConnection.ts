import { isIP } from "node:net";
import { CrucibleError } from "../errors/CrucibleError.ts";

/** What BullMQ (ioredis) needs to reach Redis, read from a `redis://` or `rediss://` URL. */
export interface RedisConnection {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  /** Present for `rediss://` (TLS; the server's certificate is verified against the system's CAs). */
  tls?: { servername?: string };
}

/** The URL with its password masked, for logs and errors. */
export function redactRedisUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/[^:/@]*:)[^@]*@/, "$1***@");
}

/** True for 127.0.0.0/8, ::1 and `localhost`: a Redis only this machine reaches. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "");
  if (bare === "localhost") return true;
  if (isIP(bare) === 4) return bare.startsWith("127.");
  if (isIP(bare) === 6) return bare === "::1";
  return false;
}

/**
 * Parses `--queue`. A Redis on another host must take a password (`redis://:pw@host` or an ACL user,
 * `redis://user:pw@host`): an unauthenticated Redis reachable over a network accepts any job from
 * anyone, so Crucible refuses to send work to one. Loopback may go without (a Redis on this machine).
 */
export function parseRedisUrl(url: string): RedisConnection {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CrucibleError(
      "CRUCIBLE_USAGE",
      `--queue ${url}: not a URL (expected redis://:password@host:6379)`,
    );
  }
  const shown = redactRedisUrl(url);
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:")
    throw new CrucibleError(
      "CRUCIBLE_USAGE",
      `--queue ${shown}: expected a redis:// or rediss:// (TLS) URL, got ${parsed.protocol}`,
    );
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  if (host === "")
    throw new CrucibleError(
      "CRUCIBLE_USAGE",
      `--queue ${shown}: no host (expected redis://:password@host:6379)`,
    );
  const password = decodeURIComponent(parsed.password);
  if (password === "" && !isLoopbackHost(host))
    throw new CrucibleError(
      "CRUCIBLE_USAGE",
      `--queue ${shown}: refusing a Redis on ${host} without a password: anyone who reaches it could queue jobs. ` +
        "Give one (redis://:password@host:6379, or an ACL user: redis://user:password@host:6379; rediss:// for TLS)",
    );
  const dbText = parsed.pathname.replace(/^\//, "");
  const db = dbText === "" ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0)
    throw new CrucibleError(
      "CRUCIBLE_USAGE",
      `--queue ${shown}: the path must be a database number, got /${dbText}`,
    );
  const port = parsed.port === "" ? 6379 : Number(parsed.port);
  return {
    host,
    port,
    db,
    ...(parsed.username === "" ? {} : { username: decodeURIComponent(parsed.username) }),
    ...(password === "" ? {} : { password }),
    ...(parsed.protocol === "rediss:" ? { tls: isIP(host) === 0 ? { servername: host } : {} } : {}),
  };
}
