import { describe, expect, it } from "vitest";
import { parseS3Url, storedName } from "./s3ResultsStore.ts";

describe("parseS3Url and storedName: where a run folder goes in a bucket", () => {
  it("reads the bucket and the prefix (slashes trimmed; none is the bucket's root)", () => {
    expect(parseS3Url("s3://crucible-runs/sweeps/")).toEqual({ bucket: "crucible-runs", prefix: "sweeps" });
    expect(parseS3Url("s3://my.bucket")).toEqual({ bucket: "my.bucket", prefix: "" });
  });
  it("refuses what is not an s3:// URL with a valid bucket name, naming --results", () => {
    for (const url of ["s3://", "s3://ab", "s3://B_/x", "gs://bucket/x"])
      expect(() => parseS3Url(url), url).toThrow(`--results ${url}: expected s3://bucket/prefix`);
  });
  it("stores a sweep folder under its final name", () => {
    expect(storedName(".tiny-6-20261206T001651595Z.partial")).toBe("tiny-6-20261206T001651595Z");
    expect(storedName(".tiny.partial/runs/0-1")).toBe("tiny/runs/0-1");
    expect(storedName("check/seed-7")).toBe("check/seed-7");
  });
});
