import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { CrucibleError } from "../errors/CrucibleError.ts";
import type { ResultsStore } from "./resultsStore.ts";

/** `s3://bucket/prefix` read into its parts; one clear error for anything else. */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/i.exec(url);
  if (match === null)
    throw new CrucibleError(
      "CRUCIBLE_USAGE",
      `--results ${url}: expected s3://bucket/prefix (a bucket name of 3-63 letters, digits, dots and dashes)`,
    );
  return { bucket: match[1] as string, prefix: (match[2] ?? "").replace(/^\/+|\/+$/g, "") };
}

/** A sweep folder's temporary name (`.name-seed-stamp.partial`) is stored under its final one. */
export function storedName(folder: string): string {
  const [first = "", ...rest] = folder.split(/[/\\]/);
  return [first.replace(/^\./, "").replace(/\.partial$/, ""), ...rest].join("/");
}

/**
 * The standard AWS variables configure the client, never a job: AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY (or any source of the SDK's default chain: a profile, a pod's role),
 * AWS_REGION (default us-east-1), and AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL for an S3-compatible
 * server (MinIO, Ceph RGW, R2), which is then addressed by path and asked for checksums only where
 * S3 requires them (what such servers support).
 */
function s3Client(): S3Client {
  const endpoint = process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL;
  return new S3Client({
    region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1",
    ...(endpoint === undefined || endpoint === ""
      ? {}
      : {
          endpoint,
          forcePathStyle: true,
          requestChecksumCalculation: "WHEN_REQUIRED",
          responseChecksumValidation: "WHEN_REQUIRED",
        }),
  });
}

/** Files under a folder, as paths relative to it with `/` separators. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  const files: string[] = [];
  for (const entry of entries)
    if ((await stat(join(dir, entry))).isFile()) files.push(entry.split(sep).join("/"));
  return files.sort();
}

/**
 * An S3-compatible bucket as the results store: a worker runs into a scratch folder on local disk
 * (a run folder is written under a temporary name and renamed, which S3 cannot do) and uploads the
 * finished run folder; the plan it reads is downloaded first. Object keys are
 * `<prefix>/<sweep folder>/<path>`, the same layout as the shared folder's.
 */
export function s3ResultsStore(
  url: string,
  scratchRoot = join(tmpdir(), "crucible-s3-scratch"),
): ResultsStore {
  const { bucket, prefix } = parseS3Url(url);
  const client = s3Client();
  const key = (folder: string, path: string) =>
    [prefix, storedName(folder), path].filter((p) => p !== "").join("/");
  const scratch = (folder: string) => join(scratchRoot, `${process.pid}`, ...storedName(folder).split("/"));
  const fail = (what: string, cause: unknown) =>
    new CrucibleError("CRUCIBLE_RUN_FAILED", `--results ${url}: ${what}: ${(cause as Error).message}`, {
      cause,
    });
  const put = async (Key: string, path: string) => {
    await client
      .send(new PutObjectCommand({ Bucket: bucket, Key, Body: await readFile(path) }))
      .catch((cause) => {
        throw fail(`cannot write s3://${bucket}/${Key}`, cause);
      });
  };
  return {
    where: url,
    check: async () => {
      const probe = key(".crucible-store-check", "");
      await client
        .send(new PutObjectCommand({ Bucket: bucket, Key: probe, Body: "crucible can write here\n" }))
        .catch((cause) => {
          throw fail(
            "cannot write to the bucket (check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION and, for an S3-compatible server, AWS_ENDPOINT_URL_S3)",
            cause,
          );
        });
    },
    checkout: async (folder, files) => {
      const dir = scratch(folder);
      await mkdir(dir, { recursive: true });
      for (const file of files) {
        const Key = key(folder, file);
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key })).catch((cause) => {
          throw fail(`cannot read s3://${bucket}/${Key}`, cause);
        });
        await writeFile(
          join(dir, file),
          await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
        );
      }
      return dir;
    },
    checkin: async (folder, sub) => {
      const local = join(scratch(folder), sub);
      const files = await filesUnder(local);
      // A few uploads at a time: a run folder holds tens of files.
      for (let i = 0; i < files.length; i += 8)
        await Promise.all(
          files
            .slice(i, i + 8)
            .map((f) => put(key(folder, [sub, f].filter((p) => p !== "").join("/")), join(local, f))),
        );
      await rm(local, { recursive: true, force: true });
    },
    upload: async (localDir, folder, files) => {
      for (const file of files) await put(key(folder, file), join(localDir, file));
    },
    address: (folder, path) => `s3://${bucket}/${key(folder, path)}`,
  };
}
