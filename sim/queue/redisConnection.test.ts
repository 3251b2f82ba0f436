import { describe, expect, it } from "vitest";
import { isLoopbackHost, parseRedisUrl, redactRedisUrl } from "./redisConnection.ts";

describe("parseRedisUrl: where the queue is, and no unauthenticated Redis off this machine", () => {
  it("reads host, port, ACL user, password, database and TLS", () => {
    expect(parseRedisUrl("redis://:s3cret@10.0.0.5:6380/2")).toEqual({
      host: "10.0.0.5",
      port: 6380,
      db: 2,
      password: "s3cret",
    });
    expect(parseRedisUrl("rediss://crucible:p%40ss@redis.internal")).toEqual({
      host: "redis.internal",
      port: 6379,
      db: 0,
      username: "crucible",
      password: "p@ss",
      tls: { servername: "redis.internal" },
    });
  });

  it("takes a loopback Redis without a password", () => {
    expect(parseRedisUrl("redis://127.0.0.1:7000").password).toBeUndefined();
    expect(parseRedisUrl("redis://localhost").host).toBe("localhost");
    expect(parseRedisUrl("redis://[::1]:7000").host).toBe("::1");
  });

  it("refuses a Redis on another host without a password, naming the host", () => {
    for (const url of ["redis://10.0.0.5:6379", "redis://redis.example.com", "redis://user@0.0.0.0:6379"])
      expect(() => parseRedisUrl(url), url).toThrow(/refusing a Redis on .* without a password/);
  });

  it("refuses what is not a Redis URL", () => {
    expect(() => parseRedisUrl("http://:pw@host")).toThrow(/redis:\/\/ or rediss:\/\//);
    expect(() => parseRedisUrl("not a url")).toThrow(/not a URL/);
    expect(() => parseRedisUrl("redis://:pw@host/x")).toThrow(/database number/);
  });

  it("masks the password in what it prints", () => {
    expect(redactRedisUrl("redis://user:s3cret@host:6379")).toBe("redis://user:***@host:6379");
    expect(redactRedisUrl("redis://host:6379")).toBe("redis://host:6379");
    expect(() => parseRedisUrl("redis://10.0.0.5")).toThrow(
      expect.objectContaining({ code: "CRUCIBLE_USAGE" }),
    );
  });

  it("knows loopback hosts", () => {
    expect(["127.0.0.1", "127.8.9.1", "::1", "localhost"].every(isLoopbackHost)).toBe(true);
    expect(["0.0.0.0", "10.0.0.1", "::", "redis"].some(isLoopbackHost)).toBe(false);
  });
});
