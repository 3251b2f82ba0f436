import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { CrucibleError } from "../../sim/errors/CrucibleError.ts";
import { type CompareManyResult, type WriteCompareOptions, writeCompareMany } from "./writeCompare.ts";

/** Whether a folder is a network run (issue 21: it holds network.json and its subnets' run folders). */
export function isNetworkRun(dir: string): boolean {
  return existsSync(join(dir, "network.json"));
}

/** A network run's subnets, in order: each name and its run folder (from network.json). */
function networkSubnets(dir: string): { name: string; folder: string }[] {
  const file = join(dir, "network.json");
  if (!existsSync(file))
    throw new CrucibleError(
      "CRUCIBLE_REPORT_FAILED",
      `${file}: missing; a network run (subnets:) compares only with network runs`,
    );
  const json = JSON.parse(readFileSync(file, "utf8")) as { subnets?: { name: string; folder: string }[] };
  if (!Array.isArray(json.subnets) || json.subnets.length === 0)
    throw new CrucibleError("CRUCIBLE_REPORT_FAILED", `${file}: subnets: expected the network's subnets`);
  return json.subnets;
}

/**
 * `crucible compare` of network runs (issue 21): subnet by subnet, each subnet's run in B, C, …
 * against the same subnet's run in A, as single-subnet runs are compared; one compare.html per
 * subnet in `<outDir>/<subnet>/`. The networks must have the same subnets in the same order.
 */
export async function writeNetworkCompare(
  dirs: readonly string[],
  options: WriteCompareOptions = {},
): Promise<{ outDir: string; subnets: { name: string; result: CompareManyResult }[] }> {
  const [first, ...rest] = dirs.map((d) => ({ dir: d, subnets: networkSubnets(d) }));
  const names = first.subnets.map((s) => s.name);
  for (const other of rest) {
    const theirs = other.subnets.map((s) => s.name);
    if (theirs.join(",") !== names.join(","))
      throw new CrucibleError(
        "CRUCIBLE_REPORT_FAILED",
        `${join(other.dir, "network.json")}: subnets: expected ${names.join(", ")} (as ${first.dir}), got ${theirs.join(", ")}`,
      );
  }
  const sides = [first, ...rest];
  const outDir =
    options.outDir ??
    join(
      dirname(resolve(dirs[dirs.length === 2 ? 1 : 0])),
      `compare-${dirs.map((d) => basename(resolve(d))).join("-vs-")}`,
    );
  const subnets: { name: string; result: CompareManyResult }[] = [];
  for (const [i, name] of names.entries()) {
    const result = await writeCompareMany(
      sides.map((s) => join(s.dir, s.subnets[i].folder)),
      { ...options, outDir: join(outDir, name) },
    );
    subnets.push({ name, result });
  }
  return { outDir, subnets };
}
