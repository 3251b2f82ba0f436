import { accessSync, constants } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { CrucibleError } from "../errors/CrucibleError.ts";

const require = createRequire(import.meta.url);

const PLATFORM_PACKAGES: Record<string, Record<string, string>> = {
  linux: { x64: "@foundry-rs/anvil-linux-amd64", arm64: "@foundry-rs/anvil-linux-arm64" },
  darwin: { x64: "@foundry-rs/anvil-darwin-amd64", arm64: "@foundry-rs/anvil-darwin-arm64" },
  win32: { x64: "@foundry-rs/anvil-win32-amd64" },
};

/**
 * The path of the Anvil binary shipped by `@foundry-rs/anvil` for this platform
 * (`@foundry-rs/anvil-<platform>-<arch>/bin/anvil`). It works even when npm skipped the wrapper's
 * postinstall. Throws CRUCIBLE_ANVIL_START_FAILED when the package or binary is missing.
 */
export function resolveAnvilBinary(platform: string = process.platform, arch: string = process.arch): string {
  const pkg = PLATFORM_PACKAGES[platform]?.[arch];
  if (pkg === undefined) {
    throw new CrucibleError("CRUCIBLE_ANVIL_START_FAILED", `Anvil has no binary for ${platform}-${arch}`);
  }
  let root: string;
  try {
    root = dirname(require.resolve(`${pkg}/package.json`));
  } catch (cause) {
    throw new CrucibleError(
      "CRUCIBLE_ANVIL_START_FAILED",
      `Anvil binary package ${pkg} is not installed; run npm install (it is an optional dependency of @foundry-rs/anvil)`,
      { cause },
    );
  }
  return checkAnvilBinary(join(root, "bin", platform === "win32" ? "anvil.exe" : "anvil"));
}

/** Returns `binary` if it exists and is executable, else throws CRUCIBLE_ANVIL_START_FAILED. */
export function checkAnvilBinary(binary: string): string {
  try {
    accessSync(binary, constants.X_OK);
  } catch (cause) {
    throw new CrucibleError(
      "CRUCIBLE_ANVIL_START_FAILED",
      `Anvil binary ${binary} is missing or not executable`,
      {
        cause,
      },
    );
  }
  return binary;
}
