import { mkdir, stat } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * `mkdir -p` that always ends: each level is created without `recursive`, parents first, and an
 * error other than "exists" or "missing parent" is thrown at once. Node's `mkdir(..., { recursive:
 * true })` loops for ever on a path whose parent exists but refuses the child with ENOENT (`/proc/x`).
 */
export async function makeDirs(dir: string): Promise<void> {
  try {
    await mkdir(dir);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      if ((await stat(dir)).isDirectory()) return;
      throw error;
    }
    const parent = dirname(dir);
    if (code !== "ENOENT" || parent === dir) throw error;
  }
  await makeDirs(dirname(dir));
  try {
    await mkdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}
