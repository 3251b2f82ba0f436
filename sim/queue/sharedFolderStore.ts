import { copyFile, mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { CrucibleError } from "../errors/CrucibleError.ts";
import type { ResultsStore } from "./resultsStore.ts";

/** The default results store: a folder every machine mounts (the worker's `--results`, the coordinator's `--out`). */
export function sharedFolderStore(root: string): ResultsStore {
  const dir = resolve(root);
  return {
    where: dir,
    check: async () => {
      await mkdir(dir, { recursive: true }).catch((cause: unknown) => {
        throw new CrucibleError("CRUCIBLE_USAGE", `--results ${root}: cannot create the folder`, { cause });
      });
    },
    checkout: async (folder) => join(dir, folder),
    checkin: async () => undefined,
    upload: async (localDir, folder, files) => {
      if (resolve(localDir) === join(dir, folder)) return;
      await mkdir(join(dir, folder), { recursive: true });
      for (const file of files) await copyFile(join(localDir, file), join(dir, folder, file));
    },
    address: (folder, path) => join(dir, folder, path),
  };
}
