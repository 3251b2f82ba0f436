import { CrucibleError } from "../errors/CrucibleError.ts";
import { sharedFolderStore } from "./sharedFolderStore.ts";

/**
 * Where run folders go so that every worker and the coordinator reach them: a shared folder (the
 * default: NFS, a ReadWriteMany volume) or an S3-compatible bucket (`s3://bucket/prefix`). A worker
 * checks out a folder of the store (the shared folder's own, or a scratch copy on local disk),
 * writes a run into it, and checks the run in (nothing to do on a shared folder; an upload to S3).
 * Folders are named by paths relative to the store, the names jobs carry.
 */
export interface ResultsStore {
  /** The store as the user named it: a folder, or `s3://bucket/prefix`. */
  readonly where: string;
  /** Fails with one clear error when the store cannot be written, before any job runs. */
  check(): Promise<void>;
  /** A folder on this machine standing for `folder`, with these of its files present. */
  checkout(folder: string, files: readonly string[]): Promise<string>;
  /** Puts `folder/sub`, written under `checkout(folder)`, into the store (the scratch copy is removed). */
  checkin(folder: string, sub: string): Promise<void>;
  /** Copies these files of a local folder into the store's `folder` (a coordinator's plan). */
  upload(localDir: string, folder: string, files: readonly string[]): Promise<void>;
  /** Where `folder/path` lies in the store, for tables and logs. */
  address(folder: string, path: string): string;
}

/** `--results`: `s3://bucket/prefix` for a bucket (endpoint and keys from the AWS_* variables), else a folder. */
export async function openResultsStore(where: string): Promise<ResultsStore> {
  if (/^s3:\/\//i.test(where)) {
    const { s3ResultsStore } = await import("./s3ResultsStore.ts");
    return s3ResultsStore(where);
  }
  if (/^[a-z][\w+.-]*:\/\//i.test(where))
    throw new CrucibleError("CRUCIBLE_USAGE", `--results ${where}: expected a folder or s3://bucket/prefix`);
  return sharedFolderStore(where);
}
